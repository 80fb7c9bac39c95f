import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { KIND, type NetworkInterface, type VpcEndpoint } from '../../state/records/ec2.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { defaultGroup, makeVpc, putSecurityGroup, putSubnet } from '../../../test/helpers/ec2-records.js';
import type { OperationContext } from '../context.js';

const SERVICE = 'com.amazonaws.eu-west-1.execute-api';
const DEFAULT_POLICY = '{"Statement":[{"Action":"*","Effect":"Allow","Principal":"*","Resource":"*"}]}';

/** A VPC with both DNS attributes on and subnets in eu-west-1a and eu-west-1b. */
async function setup() {
  const ctx = testContext();
  const vpcId = await makeVpc(ctx, '10.0.0.0/16');
  await call(ec2Service, ctx, 'ModifyVpcAttribute', { VpcId: vpcId, EnableDnsHostnames: { Value: true } });
  const a = putSubnet(ctx, vpcId, '10.0.1.0/24', 0);
  const b = putSubnet(ctx, vpcId, '10.0.2.0/24', 1);
  return { ctx, vpcId, a, b };
}

function create(ctx: OperationContext, input: Record<string, unknown>) {
  return call(ec2Service, ctx, 'CreateVpcEndpoint', { VpcEndpointType: 'Interface', ServiceName: SERVICE, ...input });
}

function createError(ctx: OperationContext, input: Record<string, unknown>) {
  return callError(ec2Service, ctx, 'CreateVpcEndpoint', { VpcEndpointType: 'Interface', ServiceName: SERVICE, ...input });
}

async function describeOne(ctx: OperationContext, id: string) {
  return (await call(ec2Service, ctx, 'DescribeVpcEndpoints', { VpcEndpointIds: [id] })).VpcEndpoints[0];
}

test('CreateVpcEndpoint (Interface, execute-api, 2 subnets) answers pending with AWS fields, then reads available', async () => {
  const { ctx, vpcId, a, b } = await setup();
  const out = await create(ctx, { VpcId: vpcId, SubnetIds: [a.id, b.id] });
  const e = out.VpcEndpoint;
  assert.match(e.VpcEndpointId, /^vpce-[0-9a-f]{17}$/);
  assert.equal(e.State, 'pending');
  assert.equal(e.VpcEndpointType, 'Interface');
  assert.equal(e.VpcId, vpcId);
  assert.equal(e.ServiceName, SERVICE);
  assert.equal(e.PolicyDocument, DEFAULT_POLICY);
  assert.deepEqual(e.RouteTableIds, []);
  assert.deepEqual(e.SubnetIds, [a.id, b.id]);
  assert.deepEqual(e.Groups, [{ GroupId: defaultGroup(ctx, vpcId).id, GroupName: 'default' }]);
  assert.equal(e.PrivateDnsEnabled, true);
  assert.equal(e.RequesterManaged, false);
  assert.equal(e.NetworkInterfaceIds.length, 2);
  assert.equal(e.IpAddressType, 'ipv4');
  assert.deepEqual(e.DnsOptions, { DnsRecordIpType: 'ipv4' });
  assert.equal(e.OwnerId, '000000000000');
  assert.ok(!Number.isNaN(Date.parse(e.CreationTimestamp)));
  assert.deepEqual(e.Tags, []);
  const id = e.VpcEndpointId;
  const names = e.DnsEntries.map((d: { DnsName: string }) => d.DnsName);
  assert.equal(names.length, 5);
  assert.match(names[0], new RegExp(`^${id}-[a-z0-9]{8}\\.execute-api\\.eu-west-1\\.vpce\\.amazonaws\\.com$`));
  const suffix = names[0].slice(id.length + 1, id.length + 9);
  assert.deepEqual(names.slice(1), [
    `${id}-${suffix}-eu-west-1a.execute-api.eu-west-1.vpce.amazonaws.com`,
    `${id}-${suffix}-eu-west-1b.execute-api.eu-west-1.vpce.amazonaws.com`,
    'execute-api.eu-west-1.amazonaws.com',
    '*.execute-api.eu-west-1.amazonaws.com',
  ]);
  assert.notEqual(e.DnsEntries[0].HostedZoneId, e.DnsEntries[3].HostedZoneId, 'private names live in another zone');
  const read = await describeOne(ctx, id);
  assert.equal(read.State, 'available');
  assert.deepEqual(read.DnsEntries, e.DnsEntries);
});

