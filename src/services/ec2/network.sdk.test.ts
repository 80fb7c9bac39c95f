/**
 * The subnet, route table, internet gateway, security group, tag and zone operations driven by
 * @aws-sdk/client-ec2: the SDK serializes, the ec2 codec parses, the real handlers answer, the
 * codec serializes and the SDK reads the answer back. This checks member names and shapes
 * against the model end to end (the SDK also fills in CreateRouteTable's ClientToken).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeAvailabilityZonesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { ec2Service } from './index.js';
import { testContext, serviceResponder } from '../../../test/helpers/context.js';
import { CLIENT_CONFIG, rejection, sdkHandler } from '../../protocol/sdk-harness.test.js';

function clientFor(ctx = testContext()) {
  const respond = serviceResponder(ec2Service, ctx);
  return new EC2Client({ ...CLIENT_CONFIG, requestHandler: sdkHandler(respond) });
}

test('a network built with the SDK reads back with the SDK', async () => {
  const ec2 = clientFor();
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a', TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: 'a' }] }] }))).Subnet!;
  assert.equal(subnet.AvailableIpAddressCount, 251);
  assert.equal(subnet.MapPublicIpOnLaunch, false);
  assert.deepEqual(subnet.Tags, [{ Key: 'Name', Value: 'a' }]);

  const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
  const created = await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }));
  assert.ok(created.ClientToken, 'the SDK sends an idempotency token, which comes back');
  const rtb = created.RouteTable!.RouteTableId!;
  assert.equal((await ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }))).Return, true);
  const assoc = await ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: subnet.SubnetId! }));
  assert.equal(assoc.AssociationState?.State, 'associated');
  const tables = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet.SubnetId!] }] }));
  const table = tables.RouteTables![0]!;
  assert.deepEqual(table.Routes!.map((r) => [r.DestinationCidrBlock, r.GatewayId, r.Origin, r.State]), [['10.0.0.0/16', 'local', 'CreateRouteTable', 'active'], ['0.0.0.0/0', igw, 'CreateRoute', 'active']]);
  assert.deepEqual(table.Associations![0], { Main: false, RouteTableAssociationId: assoc.AssociationId, RouteTableId: rtb, SubnetId: subnet.SubnetId, AssociationState: { State: 'associated' } });

  const lb = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'lb', Description: 'lb' }))).GroupId!;
  const app = await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'app', Description: 'app' }));
  const auth = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: app.GroupId!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: lb }], IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'vpc' }] }] }));
  assert.equal(auth.Return, true);
  assert.equal(auth.SecurityGroupRules!.length, 2);
  const groups = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [app.GroupId!] }));
  const g = groups.SecurityGroups![0]!;
  assert.equal(g.Description, 'app');
  assert.deepEqual(g.IpPermissions, [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'vpc' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: lb, UserId: '000000000000' }] }]);
  assert.deepEqual(g.IpPermissionsEgress![0]!.IpRanges, [{ CidrIp: '0.0.0.0/0' }]);
  const rules = await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [app.GroupId!] }] }));
  assert.equal(rules.SecurityGroupRules!.length, 3);
  assert.ok(rules.SecurityGroupRules!.some((r) => r.ReferencedGroupInfo?.GroupId === lb && r.FromPort === 80));

  await ec2.send(new CreateTagsCommand({ Resources: [rtb, igw], Tags: [{ Key: 'stage', Value: 'dev' }] }));
  const tags = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['stage'] }] }));
  assert.deepEqual(tags.Tags!.map((t) => t.ResourceType).sort(), ['internet-gateway', 'route-table']);
  const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:Name', Values: ['a'] }] }));
  assert.deepEqual(subnets.Subnets!.map((s) => s.SubnetId), [subnet.SubnetId]);
  const zones = await ec2.send(new DescribeAvailabilityZonesCommand({}));
  assert.deepEqual(zones.AvailabilityZones!.map((z) => z.ZoneId), ['euw1-az3', 'euw1-az1', 'euw1-az2']);
});

test('errors reach the SDK with their EC2 codes and messages', async () => {
  const ec2 = clientFor();
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const range = await rejection(ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.0.0/24' })));
  assert.equal(range.name, 'InvalidSubnet.Range');
  assert.equal(range.message, "The CIDR '10.1.0.0/24' is invalid.");
  assert.equal(range.$metadata?.httpStatusCode, 400);
  await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'web', Description: 'web' }));
  const dup = await rejection(ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'web', Description: 'web' })));
  assert.equal(dup.name, 'InvalidGroup.Duplicate');
  const dry = await rejection(ec2.send(new CreateInternetGatewayCommand({ DryRun: true })));
  assert.equal(dry.name, 'DryRunOperation');
  assert.equal(dry.$metadata?.httpStatusCode, 412);
});
