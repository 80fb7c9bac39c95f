import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { KIND, type Instance, type Subnet, type Vpc } from '../../state/records/ec2.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { defaultGroup, makeVpc, putSecurityGroup, putSubnet } from '../../../test/helpers/ec2-records.js';
import type { OperationContext } from '../context.js';

const AMI = 'ami-0abcdef1234567890';

function setState(ctx: OperationContext, id: string, state: Instance['state'], extra: Partial<Instance> = {}): void {
  ctx.store.transact((tx) => tx.put(KIND.instance, { ...tx.get<Instance>(KIND.instance, id)!, state, ...extra }));
}

function defaultVpc(ctx: OperationContext): Vpc {
  return ctx.store.list<Vpc>(KIND.vpc, (v) => v.isDefault && v.region === ctx.region)[0]!;
}

async function run(ctx: OperationContext, input: Record<string, unknown> = {}): Promise<any> {
  return call(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, ...input });
}

test('RunInstances without a subnet launches into the default VPC: a pending reservation with one primary ENI', async () => {
  const ctx = testContext();
  const r = await run(ctx);
  assert.match(r.ReservationId, /^r-[0-9a-f]{17}$/);
  assert.equal(r.OwnerId, '000000000000');
  assert.equal(r.Instances.length, 1);
  const i = r.Instances[0];
  assert.match(i.InstanceId, /^i-[0-9a-f]{17}$/);
  assert.deepEqual(i.State, { Code: 0, Name: 'pending' });
  assert.deepEqual(i.StateReason, { Code: 'pending', Message: 'pending' });
  assert.equal(i.StateTransitionReason, '');
  assert.equal(i.ImageId, AMI);
  assert.equal(i.InstanceType, 'm1.small');
  assert.equal(i.AmiLaunchIndex, 0);
  assert.equal(i.Placement.AvailabilityZone, 'eu-west-1a');
  assert.equal(i.PrivateIpAddress, '172.31.0.4');
  assert.equal(i.PrivateDnsName, 'ip-172-31-0-4.eu-west-1.compute.internal');
  assert.equal(i.PublicDnsName, '');
  assert.equal(i.VpcId, defaultVpc(ctx).id);
  assert.deepEqual(i.SecurityGroups, [{ GroupId: defaultGroup(ctx, i.VpcId).id, GroupName: 'default' }]);
  assert.equal(i.NetworkInterfaces.length, 1);
  const n = i.NetworkInterfaces[0];
  assert.equal(n.PrivateIpAddress, '172.31.0.4');
  assert.equal(n.Status, 'in-use');
  assert.equal(n.Attachment.DeviceIndex, 0);
  assert.equal(n.Attachment.DeleteOnTermination, true);
  assert.equal(n.Attachment.Status, 'attached');
  assert.ok(i.ClientToken);
  const d = await call(ec2Service, ctx, 'DescribeInstances', { InstanceIds: [i.InstanceId] });
  assert.equal(d.Reservations[0].ReservationId, r.ReservationId);
  assert.equal(d.Reservations[0].Instances[0].State.Name, 'pending');
  const eni = await call(ec2Service, ctx, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: [n.NetworkInterfaceId] });
  assert.equal(eni.NetworkInterfaces[0].Attachment.InstanceId, i.InstanceId);
});

test('Placement picks the default subnet of that zone; us-east-1 names end in ec2.internal', async () => {
  const ctx = testContext({ region: 'us-east-1' });
  const r = await run(ctx, { Placement: { AvailabilityZone: 'us-east-1b' } });
  assert.equal(r.Instances[0].Placement.AvailabilityZone, 'us-east-1b');
  assert.equal(r.Instances[0].PrivateIpAddress, '172.31.16.4');
  assert.equal(r.Instances[0].PrivateDnsName, 'ip-172-31-16-4.ec2.internal');
  assert.equal((await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, Placement: { GroupName: 'pg' } })).code, 'NotImplemented');
  const zone = await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, Placement: { AvailabilityZone: 'us-east-1z' } });
  assert.equal(zone.message, 'Invalid availability zone: [us-east-1z]');
});

