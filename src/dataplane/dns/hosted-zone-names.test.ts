/**
 * The resolver with the data plane's sources (sources.ts) over one world (fixtures.test.ts):
 * Route 53 zones per view (ec2-route53-acm.md §2.10), aliases (§2.6), CNAME chains, wildcards
 * (§2.9), endpoint names and private DNS (elbv2-vpc-endpoints.md §4.2, §5; apigateway-rest.md
 * §2.1, §3), custom domain targets (§1.10). Wires 191–193 are this file's own (no sockets are
 * bound; the numbers only have to differ from other files').
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { KIND, type Vpc } from '../../state/records/ec2.js';
import { EXECUTE_API_PUBLIC_IP } from '../network/public-services.js';
import { ENDPOINT_IPS, namesWorld, type NamesWorld } from './fixtures.test.js';
import type { NameView } from './name-source.js';
import type { QueryResult } from './query.js';

let world: NamesWorld;
before(async () => {
  world = await namesWorld({ a: 191, b: 192, vpn: 193 });
});
after(() => world.close());

/** `[owner, type, ttl, data]` of each answer. */
function answers(r: QueryResult): unknown[][] {
  return r.answers.map(({ name, record }) => {
    const { type, ttl, ...data } = record;
    const values = Object.values(data);
    return [name, type, ttl, values.length === 1 ? values[0] : data];
  });
}
const addresses = (r: QueryResult) => r.answers.filter((a) => a.record.type === 'A').map((a) => (a.record as { address: string }).address);
const q = (name: string, type: string, view: NameView) => world.resolver.query(name, type, view);
const all = () => Object.values(world.views);

test('public zone: A through an alias to the internal ALB (its node addresses, TTL 60), in every view', () => {
  for (const view of [world.views.a, world.views.vpn, world.views.internet]) {
    const r = q('VPCDEMO.com.', 'A', view);
    assert.equal(r.rcode, 'NOERROR');
    assert.deepEqual(answers(r), world.albNodes.map((ip) => ['vpcdemo.com', 'A', 60, ip]));
  }
  assert.equal(world.resolver.resolveName('vpcdemo.com', world.views.internet), world.albNodes[0]);
  assert.deepEqual(addresses(q('dual.vpcdemo.com', 'A', world.views.internet)), world.albNodes, 'dualstack.<ALB name> is the same target');
  assert.deepEqual(addresses(q('same.vpcdemo.com', 'A', world.views.internet)), world.albNodes, 'alias to a same-zone alias');
  assert.equal(world.albNodes.length, 2);
});

test('public zone: a CNAME is followed to the final addresses; the vantage proxy gets an address through it', () => {
  const r = q('www.vpcdemo.com', 'A', world.views.internet);
  assert.deepEqual(answers(r), [['www.vpcdemo.com', 'CNAME', 300, 'vpcdemo.com'], ...world.albNodes.map((ip) => ['vpcdemo.com', 'A', 60, ip])]);
  assert.equal(world.resolver.resolveName('www.vpcdemo.com', world.views.vpn), world.albNodes[0]);
  assert.deepEqual(answers(q('www.vpcdemo.com', 'CNAME', world.views.internet)), [['www.vpcdemo.com', 'CNAME', 300, 'vpcdemo.com']]);
});

test('public zone: TXT and MX; other types of an existing name are NODATA with the zone SOA', () => {
  assert.deepEqual(answers(q('txt.vpcdemo.com', 'TXT', world.views.internet)), [['txt.vpcdemo.com', 'TXT', 600, ['hello world', 'second']]]);
  assert.deepEqual(answers(q('mail.vpcdemo.com', 'MX', world.views.internet)), [['mail.vpcdemo.com', 'MX', 600, { preference: 10, exchange: 'mx.vpcdemo.com' }]]);
  const nodata = q('txt.vpcdemo.com', 'A', world.views.internet);
  assert.equal(nodata.rcode, 'NOERROR');
  assert.deepEqual(nodata.answers, []);
  assert.deepEqual(
    nodata.authority.map((a) => [a.name, a.record.type, a.record.ttl]),
    [['vpcdemo.com', 'SOA', 900]],
  );
  const nx = q('nope.vpcdemo.com', 'A', world.views.internet);
  assert.equal(nx.rcode, 'NXDOMAIN');
  assert.equal(nx.authority[0]?.record.type, 'SOA');
});

