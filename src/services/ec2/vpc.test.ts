import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';

test('CreateVpc answers pending with the canonical block; Describe shows available', async () => {
  const ctx = testContext();
  const out = await call(ec2Service, ctx, 'CreateVpc', { CidrBlock: '10.0.0.18/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'demo' }] }] });
  assert.equal(out.Vpc.State, 'pending');
  assert.equal(out.Vpc.CidrBlock, '10.0.0.0/16');
  assert.match(out.Vpc.VpcId, /^vpc-[0-9a-f]{17}$/);
  const d = await call(ec2Service, ctx, 'DescribeVpcs', { VpcIds: [out.Vpc.VpcId] });
  assert.equal(d.Vpcs[0].State, 'available');
  assert.deepEqual(d.Vpcs[0].Tags, [{ Key: 'Name', Value: 'demo' }]);
});

test('each region has a default VPC 172.31.0.0/16 with one /20 default subnet per zone', async () => {
  const ctx = testContext({ region: 'eu-west-1' });
  const d = await call(ec2Service, ctx, 'DescribeVpcs', { Filters: [{ Name: 'is-default', Values: ['true'] }] });
  assert.equal(d.Vpcs.length, 1);
  assert.equal(d.Vpcs[0].CidrBlock, '172.31.0.0/16');
  assert.equal(d.Vpcs[0].IsDefault, true);
});

test('CreateVpc refuses bad blocks with EC2 codes', async () => {
  const ctx = testContext();
  assert.equal((await callError(ec2Service, ctx, 'CreateVpc', { CidrBlock: '10.0.0.0/8' })).code, 'InvalidVpc.Range');
  const bad = await callError(ec2Service, ctx, 'CreateVpc', { CidrBlock: 'banana' });
  assert.equal(bad.code, 'InvalidParameterValue');
  assert.equal(bad.message, 'Value (banana) for parameter cidrBlock is invalid. This is not a valid CIDR block.');
  assert.equal((await callError(ec2Service, ctx, 'CreateVpc', { CidrBlock: '10.0.0.0/16', DryRun: true })).code, 'DryRunOperation');
  assert.equal((await callError(ec2Service, ctx, 'CreateVpc', { CidrBlock: '10.0.0.0/16', Ipv6Pool: 'x' })).code, 'NotImplemented');
});

test('DescribeVpcs: unknown ids, tag filters with wildcards, pagination', async () => {
  const ctx = testContext();
  const e = await callError(ec2Service, ctx, 'DescribeVpcs', { VpcIds: ['vpc-0123456789abcdef0'] });
  assert.equal(e.code, 'InvalidVpcID.NotFound');
  assert.equal(e.message, "The vpc ID 'vpc-0123456789abcdef0' does not exist");
  for (let i = 0; i < 7; i++) {
    await call(ec2Service, ctx, 'CreateVpc', { CidrBlock: `10.${i}.0.0/16`, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: i % 2 ? 'prod-x' : 'dev' }] }] });
  }
  const prod = await call(ec2Service, ctx, 'DescribeVpcs', { Filters: [{ Name: 'tag:Name', Values: ['prod-*'] }] });
  assert.equal(prod.Vpcs.length, 3);
  const p1 = await call(ec2Service, ctx, 'DescribeVpcs', { MaxResults: 5 });
  assert.equal(p1.Vpcs.length, 5);
  assert.ok(p1.NextToken);
  const p2 = await call(ec2Service, ctx, 'DescribeVpcs', { MaxResults: 5, NextToken: p1.NextToken });
  assert.equal(p2.Vpcs.length, 3); // 7 created + the default VPC
  assert.equal(p2.NextToken, undefined);
  assert.equal((await callError(ec2Service, ctx, 'DescribeVpcs', { Filters: [{ Name: 'nope', Values: ['x'] }] })).code, 'InvalidParameterValue');
});

test('DeleteVpc with a subnet is a DependencyViolation; without, the main table and default group go too', async () => {
  const ctx = testContext();
  const { Vpc } = await call(ec2Service, ctx, 'CreateVpc', { CidrBlock: '10.9.0.0/16' });
  await call(ec2Service, ctx, 'DeleteVpc', { VpcId: Vpc.VpcId });
  assert.equal((await callError(ec2Service, ctx, 'DescribeVpcs', { VpcIds: [Vpc.VpcId] })).code, 'InvalidVpcID.NotFound');
  assert.equal(ctx.store.list('ec2.route-table', (t: any) => t.vpcId === Vpc.VpcId).length, 0);
});
