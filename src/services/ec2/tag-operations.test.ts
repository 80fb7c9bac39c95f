import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { Ec2Fixture } from '../../state/views/testing-fixtures.js';
import { KIND, type Instance } from '../../state/records/ec2.js';

test('CreateTags on several resource types; Describe* shows them; DescribeTags lists them with types', async () => {
  const ctx = testContext();
  const fx = new Ec2Fixture(ctx.store, ctx.region);
  const vpcId = (await call(ec2Service, ctx, 'CreateVpc', { CidrBlock: '10.0.0.0/16' })).Vpc.VpcId;
  const subnetId = (await call(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.1.0/24' })).Subnet.SubnetId;
  const sgId = (await call(ec2Service, ctx, 'CreateSecurityGroup', { VpcId: vpcId, GroupName: 'web', Description: 'web' })).GroupId;
  const vgw = fx.vpnGateway();
  await call(ec2Service, ctx, 'CreateTags', { Resources: [vpcId, subnetId, sgId, vgw.id], Tags: [{ Key: 'env', Value: 'test' }, { Key: 'Name', Value: 'x' }] });
  await call(ec2Service, ctx, 'CreateTags', { Resources: [subnetId], Tags: [{ Key: 'Name', Value: 'app' }, { Key: 'empty' }] });
  const subnet = (await call(ec2Service, ctx, 'DescribeSubnets', { SubnetIds: [subnetId] })).Subnets[0];
  assert.deepEqual(subnet.Tags, [{ Key: 'env', Value: 'test' }, { Key: 'Name', Value: 'app' }, { Key: 'empty', Value: '' }]);
  const all = await call(ec2Service, ctx, 'DescribeTags', { Filters: [{ Name: 'key', Values: ['env'] }] });
  assert.deepEqual(all.Tags.map((t: any) => t.ResourceType).sort(), ['security-group', 'subnet', 'vpc', 'vpn-gateway']);
  assert.deepEqual(all.Tags.find((t: any) => t.ResourceId === sgId), { Key: 'env', Value: 'test', ResourceId: sgId, ResourceType: 'security-group' });
  const bySubnet = await call(ec2Service, ctx, 'DescribeTags', { Filters: [{ Name: 'resource-id', Values: [subnetId] }] });
  assert.equal(bySubnet.Tags.length, 3);
  const byType = await call(ec2Service, ctx, 'DescribeTags', { Filters: [{ Name: 'resource-type', Values: ['vpc'] }, { Name: 'value', Values: ['t*'] }] });
  assert.deepEqual(byType.Tags.map((t: any) => [t.ResourceId, t.Key]), [[vpcId, 'env']]);
  // tag:<key> selects the tags of resources that carry that tag.
  const named = await call(ec2Service, ctx, 'DescribeTags', { Filters: [{ Name: 'tag:Name', Values: ['app'] }] });
  assert.ok(named.Tags.every((t: any) => t.ResourceId === subnetId));
  assert.equal(named.Tags.length, 3);
  const p1 = await call(ec2Service, ctx, 'DescribeTags', { MaxResults: 5 });
  const p2 = await call(ec2Service, ctx, 'DescribeTags', { MaxResults: 5, NextToken: p1.NextToken });
  assert.equal(p1.Tags.length + p2.Tags.length, 9);
  assert.equal((await callError(ec2Service, ctx, 'DescribeTags', { Filters: [{ Name: 'nope', Values: ['x'] }] })).code, 'InvalidParameterValue');
  assert.equal((await callError(ec2Service, ctx, 'DescribeTags', { DryRun: true })).code, 'DryRunOperation');
});

test('CreateTags: NotFound naming the missing ids, InvalidID for unknown prefixes, aws: keys, DryRun, region scope', async () => {
  const ctx = testContext();
  const vpcId = (await call(ec2Service, ctx, 'CreateVpc', { CidrBlock: '10.0.0.0/16' })).Vpc.VpcId;
  const nf = await callError(ec2Service, ctx, 'CreateTags', { Resources: [vpcId, 'subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'], Tags: [{ Key: 'a', Value: 'b' }] });
  assert.equal(nf.code, 'InvalidSubnetID.NotFound');
  assert.equal(nf.message, "The subnet IDs 'subnet-0123456789abcdef0, subnet-0123456789abcdef1' do not exist");
  const bad = await callError(ec2Service, ctx, 'CreateTags', { Resources: ['ami-12345678'], Tags: [{ Key: 'a', Value: 'b' }] });
  assert.equal(bad.code, 'InvalidID');
  assert.equal(bad.message, "The ID 'ami-12345678' is not valid");
  assert.equal((await callError(ec2Service, ctx, 'CreateTags', { Resources: [vpcId], Tags: [{ Key: 'aws:x', Value: 'b' }] })).code, 'InvalidParameterValue');
  assert.equal((await callError(ec2Service, ctx, 'CreateTags', { Resources: [vpcId] })).code, 'MissingParameter');
  assert.equal((await callError(ec2Service, ctx, 'CreateTags', { Resources: [vpcId], Tags: [{ Key: 'a', Value: 'b' }], DryRun: true })).code, 'DryRunOperation');
  assert.deepEqual((await call(ec2Service, ctx, 'DescribeVpcs', { VpcIds: [vpcId] })).Vpcs[0].Tags, []);
  const us = testContext({ region: 'us-east-1', store: ctx.store });
  assert.equal((await callError(ec2Service, us, 'CreateTags', { Resources: [vpcId], Tags: [{ Key: 'a', Value: 'b' }] })).code, 'InvalidVpcID.NotFound');
  const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
  assert.equal((await callError(ec2Service, ctx, 'CreateTags', { Resources: [vpcId], Tags: many })).code, 'TagLimitExceeded');
});

test('DeleteTags: by key, by key and value, all tags when none are named', async () => {
  const ctx = testContext();
  const vpcId = (await call(ec2Service, ctx, 'CreateVpc', { CidrBlock: '10.0.0.0/16' })).Vpc.VpcId;
  const tags = async () => (await call(ec2Service, ctx, 'DescribeVpcs', { VpcIds: [vpcId] })).Vpcs[0].Tags;
  await call(ec2Service, ctx, 'CreateTags', { Resources: [vpcId], Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '' }, { Key: 'd', Value: '4' }] });
  await call(ec2Service, ctx, 'DeleteTags', { Resources: [vpcId], Tags: [{ Key: 'a', Value: 'not-1' }, { Key: 'b' }, { Key: 'c', Value: '' }] });
  assert.deepEqual(await tags(), [{ Key: 'a', Value: '1' }, { Key: 'd', Value: '4' }]);
  await call(ec2Service, ctx, 'DeleteTags', { Resources: [vpcId] });
  assert.deepEqual(await tags(), []);
  assert.equal((await callError(ec2Service, ctx, 'DeleteTags', { Resources: ['vpc-0123456789abcdef0'] })).code, 'InvalidVpcID.NotFound');
});

