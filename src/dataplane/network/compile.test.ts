import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openFixture } from '../testing-fixtures.js';
import { compileNetwork, snapshotToJson } from './compile.js';

const GOLDEN = fileURLToPath(new URL('./testdata/compile.golden.json', import.meta.url));

/** Two peered VPCs (one with two CIDR blocks), a VPN with propagation, instances, an endpoint ENI. */
function world() {
  const { store, f } = openFixture();
  const A = f.vpc(['10.0.0.0/16', '10.50.0.0/24']);
  const B = f.vpc('10.1.0.0/16');
  const a1 = f.subnet(A, '10.0.1.0/24');
  const a2 = f.subnet(A, '10.50.0.0/26');
  const b1 = f.subnet(B, '10.1.1.0/24');
  const custom = f.routeTable(A, [a2]);
  const web = f.securityGroup(B, 'web', { ingress: [{ protocol: 'tcp', ports: 80, cidr: '10.0.0.0/16' }, { protocol: 'tcp', ports: [8000, 8100], group: 'sg-00000000000000001' }] });
  f.instance(a1, '10.0.1.10');
  f.instance(b1, '10.1.1.10', { groups: [web], state: 'pending' });
  f.networkInterface(a2, '10.50.0.5', { description: 'VPC Endpoint Interface vpce-00000000000000001', interfaceType: 'vpc_endpoint', requesterManaged: true });
  const pcx = f.peering(A, B);
  f.peering(A, B, 'pending-acceptance');
  f.route(f.mainRouteTable(A), '10.1.0.0/16', { vpcPeeringConnectionId: pcx.id });
  f.route(custom, '10.1.0.0/16', { vpcPeeringConnectionId: 'pcx-00000000000000099' });
  f.route(f.mainRouteTable(B), '10.0.0.0/16', { vpcPeeringConnectionId: pcx.id });
  const vgw = f.vpnGateway(B);
  f.vpnConnection(vgw, ['192.168.0.0/16', '172.16.0.0/24'], { routeState: 'available' });
  f.enablePropagation(f.mainRouteTable(B), vgw);
  return { store, f };
}

test('compileNetwork matches the golden snapshot (UPDATE_GOLDEN=1 rewrites it)', () => {
  const { store } = world();
  const json = snapshotToJson(compileNetwork(store));
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, JSON.stringify(json, null, 2) + '\n');
  assert.deepEqual(json, JSON.parse(readFileSync(GOLDEN, 'utf8')));
});

test('compileNetwork is pure and its result immutable', () => {
  const { store } = world();
  const one = compileNetwork(store);
  const two = compileNetwork(store);
  assert.deepEqual(snapshotToJson(one), snapshotToJson(two));
  assert.ok(Object.isFrozen(one));
  assert.ok(Object.isFrozen([...one.subnets.values()][0]));
  assert.throws(() => {
    (one.addressBook as unknown as unknown[]).push(1);
  }, TypeError);
});

test('compileNetwork indexes ENIs by VPC and address, and groups by member', () => {
  const { store } = world();
  const s = compileNetwork(store);
  const eni = s.interfacesByAddress.get(`${[...s.vpcs.keys()][1]}/10.1.1.10`);
  assert.ok(eni);
  assert.equal(eni.hostAddress, '127.3.1.10');
  assert.deepEqual(s.groupMembers.get(eni.securityGroupIds[0]!), [eni.id]);
  // Only the active peering carries traffic.
  assert.equal(s.peeringConnections.size, 1);
  // The address on the secondary block maps onto its own wire.
  assert.equal([...s.networkInterfaces.values()].find((e) => e.privateIpAddress === '10.50.0.5')?.hostAddress, '127.2.0.5');
});
