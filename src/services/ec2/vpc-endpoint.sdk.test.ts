/**
 * The VPC endpoint operations driven by @aws-sdk/client-ec2: the SDK serializes (`SubnetId.N`,
 * `AddSubnetId.N`, `Filter.N`), the ec2 codec parses, the handlers answer, the codec writes the
 * locationNames (`vpcEndpointId`, `subnetIdSet`, `dnsEntrySet`, `unsuccessful`, ...) and the SDK
 * must read them back into the right fields.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
  ModifyVpcEndpointCommand,
} from '@aws-sdk/client-ec2';
import { ec2Service } from './index.js';
import { testContext, serviceResponder } from '../../../test/helpers/context.js';
import { CLIENT_CONFIG, rejection, sdkHandler } from '../../protocol/sdk-harness.test.js';

function clientFor(ctx = testContext()) {
  return new EC2Client({ ...CLIENT_CONFIG, requestHandler: sdkHandler(serviceResponder(ec2Service, ctx)) });
}

async function network(ec2: EC2Client) {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  const a = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a' }))).Subnet!.SubnetId!;
  const b = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.2.0/24', AvailabilityZone: 'eu-west-1b' }))).Subnet!.SubnetId!;
  const c = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.3.0/24', AvailabilityZone: 'eu-west-1c' }))).Subnet!.SubnetId!;
  return { vpcId, a, b, c };
}

test('an interface endpoint created, read, modified and deleted with the SDK', async () => {
  const ec2 = clientFor();
  const { vpcId, a, b, c } = await network(ec2);
  const created = await ec2.send(new CreateVpcEndpointCommand({
    VpcEndpointType: 'Interface',
    VpcId: vpcId,
    ServiceName: 'com.amazonaws.eu-west-1.execute-api',
    SubnetIds: [a, b],
    TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'Name', Value: 'api' }] }],
    ClientToken: 'sdk-1',
  }));
  assert.equal(created.ClientToken, 'sdk-1');
  const e = created.VpcEndpoint!;
  assert.match(e.VpcEndpointId!, /^vpce-[0-9a-f]{17}$/);
  assert.equal(e.VpcEndpointType, 'Interface');
  assert.equal(e.VpcId, vpcId);
  assert.equal(e.ServiceName, 'com.amazonaws.eu-west-1.execute-api');
  assert.equal(e.State, 'pending');
  assert.equal(e.PolicyDocument, '{"Statement":[{"Action":"*","Effect":"Allow","Principal":"*","Resource":"*"}]}');
  assert.deepEqual(e.SubnetIds, [a, b]);
  assert.equal(e.Groups!.length, 1);
  assert.equal(e.Groups![0]!.GroupName, 'default');
  assert.match(e.Groups![0]!.GroupId!, /^sg-/);
  assert.equal(e.PrivateDnsEnabled, true);
  assert.equal(e.RequesterManaged, false);
  assert.equal(e.NetworkInterfaceIds!.length, 2);
  assert.equal(e.IpAddressType, 'ipv4');
  assert.deepEqual(e.DnsOptions, { DnsRecordIpType: 'ipv4' });
  assert.ok(e.CreationTimestamp instanceof Date);
  assert.deepEqual(e.Tags, [{ Key: 'Name', Value: 'api' }]);
  assert.equal(e.OwnerId, '000000000000');
  assert.equal(e.DnsEntries!.length, 5);
  assert.match(e.DnsEntries![0]!.DnsName!, /^vpce-[0-9a-f]{17}-[a-z0-9]{8}\.execute-api\.eu-west-1\.vpce\.amazonaws\.com$/);
  assert.ok(e.DnsEntries![0]!.HostedZoneId);
  assert.deepEqual(e.DnsEntries!.slice(3).map((d) => d.DnsName), ['execute-api.eu-west-1.amazonaws.com', '*.execute-api.eu-west-1.amazonaws.com']);
  assert.ok(e.RouteTableIds === undefined || e.RouteTableIds.length === 0);

  const described = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'tag:Name', Values: ['api'] }] }));
  assert.equal(described.VpcEndpoints!.length, 1);
  assert.equal(described.VpcEndpoints![0]!.State, 'available');
  assert.deepEqual(described.VpcEndpoints![0]!.NetworkInterfaceIds, e.NetworkInterfaceIds);

  const enis = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'description', Values: [`VPC Endpoint Interface ${e.VpcEndpointId}`] }] }));
  assert.equal(enis.NetworkInterfaces!.length, 2);
  for (const n of enis.NetworkInterfaces!) {
    assert.equal(n.InterfaceType, 'vpc_endpoint');
    assert.equal(n.RequesterManaged, true);
    assert.equal(n.Status, 'in-use');
  }

  const modified = await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: e.VpcEndpointId!, AddSubnetIds: [c], RemoveSubnetIds: [a], PrivateDnsEnabled: false }));
  assert.equal(modified.Return, true);
  const after = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [e.VpcEndpointId!] }))).VpcEndpoints![0]!;
  assert.deepEqual(after.SubnetIds, [b, c]);
  assert.equal(after.PrivateDnsEnabled, false);
  assert.equal(after.DnsEntries!.length, 3);

  const deleted = await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [e.VpcEndpointId!, 'vpce-0123456789abcdef0'] }));
  assert.deepEqual(deleted.Unsuccessful, [{ Error: { Code: 'InvalidVpcEndpoint.NotFound', Message: "The VPC endpoint 'vpce-0123456789abcdef0' does not exist" }, ResourceId: 'vpce-0123456789abcdef0' }]);
  assert.deepEqual((await ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints ?? [], []);
});

test('DescribeVpcEndpointServices and the endpoint errors reach the SDK', async () => {
  const ec2 = clientFor();
  const { vpcId, a } = await network(ec2);
  const services = await ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.eu-west-1.execute-api'] }));
  assert.deepEqual(services.ServiceNames, ['com.amazonaws.eu-west-1.execute-api']);
  const d = services.ServiceDetails![0]!;
  assert.deepEqual(d.ServiceType, [{ ServiceType: 'Interface' }]);
  assert.deepEqual(d.AvailabilityZones, ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  assert.equal(d.Owner, 'amazon');
  assert.deepEqual(d.BaseEndpointDnsNames, ['execute-api.eu-west-1.vpce.amazonaws.com']);
  assert.equal(d.PrivateDnsName, '*.execute-api.eu-west-1.amazonaws.com');
  assert.equal(d.VpcEndpointPolicySupported, true);
  assert.equal(d.AcceptanceRequired, false);
  assert.equal(d.ManagesVpcEndpoints, false);
  assert.equal(d.PrivateDnsNameVerificationState, 'verified');
  assert.deepEqual(d.SupportedIpAddressTypes, ['ipv4']);

  const unknown = await rejection(ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: vpcId, ServiceName: 'com.amazonaws.eu-west-1.nosuch', SubnetIds: [a] })));
  assert.equal(unknown.name, 'InvalidServiceName');
  assert.equal(unknown.message, "The Vpc Endpoint Service 'com.amazonaws.eu-west-1.nosuch' does not exist");
  assert.equal(unknown.$metadata?.httpStatusCode, 400);
  const missing = await rejection(ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-0123456789abcdef0'] })));
  assert.equal(missing.name, 'InvalidVpcEndpointId.NotFound');
  const gateway = await rejection(ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: 'com.amazonaws.eu-west-1.execute-api' })));
  // Not-implemented answers take EC2's unknown-operation code on the wire (aws-protocols.md §8).
  assert.equal(gateway.name, 'InvalidAction');
  assert.match(gateway.message, /VpcEndpointType Gateway \(the default when VpcEndpointType is omitted\) is not implemented by localvpc/);
});