test('one requester-managed ENI per subnet, found with the filters AWS documents', async () => {
  const { ctx, vpcId, a, b } = await setup();
  const e = (await create(ctx, { VpcId: vpcId, SubnetIds: [a.id, b.id] })).VpcEndpoint;
  const enis = (await call(ec2Service, ctx, 'DescribeNetworkInterfaces', {
    Filters: [
      { Name: 'description', Values: ['VPC Endpoint Interface vpce-*'] },
      { Name: 'interface-type', Values: ['vpc_endpoint'] },
      { Name: 'requester-managed', Values: ['true'] },
    ],
  })).NetworkInterfaces;
  assert.deepEqual(enis.map((n: { NetworkInterfaceId: string }) => n.NetworkInterfaceId).sort(), [...e.NetworkInterfaceIds].sort());
  const byId = await call(ec2Service, ctx, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: e.NetworkInterfaceIds });
  const [na, nb] = byId.NetworkInterfaces.sort((x: { SubnetId: string }, y: { SubnetId: string }) => (x.SubnetId === a.id ? -1 : y.SubnetId === a.id ? 1 : 0));
  for (const n of [na, nb]) {
    assert.equal(n.Description, `VPC Endpoint Interface ${e.VpcEndpointId}`);
    assert.equal(n.InterfaceType, 'vpc_endpoint');
    assert.equal(n.RequesterManaged, true);
    assert.equal(n.RequesterId, '727180483921');
    assert.equal(n.Status, 'in-use');
    assert.equal(n.VpcId, vpcId);
    assert.deepEqual(n.Groups, [{ GroupId: defaultGroup(ctx, vpcId).id, GroupName: 'default' }]);
  }
  assert.equal(na.SubnetId, a.id);
  assert.equal(na.PrivateIpAddress, '10.0.1.4');
  assert.equal(na.AvailabilityZone, 'eu-west-1a');
  assert.equal(nb.SubnetId, b.id);
  assert.equal(nb.PrivateIpAddress, '10.0.2.4');
  // The account cannot delete or change them (requester-managed-eni.html).
  const del = await callError(ec2Service, ctx, 'DeleteNetworkInterface', { NetworkInterfaceId: na.NetworkInterfaceId });
  assert.equal(del.code, 'InvalidParameterValue');
  assert.equal(del.message, `Network interface '${na.NetworkInterfaceId}' is currently in use.`);
  const mod = await callError(ec2Service, ctx, 'ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: na.NetworkInterfaceId, Description: { Value: 'x' } });
  assert.equal(mod.code, 'OperationNotPermitted');
  const groups = await callError(ec2Service, ctx, 'ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: na.NetworkInterfaceId, Groups: [defaultGroup(ctx, vpcId).id] });
  assert.equal(groups.code, 'OperationNotPermitted');
  assert.equal(ctx.store.list(KIND.networkInterface).length, 2);
});

test('private DNS needs enableDnsSupport and enableDnsHostnames on the VPC', async () => {
  const ctx = testContext();
  const vpcId = await makeVpc(ctx, '10.0.0.0/16');
  const a = putSubnet(ctx, vpcId, '10.0.1.0/24');
  const e = await createError(ctx, { VpcId: vpcId, SubnetIds: [a.id] });
  assert.equal(e.code, 'InvalidParameter');
  assert.equal(e.message, `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpcId}`);
  assert.equal(ctx.store.list(KIND.vpcEndpoint).length, 0);
  assert.equal(ctx.store.list(KIND.networkInterface).length, 0);
  const off = (await create(ctx, { VpcId: vpcId, SubnetIds: [a.id], PrivateDnsEnabled: false })).VpcEndpoint;
  assert.equal(off.PrivateDnsEnabled, false);
  assert.equal(off.DnsEntries.length, 2, 'regional and one zonal name, no private names');
  const turnOn = await callError(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: off.VpcEndpointId, PrivateDnsEnabled: true });
  assert.equal(turnOn.code, 'InvalidParameter');
  await call(ec2Service, ctx, 'ModifyVpcAttribute', { VpcId: vpcId, EnableDnsHostnames: { Value: true } });
  assert.deepEqual(await call(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: off.VpcEndpointId, PrivateDnsEnabled: true }), { Return: true });
  assert.equal((await describeOne(ctx, off.VpcEndpointId)).DnsEntries.length, 4);
});

