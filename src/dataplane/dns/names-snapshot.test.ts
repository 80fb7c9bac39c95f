/**
 * Compiling the names snapshot from records, and finding names in a compiled hosted zone:
 * wildcards (ec2-route53-acm.md §2.9, RFC 4592), empty non-terminals, weighted sets,
 * delegations, synthesised apex SOA/NS (§2.2), endpoint names (elbv2-vpc-endpoints.md §4.2).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openFixture } from '../testing-fixtures.js';
import { compileNames, ENDPOINT_TTL } from './names-snapshot.js';
import { NamesFixture } from './testing-records.js';
import { lookupInZone, type CompiledZone } from './zone.js';
import type { NameLookup } from './name-source.js';

function world() {
  const { store, f } = openFixture();
  const names = new NamesFixture(f);
  return { store, f, names, compile: () => compileNames(store) };
}

const a = (address: string, ttl = 300) => ({ type: 'A', address, ttl });
const kindAndA = (r: NameLookup | undefined) => (r?.kind === 'found' ? r.records.filter((x) => x.type === 'A').map((x) => (x as { address: string }).address) : r?.kind);

function publicZone(snapshot: ReturnType<typeof compileNames>, name: string): CompiledZone {
  const zone = snapshot.publicZones.get(name);
  assert.ok(zone, name);
  return zone;
}

test('wildcards: below the apex only, names of their own (any type) win, the closest encloser decides', () => {
  const w = world();
  const zone = w.names.zone('example.com');
  w.names.record(zone, '*.example.com', 'A', ['192.0.2.1']);
  w.names.record(zone, 'www.example.com', 'A', ['192.0.2.2']);
  w.names.record(zone, 'text.example.com', 'TXT', ['"only text"']);
  w.names.record(zone, 'deep.b.example.com', 'A', ['192.0.2.3']);
  w.names.record(zone, '*.c.example.com', 'A', ['192.0.2.4']);
  const z = publicZone(w.compile(), 'example.com');
  const find = (name: string) => kindAndA(lookupInZone(z, name));

  assert.deepEqual(find('anything.example.com'), ['192.0.2.1']);
  assert.deepEqual(find('two.levels.example.com'), ['192.0.2.1'], 'a wildcard covers every depth below its encloser');
  assert.deepEqual(find('www.example.com'), ['192.0.2.2'], 'the more specific name wins');
  assert.deepEqual(find('text.example.com'), [], 'a name with records of another type is NODATA, not the wildcard');
  assert.deepEqual(find('example.com'), [], 'the apex does not match its own wildcard');
  assert.deepEqual(find('b.example.com'), [], 'an empty non-terminal exists without records');
  assert.equal(find('x.b.example.com'), 'nxdomain', 'its closest encloser b.example.com has no wildcard');
  assert.deepEqual(find('x.c.example.com'), ['192.0.2.4'], '*.c.example.com wins below c');
  assert.deepEqual(find('*.example.com'), ['192.0.2.1'], 'asking for * itself');
  const nx = lookupInZone(z, 'x.b.example.com');
  assert.equal(nx?.kind === 'nxdomain' && nx.authority?.zone, 'example.com');
});

test('without a wildcard: NXDOMAIN with the SOA; the apex SOA and NS are filled in as Route 53 creates them', () => {
  const w = world();
  const pub = w.names.zone('example.com');
  const priv = w.names.zone('corp.internal', { vpcs: ['vpc-00000000000000099'] });
  const s = w.compile();
  const z = publicZone(s, 'example.com');
  const nx = lookupInZone(z, 'nope.example.com');
  assert.deepEqual(nx, {
    kind: 'nxdomain',
    source: 'route53-public',
    authority: { zone: 'example.com', soa: { type: 'SOA', mname: 'ns-1.awsdns-01.com', rname: 'awsdns-hostmaster.amazon.com', serial: 1, refresh: 7200, retry: 900, expire: 1209600, minimum: 86400, ttl: 900 } },
  });
  const apex = lookupInZone(z, 'example.com');
  assert.ok(apex?.kind === 'found');
  assert.deepEqual(
    apex.records.filter((r) => r.type === 'NS').map((r) => [(r as { target: string }).target, r.ttl]),
    pub.nameServers.map((ns) => [ns, 172800]),
  );
  const privApex = lookupInZone(s.privateZones.get('vpc-00000000000000099')!.get('corp.internal')!, 'corp.internal');
  assert.ok(privApex?.kind === 'found');
  assert.deepEqual(
    privApex.records.filter((r) => r.type === 'NS').map((r) => (r as { target: string }).target),
    ['ns-0.awsdns-00.com', 'ns-512.awsdns-00.net', 'ns-1024.awsdns-00.org', 'ns-1536.awsdns-00.co.uk'],
  );
  assert.equal(priv.privateZone, true);
});

test('stored apex SOA and NS are used as stored; the negative TTL is min(SOA TTL, MINIMUM)', () => {
  const w = world();
  const zone = w.names.zone('example.org', { apexRecords: true });
  w.names.record(zone, 'example.org', 'SOA', ['ns-1.awsdns-01.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 60'], 900);
  const z = publicZone(w.compile(), 'example.org');
  const apex = lookupInZone(z, 'example.org');
  assert.ok(apex?.kind === 'found');
  assert.equal(apex.records.filter((r) => r.type === 'SOA').length, 1);
  assert.equal(apex.records.filter((r) => r.type === 'NS').length, 1);
  assert.equal(z.authority.soa.ttl, 60);
});

test('weighted sets: one per lookup, in proportion to the weights; weight 0 only when all are 0', () => {
  const w = world();
  const zone = w.names.zone('example.com');
  w.names.record(zone, 'w.example.com', 'A', ['192.0.2.10'], 60, { setIdentifier: 'blue', weight: 3 });
  w.names.record(zone, 'w.example.com', 'A', ['192.0.2.20'], 60, { setIdentifier: 'green', weight: 1 });
  w.names.record(zone, 'w.example.com', 'A', ['192.0.2.30'], 60, { setIdentifier: 'off', weight: 0 });
  w.names.record(zone, 'z.example.com', 'A', ['192.0.2.40'], 60, { setIdentifier: 'one', weight: 0 });
  w.names.record(zone, 'z.example.com', 'A', ['192.0.2.50'], 60, { setIdentifier: 'two', weight: 0 });
  const z = publicZone(w.compile(), 'example.com');
  const at = (name: string, point: number) => kindAndA(lookupInZone(z, name, () => point));
  assert.deepEqual(at('w.example.com', 0), ['192.0.2.10']);
  assert.deepEqual(at('w.example.com', 0.74), ['192.0.2.10']);
  assert.deepEqual(at('w.example.com', 0.76), ['192.0.2.20']);
  assert.deepEqual(at('w.example.com', 0.9999), ['192.0.2.20'], 'the weight-0 set is never picked');
  assert.deepEqual(at('z.example.com', 0.2), ['192.0.2.40']);
  assert.deepEqual(at('z.example.com', 0.7), ['192.0.2.50'], 'all weights 0: equal chances');
});

test('a public zone delegates below an NS set: the name is left to other sources', () => {
  const w = world();
  const zone = w.names.zone('example.com');
  w.names.record(zone, 'sub.example.com', 'NS', ['ns1.elsewhere.net']);
  w.names.record(zone, 'www.sub.example.com', 'A', ['192.0.2.9']);
  w.names.record(zone, 'www.example.com', 'A', ['192.0.2.8']);
  const z = publicZone(w.compile(), 'example.com');
  assert.equal(lookupInZone(z, 'www.sub.example.com'), undefined);
  assert.equal(lookupInZone(z, 'sub.example.com'), undefined);
  assert.deepEqual(kindAndA(lookupInZone(z, 'www.example.com')), ['192.0.2.8']);
});

test('record sets outside their zone and values that cannot be read are left out, with a warning', () => {
  const w = world();
  const zone = w.names.zone('example.com');
  w.names.record(zone, 'www.example.com', 'A', ['192.0.2.1', 'not-an-address']);
  w.names.record(zone, 'www.other.com', 'A', ['192.0.2.2']);
  const warnings: string[] = [];
  const s = compileNames(w.store, 1, (message) => warnings.push(message));
  assert.deepEqual(kindAndA(lookupInZone(publicZone(s, 'example.com'), 'www.example.com')), ['192.0.2.1']);
  assert.deepEqual(warnings.sort(), ['record set outside its zone left out', 'record value not understood, left out']);
});

test('two public zones of one name: the oldest answers; private zones are kept per associated VPC', () => {
  const w = world();
  const first = w.names.zone('example.com');
  w.names.record(first, 'www.example.com', 'A', ['192.0.2.1']);
  const second = w.names.zone('example.com');
  w.names.record(second, 'www.example.com', 'A', ['192.0.2.2']);
  const priv = w.names.zone('example.com', { vpcs: ['vpc-a', 'vpc-b'] });
  const s = w.compile();
  assert.equal(s.publicZones.get('example.com')?.id, first.id);
  assert.equal(s.privateZones.get('vpc-a')?.get('example.com')?.id, priv.id);
  assert.equal(s.privateZones.get('vpc-b')?.get('example.com')?.id, priv.id);
  assert.equal(s.privateZones.get('vpc-c'), undefined);
});

test('endpoints: regional and zonal names, the hidden private-DNS zone in the VPC, {api}-{vpce} names, domain targets', () => {
  const w = world();
  const vpc = w.f.vpc('10.0.0.0/16', { wires: [190] });
  const sa = w.f.subnet(vpc, '10.0.1.0/24', 'eu-west-1a');
  const sb = w.f.subnet(vpc, '10.0.2.0/24', 'eu-west-1b');
  const vpce = w.names.endpoint(vpc.id, [
    { subnet: sa, ip: '10.0.1.20' },
    { subnet: sb, ip: '10.0.2.20' },
  ], { dnsSuffix: 'abcd1234' });
  const off = w.names.endpoint(vpc.id, [{ subnet: sa, ip: '10.0.1.21' }], { privateDnsEnabled: false, dnsSuffix: 'off00000' });
  const pending = w.names.endpoint(vpc.id, [{ subnet: sa, ip: '10.0.1.22' }], { state: 'deleting', dnsSuffix: 'gone0000' });
  w.names.restApi('privapi001', 'PRIVATE', [vpce.id, pending.id, 'vpce-0123456789abcdef0']);
  w.names.domainName('api.example.com', 'REGIONAL', 'abcdef1234');
  w.names.domainName('edge.example.com', 'EDGE', 'd111111abcdef8');
  const s = w.compile();
  const base = 'execute-api.eu-west-1.vpce.amazonaws.com';
  assert.deepEqual(s.endpointNames.get(`${vpce.id}-abcd1234.${base}`), [a('10.0.1.20', ENDPOINT_TTL), a('10.0.2.20', ENDPOINT_TTL)]);
  assert.deepEqual(s.endpointNames.get(`${vpce.id}-abcd1234-eu-west-1b.${base}`), [a('10.0.2.20', ENDPOINT_TTL)]);
  assert.deepEqual(s.endpointNames.get(`${off.id}-off00000.${base}`), [a('10.0.1.21', ENDPOINT_TTL)]);
  assert.equal(s.endpointNames.has(`${pending.id}-gone0000.${base}`), false, 'only available endpoints have names');
  const hidden = s.privateZones.get(vpc.id)?.get('execute-api.eu-west-1.amazonaws.com');
  assert.equal(hidden?.source, 'vpce-private-dns');
  assert.deepEqual(kindAndA(lookupInZone(hidden!, 'abcde12345.execute-api.eu-west-1.amazonaws.com')), ['10.0.1.20', '10.0.2.20']);
  assert.deepEqual(kindAndA(lookupInZone(hidden!, 'execute-api.eu-west-1.amazonaws.com')), ['10.0.1.20', '10.0.2.20']);
  assert.equal(s.privateZones.size, 1, 'one hidden zone: the endpoint without private DNS adds none');
  assert.deepEqual([...s.apiEndpointNames.keys()], [`privapi001-${vpce.id}.execute-api.eu-west-1.amazonaws.com`]);
  assert.deepEqual([...s.domainTargets], [
    ['d-abcdef1234.execute-api.eu-west-1.amazonaws.com', 'api.example.com'],
    ['d111111abcdef8.cloudfront.net', 'edge.example.com'],
  ]);
  assert.deepEqual([...s.endpointInterfaceIds].length, 4);
});
