import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { KIND, type CustomerGateway } from '../../state/records/ec2.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';

test('CreateCustomerGateway: ipsec.1, BgpAsn as a string (default 65000), identical requests return the same gateway', async () => {
  const ctx = testContext();
  const out = (await call(ec2Service, ctx, 'CreateCustomerGateway', { Type: 'ipsec.1', IpAddress: '198.51.100.7', TagSpecifications: [{ ResourceType: 'customer-gateway', Tags: [{ Key: 'Name', Value: 'office' }] }] })).CustomerGateway;
  assert.match(out.CustomerGatewayId, /^cgw-[0-9a-f]{17}$/);
  assert.equal(out.State, 'available');
  assert.equal(out.Type, 'ipsec.1');
  assert.equal(out.IpAddress, '198.51.100.7');
  assert.equal(out.BgpAsn, '65000');
  assert.deepEqual(out.Tags, [{ Key: 'Name', Value: 'office' }]);
  const same = (await call(ec2Service, ctx, 'CreateCustomerGateway', { Type: 'ipsec.1', PublicIp: '198.51.100.7' })).CustomerGateway;
  assert.equal(same.CustomerGatewayId, out.CustomerGatewayId);
  const other = (await call(ec2Service, ctx, 'CreateCustomerGateway', { Type: 'ipsec.1', IpAddress: '198.51.100.7', BgpAsn: 65010 })).CustomerGateway;
  assert.notEqual(other.CustomerGatewayId, out.CustomerGatewayId);
  assert.equal(other.BgpAsn, '65010');
  assert.equal((await callError(ec2Service, ctx, 'CreateCustomerGateway', { Type: 'ipsec.2', IpAddress: '198.51.100.7' })).code, 'InvalidParameterValue');
  assert.equal((await callError(ec2Service, ctx, 'CreateCustomerGateway', { Type: 'ipsec.1' })).code, 'MissingParameter');
  assert.equal((await callError(ec2Service, ctx, 'CreateCustomerGateway', { Type: 'ipsec.1', IpAddress: 'office' })).code, 'InvalidParameterValue');
  assert.equal((await callError(ec2Service, ctx, 'CreateCustomerGateway', { Type: 'ipsec.1', IpAddress: '198.51.100.8', CertificateArn: 'arn:aws:acm:x' })).code, 'NotImplemented');
  assert.equal((await callError(ec2Service, ctx, 'CreateCustomerGateway', { Type: 'ipsec.1', IpAddress: '198.51.100.8', DryRun: true })).code, 'DryRunOperation');
});

test('DescribeCustomerGateways filters; DeleteCustomerGateway leaves it deleted for a while, then it vanishes', async () => {
  const ctx = testContext();
  const a = (await call(ec2Service, ctx, 'CreateCustomerGateway', { Type: 'ipsec.1', IpAddress: '198.51.100.7' })).CustomerGateway.CustomerGatewayId;
  const b = (await call(ec2Service, ctx, 'CreateCustomerGateway', { Type: 'ipsec.1', IpAddress: '198.51.100.9', BgpAsn: 65001 })).CustomerGateway.CustomerGatewayId;
  const ids = async (Filters: unknown) => (await call(ec2Service, ctx, 'DescribeCustomerGateways', { Filters })).CustomerGateways.map((g: any) => g.CustomerGatewayId);
  assert.deepEqual(await ids([{ Name: 'ip-address', Values: ['198.51.100.9'] }]), [b]);
  assert.deepEqual(await ids([{ Name: 'bgp-asn', Values: ['65000'] }]), [a]);
  assert.equal((await ids([{ Name: 'state', Values: ['available'] }])).length, 2);
  await call(ec2Service, ctx, 'DeleteCustomerGateway', { CustomerGatewayId: a });
  const d = (await call(ec2Service, ctx, 'DescribeCustomerGateways', { CustomerGatewayIds: [a] })).CustomerGateways[0];
  assert.equal(d.State, 'deleted');
  await call(ec2Service, ctx, 'DeleteCustomerGateway', { CustomerGatewayId: a });
  ctx.store.transact((tx) => tx.put(KIND.customerGateway, { ...tx.get<CustomerGateway>(KIND.customerGateway, a)!, deletedAt: new Date(Date.now() - 2 * 3600_000).toISOString() }));
  const gone = await callError(ec2Service, ctx, 'DescribeCustomerGateways', { CustomerGatewayIds: [a] });
  assert.equal(gone.code, 'InvalidCustomerGatewayID.NotFound');
  assert.equal(gone.message, `The customerGateway ID '${a}' does not exist`);
  assert.equal((await callError(ec2Service, ctx, 'DeleteCustomerGateway', { CustomerGatewayId: 'cgw-x' })).code, 'InvalidCustomerGatewayId.Malformed');
});