test('wildcard records answer names below them under the asked name; an exact name wins', () => {
  assert.deepEqual(answers(q('anything.wild.vpcdemo.com', 'A', world.views.internet)), [['anything.wild.vpcdemo.com', 'A', 30, '192.0.2.7']]);
  assert.deepEqual(addresses(q('a.b.wild.vpcdemo.com', 'A', world.views.a)), ['192.0.2.7']);
  assert.deepEqual(addresses(q('exact.wild.vpcdemo.com', 'A', world.views.internet)), ['192.0.2.8']);
  const apex = q('wild.vpcdemo.com', 'A', world.views.internet);
  assert.deepEqual([apex.rcode, apex.answers], ['NOERROR', []], 'wild.vpcdemo.com exists (empty non-terminal) and the wildcard does not cover it');
});

test('aliases to API Gateway custom domain targets and endpoint names resolve as the internet sees them', () => {
  // (VPC B's private vpcdemo.com zone hides these names there.)
  for (const view of [world.views.a, world.views.vpn, world.views.internet]) {
    assert.deepEqual(answers(q('api.vpcdemo.com', 'A', view)), [['api.vpcdemo.com', 'A', 60, EXECUTE_API_PUBLIC_IP]], `${view.kind}: not the endpoint private DNS of VPC A`);
    assert.deepEqual(addresses(q('vpce.vpcdemo.com', 'A', view)), [...ENDPOINT_IPS]);
  }
  // A CNAME is followed by the querier's resolver, in its view: inside VPC A the endpoint's private DNS answers.
  assert.deepEqual(addresses(q('cname-api.vpcdemo.com', 'A', world.views.a)), [...ENDPOINT_IPS]);
  assert.deepEqual(addresses(q('cname-api.vpcdemo.com', 'A', world.views.vpn)), [EXECUTE_API_PUBLIC_IP]);
});

test('an alias whose target resolves nowhere is NODATA; a CNAME to an unknown name is just the CNAME; a CNAME loop ends', () => {
  const nowhere = q('nowhere.vpcdemo.com', 'A', world.views.internet);
  assert.deepEqual([nowhere.rcode, nowhere.answers], ['NOERROR', []]);
  assert.equal(world.resolver.resolveName('nowhere.vpcdemo.com', world.views.internet), undefined);
  const ext = q('ext.vpcdemo.com', 'A', world.views.internet);
  assert.equal(ext.rcode, 'NOERROR');
  assert.deepEqual(answers(ext), [['ext.vpcdemo.com', 'CNAME', 300, '_0123456789abcdef.acm-validations.aws']]);
  const loop = q('loop1.vpcdemo.com', 'A', world.views.internet);
  assert.equal(loop.rcode, 'NOERROR');
  assert.deepEqual(
    loop.answers.map((a) => a.name),
    ['loop1.vpcdemo.com', 'loop2.vpcdemo.com'],
  );
});

test('a private zone answers in its associated VPC only: not from a peered VPC, a VPN customer network or the internet', () => {
  assert.deepEqual(answers(q('api.corp.example', 'A', world.views.a)), [['api.corp.example', 'A', 120, '10.0.3.50']]);
  assert.equal(world.resolver.resolveName('api.corp.example', world.views.a), '10.0.3.50');
  for (const view of [world.views.b, world.views.vpn, world.views.internet]) {
    const r = q('api.corp.example', 'A', view);
    assert.deepEqual([r.rcode, r.source], ['NXDOMAIN', 'none'], view.kind);
  }
  const missing = q('db.corp.example', 'A', world.views.a);
  assert.deepEqual([missing.rcode, missing.source, missing.authority[0]?.name], ['NXDOMAIN', 'route53-private', 'corp.example']);
});

