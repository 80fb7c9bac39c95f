import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { KIND, type Instance, type NetworkInterface } from '../../state/records/ec2.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { defaultGroup, makeVpc, putSecurityGroup, putSubnet } from '../../../test/helpers/ec2-records.js';
import type { OperationContext } from '../context.js';

async function setup(region = 'eu-west-1') {
  const ctx = testContext({ region });
  const vpcId = await makeVpc(ctx, '10.0.0.0/16');
  const subnet = putSubnet(ctx, vpcId, '10.0.1.0/24');
  return { ctx, vpcId, subnet };
}

function setInstanceState(ctx: OperationContext, id: string, state: Instance['state']): void {
  ctx.store.transact((tx) => tx.put(KIND.instance, { ...tx.get<Instance>(KIND.instance, id)!, state }));
}

test('CreateNetworkInterface answers pending with the first free address, the default group and AWS fields', async () => {
  const { ctx, vpcId, subnet } = await setup();
  const out = await call(ec2Service, ctx, 'CreateNetworkInterface', {
    SubnetId: subnet.id,
    Description: 'my eni',
    TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'Name', Value: 'e1' }] }],
  });
  const n = out.NetworkInterface;
  assert.match(n.NetworkInterfaceId, /^eni-[0-9a-f]{17}$/);
  assert.equal(n.Status, 'pending');
  assert.equal(n.PrivateIpAddress, '10.0.1.4');
  assert.equal(n.PrivateDnsName, 'ip-10-0-1-4.eu-west-1.compute.internal');
  assert.deepEqual(n.PrivateIpAddresses, [{ Primary: true, PrivateIpAddress: '10.0.1.4', PrivateDnsName: 'ip-10-0-1-4.eu-west-1.compute.internal' }]);
  assert.match(n.MacAddress, /^02(:[0-9a-f]{2}){5}$/);
  assert.deepEqual(n.Groups, [{ GroupId: defaultGroup(ctx, vpcId).id, GroupName: 'default' }]);
  assert.equal(n.VpcId, vpcId);
  assert.equal(n.AvailabilityZone, 'eu-west-1a');
  assert.equal(n.InterfaceType, 'interface');
  assert.equal(n.RequesterManaged, false);
  assert.equal(n.SourceDestCheck, true);
  assert.equal(n.OwnerId, '000000000000');
  assert.deepEqual(n.TagSet, [{ Key: 'Name', Value: 'e1' }]);
  assert.equal(n.Attachment, undefined);
  const d = await call(ec2Service, ctx, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: [n.NetworkInterfaceId] });
  assert.equal(d.NetworkInterfaces[0].Status, 'available');
  const second = await call(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id });
  assert.equal(second.NetworkInterface.PrivateIpAddress, '10.0.1.5');
});

test('us-east-1 private DNS names end in ec2.internal', async () => {
  const { ctx, subnet } = await setup('us-east-1');
  const out = await call(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, PrivateIpAddress: '10.0.1.23' });
  assert.equal(out.NetworkInterface.PrivateDnsName, 'ip-10-0-1-23.ec2.internal');
});

test('CreateNetworkInterface refuses used, foreign and reserved addresses, unknown subnets, DryRun writes nothing', async () => {
  const { ctx, subnet } = await setup();
  await call(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, PrivateIpAddress: '10.0.1.5' });
  const inUse = await callError(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, PrivateIpAddress: '10.0.1.5' });
  assert.equal(inUse.code, 'InvalidIPAddress.InUse');
  assert.equal(inUse.message, 'Address 10.0.1.5 is in use.');
  const outside = await callError(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, PrivateIpAddress: '10.0.2.5' });
  assert.equal(outside.code, 'InvalidParameterValue');
  assert.equal(outside.message, "Address 10.0.2.5 does not fall within the subnet's address range");
  assert.equal((await callError(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, PrivateIpAddress: '10.0.1.255' })).code, 'InvalidParameterValue');
  const noSubnet = await callError(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: 'subnet-0123456789abcdef0' });
  assert.equal(noSubnet.code, 'InvalidSubnetID.NotFound');
  assert.equal(noSubnet.message, "The subnet ID 'subnet-0123456789abcdef0' does not exist");
  const dry = await callError(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, DryRun: true });
  assert.equal(dry.code, 'DryRunOperation');
  assert.equal(dry.status, 412);
  assert.equal(ctx.store.list(KIND.networkInterface).length, 1);
  assert.equal((await callError(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, SecondaryPrivateIpAddressCount: 2 })).code, 'NotImplemented');
  assert.equal((await callError(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'a', Value: 'b' }] }] })).code, 'InvalidParameterValue');
});

