/**
 * endpointOfHostAddress: who is calling, from the source address of an accepted connection
 * (DESIGN.md, network model). Pure: no sockets; the wires (173, 174, 175, 178) are only numbers here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openFixture } from '../testing-fixtures.js';
import { compileNetwork } from './compile.js';
import { endpointOfHostAddress } from './source.js';

function world() {
  const { store, f } = openFixture();
  // Two CIDR blocks, two wires.
  const vpc = f.vpc(['10.0.0.0/16', '10.1.0.0/16'], { wires: [173, 174] });
  const a = f.subnet(vpc, '10.0.1.0/24', 'eu-west-1a');
  const b = f.subnet(vpc, '10.0.2.0/24', 'eu-west-1b');
  const secondary = f.subnet(vpc, '10.1.5.0/24', 'eu-west-1a');
  const web = f.securityGroup(vpc, 'web', { ingress: [{ protocol: 'tcp', ports: 80, cidr: '10.0.0.0/16' }] });
  const extra = f.securityGroup(vpc, 'extra');
  const instance = f.instance(a, '10.0.1.10', { groups: [web, extra] });
  const eni = f.networkInterface(b, '10.0.2.20', { groups: [web] });
  const node = f.networkInterface(a, '10.0.1.4', { groups: [], interfaceType: 'network_load_balancer', requesterManaged: true });
  const far = f.instance(secondary, '10.1.5.9');
  // Another VPC with the same CIDR on its own wire: the wire tells them apart.
  const twin = f.vpc('10.0.0.0/16', { wires: [175] });
  const twinSubnet = f.subnet(twin, '10.0.1.0/24');
  const twinInstance = f.instance(twinSubnet, '10.0.1.10');
  const vpn = f.vpnConnection(f.vpnGateway(vpc), ['192.168.0.0/16'], { wire: 178 });
  return { store, f, vpc, a, b, secondary, web, extra, instance, eni, node, far, twin, twinSubnet, twinInstance, vpn };
}

test('127.0.0.1, other addresses off the wires, and no address at all are the internet', () => {
  const w = world();
  const s = compileNetwork(w.store);
  for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '127.0.0.2', '127.0.5.5', '10.0.1.10', '192.168.1.1', '::1', '127.255.1.10', '', undefined]) {
    assert.deepEqual(endpointOfHostAddress(s, address), { kind: 'internet' }, String(address));
  }
});

test("an instance's host address is its ENI, with the ENI's groups and the instance", () => {
  const w = world();
  const s = compileNetwork(w.store);
  const expected = {
    kind: 'vpc',
    vpcId: w.vpc.id,
    subnetId: w.a.id,
    ip: '10.0.1.10',
    securityGroupIds: [w.web.id, w.extra.id],
    networkInterfaceId: w.instance.networkInterfaceIds[0],
    instanceId: w.instance.id,
  };
  assert.deepEqual({ ...endpointOfHostAddress(s, '127.173.1.10') }, expected);
  // IPv4-mapped IPv6, as a dual-stack socket reports it.
  assert.deepEqual({ ...endpointOfHostAddress(s, '::ffff:127.173.1.10') }, expected);
});

test('an ENI without an instance, and a load balancer node without groups', () => {
  const w = world();
  const s = compileNetwork(w.store);
  assert.deepEqual(
    { ...endpointOfHostAddress(s, '127.173.2.20') },
    { kind: 'vpc', vpcId: w.vpc.id, subnetId: w.b.id, ip: '10.0.2.20', securityGroupIds: [w.web.id], networkInterfaceId: w.eni.id, instanceId: undefined },
  );
  assert.deepEqual(
    { ...endpointOfHostAddress(s, '127.173.1.4') },
    { kind: 'vpc', vpcId: w.vpc.id, subnetId: w.a.id, ip: '10.0.1.4', securityGroupIds: [], networkInterfaceId: w.node.id, instanceId: undefined },
  );
});

test('a bare address in a subnet is a host of that subnet without groups (what --from vpc-/subnet- binds)', () => {
  const w = world();
  const s = compileNetwork(w.store);
  assert.deepEqual(
    { ...endpointOfHostAddress(s, '127.173.2.99') },
    { kind: 'vpc', vpcId: w.vpc.id, subnetId: w.b.id, ip: '10.0.2.99', securityGroupIds: undefined, networkInterfaceId: undefined, instanceId: undefined },
  );
});

test("a secondary CIDR block's wire maps to that block's addresses", () => {
  const w = world();
  const s = compileNetwork(w.store);
  const far = endpointOfHostAddress(s, '127.174.5.9');
  assert.equal(far.kind, 'vpc');
  assert.deepEqual(far.kind === 'vpc' && [far.vpcId, far.subnetId, far.ip, far.instanceId], [w.vpc.id, w.secondary.id, '10.1.5.9', w.far.id]);
  const bare = endpointOfHostAddress(s, '127.174.5.200');
  assert.deepEqual(bare.kind === 'vpc' && [bare.subnetId, bare.ip, bare.networkInterfaceId], [w.secondary.id, '10.1.5.200', undefined]);
});

test('overlapping VPCs are told apart by their wires', () => {
  const w = world();
  const s = compileNetwork(w.store);
  const twin = endpointOfHostAddress(s, '127.175.1.10');
  assert.deepEqual(twin.kind === 'vpc' && [twin.vpcId, twin.subnetId, twin.ip, twin.instanceId], [w.twin.id, w.twinSubnet.id, '10.0.1.10', w.twinInstance.id]);
  const mine = endpointOfHostAddress(s, '127.173.1.10');
  assert.deepEqual(mine.kind === 'vpc' && mine.instanceId, w.instance.id);
});

test('a VPN wire address is a host of that customer network', () => {
  const w = world();
  const s = compileNetwork(w.store);
  assert.deepEqual({ ...endpointOfHostAddress(s, '127.178.10.5') }, { kind: 'customer-network', vpnConnectionId: w.vpn.id, ip: '192.168.10.5' });
  assert.deepEqual({ ...endpointOfHostAddress(s, '::ffff:127.178.0.1') }, { kind: 'customer-network', vpnConnectionId: w.vpn.id, ip: '192.168.0.1' });
});

test('a VPN wire whose static routes are not available yet maps to no customer host', () => {
  const { store, f } = openFixture();
  const vpc = f.vpc('10.0.0.0/16', { wires: [173] });
  f.vpnConnection(f.vpnGateway(vpc), ['192.168.0.0/16'], { wire: 178, routeState: 'pending' });
  assert.deepEqual(endpointOfHostAddress(compileNetwork(store), '127.178.10.5'), { kind: 'internet' });
});
