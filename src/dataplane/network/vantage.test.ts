import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openFixture } from '../testing-fixtures.js';
import { compileNetwork } from './compile.js';
import { sourceHostAddressOf } from './reachability.js';
import { resolveVantage, VantageError } from './vantage.js';

function world() {
  const { store, f } = openFixture();
  const vpc = f.vpc('10.0.0.0/16', { wires: [7] });
  const first = f.subnet(vpc, '10.0.1.0/24');
  const second = f.subnet(vpc, '10.0.2.0/28');
  const sg = f.securityGroup(vpc, 'app');
  const running = f.instance(second, '10.0.2.5', { groups: [sg] });
  const stopped = f.instance(first, '10.0.1.6', { state: 'stopped' });
  const vgw = f.vpnGateway(vpc);
  const vpn = f.vpnConnection(vgw, ['192.168.10.0/24', '172.16.0.0/16'], { wire: 9 });
  const empty = f.vpc('10.5.0.0/16');
  const bare = f.vpnConnection(vgw, [], { wire: 10 });
  return { store, f, vpc, first, second, sg, running, stopped, vpn, empty, bare };
}

test('internet is the default vantage', () => {
  const w = world();
  const s = compileNetwork(w.store);
  assert.deepEqual(resolveVantage(s, undefined), { kind: 'internet' });
  assert.deepEqual(resolveVantage(s, 'internet'), { kind: 'internet' });
  assert.equal(sourceHostAddressOf(s, { kind: 'internet' }), '127.0.0.1');
});

test('a VPC vantage is a host at broadcast − 1 of its first subnet, not an ENI', () => {
  const w = world();
  const s = compileNetwork(w.store);
  const e = resolveVantage(s, w.vpc.id);
  assert.deepEqual(e, { kind: 'vpc', vpcId: w.vpc.id, subnetId: w.first.id, ip: '10.0.1.254', securityGroupIds: undefined, networkInterfaceId: undefined, instanceId: undefined });
  assert.equal(sourceHostAddressOf(s, e), '127.7.1.254');
});

test('a subnet vantage uses that subnet', () => {
  const w = world();
  const s = compileNetwork(w.store);
  const e = resolveVantage(s, w.second.id);
  assert.equal(e.kind === 'vpc' && e.ip, '10.0.2.14');
  assert.equal(sourceHostAddressOf(s, e), '127.7.2.14');
});

test('an instance vantage is its primary ENI with its groups; it must be running', () => {
  const w = world();
  const s = compileNetwork(w.store);
  const e = resolveVantage(s, w.running.id);
  assert.deepEqual(e, {
    kind: 'vpc',
    vpcId: w.vpc.id,
    subnetId: w.second.id,
    ip: '10.0.2.5',
    securityGroupIds: [w.sg.id],
    networkInterfaceId: w.running.networkInterfaceIds[0],
    instanceId: w.running.id,
  });
  assert.equal(sourceHostAddressOf(s, e), '127.7.2.5');
  assert.throws(() => resolveVantage(s, w.stopped.id), (err: unknown) => err instanceof VantageError && err.code === 'vantage-unavailable' && /is stopped/.test(err.message));
});

test('a VPN vantage is base + 10 of its first static route, on its wire', () => {
  const w = world();
  const s = compileNetwork(w.store);
  const e = resolveVantage(s, w.vpn.id);
  assert.deepEqual(e, { kind: 'customer-network', vpnConnectionId: w.vpn.id, ip: '192.168.10.10' });
  assert.equal(sourceHostAddressOf(s, e), '127.9.10.10');
  assert.throws(() => resolveVantage(s, w.bare.id), (err: unknown) => err instanceof VantageError && err.code === 'vantage-unavailable' && /no static routes/.test(err.message));
});

test('unknown vantages fail clearly', () => {
  const w = world();
  const s = compileNetwork(w.store);
  for (const v of ['vpc-00000000000000099', 'subnet-0', 'i-0', 'vpn-0', 'eni-1', 'somewhere']) {
    assert.throws(
      () => resolveVantage(s, v),
      (err: unknown) => err instanceof VantageError && err.code === 'unknown-vantage' && /a vantage is 'internet', a VPC id/.test(err.message),
      v,
    );
  }
  assert.throws(() => resolveVantage(s, w.empty.id), /has no subnets/);
});
