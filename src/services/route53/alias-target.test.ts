/**
 * Alias records (ec2-route53-acm.md §2.5, §2.6): targets are looked up in the records of the
 * other services, written here directly (no other service is imported).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { makeVpc } from '../../../test/helpers/ec2-records.js';
import { ELBV2_KIND, type LoadBalancer } from '../../state/records/elbv2.js';
import { KIND as APIGW_KIND, type DomainName } from '../../state/records/apigateway.js';
import { KIND as EC2_KIND, type VpcEndpoint } from '../../state/records/ec2.js';
import { ROUTE53_KIND, recordSetKey, type ResourceRecordSet } from '../../state/records/route53.js';
import type { OperationContext } from '../context.js';
import { route53Service as svc } from './index.js';

const ALB_DNS = 'internal-api-gateway-alb-42029014.eu-west-1.elb.amazonaws.com';
const ALB_ZONE = 'Z32O12XQLNTSW2';

function putLb(ctx: OperationContext): void {
  const lb: LoadBalancer = {
    id: 'arn:aws:elasticloadbalancing:eu-west-1:000000000000:loadbalancer/app/api-gateway-alb/0123456789abcdef',
    region: 'eu-west-1', tags: [], createdAt: '2026-01-01T00:00:00.000Z', name: 'api-gateway-alb', type: 'application', scheme: 'internal', vpcId: 'vpc-1',
    zones: [], securityGroups: [], ipAddressType: 'ipv4', dnsName: ALB_DNS, canonicalHostedZoneId: ALB_ZONE, state: 'active', attributes: {},
  };
  ctx.store.transact((tx) => tx.put(ELBV2_KIND.loadBalancer, lb));
}

function putDomain(ctx: OperationContext, name: string, fields: Partial<DomainName>): void {
  const d: DomainName = {
    id: name, region: 'eu-west-1', domainName: name, domainNameArn: `arn:aws:apigateway:eu-west-1::/domainnames/${name}`, endpointType: 'REGIONAL',
    securityPolicy: 'TLS_1_2', domainNameStatus: 'AVAILABLE', routingMode: 'BASE_PATH_MAPPING_ONLY', tags: {}, createdDate: '2026-01-01T00:00:00.000Z', ...fields,
  };
  ctx.store.transact((tx) => tx.put(APIGW_KIND.domainName, d));
}

function putEndpoint(ctx: OperationContext): VpcEndpoint {
  const vpce: VpcEndpoint = {
    id: 'vpce-0123456789abcdef0', region: 'eu-west-1', ownerId: '000000000000', tags: [], createdAt: '2026-01-01T00:00:00.000Z', vpcEndpointType: 'Interface',
    vpcId: 'vpc-1', serviceName: 'com.amazonaws.eu-west-1.execute-api', state: 'available', policyDocument: '{}',
    subnets: [{ subnetId: 'subnet-1', availabilityZone: 'eu-west-1a', networkInterfaceId: 'eni-1' }], groups: [], privateDnsEnabled: true, dnsSuffix: 'abcd1234', ipAddressType: 'ipv4',
  };
  ctx.store.transact((tx) => tx.put(EC2_KIND.vpcEndpoint, vpce));
  return vpce;
}

async function zone(ctx: OperationContext, name: string, vpc?: { VPCId: string; VPCRegion: string }): Promise<string> {
  const out = await call(svc, ctx, 'CreateHostedZone', { Name: name, CallerReference: `ref-${name}-${Math.random()}`, VPC: vpc });
  return out.HostedZone.Id.replace('/hostedzone/', '');
}

const alias = (name: string, HostedZoneId: string, DNSName: string, Type = 'A', EvaluateTargetHealth = false) => ({
  Action: 'CREATE',
  ResourceRecordSet: { Name: name, Type, AliasTarget: { HostedZoneId, DNSName, EvaluateTargetHealth } },
});
const create = (ctx: OperationContext, z: string, ...changes: unknown[]) => call(svc, ctx, 'ChangeResourceRecordSets', { HostedZoneId: z, ChangeBatch: { Changes: changes } });
const refuse = (ctx: OperationContext, z: string, ...changes: unknown[]) => callError(svc, ctx, 'ChangeResourceRecordSets', { HostedZoneId: z, ChangeBatch: { Changes: changes } });

test('alias at the apex to an ALB: stored lowercase with a trailing dot, no TTL; dualstack names the same ALB', async () => {
  const ctx = testContext();
  putLb(ctx);
  const z = await zone(ctx, 'vpcdemo.com');
  await create(ctx, z, alias('vpcdemo.com', `/hostedzone/${ALB_ZONE}`, ALB_DNS.toUpperCase(), 'A', true), alias('www.vpcdemo.com', ALB_ZONE, `dualstack.${ALB_DNS}`));
  const apex = ctx.store.get<ResourceRecordSet>(ROUTE53_KIND.recordSet, recordSetKey(z, 'vpcdemo.com.', 'A'))!;
  assert.deepEqual(apex, {
    id: recordSetKey(z, 'vpcdemo.com.', 'A'), zoneId: z, name: 'vpcdemo.com.', type: 'A', ttl: undefined, records: [],
    aliasTarget: { hostedZoneId: ALB_ZONE, dnsName: `${ALB_DNS}.`, evaluateTargetHealth: true }, setIdentifier: undefined, weight: undefined,
  });
  const listed = await call(svc, ctx, 'ListResourceRecordSets', { HostedZoneId: z, StartRecordName: 'vpcdemo.com', StartRecordType: 'A', MaxItems: '1' });
  assert.deepEqual(listed.ResourceRecordSets[0], {
    Name: 'vpcdemo.com.', Type: 'A', SetIdentifier: undefined, Weight: undefined, TTL: undefined, ResourceRecords: undefined,
    AliasTarget: { HostedZoneId: ALB_ZONE, DNSName: `${ALB_DNS}.`, EvaluateTargetHealth: true },
  });
  // DELETE must repeat EvaluateTargetHealth too.
  const mismatch = await refuse(ctx, z, { ...alias('vpcdemo.com', ALB_ZONE, ALB_DNS), Action: 'DELETE' });
  assert.match((mismatch.extra!.messages as string[])[0]!, /do not match the current values$/);
});

test('ALB aliases with the wrong zone id, to a missing ALB, or of a non-address type are refused', async () => {
  const ctx = testContext();
  putLb(ctx);
  const z = await zone(ctx, 'vpcdemo.com');
  const wrongZone = await refuse(ctx, z, alias('a.vpcdemo.com', 'Z35SXDOTRQ7X7K', ALB_DNS));
  assert.deepEqual(wrongZone.extra, {
    messages: [`Tried to create an alias that targets ${ALB_DNS}., type A in zone Z35SXDOTRQ7X7K, but the alias target name does not lie within the target zone`],
  });
  const missing = await refuse(ctx, z, alias('b.vpcdemo.com', ALB_ZONE, 'internal-gone-1.eu-west-1.elb.amazonaws.com'));
  assert.deepEqual(missing.extra, {
    messages: [`Tried to create an alias that targets internal-gone-1.eu-west-1.elb.amazonaws.com., type A in zone ${ALB_ZONE}, but that target was not found`],
  });
  assert.equal((await refuse(ctx, z, alias('c.vpcdemo.com', ALB_ZONE, ALB_DNS, 'TXT'))).code, 'InvalidChangeBatch');
  assert.equal((await refuse(ctx, z, alias('d.vpcdemo.com', ALB_ZONE, ALB_DNS, 'NS'))).code, 'InvalidChangeBatch');
});

test('aliases to records of the same zone: the target must exist (earlier in the batch counts) and lie in the zone', async () => {
  const ctx = testContext();
  const z = await zone(ctx, 'example.org');
  await create(
    ctx,
    z,
    { Action: 'CREATE', ResourceRecordSet: { Name: 'www.example.org', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] } },
    alias('example.org', z, 'www.example.org'),
  );
  const missing = await refuse(ctx, z, alias('x.example.org', z, 'nope.example.org'));
  assert.deepEqual(missing.extra, { messages: [`Tried to create an alias that targets nope.example.org., type A in zone ${z}, but that target was not found`] });
  const outside = await refuse(ctx, z, alias('y.example.org', z, 'www.example.net'));
  assert.match((outside.extra!.messages as string[])[0]!, /does not lie within the target zone$/);
  const self = await refuse(ctx, z, alias('self.example.org', z, 'self.example.org'));
  assert.equal(self.code, 'InvalidChangeBatch');
  const other = await zone(ctx, 'example.net');
  await create(ctx, other, { Action: 'CREATE', ResourceRecordSet: { Name: 'www.example.net', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.2' }] } });
  assert.equal((await refuse(ctx, z, alias('z.example.org', other, 'www.example.net'))).code, 'InvalidChangeBatch');
});

test('API Gateway custom domain names: regional by regionalDomainName, edge by distributionDomainName', async () => {
  const ctx = testContext();
  putDomain(ctx, 'api.example.org', { regionalDomainName: 'd-abcdefghij.execute-api.eu-west-1.amazonaws.com', regionalHostedZoneId: 'ZLY8HYME6SFDD' });
  putDomain(ctx, 'edge.example.org', { endpointType: 'EDGE', distributionDomainName: 'd1234567890abc.cloudfront.net', distributionHostedZoneId: 'Z2FDTNDATAQYW2' });
  const z = await zone(ctx, 'example.org');
  await create(ctx, z, alias('api.example.org', 'ZLY8HYME6SFDD', 'd-abcdefghij.execute-api.eu-west-1.amazonaws.com'), alias('edge.example.org', 'Z2FDTNDATAQYW2', 'd1234567890abc.cloudfront.net'));
  assert.equal((await refuse(ctx, z, alias('x.example.org', 'Z1UJRXOUMOOFQ8', 'd-abcdefghij.execute-api.eu-west-1.amazonaws.com'))).code, 'InvalidChangeBatch');
  assert.equal((await refuse(ctx, z, alias('y.example.org', 'ZLY8HYME6SFDD', 'd-zzzzzzzzzz.execute-api.eu-west-1.amazonaws.com'))).code, 'InvalidChangeBatch');
  const cloudfront = await refuse(ctx, z, alias('cdn.example.org', 'Z2FDTNDATAQYW2', 'dunknown.cloudfront.net'));
  assert.equal(cloudfront.code, 'NotImplemented');
  const s3 = await refuse(ctx, z, alias('site.example.org', 'Z1BKCTXD74EZPE', 's3-website-us-east-1.amazonaws.com'));
  assert.equal(s3.code, 'NotImplemented');

  const vpcId = await makeVpc(ctx, '10.20.0.0/16');
  const priv = await zone(ctx, 'example.org', { VPCId: vpcId, VPCRegion: 'eu-west-1' });
  const privateCf = await refuse(ctx, priv, alias('edge.example.org', 'Z2FDTNDATAQYW2', 'd1234567890abc.cloudfront.net'));
  assert.match((privateCf.extra!.messages as string[])[0]!, /CloudFront distributions cannot be alias targets in a private hosted zone/);
});

test('interface VPC endpoints: regional and zonal DNS names with their hosted zone id', async () => {
  const ctx = testContext();
  const vpce = putEndpoint(ctx);
  const z = await zone(ctx, 'example.org');
  const regional = `${vpce.id}-abcd1234.execute-api.eu-west-1.vpce.amazonaws.com`;
  const zonal = `${vpce.id}-abcd1234-eu-west-1a.execute-api.eu-west-1.vpce.amazonaws.com`;
  // localvpc's table has documented ids for us-east-1/us-east-2 only; other Regions use us-east-1's (vpc-endpoint-names.ts).
  await create(ctx, z, alias('vpce.example.org', 'Z7HUB22UULQXV', regional), alias('vpce-a.example.org', 'Z7HUB22UULQXV', zonal));
  assert.equal((await refuse(ctx, z, alias('bad.example.org', 'Z7HUB22UULQXV', `vpce-0000-x.execute-api.eu-west-1.vpce.amazonaws.com`))).code, 'InvalidChangeBatch');
});
