import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { REGIONS } from './common/regions.js';

test('DescribeRegions lists every region with its endpoint; names and filters narrow it', async () => {
  const ctx = testContext();
  const all = await call(ec2Service, ctx, 'DescribeRegions', {});
  assert.equal(all.Regions.length, Object.keys(REGIONS).length);
  assert.deepEqual(all.Regions.find((r: any) => r.RegionName === 'eu-west-1'), { RegionName: 'eu-west-1', Endpoint: 'ec2.eu-west-1.amazonaws.com', OptInStatus: 'opt-in-not-required' });
  const named = await call(ec2Service, ctx, 'DescribeRegions', { RegionNames: ['us-east-1', 'us-west-2'], AllRegions: true });
  assert.deepEqual(named.Regions.map((r: any) => r.RegionName), ['us-east-1', 'us-west-2']);
  const eu = await call(ec2Service, ctx, 'DescribeRegions', { Filters: [{ Name: 'region-name', Values: ['eu-*'] }] });
  assert.ok(eu.Regions.length >= 3 && eu.Regions.every((r: any) => r.RegionName.startsWith('eu-')));
  const byEndpoint = await call(ec2Service, ctx, 'DescribeRegions', { Filters: [{ Name: 'endpoint', Values: ['ec2.sa-east-1.amazonaws.com'] }] });
  assert.deepEqual(byEndpoint.Regions.map((r: any) => r.RegionName), ['sa-east-1']);
  assert.equal((await callError(ec2Service, ctx, 'DescribeRegions', { RegionNames: ['mars-north-1'] })).code, 'InvalidParameterValue');
  assert.equal((await callError(ec2Service, ctx, 'DescribeRegions', { DryRun: true })).code, 'DryRunOperation');
});

test('DescribeAvailabilityZones: us-east-1a is use1-az6 (checklist 3), fields, ids, filters', async () => {
  const ctx = testContext({ region: 'us-east-1' });
  const a = await call(ec2Service, ctx, 'DescribeAvailabilityZones', { Filters: [{ Name: 'zone-name', Values: ['us-east-1a'] }] });
  assert.deepEqual(a.AvailabilityZones, [{
    ZoneName: 'us-east-1a', ZoneId: 'use1-az6', RegionName: 'us-east-1', State: 'available', OptInStatus: 'opt-in-not-required',
    Messages: [], GroupName: 'us-east-1-zg-1', GroupLongName: 'US East (N. Virginia) 1', NetworkBorderGroup: 'us-east-1', ZoneType: 'availability-zone',
  }]);
  assert.equal((await call(ec2Service, ctx, 'DescribeAvailabilityZones', {})).AvailabilityZones.length, 6);
  const byId = await call(ec2Service, ctx, 'DescribeAvailabilityZones', { ZoneIds: ['use1-az1'] });
  assert.equal(byId.AvailabilityZones[0].ZoneName, 'us-east-1b');
  const byFilter = await call(ec2Service, ctx, 'DescribeAvailabilityZones', { Filters: [{ Name: 'zone-id', Values: ['use1-az2', 'use1-az4'] }, { Name: 'state', Values: ['available'] }, { Name: 'region-name', Values: ['us-east-1'] }] });
  assert.deepEqual(byFilter.AvailabilityZones.map((z: any) => z.ZoneName), ['us-east-1c', 'us-east-1d']);
  const bad = await callError(ec2Service, ctx, 'DescribeAvailabilityZones', { ZoneNames: ['us-east-1z'] });
  assert.equal(bad.code, 'InvalidParameterValue');
  assert.equal((await callError(ec2Service, ctx, 'DescribeAvailabilityZones', { Filters: [{ Name: 'zone', Values: ['x'] }] })).code, 'InvalidParameterValue');
  const eu = testContext({ region: 'eu-west-1', store: ctx.store });
  assert.deepEqual((await call(ec2Service, eu, 'DescribeAvailabilityZones', {})).AvailabilityZones.map((z: any) => z.ZoneId), ['euw1-az3', 'euw1-az1', 'euw1-az2']);
});

test('DescribeAccountAttributes: VPC platform and the default VPC, or none once it is gone', async () => {
  const ctx = testContext();
  const out = await call(ec2Service, ctx, 'DescribeAccountAttributes', { AttributeNames: ['supported-platforms', 'default-vpc'] });
  const vpcId = (await call(ec2Service, ctx, 'DescribeVpcs', { Filters: [{ Name: 'is-default', Values: ['true'] }] })).Vpcs[0].VpcId;
  assert.deepEqual(out.AccountAttributes, [
    { AttributeName: 'supported-platforms', AttributeValues: [{ AttributeValue: 'VPC' }] },
    { AttributeName: 'default-vpc', AttributeValues: [{ AttributeValue: vpcId }] },
  ]);
  const everything = await call(ec2Service, ctx, 'DescribeAccountAttributes', {});
  assert.ok(everything.AccountAttributes.some((a: any) => a.AttributeName === 'max-instances'));
  assert.equal((await callError(ec2Service, ctx, 'DescribeAccountAttributes', { AttributeNames: ['max-instances'] })).code, 'InvalidParameterValue');
  // Take the default VPC apart.
  const igw = (await call(ec2Service, ctx, 'DescribeInternetGateways', { Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] })).InternetGateways[0].InternetGatewayId;
  await call(ec2Service, ctx, 'DetachInternetGateway', { InternetGatewayId: igw, VpcId: vpcId });
  await call(ec2Service, ctx, 'DeleteInternetGateway', { InternetGatewayId: igw });
  for (const s of (await call(ec2Service, ctx, 'DescribeSubnets', { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })).Subnets) {
    await call(ec2Service, ctx, 'DeleteSubnet', { SubnetId: s.SubnetId });
  }
  await call(ec2Service, ctx, 'DeleteVpc', { VpcId: vpcId });
  const after = await call(ec2Service, ctx, 'DescribeAccountAttributes', { AttributeNames: ['default-vpc'] });
  assert.deepEqual(after.AccountAttributes[0].AttributeValues, [{ AttributeValue: 'none' }]);
  const noDefault = await callError(ec2Service, ctx, 'CreateSecurityGroup', { GroupName: 'x', Description: 'x' });
  assert.equal(noDefault.code, 'VPCIdNotSpecified');
});
