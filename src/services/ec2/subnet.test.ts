import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import type { OperationContext } from '../context.js';
import { KIND, type NetworkInterface } from '../../state/records/ec2.js';
import { ec2Id } from '../../kernel/ids.js';

async function vpc(ctx: OperationContext, cidr = '10.0.0.0/16'): Promise<string> {
  return (await call(ec2Service, ctx, 'CreateVpc', { CidrBlock: cidr })).Vpc.VpcId;
}

/** An ENI record in `subnetId`, as the ENI and instance operations leave one. */
function putEni(ctx: OperationContext, subnetId: string, vpcId: string, ip: string, groups: string[] = []): string {
  const eni: NetworkInterface = {
    id: ec2Id('eni'), region: ctx.region, ownerId: ctx.accountId, tags: [], createdAt: new Date().toISOString(),
    subnetId, vpcId, availabilityZone: `${ctx.region}a`, privateIpAddress: ip, macAddress: '02:00:00:00:00:01',
    description: '', interfaceType: 'interface', requesterManaged: false, groups, status: 'available', sourceDestCheck: true,
  };
  ctx.store.transact((tx) => tx.put(KIND.networkInterface, eni));
  return eni.id;
}

test('default subnets: one /20 per zone, public, 4091 free addresses (checklist 2)', async () => {
  const ctx = testContext({ region: 'eu-west-1' });
  const d = await call(ec2Service, ctx, 'DescribeSubnets', { Filters: [{ Name: 'default-for-az', Values: ['true'] }] });
  assert.deepEqual(d.Subnets.map((s: any) => s.CidrBlock).sort(), ['172.31.0.0/20', '172.31.16.0/20', '172.31.32.0/20']);
  for (const s of d.Subnets) {
    assert.equal(s.MapPublicIpOnLaunch, true);
    assert.equal(s.AvailableIpAddressCount, 4091);
    assert.equal(s.DefaultForAz, true);
  }
  const zones = await call(ec2Service, ctx, 'DescribeSubnets', { Filters: [{ Name: 'availabilityZone', Values: ['eu-west-1a'] }, { Name: 'defaultForAz', Values: ['true'] }] });
  assert.equal(zones.Subnets.length, 1);
  assert.equal(zones.Subnets[0].AvailabilityZoneId, 'euw1-az3');
});

test('CreateSubnet: canonical block, wire shape, 251 free in a /24, ENIs take addresses (checklist 11)', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const { Subnet } = await call(ec2Service, ctx, 'CreateSubnet', {
    VpcId: vpcId, CidrBlock: '10.0.1.9/24', AvailabilityZone: 'eu-west-1b',
    TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: 'app' }] }],
  });
  assert.match(Subnet.SubnetId, /^subnet-[0-9a-f]{17}$/);
  assert.equal(Subnet.CidrBlock, '10.0.1.0/24');
  assert.equal(Subnet.SubnetArn, `arn:aws:ec2:eu-west-1:000000000000:subnet/${Subnet.SubnetId}`);
  assert.equal(Subnet.AvailabilityZone, 'eu-west-1b');
  assert.equal(Subnet.AvailabilityZoneId, 'euw1-az1');
  assert.equal(Subnet.DefaultForAz, false);
  assert.equal(Subnet.MapPublicIpOnLaunch, false);
  assert.equal(Subnet.State, 'available');
  assert.deepEqual(Subnet.Ipv6CidrBlockAssociationSet, []);
  assert.deepEqual(Subnet.Tags, [{ Key: 'Name', Value: 'app' }]);
  assert.equal(Subnet.AvailableIpAddressCount, 251);
  putEni(ctx, Subnet.SubnetId, vpcId, '10.0.1.10');
  const d = await call(ec2Service, ctx, 'DescribeSubnets', { SubnetIds: [Subnet.SubnetId] });
  assert.equal(d.Subnets[0].AvailableIpAddressCount, 250);
  const small = await call(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.2.0/28' });
  assert.equal(small.Subnet.AvailableIpAddressCount, 11);
});

