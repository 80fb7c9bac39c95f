import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openFixture } from '../testing-fixtures.js';
import { compileNetwork } from '../network/compile.js';
import { KIND } from '../../state/records/ec2.js';
import { describeView, viewFromSource } from './view.js';

const { f, store } = openFixture();
const app = f.vpc('10.0.0.0/16', { wires: [140] });
const small = f.vpc('10.1.16.0/20', { wires: [141] });
const multi = f.vpc(['10.2.0.0/16', '10.3.0.0/24'], { wires: [142, 143] });
const vgw = f.vpnGateway(app);
const vpn = f.vpnConnection(vgw, ['192.168.0.0/16', '172.16.8.0/24'], { wire: 144 });
const snapshot = compileNetwork(store);

test('127.0.0.1 is the internet', () => {
  assert.deepEqual(viewFromSource(snapshot, '127.0.0.1'), { kind: 'internet' });
  assert.equal(describeView(viewFromSource(snapshot, '127.0.0.1')), 'internet');
});

test('an address on a VPC wire is a host in that VPC, at the AWS address it stands for', () => {
  assert.deepEqual(viewFromSource(snapshot, '127.140.1.9'), { kind: 'vpc', vpcId: app.id, ip: '10.0.1.9' });
  assert.equal(describeView(viewFromSource(snapshot, '127.140.1.9')), `${app.id} 10.0.1.9`);
  // IPv4-mapped, as a dual-stack socket reports it.
  assert.deepEqual(viewFromSource(snapshot, '::ffff:127.140.1.9'), { kind: 'vpc', vpcId: app.id, ip: '10.0.1.9' });
});

test('a block smaller than /16 maps by its low 16 bits; outside the block the host is in the VPC without an address', () => {
  assert.deepEqual(viewFromSource(snapshot, '127.141.16.5'), { kind: 'vpc', vpcId: small.id, ip: '10.1.16.5' });
  assert.deepEqual(viewFromSource(snapshot, '127.141.0.5'), { kind: 'vpc', vpcId: small.id, ip: undefined });
  assert.equal(describeView(viewFromSource(snapshot, '127.141.0.5')), `${small.id} (outside its blocks)`);
});

test('each CIDR block of a VPC has its own wire', () => {
  assert.deepEqual(viewFromSource(snapshot, '127.142.7.7'), { kind: 'vpc', vpcId: multi.id, ip: '10.2.7.7' });
  assert.deepEqual(viewFromSource(snapshot, '127.143.0.20'), { kind: 'vpc', vpcId: multi.id, ip: '10.3.0.20' });
});

test("an address on a VPN connection's wire is a host in its customer network", () => {
  assert.deepEqual(viewFromSource(snapshot, '127.144.0.10'), { kind: 'customer-network', vpnConnectionId: vpn.id, ip: '192.168.0.10' });
  assert.equal(describeView(viewFromSource(snapshot, '127.144.0.10')), `${vpn.id} 192.168.0.10`);
});

test('a wire nothing owns, and addresses off the wires, are the internet', () => {
  for (const source of ['127.149.1.1', '127.0.0.2', '127.255.0.1', '10.0.1.9', '192.0.2.1', '::1', 'not an address']) {
    assert.deepEqual(viewFromSource(snapshot, source), { kind: 'internet' }, source);
  }
});

test('the view follows the snapshot: a VPC deleted from the store no longer owns its wire', () => {
  const later = openFixture();
  const gone = later.f.vpc('10.9.0.0/16', { wires: [145] });
  assert.equal(viewFromSource(compileNetwork(later.store), '127.145.0.9').kind, 'vpc');
  later.f.delete(KIND.vpc, gone.id);
  assert.equal(viewFromSource(compileNetwork(later.store), '127.145.0.9').kind, 'internet');
});