test('only one endpoint per VPC may hold the service private DNS names', async () => {
  const { ctx, vpcId, a } = await setup();
  await create(ctx, { VpcId: vpcId, SubnetIds: [a.id] });
  const e = await createError(ctx, { VpcId: vpcId, SubnetIds: [a.id] });
  assert.equal(e.code, 'InvalidParameter');
  assert.equal(e.message, `private-dns-enabled cannot be set because there is already a conflicting DNS domain for *.execute-api.eu-west-1.amazonaws.com in the VPC ${vpcId}`);
  const second = (await create(ctx, { VpcId: vpcId, SubnetIds: [a.id], PrivateDnsEnabled: false })).VpcEndpoint;
  assert.equal((await callError(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: second.VpcEndpointId, PrivateDnsEnabled: true })).code, 'InvalidParameter');
  // Another VPC is not affected.
  const other = await makeVpc(ctx, '10.1.0.0/16');
  await call(ec2Service, ctx, 'ModifyVpcAttribute', { VpcId: other, EnableDnsHostnames: { Value: true } });
  assert.equal((await create(ctx, { VpcId: other })).VpcEndpoint.PrivateDnsEnabled, true);
});

test('service names: unknown → InvalidServiceName, other AWS services and endpoint types → not implemented', async () => {
  const { ctx, vpcId, a } = await setup();
  for (const name of ['com.amazonaws.eu-west-1.nosuchservice', 'execute-api', 'com.amazonaws.us-east-1.execute-api']) {
    const e = await createError(ctx, { VpcId: vpcId, SubnetIds: [a.id], ServiceName: name });
    assert.equal(e.code, 'InvalidServiceName');
    assert.equal(e.message, `The Vpc Endpoint Service '${name}' does not exist`);
  }
  const ssm = await createError(ctx, { VpcId: vpcId, SubnetIds: [a.id], ServiceName: 'com.amazonaws.eu-west-1.ssm' });
  assert.equal(ssm.code, 'NotImplemented');
  assert.match(ssm.message, /only interface endpoints to com\.amazonaws\.eu-west-1\.execute-api/);
  for (const type of ['Gateway', 'GatewayLoadBalancer']) {
    const e = await createError(ctx, { VpcId: vpcId, VpcEndpointType: type });
    assert.equal(e.code, 'NotImplemented');
  }
  const omitted = await callError(ec2Service, ctx, 'CreateVpcEndpoint', { VpcId: vpcId, ServiceName: SERVICE });
  assert.equal(omitted.code, 'NotImplemented', 'the type defaults to Gateway');
  assert.match(omitted.message, /Gateway \(the default/);
  assert.equal((await createError(ctx, { VpcId: 'vpc-0123456789abcdef0' })).code, 'InvalidVpcID.NotFound');
  assert.equal((await createError(ctx, { VpcId: vpcId, ServiceRegion: 'us-east-1' })).code, 'NotImplemented');
  assert.equal((await createError(ctx, { VpcId: vpcId, ServiceNetworkArn: 'arn:aws:vpc-lattice:eu-west-1:000000000000:servicenetwork/sn-1' })).code, 'NotImplemented');
  assert.equal(ctx.store.list(KIND.vpcEndpoint).length, 0);
});

test('subnets: one per Availability Zone, in the VPC; groups: in the VPC, default when none given', async () => {
  const { ctx, vpcId, a, b } = await setup();
  const a2 = putSubnet(ctx, vpcId, '10.0.3.0/24', 0);
  const dup = await createError(ctx, { VpcId: vpcId, SubnetIds: [a.id, a2.id] });
  assert.equal(dup.code, 'DuplicateSubnetsInSameZone');
  assert.equal(dup.message, `Found another VPC endpoint subnet in the availability zone of ${a2.id}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`);
  const otherVpc = await makeVpc(ctx, '10.1.0.0/16');
  const foreignSubnet = putSubnet(ctx, otherVpc, '10.1.1.0/24');
  assert.equal((await createError(ctx, { VpcId: vpcId, SubnetIds: [foreignSubnet.id] })).code, 'InvalidParameter');
  assert.equal((await createError(ctx, { VpcId: vpcId, SubnetIds: ['subnet-0123456789abcdef0'] })).code, 'InvalidSubnetID.NotFound');
  const foreignGroup = putSecurityGroup(ctx, otherVpc, 'web');
  assert.equal((await createError(ctx, { VpcId: vpcId, SubnetIds: [a.id], SecurityGroupIds: [foreignGroup.id] })).code, 'InvalidParameter');
  const missing = await createError(ctx, { VpcId: vpcId, SubnetIds: [a.id], SecurityGroupIds: ['sg-0123456789abcdef0'] });
  assert.equal(missing.code, 'InvalidGroup.NotFound');
  assert.equal(ctx.store.list(KIND.networkInterface).length, 0, 'refused calls leave no interfaces behind');
  const sg1 = putSecurityGroup(ctx, vpcId, 'vpce-1');
  const sg2 = putSecurityGroup(ctx, vpcId, 'vpce-2');
  const e = (await create(ctx, { VpcId: vpcId, SubnetIds: [a.id, b.id, a.id], SecurityGroupIds: [sg1.id, sg2.id] })).VpcEndpoint;
  assert.deepEqual(e.SubnetIds, [a.id, b.id], 'a repeated id counts once');
  assert.deepEqual(e.Groups, [{ GroupId: sg1.id, GroupName: 'vpce-1' }, { GroupId: sg2.id, GroupName: 'vpce-2' }]);
  for (const id of e.NetworkInterfaceIds) assert.deepEqual(ctx.store.get<NetworkInterface>(KIND.networkInterface, id)!.groups, [sg1.id, sg2.id]);
});

test('SubnetConfigurations pin the ENI address', async () => {
  const { ctx, vpcId, a, b } = await setup();
  const e = (await create(ctx, { VpcId: vpcId, SubnetIds: [a.id], SubnetConfigurations: [{ SubnetId: b.id, Ipv4: '10.0.2.50' }], PrivateDnsEnabled: false })).VpcEndpoint;
  assert.deepEqual(e.SubnetIds, [a.id, b.id]);
  const ips = e.NetworkInterfaceIds.map((id: string) => ctx.store.get<NetworkInterface>(KIND.networkInterface, id)!.privateIpAddress);
  assert.deepEqual(ips, ['10.0.1.4', '10.0.2.50']);
  const taken = await createError(ctx, { VpcId: vpcId, SubnetConfigurations: [{ SubnetId: b.id, Ipv4: '10.0.2.50' }], PrivateDnsEnabled: false });
  assert.equal(taken.code, 'InvalidIPAddress.InUse');
  assert.equal((await createError(ctx, { VpcId: vpcId, SubnetConfigurations: [{ SubnetId: b.id, Ipv6: '2001:db8::1' }] })).code, 'NotImplemented');
});

test('policy, address type, DNS options and route tables', async () => {
  const { ctx, vpcId, a } = await setup();
  const bad = await createError(ctx, { VpcId: vpcId, SubnetIds: [a.id], PolicyDocument: '{"Statement": [' });
  assert.equal(bad.code, 'InvalidPolicyDocument');
  assert.match(bad.message, /^The Policy Document is not valid\. /);
  assert.equal((await createError(ctx, { VpcId: vpcId, PolicyDocument: '{"Statement":[{"Effect":"Allow","Action":"*"}]}' })).code, 'InvalidPolicyDocument');
  assert.equal((await createError(ctx, { VpcId: vpcId, IpAddressType: 'dualstack' })).code, 'NotImplemented');
  assert.equal((await createError(ctx, { VpcId: vpcId, DnsOptions: { DnsRecordIpType: 'ipv6' } })).code, 'NotImplemented');
  assert.equal((await createError(ctx, { VpcId: vpcId, DnsOptions: { PrivateDnsOnlyForInboundResolverEndpoint: true } })).code, 'NotImplemented');
  const rtb = await createError(ctx, { VpcId: vpcId, RouteTableIds: ['rtb-0123456789abcdef0'] });
  assert.equal(rtb.code, 'InvalidParameter');
  const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*"}]}';
  const e = (await create(ctx, { VpcId: vpcId, SubnetIds: [a.id], PolicyDocument: policy, IpAddressType: 'ipv4', DnsOptions: { DnsRecordIpType: 'ipv4' } })).VpcEndpoint;
  assert.equal(e.PolicyDocument, policy);
  assert.equal((await describeOne(ctx, e.VpcEndpointId)).PolicyDocument, policy);
});

test('ClientToken makes CreateVpcEndpoint idempotent; DryRun writes nothing and validation wins over it', async () => {
  const { ctx, vpcId, a, b } = await setup();
  const first = await create(ctx, { VpcId: vpcId, SubnetIds: [a.id, b.id], ClientToken: 'tok-1' });
  assert.equal(first.ClientToken, 'tok-1');
  const again = await create(ctx, { VpcId: vpcId, SubnetIds: [a.id, b.id], ClientToken: 'tok-1' });
  assert.equal(again.VpcEndpoint.VpcEndpointId, first.VpcEndpoint.VpcEndpointId);
  assert.deepEqual(again.VpcEndpoint.NetworkInterfaceIds, first.VpcEndpoint.NetworkInterfaceIds);
  assert.equal(ctx.store.list(KIND.vpcEndpoint).length, 1);
  assert.equal(ctx.store.list(KIND.networkInterface).length, 2);
  const other = await makeVpc(ctx, '10.1.0.0/16');
  const dry = await createError(ctx, { VpcId: other, PrivateDnsEnabled: false, DryRun: true });
  assert.equal(dry.code, 'DryRunOperation');
  assert.equal(dry.status, 412);
  assert.equal((await createError(ctx, { VpcId: other, DryRun: true })).code, 'InvalidParameter', 'private DNS refused before DryRun');
  assert.equal(ctx.store.list(KIND.vpcEndpoint).length, 1);
  const del = await callError(ec2Service, ctx, 'DeleteVpcEndpoints', { VpcEndpointIds: [first.VpcEndpoint.VpcEndpointId], DryRun: true });
  assert.equal(del.code, 'DryRunOperation');
  const mod = await callError(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: first.VpcEndpoint.VpcEndpointId, RemoveSubnetIds: [b.id], DryRun: true });
  assert.equal(mod.code, 'DryRunOperation');
  assert.equal(ctx.store.list(KIND.networkInterface).length, 2);
  assert.equal((await callError(ec2Service, ctx, 'DescribeVpcEndpoints', { DryRun: true })).code, 'DryRunOperation');
});

