import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KIND } from '../../state/records/ec2.js';
import { openFixture } from '../testing-fixtures.js';
import { compileNetwork } from './compile.js';
import { decide, type Decision, type Endpoint } from './reachability.js';
import { resolveVantage } from './vantage.js';

/**
 * Three VPCs in a line, A – B – C, peered A↔B and B↔C with routes on both sides of each
 * peering, and a VPN into B. Instances: a (10.0.1.10), b (10.1.1.10, admits tcp/80 from
 * A's CIDR, from the VPN customer network and from C's CIDR), c (10.2.1.10, admits everything).
 */
function lineOfThree() {
  const { store, f } = openFixture();
  const A = f.vpc('10.0.0.0/16');
  const B = f.vpc('10.1.0.0/16');
  const C = f.vpc('10.2.0.0/16');
  const a1 = f.subnet(A, '10.0.1.0/24');
  const b1 = f.subnet(B, '10.1.1.0/24');
  const c1 = f.subnet(C, '10.2.1.0/24');
  const sgA = f.securityGroup(A, 'client');
  const sgB = f.securityGroup(B, 'web', {
    ingress: [
      { protocol: 'tcp', ports: 80, cidr: '10.0.0.0/16' },
      { protocol: 'tcp', ports: [80, 81], cidr: '192.168.0.0/16' },
      { protocol: 'tcp', ports: 80, cidr: '10.2.0.0/16' },
    ],
  });
  const sgC = f.securityGroup(C, 'open', { ingress: [{ protocol: '-1', cidr: '0.0.0.0/0' }] });
  const a = f.instance(a1, '10.0.1.10', { groups: [sgA] });
  const b = f.instance(b1, '10.1.1.10', { groups: [sgB] });
  const c = f.instance(c1, '10.2.1.10', { groups: [sgC] });
  const ab = f.peering(A, B);
  const bc = f.peering(B, C);
  f.route(f.mainRouteTable(A), '10.1.0.0/16', { vpcPeeringConnectionId: ab.id });
  f.route(f.mainRouteTable(B), '10.0.0.0/16', { vpcPeeringConnectionId: ab.id });
  f.route(f.mainRouteTable(B), '10.2.0.0/16', { vpcPeeringConnectionId: bc.id });
  f.route(f.mainRouteTable(C), '10.1.0.0/16', { vpcPeeringConnectionId: bc.id });
  const vgw = f.vpnGateway(B);
  const vpn = f.vpnConnection(vgw, ['192.168.0.0/16']);
  return { store, f, A, B, C, a1, b1, c1, sgA, sgB, sgC, a, b, c, ab, bc, vgw, vpn };
}

type World = ReturnType<typeof lineOfThree>;

function check(w: World, from: string | Endpoint, ip: string, port = 80, protocol: 'tcp' | 'udp' = 'tcp'): Decision {
  const snapshot = compileNetwork(w.store);
  const endpoint = typeof from === 'string' ? resolveVantage(snapshot, from) : from;
  return decide(snapshot, endpoint, { ip, port, protocol });
}

function assertAllowed(d: Decision, hostAddress?: string): void {
  assert.equal(d.allowed, true, d.allowed ? '' : d.reason);
  if (hostAddress && d.allowed) assert.equal(d.hostAddress, hostAddress);
}

function assertDenied(d: Decision, reason: RegExp): void {
  assert.equal(d.allowed, false, 'expected a drop');
  if (!d.allowed) assert.match(d.reason, reason);
}

test('same VPC: the local route delivers, to the host address on the VPC wire', () => {
  const w = lineOfThree();
  const x = w.f.instance(w.a1, '10.0.1.20', { groups: [w.f.securityGroup(w.A, 'peer', { ingress: [{ protocol: 'tcp', ports: 8080, group: w.sgA.id }] })] });
  const d = check(w, w.a.id, '10.0.1.20', 8080);
  assertAllowed(d, '127.1.1.20');
  assert.equal(d.allowed && d.sourceHostAddress, '127.1.1.10');
  assert.equal(d.allowed && d.via, 'local');
  assert.equal(d.allowed && d.networkInterfaceId, w.store.get<{ networkInterfaceIds: string[] } & { id: string }>(KIND.instance, x.id)!.networkInterfaceIds[0]);
  // From the VPC vantage (not an ENI): the group reference cannot match it.
  assertDenied(check(w, w.A.id, '10.0.1.20', 8080), /security group sg-\w+ of eni-\w+ admits no tcp\/8080 from 10\.0\.1\.254/);
});

