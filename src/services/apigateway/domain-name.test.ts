/** CreateDomainName / GetDomainName(s) / DeleteDomainName (apigateway-rest.md §1.10). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apigatewayService as svc } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { KIND, domainNameKey, type DomainName } from '../../state/records/apigateway.js';
import { putCertificate, putVpcEndpoint } from './domain-fixtures.test.js';

const REGION = 'eu-west-1';

test('regional domain with an ISSUED certificate: regional name, hosted zone, defaults; stored as the contract says', async () => {
  const ctx = testContext();
  const cert = putCertificate(ctx.store, REGION, ['vpcdemo.com']);
  const dn = await call(svc, ctx, 'CreateDomainName', { domainName: 'VPCDemo.com', regionalCertificateArn: cert, endpointConfiguration: { types: ['REGIONAL'] }, tags: { team: 'net' } });
  assert.equal(dn.domainName, 'vpcdemo.com');
  assert.match(dn.regionalDomainName, /^d-[a-z0-9]{10}\.execute-api\.eu-west-1\.amazonaws\.com$/);
  assert.equal(dn.regionalHostedZoneId, 'ZLY8HYME6SFDD');
  assert.equal(dn.regionalCertificateArn, cert);
  assert.equal(dn.certificateArn, undefined);
  assert.equal(dn.distributionDomainName, undefined);
  assert.deepEqual(dn.endpointConfiguration, { types: ['REGIONAL'], ipAddressType: 'ipv4' });
  assert.equal(dn.securityPolicy, 'TLS_1_2');
  assert.equal(dn.domainNameStatus, 'AVAILABLE');
  assert.equal(dn.routingMode, 'BASE_PATH_MAPPING_ONLY');
  assert.equal(dn.domainNameArn, 'arn:aws:apigateway:eu-west-1::/domainnames/vpcdemo.com');
  assert.equal(dn.domainNameId, undefined);
  assert.deepEqual(dn.tags, { team: 'net' });

  const rec = ctx.store.get<DomainName>(KIND.domainName, domainNameKey('vpcdemo.com'))!;
  assert.equal(rec.id, 'vpcdemo.com');
  assert.equal(rec.region, REGION);
  assert.equal(rec.endpointType, 'REGIONAL');
  assert.equal(rec.regionalDomainName, dn.regionalDomainName);

  assert.deepEqual(await call(svc, ctx, 'GetDomainName', { domainName: 'vpcdemo.com' }), dn);
  assert.equal((await callError(svc, testContext({ store: ctx.store, region: 'us-east-1' }), 'GetDomainName', { domainName: 'vpcdemo.com' })).code, 'NotFoundException');
  const us = testContext({ store: ctx.store, region: 'us-east-1' });
  const usDn = await call(svc, us, 'CreateDomainName', { domainName: 'us.example.com', regionalCertificateArn: putCertificate(ctx.store, 'us-east-1', ['*.example.com']), endpointConfiguration: { types: ['REGIONAL'] } });
  assert.equal(usDn.regionalHostedZoneId, 'Z1UJRXOUMOOFQ8');
});

test('edge domain: us-east-1 certificate, CloudFront distribution name and zone', async () => {
  const ctx = testContext();
  const cert = putCertificate(ctx.store, 'us-east-1', ['api.example.com']);
  const dn = await call(svc, ctx, 'CreateDomainName', { domainName: 'api.example.com', certificateArn: cert });
  assert.deepEqual(dn.endpointConfiguration, { types: ['EDGE'], ipAddressType: 'ipv4' });
  assert.match(dn.distributionDomainName, /^d[a-z0-9]{13}\.cloudfront\.net$/);
  assert.equal(dn.distributionHostedZoneId, 'Z2FDTNDATAQYW2');
  assert.equal(dn.certificateArn, cert);
  assert.equal(dn.regionalDomainName, undefined);

  const regional = putCertificate(ctx.store, REGION, ['api2.example.com']);
  const e = await callError(svc, ctx, 'CreateDomainName', { domainName: 'api2.example.com', certificateArn: regional });
  assert.equal(e.code, 'BadRequestException');
  assert.equal(e.message, `Invalid certificate ARN: ${regional}. Certificate must be in 'us-east-1'.`);
  const other = putCertificate(ctx.store, 'us-east-1', ['other.example.com']);
  assert.match((await callError(svc, ctx, 'CreateDomainName', { domainName: 'api3.example.com', certificateArn: other })).message, /^Unable to associate certificate .* with CloudFront\./);
});

test('certificate checks', async () => {
  const ctx = testContext();
  const create = (domainName: string, regionalCertificateArn?: string, extra: Record<string, unknown> = {}) =>
    callError(svc, ctx, 'CreateDomainName', { domainName, regionalCertificateArn, endpointConfiguration: { types: ['REGIONAL'] }, ...extra });
  const usEast = putCertificate(ctx.store, 'us-east-1', ['a.example.com']);
  assert.equal((await create('a.example.com', usEast)).message, `Invalid certificate ARN: ${usEast}. Certificate must be in 'eu-west-1'.`);
  const missing = `arn:aws:acm:eu-west-1:000000000000:certificate/00000000-0000-4000-8000-000000000000`;
  assert.equal((await create('a.example.com', missing)).message, 'The provided certificate does not exist.');
  const foreign = putCertificate(ctx.store, REGION, ['a.example.com'], 'ISSUED', '111111111111');
  assert.equal((await create('a.example.com', foreign)).message, 'The certificate provided must be owned by the account creating the domain.');
  const pending = putCertificate(ctx.store, REGION, ['a.example.com'], 'PENDING_VALIDATION');
  assert.match((await create('a.example.com', pending)).message, /PENDING_VALIDATION/);
  const wildcard = putCertificate(ctx.store, REGION, ['example.com', '*.example.com']);
  assert.match((await create('a.b.example.com', wildcard)).message, /does not cover the domain name a\.b\.example\.com/);
  assert.equal((await create('a.example.com')).message, 'A certificate was not provided for the endpoint type REGIONAL.');
  assert.equal((await create('a.example.com', undefined, { certificateArn: wildcard })).message, 'Cannot import certificates for EDGE while REGIONAL is active.');
  assert.equal((await create('a.example.com', 'not-an-arn')).code, 'BadRequestException');
  // The wildcard SAN covers one label, and the apex by its own SAN.
  await call(svc, ctx, 'CreateDomainName', { domainName: 'a.example.com', regionalCertificateArn: wildcard, endpointConfiguration: { types: ['REGIONAL'] } });
  await call(svc, ctx, 'CreateDomainName', { domainName: 'example.com', regionalCertificateArn: wildcard, endpointConfiguration: { types: ['REGIONAL'] } });
  const dup = await create('A.example.com', wildcard);
  assert.equal(dup.code, 'BadRequestException');
  assert.equal(dup.message, 'The domain name you provided already exists.');
});

test('unsupported settings are refused, never ignored', async () => {
  const ctx = testContext();
  const cert = putCertificate(ctx.store, REGION, ['*.example.com']);
  const base = { domainName: 'x.example.com', regionalCertificateArn: cert, endpointConfiguration: { types: ['REGIONAL'] } };
  for (const extra of [
    { mutualTlsAuthentication: { truststoreUri: 's3://b/k' } },
    { ownershipVerificationCertificateArn: cert },
    { routingMode: 'ROUTING_RULE_ONLY' },
    { regionalCertificateName: 'n' },
    { securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09' },
    { endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'dualstack' } },
    { domainName: '*.example.com' },
  ]) {
    const e = await callError(svc, ctx, 'CreateDomainName', { ...base, ...extra });
    assert.equal(e.code, 'NotImplemented', JSON.stringify(extra));
  }
  assert.equal((await callError(svc, ctx, 'CreateDomainName', { ...base, securityPolicy: 'TLS_9' })).code, 'ValidationException');
  assert.equal((await callError(svc, ctx, 'CreateDomainName', { ...base, policy: '{}' })).code, 'BadRequestException');
  assert.equal((await callError(svc, ctx, 'CreateDomainName', { ...base, endpointConfiguration: { types: ['REGIONAL', 'EDGE'] } })).code, 'BadRequestException');
  assert.equal((await callError(svc, ctx, 'CreateDomainName', { ...base, domainName: 'bad_name.example.com' })).code, 'BadRequestException');
  assert.deepEqual(ctx.store.list(KIND.domainName), []);
  const ok = await call(svc, ctx, 'CreateDomainName', { ...base, securityPolicy: 'TLS_1_0', routingMode: 'BASE_PATH_MAPPING_ONLY' });
  assert.equal(ok.securityPolicy, 'TLS_1_0');
});

test('private domain: domainNameId, ARN, policy shorthand expanded, lookups need the id', async () => {
  const ctx = testContext();
  const cert = putCertificate(ctx.store, REGION, ['private.example.com']);
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: ['execute-api:/*'] },
      { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: ['execute-api:/*'], Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } } },
    ],
  });
  const dn = await call(svc, ctx, 'CreateDomainName', { domainName: 'private.example.com', certificateArn: cert, endpointConfiguration: { types: ['PRIVATE'] }, securityPolicy: 'TLS_1_2', policy });
  assert.match(dn.domainNameId, /^[a-z0-9]{10}$/);
  const id = dn.domainNameId;
  assert.equal(dn.domainNameArn, `arn:aws:apigateway:eu-west-1:000000000000:/domainnames/private.example.com+${id}`);
  assert.deepEqual(dn.endpointConfiguration, { types: ['PRIVATE'], ipAddressType: 'dualstack' });
  assert.equal(dn.regionalDomainName, undefined);
  assert.equal(dn.distributionDomainName, undefined);
  const doc = JSON.parse(dn.policy);
  const arn = `arn:aws:execute-api:eu-west-1:000000000000:/domainnames/private.example.com+${id}`;
  assert.deepEqual(doc.Statement.map((s: { Resource: string[] }) => s.Resource), [[arn], [arn]]);
  assert.deepEqual(doc.Statement[1].Condition, { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } });
  const rec = ctx.store.get<DomainName>(KIND.domainName, domainNameKey('private.example.com', id))!;
  assert.equal(rec.policy, dn.policy);
  assert.equal(rec.certificateArn, cert);

  const nf = await callError(svc, ctx, 'GetDomainName', { domainName: 'private.example.com' });
  assert.equal(nf.status, 404);
  assert.equal(nf.message, 'Invalid domain name identifier specified');
  assert.equal((await call(svc, ctx, 'GetDomainName', { domainName: 'private.example.com', domainNameId: id })).domainNameArn, dn.domainNameArn);
  // TLS 1.0 and regional certificates do not apply to private domains; a second one of the name is refused.
  assert.equal((await callError(svc, ctx, 'CreateDomainName', { domainName: 'private.example.com', certificateArn: cert, endpointConfiguration: { types: ['PRIVATE'] }, securityPolicy: 'TLS_1_0' })).code, 'BadRequestException');
  assert.equal((await callError(svc, ctx, 'CreateDomainName', { domainName: 'private.example.com', regionalCertificateArn: cert, endpointConfiguration: { types: ['PRIVATE'] } })).message, 'Cannot import certificates for REGIONAL while PRIVATE is active.');
  assert.equal((await callError(svc, ctx, 'CreateDomainName', { domainName: 'private.example.com', certificateArn: cert, endpointConfiguration: { types: ['PRIVATE'] } })).message, 'The domain name you provided already exists.');
  assert.equal((await callError(svc, ctx, 'CreateDomainName', { domainName: 'p2.example.com', certificateArn: cert, endpointConfiguration: { types: ['PRIVATE'] }, policy: 'nope' })).code, 'BadRequestException');
  // A public domain may share the private one's name.
  const pub = await call(svc, ctx, 'CreateDomainName', { domainName: 'private.example.com', regionalCertificateArn: cert, endpointConfiguration: { types: ['REGIONAL'] } });
  assert.equal(pub.domainNameId, undefined);
});

test('GetDomainNames pages; OTHER_ACCOUNTS lists nothing in a single-account world', async () => {
  const ctx = testContext();
  const cert = putCertificate(ctx.store, REGION, ['*.example.com']);
  for (const n of ['a', 'b', 'c']) await call(svc, ctx, 'CreateDomainName', { domainName: `${n}.example.com`, regionalCertificateArn: cert, endpointConfiguration: { types: ['REGIONAL'] } });
  const p1 = await call(svc, ctx, 'GetDomainNames', { limit: 2 });
  assert.deepEqual(p1.items.map((d: { domainName: string }) => d.domainName), ['a.example.com', 'b.example.com']);
  const p2 = await call(svc, ctx, 'GetDomainNames', { limit: 2, position: p1.position });
  assert.deepEqual(p2.items.map((d: { domainName: string }) => d.domainName), ['c.example.com']);
  assert.equal(p2.position, undefined);
  assert.equal((await call(svc, ctx, 'GetDomainNames', { resourceOwner: 'SELF' })).items.length, 3);
  assert.deepEqual((await call(svc, ctx, 'GetDomainNames', { resourceOwner: 'OTHER_ACCOUNTS' })).items, []);
  assert.equal((await call(svc, testContext({ store: ctx.store, region: 'us-east-1' }), 'GetDomainNames', {})).items.length, 0);
});

test('DeleteDomainName removes the domain, its mappings and its access associations', async () => {
  const ctx = testContext();
  const cert = putCertificate(ctx.store, REGION, ['p.example.com']);
  const vpce = putVpcEndpoint(ctx.store, REGION);
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'p', endpointConfiguration: { types: ['PRIVATE'] } });
  const dn = await call(svc, ctx, 'CreateDomainName', { domainName: 'p.example.com', certificateArn: cert, endpointConfiguration: { types: ['PRIVATE'] } });
  await call(svc, ctx, 'CreateBasePathMapping', { domainName: 'p.example.com', domainNameId: dn.domainNameId, restApiId: api.id });
  await call(svc, ctx, 'CreateDomainNameAccessAssociation', { domainNameArn: dn.domainNameArn, accessAssociationSourceType: 'VPCE', accessAssociationSource: vpce });
  assert.equal((await callError(svc, ctx, 'DeleteDomainName', { domainName: 'p.example.com' })).code, 'NotFoundException');
  assert.deepEqual(await call(svc, ctx, 'DeleteDomainName', { domainName: 'p.example.com', domainNameId: dn.domainNameId }), {});
  assert.deepEqual(ctx.store.list(KIND.domainName), []);
  assert.deepEqual(ctx.store.list(KIND.basePathMapping), []);
  assert.deepEqual(ctx.store.list(KIND.domainNameAccessAssociation), []);
  // The API is no longer mapped, so it can go.
  await call(svc, ctx, 'DeleteRestApi', { restApiId: api.id });
});