test('groups must exist and belong to the subnet VPC', async () => {
  const { ctx, vpcId, subnet } = await setup();
  const otherVpc = await makeVpc(ctx, '10.1.0.0/16');
  const foreign = putSecurityGroup(ctx, otherVpc, 'web');
  const e = await callError(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, Groups: [foreign.id] });
  assert.equal(e.code, 'InvalidParameter');
  assert.equal(e.message, `Security group ${foreign.id} and subnet ${subnet.id} belong to different networks.`);
  const missing = await callError(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, Groups: ['sg-0123456789abcdef0'] });
  assert.equal(missing.code, 'InvalidGroup.NotFound');
  assert.equal(missing.message, "The security group 'sg-0123456789abcdef0' does not exist");
  const web = putSecurityGroup(ctx, vpcId, 'web');
  const ok = await call(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, Groups: [web.id] });
  assert.deepEqual(ok.NetworkInterface.Groups, [{ GroupId: web.id, GroupName: 'web' }]);
});

test('ClientToken makes CreateNetworkInterface idempotent', async () => {
  const { ctx, subnet } = await setup();
  const a = await call(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, ClientToken: 'tok-1' });
  const b = await call(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id, ClientToken: 'tok-1' });
  assert.equal(a.NetworkInterface.NetworkInterfaceId, b.NetworkInterface.NetworkInterfaceId);
  assert.equal(b.ClientToken, 'tok-1');
  assert.equal(ctx.store.list(KIND.networkInterface).length, 1);
});

test('DescribeNetworkInterfaces: ids, filters, pagination', async () => {
  const { ctx, vpcId, subnet } = await setup();
  const other = putSubnet(ctx, vpcId, '10.0.2.0/24', 1);
  const web = putSecurityGroup(ctx, vpcId, 'web');
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const out = await call(ec2Service, ctx, 'CreateNetworkInterface', {
      SubnetId: i < 4 ? subnet.id : other.id,
      Description: i % 2 ? 'backend node' : 'frontend',
      Groups: i === 0 ? [web.id] : undefined,
      TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'tier', Value: i % 2 ? 'b' : 'f' }] }],
    });
    ids.push(out.NetworkInterface.NetworkInterfaceId);
  }
  const count = async (Filters: unknown) => (await call(ec2Service, ctx, 'DescribeNetworkInterfaces', { Filters })).NetworkInterfaces.length;
  assert.equal(await count([{ Name: 'subnet-id', Values: [other.id] }]), 2);
  assert.equal(await count([{ Name: 'vpc-id', Values: [vpcId] }]), 6);
  assert.equal(await count([{ Name: 'private-ip-address', Values: ['10.0.1.4'] }]), 1);
  assert.equal(await count([{ Name: 'addresses.private-ip-address', Values: ['10.0.2.*'] }]), 2);
  assert.equal(await count([{ Name: 'group-id', Values: [web.id] }]), 1);
  assert.equal(await count([{ Name: 'description', Values: ['backend*'] }]), 3);
  assert.equal(await count([{ Name: 'status', Values: ['available'] }]), 6);
  assert.equal(await count([{ Name: 'requester-managed', Values: ['false'] }]), 6);
  assert.equal(await count([{ Name: 'interface-type', Values: ['interface'] }]), 6);
  assert.equal(await count([{ Name: 'availability-zone', Values: ['eu-west-1b'] }]), 2);
  assert.equal(await count([{ Name: 'tag:tier', Values: ['f'] }, { Name: 'subnet-id', Values: [subnet.id] }]), 2);
  assert.equal(await count([{ Name: 'network-interface-id', Values: [ids[2]] }]), 1);
  assert.equal(await count([{ Name: 'attachment.instance-id', Values: ['i-0123456789abcdef0'] }]), 0);
  const p1 = await call(ec2Service, ctx, 'DescribeNetworkInterfaces', { MaxResults: 5 });
  assert.equal(p1.NetworkInterfaces.length, 5);
  const p2 = await call(ec2Service, ctx, 'DescribeNetworkInterfaces', { MaxResults: 5, NextToken: p1.NextToken });
  assert.equal(p2.NetworkInterfaces.length, 1);
  assert.equal(p2.NextToken, undefined);
  const missing = await callError(ec2Service, ctx, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: [ids[0], 'eni-0123456789abcdef0', 'eni-0123456789abcdef1'] });
  assert.equal(missing.code, 'InvalidNetworkInterfaceID.NotFound');
  assert.equal(missing.message, "The networkInterface IDs 'eni-0123456789abcdef0, eni-0123456789abcdef1' do not exist");
  assert.equal((await callError(ec2Service, ctx, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: ['nope'] })).code, 'InvalidNetworkInterfaceID.Malformed');
  assert.equal((await callError(ec2Service, ctx, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: [ids[0]], MaxResults: 5 })).code, 'InvalidParameterCombination');
  assert.equal((await callError(ec2Service, ctx, 'DescribeNetworkInterfaces', { Filters: [{ Name: 'public-ip', Values: ['x'] }] })).message, "The filter 'public-ip' is invalid");
});