test('MinCount/MaxCount launch several instances in one reservation; a full /28 holds 11', async () => {
  const ctx = testContext();
  const vpcId = await makeVpc(ctx, '10.0.0.0/16');
  const subnet = putSubnet(ctx, vpcId, '10.0.1.0/28');
  const three = await run(ctx, { SubnetId: subnet.id, MinCount: 3, MaxCount: 3 });
  assert.deepEqual(three.Instances.map((i: any) => i.AmiLaunchIndex), [0, 1, 2]);
  assert.deepEqual(three.Instances.map((i: any) => i.PrivateIpAddress), ['10.0.1.4', '10.0.1.5', '10.0.1.6']);
  const rest = await run(ctx, { SubnetId: subnet.id, MinCount: 1, MaxCount: 20 });
  assert.equal(rest.Instances.length, 8);
  assert.equal(rest.Instances.at(-1).PrivateIpAddress, '10.0.1.14');
  const full = await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, SubnetId: subnet.id });
  assert.equal(full.code, 'InsufficientFreeAddressesInSubnet');
  const d = await call(ec2Service, ctx, 'DescribeInstances', { Filters: [{ Name: 'subnet-id', Values: [subnet.id] }] });
  assert.equal(d.Reservations.length, 2);
  // Reservations launched in the same millisecond have no defined order (AWS documents none).
  assert.deepEqual(d.Reservations.map((r: any) => r.Instances.length).sort((a: number, b: number) => a - b), [3, 8]);
  const fresh = putSubnet(ctx, vpcId, '10.0.2.0/28');
  assert.equal((await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 12, MaxCount: 12, SubnetId: fresh.id })).code, 'InsufficientFreeAddressesInSubnet');
  assert.equal(ctx.store.list<Instance>(KIND.instance, (i) => i.subnetId === fresh.id).length, 0);
});

test('RunInstances validation: AMI, counts, user data, addresses, unsupported members, DryRun', async () => {
  const ctx = testContext();
  assert.equal((await callError(ec2Service, ctx, 'RunInstances', { MinCount: 1, MaxCount: 1 })).code, 'MissingParameter');
  const bad = await callError(ec2Service, ctx, 'RunInstances', { ImageId: '{var.ami_id}', MinCount: 1, MaxCount: 1 });
  assert.equal(bad.code, 'InvalidAMIID.Malformed');
  assert.equal(bad.message, 'Invalid id: "{var.ami_id}" (expecting "ami-...")');
  const none = await callError(ec2Service, ctx, 'RunInstances', { ImageId: 'ami-00000000000000000', MinCount: 1, MaxCount: 1 });
  assert.equal(none.code, 'InvalidAMIID.NotFound');
  assert.equal(none.message, "The image id '[ami-00000000000000000]' does not exist");
  assert.equal((await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 3, MaxCount: 2 })).code, 'InvalidParameterValue');
  assert.equal((await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 0, MaxCount: 2 })).code, 'InvalidParameterValue');
  const b64 = await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, UserData: 'not base64!' });
  assert.equal(b64.message, 'Invalid BASE64 encoding of user data');
  const big = await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, UserData: Buffer.alloc(16385, 'a').toString('base64') });
  assert.equal(big.message, 'User data is limited to 16384 bytes');
  assert.equal((await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, IamInstanceProfile: { Name: 'x' } })).code, 'NotImplemented');
  assert.equal((await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 2, MaxCount: 2, PrivateIpAddress: '172.31.0.10' })).code, 'InvalidParameterCombination');
  const dry = await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, DryRun: true });
  assert.equal(dry.code, 'DryRunOperation');
  assert.equal(ctx.store.list(KIND.instance).length, 0);
  // Validation wins over DryRun (§1.15).
  assert.equal((await callError(ec2Service, ctx, 'RunInstances', { ImageId: 'ami-00000000000000000', MinCount: 1, MaxCount: 1, DryRun: true })).code, 'InvalidAMIID.NotFound');
  const fixed = await run(ctx, { PrivateIpAddress: '172.31.0.10', UserData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'), KeyName: 'mykey', InstanceType: 't3.micro' });
  assert.equal(fixed.Instances[0].PrivateIpAddress, '172.31.0.10');
  assert.equal(fixed.Instances[0].KeyName, 'mykey');
  assert.equal(fixed.Instances[0].InstanceType, 't3.micro');
  const taken = await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, PrivateIpAddress: '172.31.0.10' });
  assert.equal(taken.code, 'InvalidIPAddress.InUse');
  assert.equal(taken.message, 'Address 172.31.0.10 is in use.');
});