test('resources that vanished (a terminated instance after an hour) cannot be tagged and are not listed', async () => {
  const ctx = testContext();
  const fx = new Ec2Fixture(ctx.store, ctx.region);
  const vpcId = (await call(ec2Service, ctx, 'CreateVpc', { CidrBlock: '10.0.0.0/16' })).Vpc.VpcId;
  const subnetId = (await call(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.1.0/24' })).Subnet.SubnetId;
  const instance = fx.instance(subnetId, '10.0.1.10');
  await call(ec2Service, ctx, 'CreateTags', { Resources: [instance.id], Tags: [{ Key: 'Name', Value: 'box' }] });
  assert.equal((await call(ec2Service, ctx, 'DescribeTags', { Filters: [{ Name: 'resource-type', Values: ['instance'] }] })).Tags.length, 1);
  const longAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
  fx.update<Instance>(KIND.instance, instance.id, (i) => ({ ...i, state: 'terminated', terminatedAt: longAgo }));
  assert.equal((await call(ec2Service, ctx, 'DescribeTags', { Filters: [{ Name: 'resource-type', Values: ['instance'] }] })).Tags.length, 0);
  assert.equal((await callError(ec2Service, ctx, 'CreateTags', { Resources: [instance.id], Tags: [{ Key: 'a', Value: 'b' }] })).code, 'InvalidInstanceID.NotFound');
});
