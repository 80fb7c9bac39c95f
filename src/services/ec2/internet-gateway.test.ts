import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import type { OperationContext } from '../context.js';

async function vpc(ctx: OperationContext, cidr = '10.0.0.0/16'): Promise<string> {
  return (await call(ec2Service, ctx, 'CreateVpc', { CidrBlock: cidr })).Vpc.VpcId;
}

async function igw(ctx: OperationContext, name?: string): Promise<string> {
  const tags = name ? [{ ResourceType: 'internet-gateway', Tags: [{ Key: 'Name', Value: name }] }] : undefined;
  return (await call(ec2Service, ctx, 'CreateInternetGateway', { TagSpecifications: tags })).InternetGateway.InternetGatewayId;
}

test('CreateInternetGateway answers igw- with no attachments; Attach shows state available (§1.6)', async () => {
  const ctx = testContext();
  const created = await call(ec2Service, ctx, 'CreateInternetGateway', { TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: [{ Key: 'Name', Value: 'edge' }] }] });
  const id = created.InternetGateway.InternetGatewayId;
  assert.match(id, /^igw-[0-9a-f]{17}$/);
  assert.deepEqual(created.InternetGateway.Attachments, []);
  assert.equal(created.InternetGateway.OwnerId, '000000000000');
  assert.deepEqual(created.InternetGateway.Tags, [{ Key: 'Name', Value: 'edge' }]);
  const vpcId = await vpc(ctx);
  await call(ec2Service, ctx, 'AttachInternetGateway', { InternetGatewayId: id, VpcId: vpcId });
  const d = await call(ec2Service, ctx, 'DescribeInternetGateways', { InternetGatewayIds: [id] });
  assert.deepEqual(d.InternetGateways[0].Attachments, [{ State: 'available', VpcId: vpcId }]);
});

test('one internet gateway per VPC and one VPC per gateway, with AWS texts', async () => {
  const ctx = testContext();
  const a = await vpc(ctx, '10.0.0.0/16');
  const b = await vpc(ctx, '10.1.0.0/16');
  const g1 = await igw(ctx);
  const g2 = await igw(ctx);
  await call(ec2Service, ctx, 'AttachInternetGateway', { InternetGatewayId: g1, VpcId: a });
  const again = await callError(ec2Service, ctx, 'AttachInternetGateway', { InternetGatewayId: g1, VpcId: b });
  assert.equal(again.code, 'Resource.AlreadyAssociated');
  assert.equal(again.message, `resource ${g1} is already attached to network ${a}`);
  const second = await callError(ec2Service, ctx, 'AttachInternetGateway', { InternetGatewayId: g2, VpcId: a });
  assert.equal(second.code, 'InvalidParameterValue');
  assert.equal(second.message, `Network ${a} already has an internet gateway attached`);
});

test('Detach: Gateway.NotAttached for the wrong VPC; Delete: DependencyViolation while attached', async () => {
  const ctx = testContext();
  const a = await vpc(ctx, '10.0.0.0/16');
  const b = await vpc(ctx, '10.1.0.0/16');
  const g = await igw(ctx);
  const notAttached = await callError(ec2Service, ctx, 'DetachInternetGateway', { InternetGatewayId: g, VpcId: a });
  assert.equal(notAttached.code, 'Gateway.NotAttached');
  assert.equal(notAttached.message, `resource ${g} is not attached to network ${a}`);
  await call(ec2Service, ctx, 'AttachInternetGateway', { InternetGatewayId: g, VpcId: a });
  assert.equal((await callError(ec2Service, ctx, 'DetachInternetGateway', { InternetGatewayId: g, VpcId: b })).code, 'Gateway.NotAttached');
  const busy = await callError(ec2Service, ctx, 'DeleteInternetGateway', { InternetGatewayId: g });
  assert.equal(busy.code, 'DependencyViolation');
  assert.equal(busy.message, `The internetGateway '${g}' has dependencies and cannot be deleted.`);
  assert.equal((await callError(ec2Service, ctx, 'DetachInternetGateway', { InternetGatewayId: g, VpcId: a, DryRun: true })).code, 'DryRunOperation');
  await call(ec2Service, ctx, 'DetachInternetGateway', { InternetGatewayId: g, VpcId: a });
  await call(ec2Service, ctx, 'DeleteInternetGateway', { InternetGatewayId: g });
  const gone = await callError(ec2Service, ctx, 'DescribeInternetGateways', { InternetGatewayIds: [g] });
  assert.equal(gone.code, 'InvalidInternetGatewayID.NotFound');
  assert.equal(gone.message, `The internetGateway ID '${g}' does not exist`);
  assert.equal((await callError(ec2Service, ctx, 'AttachInternetGateway', { InternetGatewayId: 'igw-nope', VpcId: a })).code, 'InvalidInternetGatewayId.Malformed');
});

test('DescribeInternetGateways: default VPC gateway, filters, pagination, DryRun, region scope', async () => {
  const ctx = testContext();
  const vpcs = await call(ec2Service, ctx, 'DescribeVpcs', { Filters: [{ Name: 'is-default', Values: ['true'] }] });
  const defaultVpcId = vpcs.Vpcs[0].VpcId;
  const byVpc = await call(ec2Service, ctx, 'DescribeInternetGateways', { Filters: [{ Name: 'attachment.vpc-id', Values: [defaultVpcId] }] });
  assert.equal(byVpc.InternetGateways.length, 1);
  for (let i = 0; i < 6; i++) await igw(ctx, i < 2 ? 'blue' : 'green');
  const blue = await call(ec2Service, ctx, 'DescribeInternetGateways', { Filters: [{ Name: 'tag:Name', Values: ['blue'] }] });
  assert.equal(blue.InternetGateways.length, 2);
  const available = await call(ec2Service, ctx, 'DescribeInternetGateways', { Filters: [{ Name: 'attachment.state', Values: ['available'] }] });
  assert.equal(available.InternetGateways.length, 1);
  const p1 = await call(ec2Service, ctx, 'DescribeInternetGateways', { MaxResults: 5 });
  const p2 = await call(ec2Service, ctx, 'DescribeInternetGateways', { MaxResults: 5, NextToken: p1.NextToken });
  assert.equal(p1.InternetGateways.length + p2.InternetGateways.length, 7);
  assert.equal((await callError(ec2Service, ctx, 'DescribeInternetGateways', { DryRun: true })).code, 'DryRunOperation');
  const us = testContext({ region: 'us-east-1', store: ctx.store });
  assert.equal((await call(ec2Service, us, 'DescribeInternetGateways', {})).InternetGateways.length, 1);
  assert.equal((await callError(ec2Service, ctx, 'CreateInternetGateway', { DryRun: true })).code, 'DryRunOperation');
  assert.equal((await call(ec2Service, ctx, 'DescribeInternetGateways', {})).InternetGateways.length, 7);
});
