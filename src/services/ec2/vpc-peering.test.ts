import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { KIND, type VpcPeeringConnection } from '../../state/records/ec2.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { makeVpc } from '../../../test/helpers/ec2-records.js';
import type { OperationContext } from '../context.js';

async function twoVpcs(ctx: OperationContext, b = '10.1.0.0/16') {
  return { a: await makeVpc(ctx, '10.0.0.0/16'), b: await makeVpc(ctx, b) };
}

async function describe(ctx: OperationContext, id: string): Promise<any> {
  return (await call(ec2Service, ctx, 'DescribeVpcPeeringConnections', { VpcPeeringConnectionIds: [id] })).VpcPeeringConnections[0];
}

function patch(ctx: OperationContext, id: string, p: Partial<VpcPeeringConnection>): void {
  ctx.store.transact((tx) => tx.put(KIND.vpcPeeringConnection, { ...tx.get<VpcPeeringConnection>(KIND.vpcPeeringConnection, id)!, ...p }));
}

test('create → pending-acceptance with an expiration time; accept → provisioning answer, then active with both blocks', async () => {
  const ctx = testContext();
  const { a, b } = await twoVpcs(ctx);
  const created = (await call(ec2Service, ctx, 'CreateVpcPeeringConnection', {
    VpcId: a, PeerVpcId: b, TagSpecifications: [{ ResourceType: 'vpc-peering-connection', Tags: [{ Key: 'Name', Value: 'a-b' }] }],
  })).VpcPeeringConnection;
  const id = created.VpcPeeringConnectionId;
  assert.match(id, /^pcx-[0-9a-f]{17}$/);
  assert.deepEqual(created.Status, { Code: 'initiating-request', Message: 'Initiating Request to 000000000000' });
  assert.deepEqual(created.AccepterVpcInfo, { OwnerId: '000000000000', Region: 'eu-west-1', VpcId: b });
  assert.equal(created.RequesterVpcInfo.CidrBlock, '10.0.0.0/16');
  assert.deepEqual(created.Tags, [{ Key: 'Name', Value: 'a-b' }]);
  const pending = await describe(ctx, id);
  assert.deepEqual(pending.Status, { Code: 'pending-acceptance', Message: 'Pending Acceptance by 000000000000' });
  const days = (Date.parse(pending.ExpirationTime) - Date.now()) / 86400_000;
  assert.ok(days > 6.99 && days <= 7, `expires in ${days} days`);
  assert.equal(pending.AccepterVpcInfo.CidrBlock, undefined);

  const accepted = (await call(ec2Service, ctx, 'AcceptVpcPeeringConnection', { VpcPeeringConnectionId: id })).VpcPeeringConnection;
  assert.deepEqual(accepted.Status, { Code: 'provisioning', Message: 'Provisioning' });
  const active = await describe(ctx, id);
  assert.deepEqual(active.Status, { Code: 'active', Message: 'Active' });
  assert.equal(active.ExpirationTime, undefined);
  assert.deepEqual(active.AccepterVpcInfo, {
    OwnerId: '000000000000', Region: 'eu-west-1', VpcId: b, CidrBlock: '10.1.0.0/16', CidrBlockSet: [{ CidrBlock: '10.1.0.0/16' }], Ipv6CidrBlockSet: [],
    PeeringOptions: { AllowDnsResolutionFromRemoteVpc: false, AllowEgressFromLocalClassicLinkToRemoteVpc: false, AllowEgressFromLocalVpcToRemoteClassicLink: false },
  });
  assert.equal(active.RequesterVpcInfo.CidrBlockSet[0].CidrBlock, '10.0.0.0/16');
  const again = await callError(ec2Service, ctx, 'AcceptVpcPeeringConnection', { VpcPeeringConnectionId: id });
  assert.equal(again.code, 'InvalidStateTransition');
  assert.equal(again.message, `Invalid state transition for ${id}, attempted to transition from active to provisioning`);
  const dup = await callError(ec2Service, ctx, 'CreateVpcPeeringConnection', { VpcId: b, PeerVpcId: a });
  assert.equal(dup.code, 'VpcPeeringConnectionAlreadyExists');

  assert.deepEqual(await call(ec2Service, ctx, 'DeleteVpcPeeringConnection', { VpcPeeringConnectionId: id }), { Return: true });
  const deleted = await describe(ctx, id);
  assert.deepEqual(deleted.Status, { Code: 'deleted', Message: 'Deleted by 000000000000' });
  assert.equal((await callError(ec2Service, ctx, 'DeleteVpcPeeringConnection', { VpcPeeringConnectionId: id })).code, 'InvalidStateTransition');
});