test('peering with routes on both sides delivers, binding the source on its own wire', () => {
  const w = lineOfThree();
  const d = check(w, w.a.id, '10.1.1.10');
  assertAllowed(d, '127.2.1.10');
  assert.equal(d.allowed && d.sourceHostAddress, '127.1.1.10');
  assert.equal(d.allowed && d.via, w.ab.id);
  assertAllowed(check(w, w.A.id, '10.1.1.10'));
  assertAllowed(check(w, w.a1.id, '10.1.1.10'));
});

test('peering: a missing route on the source side drops', () => {
  const w = lineOfThree();
  w.f.deleteRoute(w.f.mainRouteTable(w.A), '10.1.0.0/16');
  assertDenied(check(w, w.a.id, '10.1.1.10'), new RegExp(`^no route from ${w.a1.id} to 10\\.1\\.1\\.10$`));
});

test('peering: a missing route back on the destination side drops', () => {
  const w = lineOfThree();
  w.f.deleteRoute(w.f.mainRouteTable(w.B), '10.0.0.0/16');
  assertDenied(check(w, w.a.id, '10.1.1.10'), new RegExp(`no route back from ${w.b1.id} to 10\\.0\\.1\\.10 \\(needs a route via ${w.ab.id}\\)`));
});

test('peering: the route back must use the same peering', () => {
  const w = lineOfThree();
  w.f.deleteRoute(w.f.mainRouteTable(w.B), '10.0.0.0/16');
  w.f.route(w.f.mainRouteTable(w.B), '10.0.0.0/8', { vpcPeeringConnectionId: w.bc.id });
  assertDenied(check(w, w.a.id, '10.1.1.10'), new RegExp(`goes to ${w.bc.id}, not ${w.ab.id}`));
});

test('peering: a peering that is not active makes the route a blackhole', () => {
  const w = lineOfThree();
  w.f.setPeeringStatus(w.ab, 'pending-acceptance');
  assertDenied(check(w, w.a.id, '10.1.1.10'), /is a blackhole: pcx-\w+ is not usable/);
  w.f.setPeeringStatus(w.ab, 'active');
  assertAllowed(check(w, w.a.id, '10.1.1.10'));
});

test('peering is not transitive: A cannot reach C through B', () => {
  const w = lineOfThree();
  // Even with A routing C's CIDR to the A–B peering and C routing A's back to B–C.
  w.f.route(w.f.mainRouteTable(w.A), '10.2.0.0/16', { vpcPeeringConnectionId: w.ab.id });
  w.f.route(w.f.mainRouteTable(w.C), '10.0.0.0/16', { vpcPeeringConnectionId: w.bc.id });
  assertDenied(check(w, w.a.id, '10.2.1.10'), new RegExp(`10\\.2\\.1\\.10 is not in ${w.B.id}, the VPC across ${w.ab.id} \\(peering is not transitive\\)`));
  // B reaches C directly.
  assertAllowed(check(w, w.b.id, '10.2.1.10'));
});

test('VPN: a route to the customer network (static or propagated) delivers', () => {
  const w = lineOfThree();
  const from = `${w.vpn.id}`;
  assertDenied(check(w, from, '10.1.1.10'), new RegExp(`no route back from ${w.b1.id} to 192\\.168\\.0\\.10 \\(needs a route via ${w.vgw.id}\\)`));
  // A static route to the VGW.
  w.f.route(w.f.mainRouteTable(w.B), '192.168.0.0/16', { gatewayId: w.vgw.id });
  const d = check(w, from, '10.1.1.10');
  assertAllowed(d, '127.2.1.10');
  assert.equal(d.allowed && d.sourceHostAddress, `127.${w.vpn.wire}.0.10`);
  // Or propagation instead.
  w.f.deleteRoute(w.f.mainRouteTable(w.B), '192.168.0.0/16');
  w.f.enablePropagation(w.f.mainRouteTable(w.B), w.vgw);
  assertAllowed(check(w, from, '10.1.1.10'));
});

