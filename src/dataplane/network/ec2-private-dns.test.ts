import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2PrivateDnsResolver, parseEc2PrivateDnsName } from './ec2-private-dns.js';

test('EC2 private DNS names spell their address', () => {
  assert.equal(parseEc2PrivateDnsName('ip-10-0-1-5.eu-west-1.compute.internal'), '10.0.1.5');
  assert.equal(parseEc2PrivateDnsName('IP-10-0-1-5.EU-WEST-1.COMPUTE.INTERNAL.'), '10.0.1.5');
  assert.equal(parseEc2PrivateDnsName('ip-172-31-16-4.ec2.internal'), '172.31.16.4');
  assert.equal(parseEc2PrivateDnsName('ip-10-0-1-5.us-gov-west-1.compute.internal'), '10.0.1.5');
  assert.equal(parseEc2PrivateDnsName('ip-10-0-1-256.eu-west-1.compute.internal'), undefined);
  assert.equal(parseEc2PrivateDnsName('ip-10-0-1-5.example.com'), undefined);
  assert.equal(parseEc2PrivateDnsName('example.com'), undefined);
});

test('they resolve inside VPCs only', () => {
  const vpcHost = { kind: 'vpc', vpcId: 'vpc-1', subnetId: 'subnet-1', ip: '10.0.0.9', securityGroupIds: undefined, networkInterfaceId: undefined, instanceId: undefined } as const;
  assert.equal(ec2PrivateDnsResolver('ip-10-0-1-5.eu-west-1.compute.internal', vpcHost), '10.0.1.5');
  assert.equal(ec2PrivateDnsResolver('ip-10-0-1-5.eu-west-1.compute.internal', { kind: 'internet' }), undefined);
  assert.equal(ec2PrivateDnsResolver('ip-10-0-1-5.eu-west-1.compute.internal', { kind: 'customer-network', vpnConnectionId: 'vpn-1', ip: '192.168.0.10' }), undefined);
});