test('a private zone shadows the public zone of the same name in its VPC: names it lacks are NXDOMAIN, no fallback', () => {
  assert.deepEqual(addresses(q('www.vpcdemo.com', 'A', world.views.b)), ['10.1.0.99']);
  for (const name of ['txt.vpcdemo.com', 'anything.wild.vpcdemo.com']) {
    const r = q(name, 'A', world.views.b);
    assert.deepEqual([r.rcode, r.source], ['NXDOMAIN', 'route53-private'], name);
  }
  assert.deepEqual(answers(q('txt.vpcdemo.com', 'TXT', world.views.a)), [['txt.vpcdemo.com', 'TXT', 600, ['hello world', 'second']]], 'VPC A sees the public zone');
});

test('private zones need enableDnsHostnames and enableDnsSupport; associating another VPC makes it answer there', () => {
  const { f } = world.names;
  f.update<Vpc>(KIND.vpc, world.vpcA, (v) => ({ ...v, enableDnsHostnames: false }));
  try {
    assert.equal(q('api.corp.example', 'A', world.views.a).rcode, 'NXDOMAIN');
    assert.deepEqual(addresses(q('regapi0001.execute-api.eu-west-1.amazonaws.com', 'A', world.views.a)), [EXECUTE_API_PUBLIC_IP], 'no endpoint private DNS either');
  } finally {
    f.update<Vpc>(KIND.vpc, world.vpcA, (v) => ({ ...v, enableDnsHostnames: true }));
  }
  assert.deepEqual(addresses(q('api.corp.example', 'A', world.views.a)), ['10.0.3.50']);
  const corp = world.names.zone('corp2.example', { vpcs: [world.vpcA] });
  world.names.record(corp, 'x.corp2.example', 'A', ['10.0.9.9']);
  assert.equal(q('x.corp2.example', 'A', world.views.b).rcode, 'NXDOMAIN');
  world.names.associate(corp, world.vpcB);
  assert.deepEqual(addresses(q('x.corp2.example', 'A', world.views.b)), ['10.0.9.9']);
});

test('private zones are asked before EC2 private names', () => {
  const name = 'ip-10-0-3-7.eu-west-1.compute.internal';
  assert.deepEqual(addresses(q(name, 'A', world.views.a)), ['10.0.3.7']);
  const zone = world.names.zone('eu-west-1.compute.internal', { vpcs: [world.vpcA] });
  world.names.record(zone, 'other.eu-west-1.compute.internal', 'A', ['10.0.3.8']);
  try {
    assert.deepEqual([q(name, 'A', world.views.a).rcode, q(name, 'A', world.views.a).source], ['NXDOMAIN', 'route53-private']);
  } finally {
    world.names.f.delete('route53.hosted-zone', zone.id);
  }
  assert.deepEqual(addresses(q(name, 'A', world.views.a)), ['10.0.3.7']);
});

test('endpoint regional and zonal names answer the ENI addresses in every view; unknown vpce names are NXDOMAIN', () => {
  const zonal = world.vpceName.replace('.execute-api.', '-eu-west-1b.execute-api.');
  for (const view of all()) {
    assert.deepEqual(answers(q(world.vpceName, 'A', view)), ENDPOINT_IPS.map((ip) => [world.vpceName, 'A', 60, ip]), view.kind);
    assert.deepEqual(addresses(q(zonal, 'A', view)), [ENDPOINT_IPS[1]]);
  }
  assert.equal(world.resolver.resolveName(world.vpceName, world.views.vpn), ENDPOINT_IPS[0]);
  const unknown = q('vpce-0123456789abcdef0-zzzzzzzz.execute-api.eu-west-1.vpce.amazonaws.com', 'A', world.views.a);
  assert.deepEqual([unknown.rcode, unknown.source], ['NXDOMAIN', 'vpce']);
});