test('security groups: ids must be in the subnet VPC, names only in the default VPC', async () => {
  const ctx = testContext();
  const vpcId = await makeVpc(ctx, '10.0.0.0/16');
  const subnet = putSubnet(ctx, vpcId, '10.0.1.0/24');
  const mine = putSecurityGroup(ctx, vpcId, 'app');
  const foreign = putSecurityGroup(ctx, defaultVpc(ctx).id, 'web');
  const e = await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, SubnetId: subnet.id, SecurityGroupIds: [foreign.id] });
  assert.equal(e.code, 'InvalidParameter');
  assert.equal(e.message, `Security group ${foreign.id} and subnet ${subnet.id} belong to different networks.`);
  const byName = await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, SubnetId: subnet.id, SecurityGroups: ['app'] });
  assert.equal(byName.code, 'InvalidParameterCombination');
  assert.equal(byName.message, 'The parameter groupName cannot be used with the parameter subnet');
  const ok = await run(ctx, { SubnetId: subnet.id, SecurityGroupIds: [mine.id] });
  assert.deepEqual(ok.Instances[0].SecurityGroups, [{ GroupId: mine.id, GroupName: 'app' }]);
  const named = await run(ctx, { SecurityGroups: ['web'] });
  assert.deepEqual(named.Instances[0].SecurityGroups, [{ GroupId: foreign.id, GroupName: 'web' }]);
  const unknown = await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, SecurityGroups: ['nope'] });
  assert.equal(unknown.code, 'InvalidGroup.NotFound');
  assert.equal(unknown.message, `The security group 'nope' does not exist in default VPC '${defaultVpc(ctx).id}'`);
});

test('ClientToken: the same request returns the first reservation; different arguments are refused', async () => {
  const ctx = testContext();
  const a = await run(ctx, { ClientToken: 'launch-1' });
  const b = await run(ctx, { ClientToken: 'launch-1' });
  assert.equal(b.ReservationId, a.ReservationId);
  assert.equal(b.Instances[0].InstanceId, a.Instances[0].InstanceId);
  assert.equal(b.Instances[0].ClientToken, 'launch-1');
  assert.equal(ctx.store.list(KIND.instance).length, 1);
  const mismatch = await callError(ec2Service, ctx, 'RunInstances', { ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, ClientToken: 'launch-1' });
  assert.equal(mismatch.code, 'IdempotentParameterMismatch');
});

test('TagSpecifications tag the instance and its interface; volumes are not modelled', async () => {
  const ctx = testContext();
  const r = await run(ctx, {
    TagSpecifications: [
      { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web-1' }] },
      { ResourceType: 'network-interface', Tags: [{ Key: 'role', Value: 'primary' }] },
    ],
  });
  assert.deepEqual(r.Instances[0].Tags, [{ Key: 'Name', Value: 'web-1' }]);
  const eni = await call(ec2Service, ctx, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: [r.Instances[0].NetworkInterfaces[0].NetworkInterfaceId] });
  assert.deepEqual(eni.NetworkInterfaces[0].TagSet, [{ Key: 'role', Value: 'primary' }]);
  assert.equal((await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'a', Value: 'b' }] }] })).code, 'NotImplemented');
});