test('DeleteNetworkInterface: attached and requester-managed interfaces are in use', async () => {
  const { ctx, subnet } = await setup();
  const { NetworkInterface } = await call(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id });
  const id = NetworkInterface.NetworkInterfaceId;
  const run = await call(ec2Service, ctx, 'RunInstances', { ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, SubnetId: subnet.id });
  const primary = run.Instances[0].NetworkInterfaces[0].NetworkInterfaceId;
  const inUse = await callError(ec2Service, ctx, 'DeleteNetworkInterface', { NetworkInterfaceId: primary });
  assert.equal(inUse.code, 'InvalidNetworkInterface.InUse');
  assert.equal(inUse.message, `Network interface '${primary}' is currently in use.`);
  ctx.store.transact((tx) => tx.put(KIND.networkInterface, { ...tx.get<NetworkInterface>(KIND.networkInterface, id)!, requesterManaged: true, interfaceType: 'vpc_endpoint' as const }));
  assert.equal((await callError(ec2Service, ctx, 'DeleteNetworkInterface', { NetworkInterfaceId: id })).code, 'InvalidParameterValue');
  const { NetworkInterface: free } = await call(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id });
  assert.equal((await callError(ec2Service, ctx, 'DeleteNetworkInterface', { NetworkInterfaceId: free.NetworkInterfaceId, DryRun: true })).code, 'DryRunOperation');
  await call(ec2Service, ctx, 'DeleteNetworkInterface', { NetworkInterfaceId: free.NetworkInterfaceId });
  const gone = await callError(ec2Service, ctx, 'DeleteNetworkInterface', { NetworkInterfaceId: free.NetworkInterfaceId });
  assert.equal(gone.code, 'InvalidNetworkInterfaceID.NotFound');
  assert.equal(gone.message, `The networkInterface ID '${free.NetworkInterfaceId}' does not exist`);
});