test('CreateSubnet refuses blocks outside the VPC, of a bad size, or overlapping (checklist 9, 10)', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const outside = await callError(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.1.0.0/24' });
  assert.equal(outside.code, 'InvalidSubnet.Range');
  assert.equal(outside.message, "The CIDR '10.1.0.0/24' is invalid.");
  assert.equal((await callError(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.0.0/29' })).code, 'InvalidSubnet.Range');
  const bad = await callError(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: 'banana' });
  assert.equal(bad.code, 'InvalidParameterValue');
  assert.equal(bad.message, 'Value (banana) for parameter cidrBlock is invalid. This is not a valid CIDR block.');
  assert.equal((await callError(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId })).code, 'MissingParameter');
  await call(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.1.0/24' });
  const again = await callError(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.1.0/24' });
  assert.equal(again.code, 'InvalidSubnet.Conflict');
  assert.equal(again.message, "The CIDR '10.0.1.0/24' conflicts with another subnet");
  assert.equal((await callError(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.0.0/23' })).code, 'InvalidSubnet.Conflict');
  const noVpc = await callError(ec2Service, ctx, 'CreateSubnet', { VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.1.0/24' });
  assert.equal(noVpc.message, "The vpc ID 'vpc-0123456789abcdef0' does not exist");
  assert.equal((await callError(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.9.0/24', Ipv6CidrBlock: '2600::/64' })).code, 'NotImplemented');
});

test('CreateSubnet zones: by name, by id, a mismatch, an unknown one, and picked evenly when absent', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const byId = await call(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.1.0/24', AvailabilityZoneId: 'euw1-az2' });
  assert.equal(byId.Subnet.AvailabilityZone, 'eu-west-1c');
  const unknown = await callError(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.2.0/24', AvailabilityZone: 'eu-west-1z' });
  assert.equal(unknown.code, 'InvalidParameterValue');
  assert.match(unknown.message, /^Value \(eu-west-1z\) for parameter availabilityZone is invalid/);
  assert.equal((await callError(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.2.0/24', AvailabilityZone: 'eu-west-1a', AvailabilityZoneId: 'euw1-az1' })).code, 'InvalidParameterCombination');
  const picked = [];
  for (let i = 2; i < 4; i++) picked.push((await call(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: `10.0.${i}.0/24` })).Subnet.AvailabilityZone);
  assert.deepEqual(picked, ['eu-west-1a', 'eu-west-1b']);
});

test('DescribeSubnets: ids, NotFound, malformed ids, filters, pagination, region scope, DryRun', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const ids: string[] = [];
  for (let i = 0; i < 7; i++) {
    const tags = [{ ResourceType: 'subnet', Tags: [{ Key: 'tier', Value: i % 2 ? 'private' : 'public' }] }];
    ids.push((await call(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: `10.0.${i}.0/24`, TagSpecifications: tags })).Subnet.SubnetId);
  }
  const missing = await callError(ec2Service, ctx, 'DescribeSubnets', { SubnetIds: [ids[0], 'subnet-ab123456'] });
  assert.equal(missing.code, 'InvalidSubnetID.NotFound');
  assert.equal(missing.message, "The subnet ID 'subnet-ab123456' does not exist");
  assert.equal((await callError(ec2Service, ctx, 'DescribeSubnets', { SubnetIds: ['subnet-nothex'] })).code, 'InvalidSubnetID.Malformed');
  const inVpc = await call(ec2Service, ctx, 'DescribeSubnets', { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] });
  assert.equal(inVpc.Subnets.length, 7);
  const priv = await call(ec2Service, ctx, 'DescribeSubnets', { Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'tag:tier', Values: ['priv*'] }] });
  assert.equal(priv.Subnets.length, 3);
  const cidr = await call(ec2Service, ctx, 'DescribeSubnets', { Filters: [{ Name: 'cidr-block', Values: ['10.0.3.0/24', '10.0.4.0/24'] }] });
  assert.equal(cidr.Subnets.length, 2);
  const cidrAlias = await call(ec2Service, ctx, 'DescribeSubnets', { Filters: [{ Name: 'cidr', Values: ['10.0.3.0/24'] }] });
  assert.equal(cidrAlias.Subnets[0].SubnetId, ids[3]);
  const count = await call(ec2Service, ctx, 'DescribeSubnets', { Filters: [{ Name: 'available-ip-address-count', Values: ['251'] }] });
  assert.equal(count.Subnets.length, 7);
  assert.equal((await callError(ec2Service, ctx, 'DescribeSubnets', { Filters: [{ Name: 'public-ip', Values: ['x'] }] })).message, "The filter 'public-ip' is invalid");
  const p1 = await call(ec2Service, ctx, 'DescribeSubnets', { MaxResults: 5, Filters: [{ Name: 'vpc-id', Values: [vpcId] }] });
  assert.equal(p1.Subnets.length, 5);
  const p2 = await call(ec2Service, ctx, 'DescribeSubnets', { MaxResults: 5, NextToken: p1.NextToken, Filters: [{ Name: 'vpc-id', Values: [vpcId] }] });
  assert.equal(p2.Subnets.length, 2);
  assert.equal(p2.NextToken, undefined);
  assert.equal((await callError(ec2Service, ctx, 'DescribeSubnets', { MaxResults: 1 })).code, 'InvalidParameterValue');
  assert.equal((await callError(ec2Service, ctx, 'DescribeSubnets', { DryRun: true })).code, 'DryRunOperation');
  const elsewhere = testContext({ region: 'us-east-1', store: ctx.store });
  assert.equal((await callError(ec2Service, elsewhere, 'DescribeSubnets', { SubnetIds: [ids[0]] })).code, 'InvalidSubnetID.NotFound');
  const usSubnets = await call(ec2Service, elsewhere, 'DescribeSubnets', {});
  assert.ok(usSubnets.Subnets.every((s: any) => s.AvailabilityZone.startsWith('us-east-1')));
});

test('DeleteSubnet: blocked by an ENI, else gone with its route table association; DryRun changes nothing', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const busy = (await call(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.1.0/24' })).Subnet.SubnetId;
  putEni(ctx, busy, vpcId, '10.0.1.4');
  const e = await callError(ec2Service, ctx, 'DeleteSubnet', { SubnetId: busy });
  assert.equal(e.code, 'DependencyViolation');
  assert.equal(e.message, `The subnet '${busy}' has dependencies and cannot be deleted.`);
  const free = (await call(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.2.0/24' })).Subnet.SubnetId;
  const rtb = (await call(ec2Service, ctx, 'CreateRouteTable', { VpcId: vpcId })).RouteTable.RouteTableId;
  await call(ec2Service, ctx, 'AssociateRouteTable', { RouteTableId: rtb, SubnetId: free });
  assert.equal((await callError(ec2Service, ctx, 'DeleteSubnet', { SubnetId: free, DryRun: true })).code, 'DryRunOperation');
  await call(ec2Service, ctx, 'DeleteSubnet', { SubnetId: free });
  assert.equal((await callError(ec2Service, ctx, 'DescribeSubnets', { SubnetIds: [free] })).code, 'InvalidSubnetID.NotFound');
  const table = (await call(ec2Service, ctx, 'DescribeRouteTables', { RouteTableIds: [rtb] })).RouteTables[0];
  assert.deepEqual(table.Associations, []);
  await call(ec2Service, ctx, 'DeleteRouteTable', { RouteTableId: rtb });
});

test('ModifySubnetAttribute toggles MapPublicIpOnLaunch; other attributes are not implemented', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const id = (await call(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.1.0/24' })).Subnet.SubnetId;
  await call(ec2Service, ctx, 'ModifySubnetAttribute', { SubnetId: id, MapPublicIpOnLaunch: { Value: true } });
  const d = await call(ec2Service, ctx, 'DescribeSubnets', { Filters: [{ Name: 'map-public-ip-on-launch', Values: ['true'] }, { Name: 'vpc-id', Values: [vpcId] }] });
  assert.deepEqual(d.Subnets.map((s: any) => s.SubnetId), [id]);
  assert.equal((await callError(ec2Service, ctx, 'ModifySubnetAttribute', { SubnetId: id })).code, 'MissingParameter');
  assert.equal((await callError(ec2Service, ctx, 'ModifySubnetAttribute', { SubnetId: id, EnableDns64: { Value: true } })).code, 'NotImplemented');
  assert.equal((await callError(ec2Service, ctx, 'ModifySubnetAttribute', { SubnetId: 'subnet-0123456789abcdef0', MapPublicIpOnLaunch: { Value: true } })).code, 'InvalidSubnetID.NotFound');
});
