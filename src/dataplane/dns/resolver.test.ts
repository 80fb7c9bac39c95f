import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openFixture } from '../testing-fixtures.js';
import { compileNetwork } from '../network/compile.js';
import { resolveVantage } from '../network/vantage.js';
import { KIND, type Vpc } from '../../state/records/ec2.js';
import { createResolver } from './resolver.js';
import { EC2_PRIVATE_NAME_TTL } from './ec2-names.js';
import type { NameSource } from './name-source.js';
import { normalizeName } from './names.js';

const { f, store } = openFixture();
const app = f.vpc('10.0.0.0/16', { wires: [140] });
const subnet = f.subnet(app, '10.0.1.0/24');
const instance = f.instance(subnet, '10.0.1.5');
const vgw = f.vpnGateway(app);
const vpn = f.vpnConnection(vgw, ['192.168.0.0/16'], { wire: 144 });
const network = { snapshot: () => compileNetwork(store) };
const inVpc = { kind: 'vpc', vpcId: app.id, ip: '10.0.1.9' } as const;
const NAME = 'ip-10-0-1-5.eu-west-1.compute.internal';

test('names compare case-insensitively, with the trailing dot optional', () => {
  assert.equal(normalizeName('Ip-10-0-1-5.EU-West-1.Compute.Internal.'), NAME);
  assert.equal(normalizeName(NAME), NAME);
  assert.equal(normalizeName('.'), '');
});

test('EC2 private names answer their address with TTL 60 inside a VPC', () => {
  const resolver = createResolver(network);
  assert.equal(instance.privateDnsName, NAME);
  assert.deepEqual(resolver.lookup(NAME, inVpc), { kind: 'found', records: [{ type: 'A', address: '10.0.1.5', ttl: 60 }], source: 'ec2-private-dns' });
  assert.equal(EC2_PRIVATE_NAME_TTL, 60);
  for (const spelling of ['IP-10-0-1-5.EU-WEST-1.COMPUTE.INTERNAL', `${NAME}.`, 'ip-10-0-1-5.ec2.internal', 'ip-10-0-1-5.ec2.internal.']) {
    assert.equal(resolver.resolveName(spelling, inVpc), '10.0.1.5', spelling);
  }
});

test('EC2 private names do not resolve from the internet or a customer network: NXDOMAIN, no upstream', () => {
  const resolver = createResolver(network);
  assert.deepEqual(resolver.lookup(NAME, { kind: 'internet' }), { kind: 'nxdomain', source: 'none' });
  assert.deepEqual(resolver.lookup(NAME, { kind: 'customer-network', vpnConnectionId: vpn.id, ip: '192.168.0.10' }), { kind: 'nxdomain', source: 'none' });
  assert.deepEqual(resolver.lookup('example.com', inVpc), { kind: 'nxdomain', source: 'none' });
  assert.deepEqual(resolver.lookup('ip-10-0-1-300.eu-west-1.compute.internal', inVpc), { kind: 'nxdomain', source: 'none' });
  assert.deepEqual(resolver.lookup('', inVpc), { kind: 'nxdomain', source: 'none' });
  assert.equal(resolver.resolveName(NAME, { kind: 'internet' }), undefined);
});

test('a VPC with enableDnsSupport false gets no answers for EC2 private names', () => {
  const resolver = createResolver(network);
  f.update<Vpc>(KIND.vpc, app.id, (v) => ({ ...v, enableDnsSupport: false }));
  try {
    assert.equal(network.snapshot().vpcs.get(app.id)?.enableDnsSupport, false);
    assert.deepEqual(resolver.lookup(NAME, inVpc), { kind: 'nxdomain', source: 'none' });
    assert.equal(resolver.resolveName(NAME, inVpc), undefined);
  } finally {
    f.update<Vpc>(KIND.vpc, app.id, (v) => ({ ...v, enableDnsSupport: true }));
  }
  assert.equal(resolver.resolveName(NAME, inVpc), '10.0.1.5');
});

test('an unknown VPC id gets no answers', () => {
  assert.equal(createResolver(network).resolveName(NAME, { kind: 'vpc', vpcId: 'vpc-0000000000000dead' }), undefined);
});

test('the vantage proxy asks with its Endpoint: every Endpoint is a view', () => {
  const resolver = createResolver(network);
  const snapshot = network.snapshot();
  assert.equal(resolver.resolveName(NAME, resolveVantage(snapshot, instance.id)), '10.0.1.5');
  assert.equal(resolver.resolveName(NAME, resolveVantage(snapshot, subnet.id)), '10.0.1.5');
  assert.equal(resolver.resolveName(NAME, resolveVantage(snapshot, vpn.id)), undefined);
  assert.equal(resolver.resolveName(NAME, resolveVantage(snapshot, 'internet')), undefined);
});

test('sources are asked in order; the first that knows the name answers, and NXDOMAIN from a source stops the chain', () => {
  const asked: string[] = [];
  const source = (name: string, answer: (n: string) => ReturnType<NameSource['lookup']>): NameSource => ({
    name,
    lookup(n) {
      asked.push(`${name}:${n}`);
      return answer(n);
    },
  });
  const privateZone = source('private-zone', (n) => (n.endsWith('.corp.example') ? (n === 'api.corp.example' ? { kind: 'found', records: [{ type: 'A', address: '10.0.2.10', ttl: 300 }], source: 'private-zone' } : { kind: 'nxdomain', source: 'private-zone' }) : undefined));
  const publicZone = source('public-zone', (n) =>
    n === 'www.corp.example' || n === 'v6.example'
      ? {
          kind: 'found',
          records: [
            { type: 'AAAA', address: '2001:db8::1', ttl: 300 },
            { type: 'A', address: '203.0.113.7', ttl: 300 },
          ],
          source: 'public-zone',
        }
      : undefined,
  );
  const resolver = createResolver(network, [privateZone, publicZone]);

  assert.equal(resolver.resolveName('API.corp.example.', inVpc), '10.0.2.10');
  assert.deepEqual(asked, ['private-zone:api.corp.example']);
  asked.length = 0;
  // The private zone matches the suffix and has no such name: NXDOMAIN, the public zone is not asked.
  assert.deepEqual(resolver.lookup('www.corp.example', inVpc), { kind: 'nxdomain', source: 'private-zone' });
  assert.deepEqual(asked, ['private-zone:www.corp.example']);
  asked.length = 0;
  // Not the private zone's business: the next source answers; resolveName picks the A record.
  assert.equal(resolver.resolveName('v6.example', inVpc), '203.0.113.7');
  assert.deepEqual(asked, ['private-zone:v6.example', 'public-zone:v6.example']);
  // The default sources are not part of a chain given explicitly.
  assert.equal(resolver.resolveName(NAME, inVpc), undefined);
});

test('a name that exists with no IPv4 record gives the vantage proxy nothing', () => {
  const onlyV6: NameSource = { name: 'v6', lookup: (n) => (n === 'v6only.example' ? { kind: 'found', records: [{ type: 'AAAA', address: '2001:db8::2', ttl: 60 }], source: 'v6' } : undefined) };
  const resolver = createResolver(network, [onlyV6]);
  assert.equal(resolver.lookup('v6only.example', { kind: 'internet' }).kind, 'found');
  assert.equal(resolver.resolveName('v6only.example', { kind: 'internet' }), undefined);
});
