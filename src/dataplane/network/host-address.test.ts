import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidr } from '../../kernel/cidr.js';
import { awsIpFor, hostAddressFor, hostAddressOnWire, INTERNET_HOST_ADDRESS, parseHostAddress } from './host-address.js';

const blocks = [
  { network: cidr('10.0.0.0/16'), wire: 5 },
  { network: cidr('10.1.4.0/24'), wire: 6 },
];

test('an address maps onto its wire by its low 16 bits', () => {
  assert.equal(hostAddressOnWire('10.0.1.23', 5), '127.5.1.23');
  assert.equal(hostAddressFor(blocks, '10.0.1.23'), '127.5.1.23');
  assert.equal(hostAddressFor(blocks, '10.1.4.200'), '127.6.4.200');
  assert.equal(hostAddressFor(blocks, '10.2.0.1'), undefined);
  assert.equal(hostAddressFor(blocks, 'nope'), undefined);
  assert.throws(() => hostAddressOnWire('10.0.0.1', 0));
  assert.throws(() => hostAddressOnWire('10.0.0.1', 255));
});

test('a host address maps back to the AWS-style address', () => {
  assert.equal(awsIpFor(blocks, '127.5.1.23'), '10.0.1.23');
  assert.equal(awsIpFor(blocks, '127.6.4.200'), '10.1.4.200');
  assert.equal(awsIpFor(blocks, '127.6.5.1'), undefined, 'outside the /24 carried by wire 6');
  assert.equal(awsIpFor(blocks, INTERNET_HOST_ADDRESS), undefined);
  assert.equal(awsIpFor(blocks, '127.9.0.1'), undefined);
  assert.deepEqual(parseHostAddress('127.5.1.23'), { wire: 5, low16: 0x0117 });
  assert.equal(parseHostAddress('10.0.0.1'), undefined);
});

test('a customer network wider than /16 maps by low 16 bits too', () => {
  const customer = [{ network: cidr('172.16.0.0/12'), wire: 9 }];
  assert.equal(hostAddressFor(customer, '172.17.3.4'), '127.9.3.4');
  assert.equal(awsIpFor(customer, '127.9.3.4'), '172.16.3.4', 'the reverse picks the first address of the range with those bits');
});
