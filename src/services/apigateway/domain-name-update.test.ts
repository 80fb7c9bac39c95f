/** UpdateDomainName patch operations (apigateway-rest.md §1.10). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apigatewayService as svc } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { KIND, domainNameKey, type DomainName } from '../../state/records/apigateway.js';
import { putCertificate } from './domain-fixtures.test.js';

const REGION = 'eu-west-1';

test('regional domain: certificate and security policy; private-only and unimplemented paths refused', async () => {
  const ctx = testContext();
  const cert = putCertificate(ctx.store, REGION, ['api.example.com']);
  await call(svc, ctx, 'CreateDomainName', { domainName: 'api.example.com', regionalCertificateArn: cert, endpointConfiguration: { types: ['REGIONAL'] } });
  const next = putCertificate(ctx.store, REGION, ['*.example.com']);
  const up = await call(svc, ctx, 'UpdateDomainName', {
    domainName: 'api.example.com',
    patchOperations: [{ op: 'replace', path: '/regionalCertificateArn', value: next }, { op: 'replace', path: '/securityPolicy', value: 'TLS_1_0' }],
  });
  assert.equal(up.regionalCertificateArn, next);
  assert.equal(up.securityPolicy, 'TLS_1_0');
  assert.equal(ctx.store.get<DomainName>(KIND.domainName, 'api.example.com')!.regionalCertificateArn, next);

  const patch = (op: Record<string, string>) => callError(svc, ctx, 'UpdateDomainName', { domainName: 'api.example.com', patchOperations: [op] });
  const wrong = putCertificate(ctx.store, REGION, ['other.example.org']);
  assert.match((await patch({ op: 'replace', path: '/regionalCertificateArn', value: wrong })).message, /does not cover/);
  assert.equal((await patch({ op: 'replace', path: '/certificateArn', value: next })).message, 'Cannot import certificates for EDGE while REGIONAL is active.');
  assert.equal((await patch({ op: 'replace', path: '/policy', value: '{}' })).code, 'BadRequestException');
  assert.equal((await patch({ op: 'replace', path: '/managementPolicy', value: '{}' })).code, 'BadRequestException');
  assert.equal((await patch({ op: 'replace', path: '/endpointConfiguration/types/REGIONAL', value: 'EDGE' })).code, 'NotImplemented');
  assert.equal((await patch({ op: 'replace', path: '/endpointConfiguration/types/0', value: 'EDGE' })).code, 'NotImplemented');
  // Terraform sends the current type with every certificate change.
  const same = await call(svc, ctx, 'UpdateDomainName', { domainName: 'api.example.com', patchOperations: [{ op: 'replace', path: '/endpointConfiguration/types/0', value: 'REGIONAL' }] });
  assert.deepEqual(same.endpointConfiguration, { types: ['REGIONAL'], ipAddressType: 'ipv4' });
  assert.equal((await patch({ op: 'replace', path: '/mutualTlsAuthentication/truststoreUri', value: 's3://b/k' })).code, 'NotImplemented');
  assert.equal((await patch({ op: 'replace', path: '/routingMode', value: 'ROUTING_RULE_ONLY' })).code, 'NotImplemented');
  assert.equal((await patch({ op: 'replace', path: '/nope', value: 'x' })).code, 'BadRequestException');
  assert.equal((await patch({ op: 'add', path: '/securityPolicy', value: 'TLS_1_2' })).code, 'BadRequestException');
  // A failing patch list changes nothing.
  await callError(svc, ctx, 'UpdateDomainName', { domainName: 'api.example.com', patchOperations: [{ op: 'replace', path: '/securityPolicy', value: 'TLS_1_2' }, { op: 'replace', path: '/nope', value: 'x' }] });
  assert.equal((await call(svc, ctx, 'GetDomainName', { domainName: 'api.example.com' })).securityPolicy, 'TLS_1_0');
});

test('private domain: policy (shorthand expanded) and managementPolicy replaced', async () => {
  const ctx = testContext();
  const cert = putCertificate(ctx.store, REGION, ['private.example.com']);
  const dn = await call(svc, ctx, 'CreateDomainName', { domainName: 'private.example.com', certificateArn: cert, endpointConfiguration: { types: ['PRIVATE'] } });
  assert.equal(dn.policy, undefined);
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' } });
  const management = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'apigateway:CreateAccessAssociation', Resource: dn.domainNameArn }] });
  const up = await call(svc, ctx, 'UpdateDomainName', {
    domainName: 'private.example.com', domainNameId: dn.domainNameId,
    patchOperations: [{ op: 'replace', path: '/policy', value: policy }, { op: 'replace', path: '/managementPolicy', value: management }],
  });
  assert.equal(JSON.parse(up.policy).Statement.Resource, `arn:aws:execute-api:eu-west-1:000000000000:/domainnames/private.example.com+${dn.domainNameId}`);
  assert.deepEqual(JSON.parse(up.managementPolicy), JSON.parse(management));
  const rec = ctx.store.get<DomainName>(KIND.domainName, domainNameKey('private.example.com', dn.domainNameId))!;
  assert.equal(rec.policy, up.policy);
  assert.equal(rec.managementPolicy, up.managementPolicy);
  assert.equal((await callError(svc, ctx, 'UpdateDomainName', { domainName: 'private.example.com', domainNameId: dn.domainNameId, patchOperations: [{ op: 'replace', path: '/policy', value: '[' }] })).code, 'BadRequestException');
  assert.equal((await callError(svc, ctx, 'UpdateDomainName', { domainName: 'private.example.com', domainNameId: dn.domainNameId, patchOperations: [{ op: 'replace', path: '/securityPolicy', value: 'TLS_1_0' }] })).code, 'BadRequestException');
  assert.equal((await callError(svc, ctx, 'UpdateDomainName', { domainName: 'private.example.com', patchOperations: [] })).code, 'NotFoundException');
});