test('NetworkInterfaces launch form: a new primary interface or an existing one', async () => {
  const ctx = testContext();
  const vpcId = await makeVpc(ctx, '10.0.0.0/16');
  const subnet = putSubnet(ctx, vpcId, '10.0.1.0/24');
  const sg = putSecurityGroup(ctx, vpcId, 'app');
  const r = await run(ctx, { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet.id, Groups: [sg.id], PrivateIpAddress: '10.0.1.50', AssociatePublicIpAddress: false }] });
  assert.equal(r.Instances[0].PrivateIpAddress, '10.0.1.50');
  assert.equal(r.Instances[0].SubnetId, subnet.id);
  assert.deepEqual(r.Instances[0].SecurityGroups, [{ GroupId: sg.id, GroupName: 'app' }]);
  const conflict = await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, SubnetId: subnet.id, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet.id }] });
  assert.equal(conflict.code, 'InvalidParameterCombination');
  assert.equal(conflict.message, 'Network interfaces and an instance-level subnet ID may not be specified on the same request');
  assert.equal((await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet.id, AssociatePublicIpAddress: true }] })).code, 'NotImplemented');
  const { NetworkInterface } = await call(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id });
  const withEni = await run(ctx, { NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: NetworkInterface.NetworkInterfaceId }] });
  assert.equal(withEni.Instances[0].NetworkInterfaces[0].NetworkInterfaceId, NetworkInterface.NetworkInterfaceId);
  assert.equal(withEni.Instances[0].NetworkInterfaces[0].Attachment.DeleteOnTermination, false);
  assert.equal((await callError(ec2Service, ctx, 'RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: NetworkInterface.NetworkInterfaceId }] })).code, 'InvalidNetworkInterface.InUse');
});

test('stop, start and terminate: state changes, AWS refusals, terminate deletes the primary ENI', async () => {
  const ctx = testContext();
  const r = await run(ctx);
  const id = r.Instances[0].InstanceId;
  const eniId = r.Instances[0].NetworkInterfaces[0].NetworkInterfaceId;
  const early = await callError(ec2Service, ctx, 'StopInstances', { InstanceIds: [id] });
  assert.equal(early.code, 'IncorrectInstanceState');
  assert.equal(early.message, `Instance '${id}' cannot be stopped as it has never reached the 'running' state.`);
  setState(ctx, id, 'running');
  const stop = await call(ec2Service, ctx, 'StopInstances', { InstanceIds: [id] });
  assert.deepEqual(stop.StoppingInstances, [{ InstanceId: id, CurrentState: { Code: 64, Name: 'stopping' }, PreviousState: { Code: 16, Name: 'running' } }]);
  const stopped = (await call(ec2Service, ctx, 'DescribeInstances', { InstanceIds: [id] })).Reservations[0].Instances[0];
  assert.match(stopped.StateTransitionReason, /^User initiated \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} GMT\)$/);
  assert.deepEqual(stopped.StateReason, { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' });
  const again = await call(ec2Service, ctx, 'StopInstances', { InstanceIds: [id] });
  assert.deepEqual(again.StoppingInstances[0].CurrentState, { Code: 64, Name: 'stopping' });
  const notYet = await callError(ec2Service, ctx, 'StartInstances', { InstanceIds: [id] });
  assert.equal(notYet.code, 'IncorrectInstanceState');
  assert.equal(notYet.message, `The instance '${id}' is not in a state from which it can be started.`);
  setState(ctx, id, 'stopped');
  const start = await call(ec2Service, ctx, 'StartInstances', { InstanceIds: [id] });
  assert.deepEqual(start.StartingInstances, [{ InstanceId: id, CurrentState: { Code: 0, Name: 'pending' }, PreviousState: { Code: 80, Name: 'stopped' } }]);
  setState(ctx, id, 'running');

  const other = (await run(ctx)).Instances[0].InstanceId;
  const batch = await callError(ec2Service, ctx, 'TerminateInstances', { InstanceIds: [id, 'i-0123456789abcdef0', 'i-0123456789abcdef1'] });
  assert.equal(batch.code, 'InvalidInstanceID.NotFound');
  assert.equal(batch.message, "The instance IDs 'i-0123456789abcdef0, i-0123456789abcdef1' do not exist");
  assert.equal(ctx.store.get<Instance>(KIND.instance, id)!.state, 'running');
  const term = await call(ec2Service, ctx, 'TerminateInstances', { InstanceIds: [id, other] });
  assert.deepEqual(term.TerminatingInstances[0], { InstanceId: id, CurrentState: { Code: 32, Name: 'shutting-down' }, PreviousState: { Code: 16, Name: 'running' } });
  assert.equal(term.TerminatingInstances[1].PreviousState.Name, 'pending');
  assert.equal((await callError(ec2Service, ctx, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: [eniId] })).code, 'InvalidNetworkInterfaceID.NotFound');
  const twice = await call(ec2Service, ctx, 'TerminateInstances', { InstanceIds: [id] });
  assert.deepEqual(twice.TerminatingInstances[0].CurrentState, { Code: 32, Name: 'shutting-down' });
  const stopDying = await callError(ec2Service, ctx, 'StopInstances', { InstanceIds: [id] });
  assert.equal(stopDying.message, `This instance '${id}' is not in a state from which it can be stopped.`);
  assert.equal((await callError(ec2Service, ctx, 'StopInstances', { InstanceIds: ['ma1'] })).code, 'InvalidInstanceID.Malformed');
  assert.equal((await callError(ec2Service, ctx, 'TerminateInstances', { InstanceIds: [other], DryRun: true })).code, 'DryRunOperation');
});

