/**
 * NamesPlane follows the change feed: Route 53, endpoint (and their ENIs), REST API and custom
 * domain changes reach the next lookup; unrelated changes do not recompile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../kernel/log.js';
import { KIND, type NetworkInterface } from '../../state/records/ec2.js';
import { KIND as APIGW_KIND, type RestApi } from '../../state/records/apigateway.js';
import { ROUTE53_KIND } from '../../state/records/route53.js';
import { openFixture } from '../testing-fixtures.js';
import { NamesPlane } from './names-plane.js';
import { NamesFixture } from './testing-records.js';
import { lookupInZone } from './zone.js';

function world() {
  const { store, f } = openFixture();
  const names = new NamesFixture(f);
  const vpc = f.vpc('10.0.0.0/16', { wires: [190] });
  const subnet = f.subnet(vpc, '10.0.1.0/24');
  const plane = new NamesPlane(store, silentLogger);
  return { store, f, names, vpc, subnet, plane, close: () => (plane.close(), store.close()) };
}

test('a record set written, changed or deleted is seen by the next lookup', () => {
  const w = world();
  try {
    const zone = w.names.zone('example.com');
    const www = () => {
      const z = w.plane.snapshot().publicZones.get('example.com');
      const r = z && lookupInZone(z, 'www.example.com');
      return r?.kind === 'found' ? r.records.map((x) => (x as { address: string }).address) : r?.kind;
    };
    assert.equal(www(), 'nxdomain');
    const set = w.names.record(zone, 'www.example.com', 'A', ['192.0.2.1']);
    assert.deepEqual(www(), ['192.0.2.1']);
    w.names.record(zone, 'www.example.com', 'A', ['192.0.2.2']);
    assert.deepEqual(www(), ['192.0.2.2']);
    w.names.deleteRecord(set);
    assert.equal(www(), 'nxdomain');
    w.f.delete(ROUTE53_KIND.hostedZone, zone.id);
    assert.equal(www(), undefined);
  } finally {
    w.close();
  }
});

test("an endpoint ENI's change recompiles; other ENIs' changes do not", () => {
  const w = world();
  try {
    const vpce = w.names.endpoint(w.vpc.id, [{ subnet: w.subnet, ip: '10.0.1.30' }], { dnsSuffix: 'aaaa1111' });
    const name = `${vpce.id}-aaaa1111.execute-api.eu-west-1.vpce.amazonaws.com`;
    assert.deepEqual(w.plane.snapshot().endpointNames.get(name), [{ type: 'A', address: '10.0.1.30', ttl: 60 }]);
    const generation = w.plane.snapshot().generation;
    w.f.instance(w.subnet, '10.0.1.5');
    assert.equal(w.plane.snapshot().generation, generation, 'an instance ENI is not an endpoint ENI');
    w.f.update<NetworkInterface>(KIND.networkInterface, vpce.subnets[0]!.networkInterfaceId, (e) => ({ ...e, privateIpAddress: '10.0.1.31' }));
    assert.deepEqual(w.plane.snapshot().endpointNames.get(name), [{ type: 'A', address: '10.0.1.31', ttl: 60 }]);
    w.names.updateEndpoint(vpce, (v) => ({ ...v, privateDnsEnabled: false }));
    assert.equal(w.plane.snapshot().privateZones.size, 0);
    w.f.delete(KIND.vpcEndpoint, vpce.id);
    assert.equal(w.plane.snapshot().endpointNames.has(name), false);
  } finally {
    w.close();
  }
});

test("a REST API's vpcEndpointIds and custom domain names reach the snapshot", () => {
  const w = world();
  try {
    const vpce = w.names.endpoint(w.vpc.id, [{ subnet: w.subnet, ip: '10.0.1.30' }]);
    const api = w.names.restApi('privapi001', 'PRIVATE');
    const name = `privapi001-${vpce.id}.execute-api.eu-west-1.amazonaws.com`;
    assert.equal(w.plane.snapshot().apiEndpointNames.has(name), false);
    w.f.update<RestApi>(APIGW_KIND.restApi, api.id, (a) => ({ ...a, endpointConfiguration: { ...a.endpointConfiguration, vpcEndpointIds: [vpce.id] } }));
    assert.equal(w.plane.snapshot().apiEndpointNames.has(name), true);
    w.names.domainName('api.example.com', 'REGIONAL', 'abcdef1234');
    assert.equal(w.plane.snapshot().domainTargets.get('d-abcdef1234.execute-api.eu-west-1.amazonaws.com'), 'api.example.com');
  } finally {
    w.close();
  }
});