test('DescribeVpcEndpoints: ids, filters, tags and pages', async () => {
  const { ctx, vpcId, a } = await setup();
  const other = await makeVpc(ctx, '10.1.0.0/16');
  const tagged = (await create(ctx, { VpcId: vpcId, SubnetIds: [a.id], TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'Name', Value: 'api' }] }] })).VpcEndpoint;
  assert.deepEqual(tagged.Tags, [{ Key: 'Name', Value: 'api' }]);
  const plain = (await create(ctx, { VpcId: other, PrivateDnsEnabled: false })).VpcEndpoint;
  const ids = async (input: Record<string, unknown>) => (await call(ec2Service, ctx, 'DescribeVpcEndpoints', input)).VpcEndpoints.map((e: { VpcEndpointId: string }) => e.VpcEndpointId).sort();
  assert.deepEqual(await ids({}), [tagged.VpcEndpointId, plain.VpcEndpointId].sort());
  assert.deepEqual(await ids({ Filters: [{ Name: 'vpc-id', Values: [other] }] }), [plain.VpcEndpointId]);
  assert.deepEqual(await ids({ Filters: [{ Name: 'vpc-endpoint-id', Values: [tagged.VpcEndpointId] }] }), [tagged.VpcEndpointId]);
  assert.equal((await ids({ Filters: [{ Name: 'service-name', Values: [SERVICE] }, { Name: 'vpc-endpoint-type', Values: ['Interface'] }, { Name: 'vpc-endpoint-state', Values: ['available'] }] })).length, 2);
  assert.deepEqual(await ids({ Filters: [{ Name: 'vpc-endpoint-state', Values: ['pending'] }] }), []);
  assert.deepEqual(await ids({ Filters: [{ Name: 'tag:Name', Values: ['api'] }] }), [tagged.VpcEndpointId]);
  assert.deepEqual(await ids({ Filters: [{ Name: 'tag-key', Values: ['Name'] }] }), [tagged.VpcEndpointId]);
  const badFilter = await callError(ec2Service, ctx, 'DescribeVpcEndpoints', { Filters: [{ Name: 'subnet-id', Values: ['x'] }] });
  assert.equal(badFilter.code, 'InvalidFilter');
  assert.equal(badFilter.message, "The filter 'subnet-id' is invalid");
  const page1 = await call(ec2Service, ctx, 'DescribeVpcEndpoints', { MaxResults: 1 });
  assert.equal(page1.VpcEndpoints.length, 1);
  assert.ok(page1.NextToken);
  const page2 = await call(ec2Service, ctx, 'DescribeVpcEndpoints', { MaxResults: 1, NextToken: page1.NextToken });
  assert.equal(page2.VpcEndpoints.length, 1);
  assert.equal(page2.NextToken, undefined);
  assert.notEqual(page1.VpcEndpoints[0].VpcEndpointId, page2.VpcEndpoints[0].VpcEndpointId);
  const missing = await callError(ec2Service, ctx, 'DescribeVpcEndpoints', { VpcEndpointIds: [tagged.VpcEndpointId, 'vpce-0123456789abcdef0'] });
  assert.equal(missing.code, 'InvalidVpcEndpointId.NotFound');
  assert.equal(missing.message, "The vpcEndpoint ID 'vpce-0123456789abcdef0' does not exist");
  assert.equal((await callError(ec2Service, ctx, 'DescribeVpcEndpoints', { VpcEndpointIds: ['vpce-x'] })).code, 'InvalidVpcEndpointId.Malformed');
  assert.equal((await createError(ctx, { VpcId: other, PrivateDnsEnabled: false, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] })).code, 'InvalidParameterValue');
});