test('VPN: not available, or its VGW detached, drops', () => {
  const w = lineOfThree();
  w.f.enablePropagation(w.f.mainRouteTable(w.B), w.vgw);
  w.f.route(w.f.mainRouteTable(w.B), '192.168.0.0/16', { gatewayId: w.vgw.id });
  w.f.setVpnState(w.vpn, 'pending');
  const from: Endpoint = { kind: 'customer-network', vpnConnectionId: w.vpn.id, ip: '192.168.0.10' };
  assertDenied(check(w, from, '10.1.1.10'), new RegExp(`VPN connection ${w.vpn.id} is pending, not available`));
  w.f.setVpnState(w.vpn, 'available');
  assertAllowed(check(w, from, '10.1.1.10'));
  w.f.setVgwAttachments(w.vgw, [{ vpcId: w.B.id, state: 'detached' }]);
  assertDenied(check(w, from, '10.1.1.10'), /is not attached to a VPC/);
});

test('VPN: no transitive routing into a peered VPC', () => {
  const w = lineOfThree();
  w.f.route(w.f.mainRouteTable(w.B), '192.168.0.0/16', { gatewayId: w.vgw.id });
  w.f.route(w.f.mainRouteTable(w.A), '192.168.0.0/16', { vpcPeeringConnectionId: w.ab.id });
  assertDenied(check(w, w.vpn.id, '10.0.1.10'), /is not in vpc-\w+, the VPC behind vpn-\w+/);
});

test('VPN: the security group must admit the customer CIDR', () => {
  const w = lineOfThree();
  w.f.route(w.f.mainRouteTable(w.B), '192.168.0.0/16', { gatewayId: w.vgw.id });
  assertAllowed(check(w, w.vpn.id, '10.1.1.10', 81));
  assertDenied(check(w, w.vpn.id, '10.1.1.10', 82), new RegExp(`security group ${w.sgB.id} of eni-\\w+ admits no tcp/82 from 192\\.168\\.0\\.10`));
});

test('VPC to a customer network host through the VGW', () => {
  const w = lineOfThree();
  w.f.route(w.f.mainRouteTable(w.B), '192.168.0.0/16', { gatewayId: w.vgw.id });
  const d = check(w, w.b.id, '192.168.3.4', 5432);
  assertAllowed(d, `127.${w.vpn.wire}.3.4`);
});

test('security groups: a missing rule drops with the group named', () => {
  const w = lineOfThree();
  assertDenied(check(w, w.a.id, '10.1.1.10', 443), new RegExp(`^security group ${w.sgB.id} of eni-\\w+ admits no tcp/443 from 10\\.0\\.1\\.10$`));
  assertDenied(check(w, w.a.id, '10.1.1.10', 80, 'udp'), /admits no udp\/80/);
});

test('security groups: a group reference across an active peering admits', () => {
  const w = lineOfThree();
  w.f.setRules(w.sgB, { ingress: [{ protocol: 'tcp', ports: [8000, 9000], group: w.sgA.id }] });
  assertAllowed(check(w, w.a.id, '10.1.1.10', 8443));
  // The same address without membership (the VPC vantage) does not match the reference.
  assertDenied(check(w, { kind: 'vpc', vpcId: w.A.id, subnetId: w.a1.id, ip: '10.0.1.10', securityGroupIds: undefined, networkInterfaceId: undefined, instanceId: undefined }, '10.1.1.10', 8443), /admits no tcp\/8443/);
});

