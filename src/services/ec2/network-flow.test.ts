/**
 * A whole public/private network built and torn down through the API, across subnets, route
 * tables, internet gateways and security groups, checked also through the routing views the data
 * plane uses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { longestPrefixMatch, effectiveRoutes, routeTableForSubnet } from '../../state/views/routing.js';

test('VPC → subnets in two zones → table with an IGW route → association → groups referencing each other → teardown', async () => {
  const ctx = testContext({ region: 'us-east-1' });
  const op = (name: string, input: Record<string, unknown>) => call(ec2Service, ctx, name, input);
  const vpcId = (await op('CreateVpc', { CidrBlock: '10.20.0.0/16' })).Vpc.VpcId;
  const publicA = (await op('CreateSubnet', { VpcId: vpcId, CidrBlock: '10.20.1.0/24', AvailabilityZone: 'us-east-1a' })).Subnet;
  const publicB = (await op('CreateSubnet', { VpcId: vpcId, CidrBlock: '10.20.2.0/24', AvailabilityZoneId: 'use1-az1' })).Subnet;
  const privateA = (await op('CreateSubnet', { VpcId: vpcId, CidrBlock: '10.20.11.0/24', AvailabilityZone: 'us-east-1a' })).Subnet;
  assert.deepEqual([publicA.AvailabilityZoneId, publicB.AvailabilityZone], ['use1-az6', 'us-east-1b']);

  const igw = (await op('CreateInternetGateway', {})).InternetGateway.InternetGatewayId;
  await op('AttachInternetGateway', { InternetGatewayId: igw, VpcId: vpcId });
  const rtb = (await op('CreateRouteTable', { VpcId: vpcId, TagSpecifications: [{ ResourceType: 'route-table', Tags: [{ Key: 'Name', Value: 'public' }] }] })).RouteTable.RouteTableId;
  await op('CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw });
  for (const s of [publicA, publicB]) await op('AssociateRouteTable', { RouteTableId: rtb, SubnetId: s.SubnetId });
  await op('ModifySubnetAttribute', { SubnetId: publicA.SubnetId, MapPublicIpOnLaunch: { Value: true } });

  // The API and the data plane's view agree: public subnets reach the internet, the private one does not.
  const shown = await op('DescribeRouteTables', { Filters: [{ Name: 'association.subnet-id', Values: [publicB.SubnetId] }] });
  assert.deepEqual(shown.RouteTables.map((t: any) => t.RouteTableId), [rtb]);
  const publicTable = routeTableForSubnet(ctx.store, publicA.SubnetId)!;
  assert.equal(publicTable.id, rtb);
  assert.equal(longestPrefixMatch(effectiveRoutes(ctx.store, publicTable), '93.184.216.34')?.gatewayId, igw);
  assert.equal(longestPrefixMatch(effectiveRoutes(ctx.store, publicTable), '10.20.11.5')?.gatewayId, 'local');
  const privateTable = routeTableForSubnet(ctx.store, privateA.SubnetId)!;
  assert.ok(privateTable.associations.some((a) => a.main));
  assert.equal(longestPrefixMatch(effectiveRoutes(ctx.store, privateTable), '93.184.216.34'), undefined);

  // The load balancer's group admits the internet; the app's group admits only the load balancer's.
  const lbSg = (await op('CreateSecurityGroup', { VpcId: vpcId, GroupName: 'lb', Description: 'internet-facing load balancer' })).GroupId;
  const appSg = (await op('CreateSecurityGroup', { VpcId: vpcId, GroupName: 'app', Description: 'app servers' })).GroupId;
  await op('AuthorizeSecurityGroupIngress', { GroupId: lbSg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS from anywhere' }] }] });
  const appRule = await op('AuthorizeSecurityGroupIngress', { GroupId: appSg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: lbSg, Description: 'from the LB' }] }] });
  assert.deepEqual(appRule.SecurityGroupRules[0].ReferencedGroupInfo, { GroupId: lbSg, UserId: '000000000000' });
  const admitting = await op('DescribeSecurityGroups', { Filters: [{ Name: 'ip-permission.group-id', Values: [lbSg] }] });
  assert.deepEqual(admitting.SecurityGroups.map((g: any) => g.GroupId), [appSg]);
  assert.equal((await op('DescribeSubnets', { SubnetIds: [publicA.SubnetId] })).Subnets[0].MapPublicIpOnLaunch, true);

  // Teardown in dependency order; each premature step fails as AWS fails it.
  assert.equal((await callError(ec2Service, ctx, 'DeleteVpc', { VpcId: vpcId })).code, 'DependencyViolation');
  assert.equal((await callError(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: lbSg })).code, 'DependencyViolation');
  await op('DeleteSecurityGroup', { GroupId: appSg });
  await op('DeleteSecurityGroup', { GroupId: lbSg });
  assert.equal((await callError(ec2Service, ctx, 'DeleteInternetGateway', { InternetGatewayId: igw })).code, 'DependencyViolation');
  await op('DetachInternetGateway', { InternetGatewayId: igw, VpcId: vpcId });
  assert.equal((await op('DescribeRouteTables', { RouteTableIds: [rtb] })).RouteTables[0].Routes.find((r: any) => r.GatewayId === igw).State, 'blackhole');
  await op('DeleteInternetGateway', { InternetGatewayId: igw });
  assert.equal((await callError(ec2Service, ctx, 'DeleteRouteTable', { RouteTableId: rtb })).code, 'DependencyViolation');
  for (const s of [publicA, publicB, privateA]) await op('DeleteSubnet', { SubnetId: s.SubnetId });
  await op('DeleteRouteTable', { RouteTableId: rtb });
  await op('DeleteVpc', { VpcId: vpcId });
  assert.equal((await callError(ec2Service, ctx, 'DescribeVpcs', { VpcIds: [vpcId] })).code, 'InvalidVpcID.NotFound');
  assert.equal((await op('DescribeTags', { Filters: [{ Name: 'resource-id', Values: [rtb] }] })).Tags.length, 0);
});