test('ModifyVpcEndpoint adds and removes subnets with their ENIs, changes groups on every ENI, policy and private DNS', async () => {
  const { ctx, vpcId, a, b } = await setup();
  const c = putSubnet(ctx, vpcId, '10.0.3.0/24', 2);
  const e = (await create(ctx, { VpcId: vpcId, SubnetIds: [a.id, b.id] })).VpcEndpoint;
  const id = e.VpcEndpointId;
  const [eniA, eniB] = e.NetworkInterfaceIds as string[];
  const sg = putSecurityGroup(ctx, vpcId, 'vpce');
  const defaultId = defaultGroup(ctx, vpcId).id;
  assert.deepEqual(await call(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: id, AddSubnetIds: [c.id], RemoveSubnetIds: [a.id], AddSecurityGroupIds: [sg.id], RemoveSecurityGroupIds: [defaultId] }), { Return: true });
  const read = await describeOne(ctx, id);
  assert.deepEqual(read.SubnetIds, [b.id, c.id]);
  assert.equal(read.NetworkInterfaceIds[0], eniB);
  assert.equal(ctx.store.get(KIND.networkInterface, eniA!), undefined, 'the removed subnet ENI is gone');
  const eniC = ctx.store.get<NetworkInterface>(KIND.networkInterface, read.NetworkInterfaceIds[1])!;
  assert.equal(eniC.subnetId, c.id);
  assert.equal(eniC.privateIpAddress, '10.0.3.4');
  assert.equal(eniC.description, `VPC Endpoint Interface ${id}`);
  for (const n of read.NetworkInterfaceIds) assert.deepEqual(ctx.store.get<NetworkInterface>(KIND.networkInterface, n)!.groups, [sg.id]);
  assert.deepEqual(read.Groups, [{ GroupId: sg.id, GroupName: 'vpce' }]);
  const zonal = read.DnsEntries.slice(1, 3).map((d: { DnsName: string }) => d.DnsName);
  assert.match(zonal[0], /-eu-west-1b\.execute-api\.eu-west-1\.vpce\.amazonaws\.com$/);
  assert.match(zonal[1], /-eu-west-1c\.execute-api\.eu-west-1\.vpce\.amazonaws\.com$/);

  const dup = await callError(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: id, AddSubnetIds: [putSubnet(ctx, vpcId, '10.0.4.0/24', 1).id] });
  assert.equal(dup.code, 'DuplicateSubnetsInSameZone');
  assert.equal((await callError(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: id, RemoveSubnetIds: [a.id] })).code, 'InvalidParameter');
  assert.equal((await callError(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: id, RemoveSecurityGroupIds: [defaultId] })).code, 'InvalidParameter');

  const policy = '{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}';
  await call(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: id, PolicyDocument: policy, PrivateDnsEnabled: false });
  let now = await describeOne(ctx, id);
  assert.equal(now.PolicyDocument, policy);
  assert.equal(now.PrivateDnsEnabled, false);
  assert.equal(now.DnsEntries.length, 3);
  await call(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: id, ResetPolicy: true });
  now = await describeOne(ctx, id);
  assert.equal(now.PolicyDocument, DEFAULT_POLICY);
  assert.equal((await callError(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: id, ResetPolicy: true, PolicyDocument: policy })).code, 'InvalidParameterCombination');
  assert.equal((await callError(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: id, PolicyDocument: 'nope' })).code, 'InvalidPolicyDocument');
  assert.equal((await callError(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: id, SubnetConfigurations: [{ SubnetId: b.id, Ipv4: '10.0.2.9' }] })).code, 'NotImplemented');
  assert.equal((await callError(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: 'vpce-0123456789abcdef0' })).code, 'InvalidVpcEndpointId.NotFound');
});