test('ModifyNetworkInterfaceAttribute: one attribute per call; groups of the primary interface become the instance groups', async () => {
  const { ctx, vpcId, subnet } = await setup();
  const web = putSecurityGroup(ctx, vpcId, 'web');
  const { NetworkInterface } = await call(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id });
  const id = NetworkInterface.NetworkInterfaceId;
  await call(ec2Service, ctx, 'ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: id, Description: { Value: 'changed' } });
  await call(ec2Service, ctx, 'ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: id, SourceDestCheck: { Value: false } });
  await call(ec2Service, ctx, 'ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: id, Groups: [web.id] });
  const d = (await call(ec2Service, ctx, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: [id] })).NetworkInterfaces[0];
  assert.equal(d.Description, 'changed');
  assert.equal(d.SourceDestCheck, false);
  assert.deepEqual(d.Groups, [{ GroupId: web.id, GroupName: 'web' }]);
  assert.equal((await callError(ec2Service, ctx, 'ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: id, Description: { Value: 'x' }, SourceDestCheck: { Value: true } })).code, 'InvalidParameterCombination');
  const foreign = putSecurityGroup(ctx, await makeVpc(ctx, '10.1.0.0/16'), 'other');
  assert.equal((await callError(ec2Service, ctx, 'ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: id, Groups: [foreign.id] })).code, 'InvalidParameter');

  const run = await call(ec2Service, ctx, 'RunInstances', { ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, SubnetId: subnet.id });
  const instance = run.Instances[0];
  const primary = instance.NetworkInterfaces[0];
  await call(ec2Service, ctx, 'ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: primary.NetworkInterfaceId, Groups: [web.id] });
  const di = await call(ec2Service, ctx, 'DescribeInstances', { InstanceIds: [instance.InstanceId] });
  assert.deepEqual(di.Reservations[0].Instances[0].SecurityGroups, [{ GroupId: web.id, GroupName: 'web' }]);
  await call(ec2Service, ctx, 'ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: primary.NetworkInterfaceId, Attachment: { AttachmentId: primary.Attachment.AttachmentId, DeleteOnTermination: false } });
  const eni = ctx.store.get<NetworkInterface>(KIND.networkInterface, primary.NetworkInterfaceId)!;
  assert.equal(eni.attachment?.deleteOnTermination, false);
});

test('Attach and DetachNetworkInterface', async () => {
  const { ctx, subnet } = await setup();
  const { NetworkInterface } = await call(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id });
  const eniId = NetworkInterface.NetworkInterfaceId;
  const run = await call(ec2Service, ctx, 'RunInstances', { ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, SubnetId: subnet.id });
  const instanceId = run.Instances[0].InstanceId;
  const pending = await callError(ec2Service, ctx, 'AttachNetworkInterface', { NetworkInterfaceId: eniId, InstanceId: instanceId, DeviceIndex: 1 });
  assert.equal(pending.code, 'IncorrectInstanceState');
  setInstanceState(ctx, instanceId, 'running');
  const clash = await callError(ec2Service, ctx, 'AttachNetworkInterface', { NetworkInterfaceId: eniId, InstanceId: instanceId, DeviceIndex: 0 });
  assert.equal(clash.code, 'InvalidParameterValue');
  const attached = await call(ec2Service, ctx, 'AttachNetworkInterface', { NetworkInterfaceId: eniId, InstanceId: instanceId, DeviceIndex: 1 });
  assert.match(attached.AttachmentId, /^eni-attach-[0-9a-f]{17}$/);
  const again = await callError(ec2Service, ctx, 'AttachNetworkInterface', { NetworkInterfaceId: eniId, InstanceId: instanceId, DeviceIndex: 2 });
  assert.equal(again.code, 'InvalidNetworkInterface.InUse');
  assert.equal(again.message, `Interface: [${eniId}] in use.`);
  const d = (await call(ec2Service, ctx, 'DescribeNetworkInterfaces', { Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] })).NetworkInterfaces;
  assert.equal(d.length, 2);
  const second = d.find((n: any) => n.NetworkInterfaceId === eniId);
  assert.equal(second.Status, 'in-use');
  assert.equal(second.Attachment.DeviceIndex, 1);
  assert.equal(second.Attachment.DeleteOnTermination, false);
  assert.equal((await call(ec2Service, ctx, 'DescribeInstances', { InstanceIds: [instanceId] })).Reservations[0].Instances[0].NetworkInterfaces.length, 2);
  const primaryAttachment = run.Instances[0].NetworkInterfaces[0].Attachment.AttachmentId;
  assert.equal((await callError(ec2Service, ctx, 'DetachNetworkInterface', { AttachmentId: primaryAttachment })).code, 'OperationNotPermitted');
  assert.equal((await callError(ec2Service, ctx, 'DetachNetworkInterface', { AttachmentId: 'eni-attach-0123456789abcdef0' })).code, 'InvalidAttachmentID.NotFound');
  await call(ec2Service, ctx, 'DetachNetworkInterface', { AttachmentId: attached.AttachmentId });
  const after = (await call(ec2Service, ctx, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: [eniId] })).NetworkInterfaces[0];
  assert.equal(after.Status, 'available');
  assert.equal(after.Attachment, undefined);
  await call(ec2Service, ctx, 'DeleteNetworkInterface', { NetworkInterfaceId: eniId });
});