test('security groups: the source egress rules must allow the destination', () => {
  const w = lineOfThree();
  w.f.setRules(w.sgA, { egress: [{ protocol: 'tcp', ports: 443, cidr: '0.0.0.0/0' }] });
  assertDenied(check(w, w.a.id, '10.1.1.10', 80), new RegExp(`security group ${w.sgA.id} of eni-\\w+ \\(the source\\) allows no tcp/80 to 10\\.1\\.1\\.10`));
  w.f.setRules(w.sgA, { egress: [{ protocol: 'tcp', ports: 80, group: w.sgB.id }] });
  assertAllowed(check(w, w.a.id, '10.1.1.10', 80));
});

test('destination: no ENI at the address, or its instance not running, drops', () => {
  const w = lineOfThree();
  assertDenied(check(w, w.a.id, '10.1.1.99'), new RegExp(`no network interface in ${w.B.id} has the address 10\\.1\\.1\\.99`));
  w.f.setInstanceState(w.b, 'stopped');
  assertDenied(check(w, w.a.id, '10.1.1.10'), new RegExp(`instance ${w.b.id} \\(10\\.1\\.1\\.10\\) is stopped`));
});

test('internet: nothing inside a VPC is reachable; the machine itself is', () => {
  const w = lineOfThree();
  assertDenied(check(w, 'internet', '10.1.1.10'), /10\.1\.1\.10 is a private address \(vpc-\w+\); nothing inside a VPC is reachable from the internet/);
  assertDenied(check(w, 'internet', '8.8.8.8'), /nothing answers at 8\.8\.8\.8/);
  const d = check(w, 'internet', '127.0.0.1', 4566);
  assertAllowed(d, '127.0.0.1');
  assert.equal(d.allowed && d.sourceHostAddress, '127.0.0.1');
});

test('VPC to the internet: only through an internet gateway, and never off the machine', () => {
  const w = lineOfThree();
  assertDenied(check(w, w.a.id, '127.0.0.1', 4566), /no route from subnet-\w+ to 127\.0\.0\.1/);
  const igw = w.f.internetGateway(w.A);
  w.f.route(w.f.mainRouteTable(w.A), '0.0.0.0/0', { gatewayId: igw.id });
  const d = check(w, w.a.id, '127.0.0.1', 4566);
  assertAllowed(d, '127.0.0.1');
  assert.equal(d.allowed && d.sourceHostAddress, '127.1.1.10');
  assertDenied(check(w, w.a.id, '8.8.8.8', 53), /is on the internet \(via igw-\w+\); localvpc carries no traffic beyond this machine/);
});

test('overlapping VPCs: the route decides which VPC an address means', () => {
  const { store, f } = openFixture();
  const A = f.vpc('10.0.0.0/16');
  const B = f.vpc('10.8.0.0/16');
  const C = f.vpc('10.9.0.0/16'); // both B and C hold no 10.0.x; D overlaps A
  const D = f.vpc('10.0.0.0/16');
  void C;
  const a1 = f.subnet(A, '10.0.1.0/24');
  const d1 = f.subnet(D, '10.0.1.0/24');
  f.instance(a1, '10.0.1.10', { groups: [f.securityGroup(A, 'open', { ingress: [{ protocol: '-1', cidr: '0.0.0.0/0' }] })] });
  f.instance(d1, '10.0.1.10', { groups: [f.securityGroup(D, 'open', { ingress: [{ protocol: '-1', cidr: '0.0.0.0/0' }] })] });
  const b1 = f.subnet(B, '10.8.1.0/24');
  const pcx = f.peering(B, D);
  f.route(f.mainRouteTable(B), '10.0.0.0/16', { vpcPeeringConnectionId: pcx.id });
  f.route(f.mainRouteTable(D), '10.8.0.0/16', { vpcPeeringConnectionId: pcx.id });
  const snapshot = compileNetwork(store);
  const d = decide(snapshot, resolveVantage(snapshot, b1.id), { ip: '10.0.1.10', port: 80, protocol: 'tcp' });
  const dWire = D.cidrBlocks[0]!.wire;
  assertAllowed(d, `127.${dWire}.1.10`);
});