test('overlapping blocks: the connection is created and then reads failed', async () => {
  const ctx = testContext();
  const { a, b } = await twoVpcs(ctx, '10.0.128.0/17');
  const created = (await call(ec2Service, ctx, 'CreateVpcPeeringConnection', { VpcId: a, PeerVpcId: b })).VpcPeeringConnection;
  assert.equal(created.Status.Code, 'initiating-request');
  const failed = await describe(ctx, created.VpcPeeringConnectionId);
  assert.deepEqual(failed.Status, { Code: 'failed', Message: 'Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range' });
  assert.equal((await callError(ec2Service, ctx, 'AcceptVpcPeeringConnection', { VpcPeeringConnectionId: created.VpcPeeringConnectionId })).code, 'InvalidStateTransition');
});

test('reject only while pending; a rejected connection cannot be deleted and vanishes after a while', async () => {
  const ctx = testContext();
  const { a, b } = await twoVpcs(ctx);
  const id = (await call(ec2Service, ctx, 'CreateVpcPeeringConnection', { VpcId: a, PeerVpcId: b })).VpcPeeringConnection.VpcPeeringConnectionId;
  assert.deepEqual(await call(ec2Service, ctx, 'RejectVpcPeeringConnection', { VpcPeeringConnectionId: id }), { Return: true });
  assert.deepEqual((await describe(ctx, id)).Status, { Code: 'rejected', Message: 'Rejected by 000000000000' });
  const del = await callError(ec2Service, ctx, 'DeleteVpcPeeringConnection', { VpcPeeringConnectionId: id });
  assert.equal(del.code, 'InvalidStateTransition');
  assert.equal(del.message, `Invalid state transition for ${id}, attempted to transition from rejected to deleting`);
  assert.equal((await callError(ec2Service, ctx, 'RejectVpcPeeringConnection', { VpcPeeringConnectionId: id })).code, 'InvalidStateTransition');
  patch(ctx, id, { statusChangedAt: new Date(Date.now() - 3 * 3600_000).toISOString() });
  const gone = await callError(ec2Service, ctx, 'DescribeVpcPeeringConnections', { VpcPeeringConnectionIds: [id] });
  assert.equal(gone.code, 'InvalidVpcPeeringConnectionID.NotFound');
  assert.equal(gone.message, `The vpcPeeringConnection ID '${id}' does not exist`);
  assert.equal((await call(ec2Service, ctx, 'DescribeVpcPeeringConnections', {})).VpcPeeringConnections.length, 0);
});

test('a request not accepted in 7 days reads expired', async () => {
  const ctx = testContext();
  const { a, b } = await twoVpcs(ctx);
  const id = (await call(ec2Service, ctx, 'CreateVpcPeeringConnection', { VpcId: a, PeerVpcId: b })).VpcPeeringConnection.VpcPeeringConnectionId;
  patch(ctx, id, { expirationTime: new Date(Date.now() - 1000).toISOString() });
  assert.deepEqual((await describe(ctx, id)).Status, { Code: 'expired', Message: 'Expired' });
  assert.equal((await callError(ec2Service, ctx, 'AcceptVpcPeeringConnection', { VpcPeeringConnectionId: id })).message, `Invalid state transition for ${id}, attempted to transition from expired to provisioning`);
});