test('terminate detaches interfaces that are not deleted on termination', async () => {
  const ctx = testContext();
  await call(ec2Service, ctx, 'DescribeVpcs', {}); // the default VPC appears with the first call
  const vpc = defaultVpc(ctx);
  const subnet = ctx.store.list<Subnet>(KIND.subnet, (s) => s.vpcId === vpc.id && s.availabilityZone === 'eu-west-1a')[0]!;
  const { NetworkInterface } = await call(ec2Service, ctx, 'CreateNetworkInterface', { SubnetId: subnet.id });
  const r = await run(ctx, { NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: NetworkInterface.NetworkInterfaceId }] });
  await call(ec2Service, ctx, 'TerminateInstances', { InstanceIds: [r.Instances[0].InstanceId] });
  const eni = (await call(ec2Service, ctx, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: [NetworkInterface.NetworkInterfaceId] })).NetworkInterfaces[0];
  assert.equal(eni.Status, 'available');
  assert.equal(eni.Attachment, undefined);
});

test('terminated instances stay visible for an hour, without addresses, then vanish', async () => {
  const ctx = testContext();
  const recent = (await run(ctx)).Instances[0].InstanceId;
  const old = (await run(ctx)).Instances[0].InstanceId;
  await call(ec2Service, ctx, 'TerminateInstances', { InstanceIds: [recent, old] });
  setState(ctx, recent, 'terminated', { terminatedAt: new Date().toISOString() });
  setState(ctx, old, 'terminated', { terminatedAt: new Date(Date.now() - 2 * 3600_000).toISOString() });
  const d = await call(ec2Service, ctx, 'DescribeInstances', {});
  const ids = d.Reservations.flatMap((r: any) => r.Instances.map((i: any) => i.InstanceId));
  assert.deepEqual(ids, [recent]);
  const shown = d.Reservations[0].Instances[0];
  assert.deepEqual(shown.State, { Code: 48, Name: 'terminated' });
  assert.equal(shown.PrivateIpAddress, undefined);
  assert.equal(shown.PrivateDnsName, '');
  assert.deepEqual(shown.NetworkInterfaces, []);
  const gone = await callError(ec2Service, ctx, 'DescribeInstances', { InstanceIds: [old] });
  assert.equal(gone.code, 'InvalidInstanceID.NotFound');
  assert.equal(gone.message, `The instance ID '${old}' does not exist`);
  const term = await call(ec2Service, ctx, 'TerminateInstances', { InstanceIds: [recent] });
  assert.deepEqual(term.TerminatingInstances[0].CurrentState, { Code: 48, Name: 'terminated' });
});

test('DescribeInstances filters and pagination', async () => {
  const ctx = testContext();
  const vpcId = await makeVpc(ctx, '10.0.0.0/16');
  const subnet = putSubnet(ctx, vpcId, '10.0.1.0/24', 1);
  const sg = putSecurityGroup(ctx, vpcId, 'app');
  const a = (await run(ctx, { SubnetId: subnet.id, SecurityGroupIds: [sg.id], InstanceType: 't3.micro', TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'api-1' }] }] })).Instances[0];
  const many = await run(ctx, { MinCount: 6, MaxCount: 6 });
  setState(ctx, a.InstanceId, 'running');
  const ids = async (Filters: unknown) => (await call(ec2Service, ctx, 'DescribeInstances', { Filters })).Reservations.flatMap((r: any) => r.Instances.map((i: any) => i.InstanceId));
  assert.deepEqual(await ids([{ Name: 'instance-state-name', Values: ['running'] }]), [a.InstanceId]);
  assert.deepEqual(await ids([{ Name: 'instance-state-code', Values: ['16'] }]), [a.InstanceId]);
  assert.deepEqual(await ids([{ Name: 'vpc-id', Values: [vpcId] }]), [a.InstanceId]);
  assert.deepEqual(await ids([{ Name: 'subnet-id', Values: [subnet.id] }]), [a.InstanceId]);
  assert.deepEqual(await ids([{ Name: 'private-ip-address', Values: ['10.0.1.4'] }]), [a.InstanceId]);
  assert.deepEqual(await ids([{ Name: 'private-dns-name', Values: ['ip-10-0-1-4.*'] }]), [a.InstanceId]);
  assert.deepEqual(await ids([{ Name: 'network-interface.network-interface-id', Values: [a.NetworkInterfaces[0].NetworkInterfaceId] }]), [a.InstanceId]);
  assert.deepEqual(await ids([{ Name: 'instance.group-id', Values: [sg.id] }]), [a.InstanceId]);
  assert.deepEqual(await ids([{ Name: 'tag:Name', Values: ['api-*'] }]), [a.InstanceId]);
  assert.deepEqual(await ids([{ Name: 'availability-zone', Values: ['eu-west-1b'] }]), [a.InstanceId]);
  assert.deepEqual(await ids([{ Name: 'instance-type', Values: ['t3.micro'] }]), [a.InstanceId]);
  assert.equal((await ids([{ Name: 'image-id', Values: [AMI] }])).length, 7);
  assert.equal((await ids([{ Name: 'reservation-id', Values: [many.ReservationId] }])).length, 6);
  const p1 = await call(ec2Service, ctx, 'DescribeInstances', { MaxResults: 5 });
  const p2 = await call(ec2Service, ctx, 'DescribeInstances', { MaxResults: 5, NextToken: p1.NextToken });
  const count = (p: any) => p.Reservations.reduce((n: number, r: any) => n + r.Instances.length, 0);
  assert.equal(count(p1), 5);
  assert.equal(count(p2), 2);
  assert.equal(p2.NextToken, undefined);
  const combo = await callError(ec2Service, ctx, 'DescribeInstances', { InstanceIds: [a.InstanceId], MaxResults: 5 });
  assert.equal(combo.code, 'InvalidParameterCombination');
  assert.equal(combo.message, 'The parameter instancesSet cannot be used with the parameter maxResults');
  assert.equal((await callError(ec2Service, ctx, 'DescribeInstances', { MaxResults: 1 })).code, 'InvalidParameterValue');
  const filter = await callError(ec2Service, ctx, 'DescribeInstances', { Filters: [{ Name: 'public-ip', Values: ['1.2.3.4'] }] });
  assert.equal(filter.message, "The filter 'public-ip' is invalid");
  assert.equal((await callError(ec2Service, ctx, 'DescribeInstances', { InstanceIds: ['foo'] })).code, 'InvalidInstanceID.Malformed');
  assert.equal((await callError(ec2Service, ctx, 'DescribeInstances', { DryRun: true })).code, 'DryRunOperation');
});