test('DeleteVpcEndpoints deletes endpoints with their ENIs and reports unknown ids as unsuccessful items', async () => {
  const { ctx, vpcId, a, b } = await setup();
  const e = (await create(ctx, { VpcId: vpcId, SubnetIds: [a.id, b.id] })).VpcEndpoint;
  const out = await call(ec2Service, ctx, 'DeleteVpcEndpoints', { VpcEndpointIds: [e.VpcEndpointId, 'vpce-0123456789abcdef0', 'bogus'] });
  assert.deepEqual(out.Unsuccessful, [
    { Error: { Code: 'InvalidVpcEndpoint.NotFound', Message: "The VPC endpoint 'vpce-0123456789abcdef0' does not exist" }, ResourceId: 'vpce-0123456789abcdef0' },
    { Error: { Code: 'InvalidVpcEndpointId.Malformed', Message: 'Invalid id: "bogus" (expecting "vpce-...")' }, ResourceId: 'bogus' },
  ]);
  assert.equal(ctx.store.list<VpcEndpoint>(KIND.vpcEndpoint).length, 0);
  assert.equal(ctx.store.list(KIND.networkInterface).length, 0);
  assert.equal((await callError(ec2Service, ctx, 'DescribeVpcEndpoints', { VpcEndpointIds: [e.VpcEndpointId] })).code, 'InvalidVpcEndpointId.NotFound');
  assert.deepEqual((await call(ec2Service, ctx, 'DeleteVpcEndpoints', { VpcEndpointIds: [e.VpcEndpointId] })).Unsuccessful.map((u: { Error: { Code: string } }) => u.Error.Code), ['InvalidVpcEndpoint.NotFound']);
  assert.equal((await callError(ec2Service, ctx, 'DeleteVpcEndpoints', {})).code, 'MissingParameter');
  // With the endpoint gone its private DNS names are free again.
  assert.equal((await create(ctx, { VpcId: vpcId, SubnetIds: [a.id] })).VpcEndpoint.PrivateDnsEnabled, true);
});