test('endpoint private DNS answers inside its VPC only, and there it hides the public execute-api names', () => {
  for (const name of ['regapi0001.execute-api.eu-west-1.amazonaws.com', 'privapi001.execute-api.eu-west-1.amazonaws.com', 'execute-api.eu-west-1.amazonaws.com', 'anything.execute-api.eu-west-1.amazonaws.com']) {
    const r = q(name, 'A', world.views.a);
    assert.deepEqual([addresses(r), r.source], [[...ENDPOINT_IPS], 'vpce-private-dns'], name);
  }
  for (const view of [world.views.b, world.views.vpn, world.views.internet]) {
    assert.deepEqual(addresses(q('regapi0001.execute-api.eu-west-1.amazonaws.com', 'A', view)), [EXECUTE_API_PUBLIC_IP], view.kind);
    assert.equal(q('privapi001.execute-api.eu-west-1.amazonaws.com', 'A', view).rcode, 'NXDOMAIN', `${view.kind}: a PRIVATE API has no public name`);
  }
});

test('{api}-{vpce} names answer the endpoint ENIs in every view when the API lists the endpoint; otherwise NXDOMAIN', () => {
  const listed = `privapi001-${world.vpceId}.execute-api.eu-west-1.amazonaws.com`;
  for (const view of [world.views.b, world.views.vpn, world.views.internet]) {
    const r = q(listed, 'A', view);
    assert.deepEqual([addresses(r), r.source], [[...ENDPOINT_IPS], 'execute-api-vpce'], view.kind);
  }
  for (const name of [`privapi002-${world.vpceId}.execute-api.eu-west-1.amazonaws.com`, `nosuchapi1-${world.vpceId}.execute-api.eu-west-1.amazonaws.com`, `privapi001-${world.vpceId}.execute-api.us-east-1.amazonaws.com`]) {
    assert.deepEqual([q(name, 'A', world.views.internet).rcode, q(name, 'A', world.views.internet).source], ['NXDOMAIN', 'execute-api-vpce'], name);
  }
});

test('custom domain targets: Regional d-… and edge ….cloudfront.net answer the execute-api front door', () => {
  for (const name of ['d-abcdef1234.execute-api.eu-west-1.amazonaws.com', 'd111111abcdef8.cloudfront.net']) {
    assert.deepEqual(answers(q(name, 'A', world.views.internet)), [[name, 'A', 60, EXECUTE_API_PUBLIC_IP]], name);
  }
  assert.deepEqual([q('d-zzzzzzzzzz.execute-api.eu-west-1.amazonaws.com', 'A', world.views.internet).rcode, q('d-zzzzzzzzzz.execute-api.eu-west-1.amazonaws.com', 'A', world.views.internet).source], ['NXDOMAIN', 'apigateway-domain']);
  assert.deepEqual([q('dzzzz.cloudfront.net', 'A', world.views.internet).rcode, q('dzzzz.cloudfront.net', 'A', world.views.internet).source], ['NXDOMAIN', 'none']);
});

test('no PTR names are synthesised and nothing is forwarded: unknown names are NXDOMAIN from no source', () => {
  for (const [name, type] of [
    ['30.1.0.10.in-addr.arpa', 'PTR'],
    ['example.org', 'A'],
    ['www.google.com', 'A'],
    ['localhost', 'A'],
  ] as const) {
    for (const view of all()) {
      const r = q(name, type, view);
      assert.deepEqual([r.rcode, r.source, r.answers, r.authority], ['NXDOMAIN', 'none', [], []], `${name} ${view.kind}`);
    }
  }
});