test('DescribeInstanceStatus shows running instances unless IncludeAllInstances', async () => {
  const ctx = testContext();
  const up = (await run(ctx)).Instances[0].InstanceId;
  const booting = (await run(ctx)).Instances[0].InstanceId;
  setState(ctx, up, 'running');
  const d = await call(ec2Service, ctx, 'DescribeInstanceStatus', {});
  assert.equal(d.InstanceStatuses.length, 1);
  assert.equal(d.InstanceStatuses[0].InstanceId, up);
  assert.deepEqual(d.InstanceStatuses[0].InstanceState, { Code: 16, Name: 'running' });
  assert.equal(d.InstanceStatuses[0].InstanceStatus.Status, 'ok');
  assert.equal(d.InstanceStatuses[0].SystemStatus.Status, 'ok');
  const all = await call(ec2Service, ctx, 'DescribeInstanceStatus', { IncludeAllInstances: true });
  assert.equal(all.InstanceStatuses.length, 2);
  const pending = all.InstanceStatuses.find((s: any) => s.InstanceId === booting);
  assert.equal(pending.InstanceStatus.Status, 'not-applicable');
  const filtered = await call(ec2Service, ctx, 'DescribeInstanceStatus', { IncludeAllInstances: true, Filters: [{ Name: 'instance-state-name', Values: ['pending'] }] });
  assert.deepEqual(filtered.InstanceStatuses.map((s: any) => s.InstanceId), [booting]);
});

test('DescribeInstanceAttribute returns user data as received, the type and the groups', async () => {
  const ctx = testContext();
  const userData = Buffer.from('#!/bin/sh\n').toString('base64');
  const i = (await run(ctx, { UserData: userData })).Instances[0];
  const ud = await call(ec2Service, ctx, 'DescribeInstanceAttribute', { InstanceId: i.InstanceId, Attribute: 'userData' });
  assert.deepEqual(ud, { InstanceId: i.InstanceId, UserData: { Value: userData } });
  assert.deepEqual((await call(ec2Service, ctx, 'DescribeInstanceAttribute', { InstanceId: i.InstanceId, Attribute: 'instanceType' })).InstanceType, { Value: 'm1.small' });
  assert.deepEqual((await call(ec2Service, ctx, 'DescribeInstanceAttribute', { InstanceId: i.InstanceId, Attribute: 'groupSet' })).Groups, i.SecurityGroups);
  assert.equal((await callError(ec2Service, ctx, 'DescribeInstanceAttribute', { InstanceId: i.InstanceId, Attribute: 'colour' })).code, 'InvalidParameterValue');
  // User data never appears in DescribeInstances (§1.10).
  const d = await call(ec2Service, ctx, 'DescribeInstances', { InstanceIds: [i.InstanceId] });
  assert.equal(JSON.stringify(d).includes(userData), false);
});
