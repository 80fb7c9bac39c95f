/**
 * Names AWS publishes for load balancers and execute-api, as name sources and through the
 * resolver (elbv2-vpc-endpoints.md §1.2, §5; apigateway-rest.md §2.1). Load balancers are built
 * through the real ELBv2 handlers; wire 179 is only a number here (no sockets).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiEntry, ApiGwSnapshot } from '../apigw/snapshot.js';
import { balancer, lbWorld } from '../lb/fixtures.test.js';
import type { LbSnapshot } from '../lb/snapshot.js';
import { EXECUTE_API_PUBLIC_IP } from '../network/public-services.js';
import { executeApiNames, loadBalancerNames } from './aws-service-names.js';
import type { NameView } from './name-source.js';
import { createResolver } from './resolver.js';

const WIRE = 179;
const VIEWS: readonly NameView[] = [{ kind: 'internet' }, { kind: 'vpc', vpcId: 'vpc-00000000000000001' }, { kind: 'customer-network', vpnConnectionId: 'vpn-00000000000000001' }];

const a = (...addresses: string[]) => addresses.map((address) => ({ type: 'A', address, ttl: 60 }));

async function balancers() {
  const w = lbWorld(WIRE);
  const nlb = await balancer(w, { name: 'Web-NLB' });
  const single = await balancer(w, { name: 'single', subnets: [w.subnetB] });
  const alb = await balancer(w, { type: 'application', name: 'api' });
  let snapshot = w.compile();
  const source = loadBalancerNames(() => snapshot);
  const network = w.network();
  const lookup = (name: string, view: NameView = { kind: 'internet' }) => source.lookup(name, view, network);
  return { w, nlb, single, alb, source, lookup, network, recompile: () => (snapshot = w.compile()), snapshot: (): LbSnapshot => snapshot };
}

test("an NLB name answers every node's private address, in every view, TTL 60", async () => {
  const s = await balancers();
  const name = s.nlb.dnsName.toLowerCase();
  assert.match(name, /^web-nlb-[0-9a-f]{16}\.elb\.eu-west-1\.amazonaws\.com$/);
  for (const view of VIEWS) assert.deepEqual(s.lookup(name, view), { kind: 'found', records: a('10.0.1.4', '10.0.2.4'), source: 'elb' });
  assert.deepEqual(s.lookup(s.single.dnsName), { kind: 'found', records: a('10.0.2.5'), source: 'elb' });
});

test('an NLB zonal name answers the node of that zone; a zone without a node is not known here', async () => {
  const s = await balancers();
  const name = s.nlb.dnsName.toLowerCase();
  assert.deepEqual(s.lookup(`eu-west-1a.${name}`), { kind: 'found', records: a('10.0.1.4'), source: 'elb' });
  assert.deepEqual(s.lookup(`eu-west-1b.${name}`), { kind: 'found', records: a('10.0.2.4'), source: 'elb' });
  assert.equal(s.lookup(`eu-west-1c.${name}`), undefined);
  assert.equal(s.lookup(`eu-west-1a.${s.single.dnsName}`), undefined, 'single lives in eu-west-1b only');
});

test('an internal ALB answers under its internal- name; ALBs have no zonal names', async () => {
  const s = await balancers();
  const name = s.snapshot().loadBalancers.get(s.alb.lbArn)!.dnsName;
  assert.match(name, /^internal-api-\d+\.eu-west-1\.elb\.amazonaws\.com$/);
  assert.equal(name, s.alb.dnsName);
  // Addresses are allocated in creation order: Web-NLB took .4 of both subnets, single .5 of B.
  assert.deepEqual(s.lookup(name), { kind: 'found', records: a('10.0.1.5', '10.0.2.6'), source: 'elb' });
  assert.equal(s.lookup(`eu-west-1a.${name}`), undefined);
});

test('names that are not a load balancer are left to the other sources', async () => {
  const s = await balancers();
  for (const name of [
    'nope-0123456789abcdef.elb.eu-west-1.amazonaws.com',
    'internal-nope-1234.eu-west-1.elb.amazonaws.com',
    'elb.amazonaws.com',
    'example.com',
    `${s.nlb.dnsName.toLowerCase()}.example.com`,
    'abcde12345.execute-api.eu-west-1.amazonaws.com',
  ]) {
    assert.equal(s.lookup(name), undefined, name);
  }
});

test('a deleted load balancer stops answering at the next snapshot', async () => {
  const s = await balancers();
  await s.w.call('DeleteLoadBalancer', { LoadBalancerArn: s.single.lbArn });
  assert.ok(s.lookup(s.single.dnsName), 'the snapshot in service still has it');
  s.recompile();
  assert.equal(s.lookup(s.single.dnsName), undefined);
});

function api(id: string, endpointType: ApiEntry['endpointType'], region = 'eu-west-1'): ApiEntry {
  return { id, region, name: id, endpointType, disableExecuteApiEndpoint: false, vpcEndpointIds: [] };
}

function apigw(...apis: ApiEntry[]): ApiGwSnapshot {
  return { generation: 1, apis: new Map(apis.map((x) => [x.id, x])), stages: new Map(), vpcLinks: new Map(), vpcEndpoints: new Map(), domainNames: new Map() };
}

test('execute-api: an existing non-PRIVATE API in that region answers the public front door address', async () => {
  const { network } = await balancers();
  const source = executeApiNames(() => apigw(api('abcde12345', 'REGIONAL'), api('edge000001', 'EDGE', 'us-east-1'), api('privat0001', 'PRIVATE')));
  for (const view of VIEWS) {
    assert.deepEqual(source.lookup('abcde12345.execute-api.eu-west-1.amazonaws.com', view, network), { kind: 'found', records: a(EXECUTE_API_PUBLIC_IP), source: 'execute-api' });
  }
  assert.deepEqual(source.lookup('edge000001.execute-api.us-east-1.amazonaws.com', { kind: 'internet' }, network), { kind: 'found', records: a(EXECUTE_API_PUBLIC_IP), source: 'execute-api' });
  const nx = { kind: 'nxdomain', source: 'execute-api' };
  // PRIVATE APIs have no public name; an API of another region, or none at all: NXDOMAIN.
  assert.deepEqual(source.lookup('privat0001.execute-api.eu-west-1.amazonaws.com', { kind: 'vpc', vpcId: 'vpc-00000000000000001' }, network), nx);
  assert.deepEqual(source.lookup('abcde12345.execute-api.us-east-1.amazonaws.com', { kind: 'internet' }, network), nx);
  assert.deepEqual(source.lookup('zzzzz99999.execute-api.eu-west-1.amazonaws.com', { kind: 'internet' }, network), nx);
  // Other shapes are not this source's (VPC endpoint forms, the bare suffix, other services).
  for (const name of ['abcde12345-vpce-0123456789abcdef0.execute-api.eu-west-1.amazonaws.com', 'abcde12345.execute-api.eu-west-1.vpce.amazonaws.com', 'execute-api.eu-west-1.amazonaws.com', 'abc.execute-api.eu-west-1.amazonaws.com', 'abcde12345.lambda-url.eu-west-1.on.aws']) {
    assert.equal(source.lookup(name, { kind: 'internet' }, network), undefined, name);
  }
});

test('execute-api reads the latest API Gateway snapshot at each lookup', async () => {
  const { network } = await balancers();
  let current = apigw();
  const source = executeApiNames(() => current);
  const name = 'abcde12345.execute-api.eu-west-1.amazonaws.com';
  assert.equal(source.lookup(name, { kind: 'internet' }, network)?.kind, 'nxdomain');
  current = apigw(api('abcde12345', 'REGIONAL'));
  assert.equal(source.lookup(name, { kind: 'internet' }, network)?.kind, 'found');
  current = apigw(api('abcde12345', 'PRIVATE'));
  assert.equal(source.lookup(name, { kind: 'internet' }, network)?.kind, 'nxdomain');
});

test('through the resolver: any case, a trailing dot; names nobody knows are NXDOMAIN', async () => {
  const s = await balancers();
  const resolver = createResolver({ snapshot: () => s.network }, [loadBalancerNames(() => s.snapshot()), executeApiNames(() => apigw(api('abcde12345', 'REGIONAL'), api('privat0001', 'PRIVATE')))]);
  const internet: NameView = { kind: 'internet' };
  assert.deepEqual(resolver.lookup(`${s.nlb.dnsName.toUpperCase()}.`, internet), { kind: 'found', records: a('10.0.1.4', '10.0.2.4'), source: 'elb' });
  assert.equal(resolver.resolveName(`EU-WEST-1B.${s.nlb.dnsName}`, internet), '10.0.2.4');
  assert.equal(resolver.resolveName('ABCDE12345.execute-api.eu-west-1.amazonaws.com.', internet), EXECUTE_API_PUBLIC_IP);
  assert.equal(resolver.resolveName('privat0001.execute-api.eu-west-1.amazonaws.com', internet), undefined);
  assert.deepEqual(resolver.lookup('nope-0123456789abcdef.elb.eu-west-1.amazonaws.com', internet), { kind: 'nxdomain', source: 'none' });
});