test('CreateVpcPeeringConnection refusals: other accounts and regions are not implemented, unknown VPCs, DryRun', async () => {
  const ctx = testContext();
  const { a, b } = await twoVpcs(ctx);
  assert.equal((await callError(ec2Service, ctx, 'CreateVpcPeeringConnection', { VpcId: a, PeerVpcId: b, PeerOwnerId: '111111111111' })).code, 'NotImplemented');
  assert.equal((await callError(ec2Service, ctx, 'CreateVpcPeeringConnection', { VpcId: a, PeerVpcId: b, PeerRegion: 'us-east-1' })).code, 'NotImplemented');
  const ok = await call(ec2Service, ctx, 'CreateVpcPeeringConnection', { VpcId: a, PeerVpcId: b, PeerOwnerId: '000000000000', PeerRegion: 'eu-west-1', DryRun: false });
  assert.ok(ok.VpcPeeringConnection);
  const unknown = await callError(ec2Service, ctx, 'CreateVpcPeeringConnection', { VpcId: a, PeerVpcId: 'vpc-0123456789abcdef0' });
  assert.equal(unknown.code, 'InvalidVpcID.NotFound');
  assert.equal((await callError(ec2Service, ctx, 'CreateVpcPeeringConnection', { VpcId: a, PeerVpcId: a })).code, 'InvalidParameterValue');
  const c = await makeVpc(ctx, '10.2.0.0/16');
  assert.equal((await callError(ec2Service, ctx, 'CreateVpcPeeringConnection', { VpcId: a, PeerVpcId: c, DryRun: true })).code, 'DryRunOperation');
  assert.equal(ctx.store.list(KIND.vpcPeeringConnection).length, 1);
  assert.equal((await callError(ec2Service, ctx, 'AcceptVpcPeeringConnection', { VpcPeeringConnectionId: 'pcx-0123456789abcdef0' })).code, 'InvalidVpcPeeringConnectionID.NotFound');
  assert.equal((await callError(ec2Service, ctx, 'AcceptVpcPeeringConnection', { VpcPeeringConnectionId: 'pcx-zz' })).code, 'InvalidVpcPeeringConnectionId.Malformed');
});

test('DescribeVpcPeeringConnections filters and pagination', async () => {
  const ctx = testContext();
  const hub = await makeVpc(ctx, '10.0.0.0/16');
  const ids: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const spoke = await makeVpc(ctx, `10.${i}.0.0/16`);
    ids.push((await call(ec2Service, ctx, 'CreateVpcPeeringConnection', { VpcId: hub, PeerVpcId: spoke })).VpcPeeringConnection.VpcPeeringConnectionId);
  }
  await call(ec2Service, ctx, 'AcceptVpcPeeringConnection', { VpcPeeringConnectionId: ids[0] });
  const count = async (Filters: unknown) => (await call(ec2Service, ctx, 'DescribeVpcPeeringConnections', { Filters })).VpcPeeringConnections.length;
  assert.equal(await count([{ Name: 'status-code', Values: ['active'] }]), 1);
  assert.equal(await count([{ Name: 'status-code', Values: ['pending-acceptance'] }]), 5);
  assert.equal(await count([{ Name: 'requester-vpc-info.vpc-id', Values: [hub] }]), 6);
  assert.equal(await count([{ Name: 'accepter-vpc-info.cidr-block', Values: ['10.1.0.0/16'] }]), 1);
  assert.equal(await count([{ Name: 'accepter-vpc-info.cidr-block', Values: ['10.2.0.0/16'] }]), 0);
  assert.equal(await count([{ Name: 'requester-vpc-info.cidr-block', Values: ['10.0.*'] }]), 6);
  assert.equal(await count([{ Name: 'vpc-peering-connection-id', Values: [ids[3]] }]), 1);
  assert.equal(await count([{ Name: 'status-message', Values: ['Pending Acceptance by *'] }]), 5);
  const p1 = await call(ec2Service, ctx, 'DescribeVpcPeeringConnections', { MaxResults: 5 });
  assert.equal(p1.VpcPeeringConnections.length, 5);
  const p2 = await call(ec2Service, ctx, 'DescribeVpcPeeringConnections', { MaxResults: 5, NextToken: p1.NextToken });
  assert.equal(p2.VpcPeeringConnections.length, 1);
  assert.equal((await callError(ec2Service, ctx, 'DescribeVpcPeeringConnections', { Filters: [{ Name: 'nope', Values: ['x'] }] })).code, 'InvalidParameterValue');
});
