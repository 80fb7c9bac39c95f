/** Domain name access associations (apigateway-rest.md §1.10, §3). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apigatewayService as svc } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import type { OperationContext } from '../context.js';
import { KIND, type DomainNameAccessAssociation } from '../../state/records/apigateway.js';
import { putCertificate, putVpcEndpoint } from './domain-fixtures.test.js';

const REGION = 'eu-west-1';

async function privateDomain(ctx: OperationContext) {
  const cert = putCertificate(ctx.store, REGION, ['*.example.com']);
  const dn = await call(svc, ctx, 'CreateDomainName', { domainName: 'p.example.com', certificateArn: cert, endpointConfiguration: { types: ['PRIVATE'] } });
  const pub = await call(svc, ctx, 'CreateDomainName', { domainName: 'r.example.com', regionalCertificateArn: cert, endpointConfiguration: { types: ['REGIONAL'] } });
  return { dn, pub };
}

test('create, list, tag, delete an association between a VPC endpoint and a private domain', async () => {
  const ctx = testContext();
  const { dn } = await privateDomain(ctx);
  const vpce = putVpcEndpoint(ctx.store, REGION);
  const a = await call(svc, ctx, 'CreateDomainNameAccessAssociation', { domainNameArn: dn.domainNameArn, accessAssociationSourceType: 'VPCE', accessAssociationSource: vpce, tags: { k: 'v' } });
  const arn = `arn:aws:apigateway:eu-west-1:000000000000:/domainnameaccessassociations/domainname/p.example.com+${dn.domainNameId}/vpcesource/${vpce}`;
  assert.deepEqual(a, { domainNameAccessAssociationArn: arn, domainNameArn: dn.domainNameArn, accessAssociationSourceType: 'VPCE', accessAssociationSource: vpce, tags: { k: 'v' } });
  assert.deepEqual(ctx.store.get<DomainNameAccessAssociation>(KIND.domainNameAccessAssociation, arn), {
    id: arn, region: REGION, domainNameArn: dn.domainNameArn, accessAssociationSourceType: 'VPCE', accessAssociationSource: vpce, tags: { k: 'v' },
  });
  const dup = await callError(svc, ctx, 'CreateDomainNameAccessAssociation', { domainNameArn: dn.domainNameArn, accessAssociationSourceType: 'VPCE', accessAssociationSource: vpce });
  assert.equal(dup.code, 'ConflictException');

  assert.deepEqual((await call(svc, ctx, 'GetDomainNameAccessAssociations', {})).items, [a]);
  assert.deepEqual((await call(svc, ctx, 'GetDomainNameAccessAssociations', { resourceOwner: 'OTHER_ACCOUNTS' })).items, []);
  assert.equal((await call(svc, testContext({ store: ctx.store, region: 'us-east-1' }), 'GetDomainNameAccessAssociations', {})).items.length, 0);

  await call(svc, ctx, 'TagResource', { resourceArn: arn, tags: { x: 'y' } });
  assert.deepEqual((await call(svc, ctx, 'GetTags', { resourceArn: arn })).tags, { k: 'v', x: 'y' });

  const reject = await callError(svc, ctx, 'RejectDomainNameAccessAssociation', { domainNameAccessAssociationArn: arn, domainNameArn: dn.domainNameArn });
  assert.equal(reject.code, 'BadRequestException');
  assert.equal((await callError(svc, ctx, 'RejectDomainNameAccessAssociation', { domainNameAccessAssociationArn: `${arn}x`, domainNameArn: dn.domainNameArn })).code, 'NotFoundException');

  assert.deepEqual(await call(svc, ctx, 'DeleteDomainNameAccessAssociation', { domainNameAccessAssociationArn: arn }), {});
  assert.deepEqual(ctx.store.list(KIND.domainNameAccessAssociation), []);
  assert.equal((await callError(svc, ctx, 'DeleteDomainNameAccessAssociation', { domainNameAccessAssociationArn: arn })).code, 'NotFoundException');
});

test('refusals: public domain, unknown domain, missing or deleted endpoint, other source types', async () => {
  const ctx = testContext();
  const { dn, pub } = await privateDomain(ctx);
  const vpce = putVpcEndpoint(ctx.store, REGION);
  const create = (input: Record<string, unknown>) =>
    callError(svc, ctx, 'CreateDomainNameAccessAssociation', { domainNameArn: dn.domainNameArn, accessAssociationSourceType: 'VPCE', accessAssociationSource: vpce, ...input });
  assert.equal((await create({ domainNameArn: pub.domainNameArn })).code, 'BadRequestException');
  assert.equal((await create({ domainNameArn: `${dn.domainNameArn}0` })).code, 'BadRequestException');
  assert.match((await create({ accessAssociationSource: 'vpce-00000000000000000' })).message, /vpce-00000000000000000 does not exist/);
  assert.equal((await create({ accessAssociationSource: putVpcEndpoint(ctx.store, REGION, 'deleted') })).code, 'BadRequestException');
  assert.equal((await create({ accessAssociationSource: putVpcEndpoint(ctx.store, 'us-east-1') })).code, 'BadRequestException');
  assert.equal((await create({ accessAssociationSourceType: 'VPC' })).code, 'ValidationException');
  assert.deepEqual(ctx.store.list(KIND.domainNameAccessAssociation), []);
});

test('tags on domain names by their ARNs', async () => {
  const ctx = testContext();
  const { dn, pub } = await privateDomain(ctx);
  await call(svc, ctx, 'TagResource', { resourceArn: pub.domainNameArn, tags: { a: '1' } });
  await call(svc, ctx, 'TagResource', { resourceArn: dn.domainNameArn, tags: { b: '2' } });
  assert.deepEqual((await call(svc, ctx, 'GetDomainName', { domainName: 'r.example.com' })).tags, { a: '1' });
  assert.deepEqual((await call(svc, ctx, 'GetTags', { resourceArn: dn.domainNameArn })).tags, { b: '2' });
  await call(svc, ctx, 'UntagResource', { resourceArn: dn.domainNameArn, tagKeys: ['b'] });
  assert.equal((await call(svc, ctx, 'GetDomainName', { domainName: 'p.example.com', domainNameId: dn.domainNameId })).tags, undefined);
  assert.equal((await callError(svc, ctx, 'GetTags', { resourceArn: 'arn:aws:apigateway:eu-west-1::/domainnames/none.example.com' })).code, 'NotFoundException');
  assert.equal((await callError(svc, ctx, 'GetTags', { resourceArn: 'arn:aws:apigateway:eu-west-1:000000000000:/restapis/abc' })).code, 'BadRequestException');
});