test('the VPC, subnets and security groups of an endpoint cannot be deleted while it exists', async () => {
  const { ctx, vpcId, a } = await setup();
  const sg = putSecurityGroup(ctx, vpcId, 'vpce');
  const e = (await create(ctx, { VpcId: vpcId, SubnetIds: [a.id], SecurityGroupIds: [sg.id] })).VpcEndpoint;
  const vpc = await callError(ec2Service, ctx, 'DeleteVpc', { VpcId: vpcId });
  assert.equal(vpc.code, 'DependencyViolation');
  assert.equal(vpc.message, `The vpc '${vpcId}' has dependencies and cannot be deleted.`);
  const subnet = await callError(ec2Service, ctx, 'DeleteSubnet', { SubnetId: a.id });
  assert.equal(subnet.code, 'DependencyViolation');
  assert.equal(subnet.message, `The subnet '${a.id}' has dependencies and cannot be deleted.`);
  const group = await callError(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: sg.id });
  assert.equal(group.code, 'DependencyViolation');
  assert.equal(group.message, `resource ${sg.id} has a dependent object`);
  await call(ec2Service, ctx, 'DeleteVpcEndpoints', { VpcEndpointIds: [e.VpcEndpointId] });
  await call(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: sg.id });
  await call(ec2Service, ctx, 'DeleteSubnet', { SubnetId: a.id });
  await call(ec2Service, ctx, 'DeleteSubnet', { SubnetId: (await call(ec2Service, ctx, 'DescribeSubnets', { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })).Subnets[0].SubnetId });
  await call(ec2Service, ctx, 'DeleteVpc', { VpcId: vpcId });
});

test('an endpoint without subnets still holds its VPC and groups', async () => {
  const ctx = testContext();
  const vpcId = await makeVpc(ctx, '10.0.0.0/16');
  const sg = putSecurityGroup(ctx, vpcId, 'vpce');
  const e = (await create(ctx, { VpcId: vpcId, SecurityGroupIds: [sg.id], PrivateDnsEnabled: false })).VpcEndpoint;
  assert.equal(ctx.store.list(KIND.networkInterface).length, 0);
  assert.equal((await callError(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: sg.id })).code, 'DependencyViolation');
  await call(ec2Service, ctx, 'ModifyVpcEndpoint', { VpcEndpointId: e.VpcEndpointId, AddSecurityGroupIds: [defaultGroup(ctx, vpcId).id], RemoveSecurityGroupIds: [sg.id] });
  await call(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: sg.id });
  assert.equal((await callError(ec2Service, ctx, 'DeleteVpc', { VpcId: vpcId })).code, 'DependencyViolation');
  await call(ec2Service, ctx, 'DeleteVpcEndpoints', { VpcEndpointIds: [e.VpcEndpointId] });
  await call(ec2Service, ctx, 'DeleteVpc', { VpcId: vpcId });
});
