import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../store.js';
import { KIND, type NetworkInterface } from '../records/ec2.js';
import { AwsError } from '../../kernel/errors.js';
import { allocatePrivateIp, availableAddressCount, isReservedAddress, privateDnsName } from './addresses.js';
import { parseIp } from '../../kernel/cidr.js';

function eni(id: string, subnetId: string, ip: string): NetworkInterface {
  return {
    id, region: 'eu-west-1', ownerId: '000000000000', tags: [], createdAt: '2024-01-01T00:00:00.000Z',
    subnetId, vpcId: 'vpc-1', availabilityZone: 'eu-west-1a', privateIpAddress: ip, macAddress: '02:00:00:00:00:01',
    description: '', interfaceType: 'interface', requesterManaged: false, groups: [], status: 'available', sourceDestCheck: true,
  };
}

function storeWith(...enis: NetworkInterface[]): Store {
  const store = Store.open(':memory:');
  store.transact((tx) => { for (const e of enis) tx.put(KIND.networkInterface, e); });
  return store;
}

function errorOf(fn: () => unknown): AwsError {
  try { fn(); } catch (e) { if (e instanceof AwsError) return e; throw e; }
  throw new Error('expected an AwsError');
}

const subnet = { id: 'subnet-1', cidrBlock: '10.0.1.0/24' };

test('the first address handed out skips network, router, DNS and future-use addresses', () => {
  assert.equal(allocatePrivateIp(storeWith(), subnet), '10.0.1.4');
});

test('addresses held by ENIs of the subnet and by the caller are skipped; other subnets do not count', () => {
  const store = storeWith(eni('eni-1', 'subnet-1', '10.0.1.4'), eni('eni-2', 'subnet-2', '10.0.1.5'));
  assert.equal(allocatePrivateIp(store, subnet), '10.0.1.5');
  assert.equal(allocatePrivateIp(store, subnet, undefined, ['10.0.1.5', '10.0.1.6']), '10.0.1.7');
});

test('a transaction sees the ENIs written earlier in it', () => {
  const store = storeWith();
  const ips = store.transact((tx) => {
    const a = allocatePrivateIp(tx, subnet);
    tx.put(KIND.networkInterface, eni('eni-a', 'subnet-1', a));
    return [a, allocatePrivateIp(tx, subnet)];
  });
  assert.deepEqual(ips, ['10.0.1.4', '10.0.1.5']);
});

test('a requested address must be inside the subnet, not reserved and not in use', () => {
  const store = storeWith(eni('eni-1', 'subnet-1', '10.0.1.5'));
  assert.equal(allocatePrivateIp(store, subnet, '10.0.1.200'), '10.0.1.200');
  const inUse = errorOf(() => allocatePrivateIp(store, subnet, '10.0.1.5'));
  assert.equal(inUse.code, 'InvalidIPAddress.InUse');
  assert.equal(inUse.message, 'Address 10.0.1.5 is in use.');
  const outside = errorOf(() => allocatePrivateIp(store, subnet, '10.0.2.5'));
  assert.equal(outside.code, 'InvalidParameterValue');
  assert.equal(outside.message, "Address 10.0.2.5 does not fall within the subnet's address range");
  for (const reserved of ['10.0.1.0', '10.0.1.1', '10.0.1.2', '10.0.1.3', '10.0.1.255']) {
    assert.equal(errorOf(() => allocatePrivateIp(store, subnet, reserved)).code, 'InvalidParameterValue', reserved);
  }
  assert.equal(errorOf(() => allocatePrivateIp(store, subnet, 'banana')).code, 'InvalidParameterValue');
  assert.equal(errorOf(() => allocatePrivateIp(store, subnet, '10.0.1.4', ['10.0.1.4'])).code, 'InvalidIPAddress.InUse');
});

test('a /28 holds 11 addresses, then InsufficientFreeAddressesInSubnet', () => {
  const small = { id: 'subnet-s', cidrBlock: '10.0.2.0/28' };
  const store = storeWith();
  assert.equal(availableAddressCount(store, small), 11);
  const got: string[] = [];
  store.transact((tx) => {
    for (let i = 0; i < 11; i++) {
      const ip = allocatePrivateIp(tx, small);
      got.push(ip);
      tx.put(KIND.networkInterface, eni(`eni-${i}`, small.id, ip));
    }
  });
  assert.equal(got[0], '10.0.2.4');
  assert.equal(got[10], '10.0.2.14');
  assert.equal(availableAddressCount(store, small), 0);
  const full = errorOf(() => allocatePrivateIp(store, small));
  assert.equal(full.code, 'InsufficientFreeAddressesInSubnet');
  assert.equal(full.message, 'The specified subnet does not have enough free addresses to satisfy the request.');
});

test('available counts match the AWS sizing table', () => {
  const store = storeWith(eni('eni-1', 'subnet-1', '10.0.1.9'));
  assert.equal(availableAddressCount(store, subnet), 250);
  assert.equal(availableAddressCount(store, { id: 'subnet-x', cidrBlock: '172.31.0.0/20' }), 4091);
  assert.equal(isReservedAddress('10.0.1.0/24', parseIp('10.0.1.3')!), true);
  assert.equal(isReservedAddress('10.0.1.0/24', parseIp('10.0.1.4')!), false);
});

test('private DNS names: ec2.internal in us-east-1, <region>.compute.internal elsewhere', () => {
  assert.equal(privateDnsName('10.0.1.23', 'us-east-1'), 'ip-10-0-1-23.ec2.internal');
  assert.equal(privateDnsName('10.0.1.23', 'eu-west-1'), 'ip-10-0-1-23.eu-west-1.compute.internal');
});
