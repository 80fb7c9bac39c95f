import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import type { OperationContext } from '../context.js';
import { Ec2Fixture } from '../../state/views/testing-fixtures.js';
import { KIND } from '../../state/records/ec2.js';

async function vpc(ctx: OperationContext, cidr = '10.0.0.0/16'): Promise<string> {
  return (await call(ec2Service, ctx, 'CreateVpc', { CidrBlock: cidr })).Vpc.VpcId;
}

async function subnet(ctx: OperationContext, vpcId: string, cidr: string): Promise<string> {
  return (await call(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: cidr })).Subnet.SubnetId;
}

async function table(ctx: OperationContext, vpcId: string): Promise<string> {
  return (await call(ec2Service, ctx, 'CreateRouteTable', { VpcId: vpcId })).RouteTable.RouteTableId;
}

async function attachedIgw(ctx: OperationContext, vpcId: string): Promise<string> {
  const id = (await call(ec2Service, ctx, 'CreateInternetGateway', {})).InternetGateway.InternetGatewayId;
  await call(ec2Service, ctx, 'AttachInternetGateway', { InternetGatewayId: id, VpcId: vpcId });
  return id;
}

async function describe(ctx: OperationContext, id: string): Promise<any> {
  return (await call(ec2Service, ctx, 'DescribeRouteTables', { RouteTableIds: [id] })).RouteTables[0];
}

test('a new VPC has one main table with the local route (checklist 7)', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const d = await call(ec2Service, ctx, 'DescribeRouteTables', { Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] });
  assert.equal(d.RouteTables.length, 1);
  const main = d.RouteTables[0];
  assert.equal(main.Routes.length, 1);
  const { DestinationCidrBlock, GatewayId, Origin, State } = main.Routes[0];
  assert.deepEqual({ DestinationCidrBlock, GatewayId, Origin, State }, { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' });
  assert.equal(main.Associations.length, 1);
  assert.equal(main.Associations[0].Main, true);
  assert.equal(main.Associations[0].SubnetId, undefined);
  assert.match(main.Associations[0].RouteTableAssociationId, /^rtbassoc-[0-9a-f]{17}$/);
  assert.deepEqual(main.Associations[0].AssociationState, { State: 'associated' });
  assert.deepEqual(main.PropagatingVgws, []);
  assert.equal(main.OwnerId, '000000000000');
});

test('CreateRouteTable: local route, no associations, tags; ClientToken makes retries idempotent', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const out = await call(ec2Service, ctx, 'CreateRouteTable', { VpcId: vpcId, ClientToken: 'tok-1', TagSpecifications: [{ ResourceType: 'route-table', Tags: [{ Key: 'Name', Value: 'private' }] }] });
  const rt = out.RouteTable;
  assert.match(rt.RouteTableId, /^rtb-[0-9a-f]{17}$/);
  assert.equal(out.ClientToken, 'tok-1');
  assert.deepEqual(rt.Associations, []);
  assert.equal(rt.Routes.length, 1);
  assert.equal(rt.Routes[0].GatewayId, 'local');
  assert.deepEqual(rt.Tags, [{ Key: 'Name', Value: 'private' }]);
  const retry = await call(ec2Service, ctx, 'CreateRouteTable', { VpcId: vpcId, ClientToken: 'tok-1' });
  assert.equal(retry.RouteTable.RouteTableId, rt.RouteTableId);
  const other = await vpc(ctx, '10.1.0.0/16');
  assert.equal((await callError(ec2Service, ctx, 'CreateRouteTable', { VpcId: other, ClientToken: 'tok-1' })).code, 'IdempotentParameterMismatch');
  assert.equal((await callError(ec2Service, ctx, 'CreateRouteTable', { VpcId: 'vpc-0123456789abcdef0' })).code, 'InvalidVpcID.NotFound');
  assert.equal((await callError(ec2Service, ctx, 'CreateRouteTable', { VpcId: vpcId, DryRun: true })).code, 'DryRunOperation');
});

test('CreateRoute to an IGW; duplicates and the local block are RouteAlreadyExists (checklist 12, 13)', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const rtb = await table(ctx, vpcId);
  const igw = await attachedIgw(ctx, vpcId);
  assert.deepEqual(await call(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }), { Return: true });
  const route = (await describe(ctx, rtb)).Routes.find((r: any) => r.DestinationCidrBlock === '0.0.0.0/0');
  assert.equal(route.GatewayId, igw);
  assert.equal(route.Origin, 'CreateRoute');
  assert.equal(route.State, 'active');
  const dup = await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw });
  assert.equal(dup.code, 'RouteAlreadyExists');
  assert.equal(dup.message, 'The route identified by 0.0.0.0/0 already exists.');
  assert.equal((await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '10.0.0.0/16', GatewayId: igw })).message, 'The route identified by 10.0.0.0/16 already exists.');
  const noDest = await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, GatewayId: igw });
  assert.equal(noDest.code, 'MissingParameter');
  assert.equal(noDest.message, 'The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock');
  const bad = await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '::/0', GatewayId: igw });
  assert.equal(bad.message, 'Value (::/0) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.');
  const inside = await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '10.0.1.0/24', GatewayId: igw });
  assert.equal(inside.message, "The destination CIDR block 10.0.1.0/24 is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.");
  assert.equal((await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '1.0.0.0/8', NatGatewayId: 'nat-0123456789abcdef0' })).code, 'NotImplemented');
  assert.equal((await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: 'rtb-0123456789abcdef0', DestinationCidrBlock: '1.0.0.0/8', GatewayId: igw })).message, "The routeTable ID 'rtb-0123456789abcdef0' does not exist");
  assert.equal((await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '1.0.0.0/8', GatewayId: igw, DryRun: true })).code, 'DryRunOperation');
  assert.equal((await describe(ctx, rtb)).Routes.length, 2);
});

test('CreateRoute targets: exactly one, existing, in this VPC', async () => {
  const ctx = testContext();
  const fx = new Ec2Fixture(ctx.store, ctx.region);
  const vpcId = await vpc(ctx);
  const otherVpc = await vpc(ctx, '10.1.0.0/16');
  const rtb = await table(ctx, vpcId);
  const igw = await attachedIgw(ctx, vpcId);
  const none = await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '1.0.0.0/8' });
  assert.equal(none.code, 'MissingParameter');
  assert.match(none.message, /^The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId/);
  assert.equal((await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '1.0.0.0/8', GatewayId: igw, InstanceId: 'i-0123456789abcdef0' })).code, 'InvalidParameterCombination');
  const unknownGw = await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '1.0.0.0/8', GatewayId: 'igw-0123456789abcdef0' });
  assert.equal(unknownGw.code, 'InvalidGatewayID.NotFound');
  assert.equal(unknownGw.message, "The gateway ID 'igw-0123456789abcdef0' does not exist");
  const foreignIgw = await attachedIgw(ctx, otherVpc);
  const foreign = await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '1.0.0.0/8', GatewayId: foreignIgw });
  assert.equal(foreign.code, 'InvalidParameterValue');
  assert.equal(foreign.message, `route table ${rtb} and network gateway ${foreignIgw} belong to different networks`);
  // ENIs and instances of this VPC; an instance with two ENIs must be routed by ENI.
  const sub = await subnet(ctx, vpcId, '10.0.1.0/24');
  const otherSub = await subnet(ctx, otherVpc, '10.1.1.0/24');
  const eni = fx.networkInterface(sub, '10.0.1.10');
  await call(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '192.168.0.0/16', NetworkInterfaceId: eni.id });
  const farEni = fx.networkInterface(otherSub, '10.1.1.10');
  assert.equal((await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '192.169.0.0/16', NetworkInterfaceId: farEni.id })).message, `route table ${rtb} and interface ${farEni.id} belong to different networks`);
  assert.equal((await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '192.169.0.0/16', NetworkInterfaceId: 'eni-0123456789abcdef0' })).code, 'InvalidNetworkInterfaceID.NotFound');
  const instance = fx.instance(sub, '10.0.1.20');
  await call(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '172.16.0.0/12', InstanceId: instance.id });
  const viaInstance = (await describe(ctx, rtb)).Routes.find((r: any) => r.DestinationCidrBlock === '172.16.0.0/12');
  assert.equal(viaInstance.InstanceId, instance.id);
  assert.equal(viaInstance.InstanceOwnerId, '000000000000');
  assert.equal(viaInstance.NetworkInterfaceId, instance.networkInterfaceIds[0]);
  const multi = fx.update<any>(KIND.instance, fx.instance(sub, '10.0.1.30').id, (i) => ({ ...i, networkInterfaceIds: [...i.networkInterfaceIds, 'eni-0000000000000abcd'] }));
  const twoEnis = await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '100.64.0.0/10', InstanceId: multi.id });
  assert.equal(twoEnis.code, 'InvalidInstanceID');
  assert.equal(twoEnis.message, `There are multiple interfaces attached to instance '${multi.id}'. Please specify an interface ID for the operation instead.`);
  // Peering connections must involve the table's VPC.
  const pcx = fx.peering(vpcId, otherVpc);
  await call(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: pcx.id });
  const third = await vpc(ctx, '10.2.0.0/16');
  const unrelated = fx.peering(otherVpc, third);
  assert.equal((await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '10.2.0.0/16', VpcPeeringConnectionId: unrelated.id })).code, 'InvalidParameterValue');
  assert.equal((await callError(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '10.2.0.0/16', VpcPeeringConnectionId: 'pcx-0123456789abcdef0' })).code, 'InvalidVpcPeeringConnectionID.NotFound');
});

test('routes whose target goes away read blackhole; ReplaceRoute and DeleteRoute (checklist 14)', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const rtb = await table(ctx, vpcId);
  const igw = await attachedIgw(ctx, vpcId);
  await call(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw });
  await call(ec2Service, ctx, 'DetachInternetGateway', { InternetGatewayId: igw, VpcId: vpcId });
  const holes = await call(ec2Service, ctx, 'DescribeRouteTables', { Filters: [{ Name: 'route.state', Values: ['blackhole'] }] });
  assert.deepEqual(holes.RouteTables.map((t: any) => t.RouteTableId), [rtb]);
  const igw2 = await attachedIgw(ctx, vpcId);
  await call(ec2Service, ctx, 'ReplaceRoute', { RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw2 });
  const replaced = (await describe(ctx, rtb)).Routes.find((r: any) => r.DestinationCidrBlock === '0.0.0.0/0');
  assert.equal(replaced.GatewayId, igw2);
  assert.equal(replaced.State, 'active');
  const missing = await callError(ec2Service, ctx, 'ReplaceRoute', { RouteTableId: rtb, DestinationCidrBlock: '1.2.3.0/24', GatewayId: igw2 });
  assert.equal(missing.code, 'InvalidRoute.NotFound');
  assert.equal((await callError(ec2Service, ctx, 'ReplaceRoute', { RouteTableId: rtb, DestinationCidrBlock: '10.0.0.0/16', GatewayId: igw2 })).code, 'NotImplemented');
  const gone = await callError(ec2Service, ctx, 'DeleteRoute', { RouteTableId: rtb, DestinationCidrBlock: '1.2.3.0/24' });
  assert.equal(gone.code, 'InvalidRoute.NotFound');
  assert.equal(gone.message, `no route with destination-cidr-block 1.2.3.0/24 in route table ${rtb}`);
  const local = await callError(ec2Service, ctx, 'DeleteRoute', { RouteTableId: rtb, DestinationCidrBlock: '10.0.0.0/16' });
  assert.equal(local.code, 'InvalidParameterValue');
  assert.equal(local.message, `cannot remove local route 10.0.0.0/16 in route table ${rtb}.`);
  await call(ec2Service, ctx, 'DeleteRoute', { RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0' });
  assert.equal((await describe(ctx, rtb)).Routes.length, 1);
});

test('associations: explicit, Resource.AlreadyAssociated, main rules, ReplaceRouteTableAssociation (checklist 15)', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const sub = await subnet(ctx, vpcId, '10.0.1.0/24');
  const a = await table(ctx, vpcId);
  const b = await table(ctx, vpcId);
  const assoc = await call(ec2Service, ctx, 'AssociateRouteTable', { RouteTableId: a, SubnetId: sub });
  assert.match(assoc.AssociationId, /^rtbassoc-[0-9a-f]{17}$/);
  assert.deepEqual(assoc.AssociationState, { State: 'associated' });
  const explicit = (await describe(ctx, a)).Associations[0];
  assert.deepEqual({ Main: explicit.Main, SubnetId: explicit.SubnetId, RouteTableId: explicit.RouteTableId }, { Main: false, SubnetId: sub, RouteTableId: a });
  const again = await callError(ec2Service, ctx, 'AssociateRouteTable', { RouteTableId: b, SubnetId: sub });
  assert.equal(again.code, 'Resource.AlreadyAssociated');
  assert.equal(again.message, `the specified association for route table ${b} conflicts with an existing association`);
  const otherVpc = await vpc(ctx, '10.1.0.0/16');
  const farSub = await subnet(ctx, otherVpc, '10.1.1.0/24');
  assert.equal((await callError(ec2Service, ctx, 'AssociateRouteTable', { RouteTableId: a, SubnetId: farSub })).message, `route table ${a} and subnet ${farSub} belong to different networks`);
  // Moving the subnet to b under a new id.
  const moved = await call(ec2Service, ctx, 'ReplaceRouteTableAssociation', { AssociationId: assoc.AssociationId, RouteTableId: b });
  assert.notEqual(moved.NewAssociationId, assoc.AssociationId);
  assert.deepEqual((await describe(ctx, a)).Associations, []);
  assert.equal((await describe(ctx, b)).Associations[0].SubnetId, sub);
  assert.equal((await callError(ec2Service, ctx, 'DisassociateRouteTable', { AssociationId: assoc.AssociationId })).code, 'InvalidAssociationID.NotFound');
  const busy = await callError(ec2Service, ctx, 'DeleteRouteTable', { RouteTableId: b });
  assert.equal(busy.code, 'DependencyViolation');
  assert.equal(busy.message, `The routeTable '${b}' has dependencies and cannot be deleted.`);
  await call(ec2Service, ctx, 'DisassociateRouteTable', { AssociationId: moved.NewAssociationId });
  await call(ec2Service, ctx, 'DeleteRouteTable', { RouteTableId: b });
  // The main association can move, never go.
  const main = (await call(ec2Service, ctx, 'DescribeRouteTables', { Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] })).RouteTables[0];
  const mainAssoc = main.Associations[0].RouteTableAssociationId;
  const noMain = await callError(ec2Service, ctx, 'DisassociateRouteTable', { AssociationId: mainAssoc });
  assert.equal(noMain.code, 'InvalidParameterValue');
  assert.equal(noMain.message, `cannot disassociate the main route table association ${mainAssoc}`);
  assert.equal((await callError(ec2Service, ctx, 'DeleteRouteTable', { RouteTableId: main.RouteTableId })).code, 'DependencyViolation');
  const swapped = await call(ec2Service, ctx, 'ReplaceRouteTableAssociation', { AssociationId: mainAssoc, RouteTableId: a });
  const nowMain = await call(ec2Service, ctx, 'DescribeRouteTables', { Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] });
  assert.deepEqual(nowMain.RouteTables.map((t: any) => t.RouteTableId), [a]);
  assert.equal(nowMain.RouteTables[0].Associations[0].RouteTableAssociationId, swapped.NewAssociationId);
  await call(ec2Service, ctx, 'DeleteRouteTable', { RouteTableId: main.RouteTableId });
});

test('edge association of an internet gateway; one per gateway', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const igw = await attachedIgw(ctx, vpcId);
  const a = await table(ctx, vpcId);
  const b = await table(ctx, vpcId);
  await call(ec2Service, ctx, 'AssociateRouteTable', { RouteTableId: a, GatewayId: igw });
  const d = await call(ec2Service, ctx, 'DescribeRouteTables', { Filters: [{ Name: 'association.gateway-id', Values: [igw] }] });
  assert.deepEqual(d.RouteTables.map((t: any) => t.RouteTableId), [a]);
  assert.equal((await callError(ec2Service, ctx, 'AssociateRouteTable', { RouteTableId: b, GatewayId: igw })).code, 'Resource.AlreadyAssociated');
  assert.equal((await callError(ec2Service, ctx, 'AssociateRouteTable', { RouteTableId: b })).code, 'MissingParameter');
});

test('VGW route propagation shows the VPN static routes with Origin EnableVgwRoutePropagation (checklist 31)', async () => {
  const ctx = testContext();
  const fx = new Ec2Fixture(ctx.store, ctx.region);
  const vpcId = await vpc(ctx);
  const rtb = await table(ctx, vpcId);
  const vgw = fx.vpnGateway(vpcId);
  fx.vpnConnection(vgw, ['192.168.10.0/24']);
  await call(ec2Service, ctx, 'EnableVgwRoutePropagation', { RouteTableId: rtb, GatewayId: vgw.id });
  await call(ec2Service, ctx, 'EnableVgwRoutePropagation', { RouteTableId: rtb, GatewayId: vgw.id });
  const t = await describe(ctx, rtb);
  assert.deepEqual(t.PropagatingVgws, [{ GatewayId: vgw.id }]);
  const propagated = t.Routes.find((r: any) => r.DestinationCidrBlock === '192.168.10.0/24');
  assert.equal(propagated.GatewayId, vgw.id);
  assert.equal(propagated.Origin, 'EnableVgwRoutePropagation');
  assert.equal(propagated.State, 'active');
  const byOrigin = await call(ec2Service, ctx, 'DescribeRouteTables', { Filters: [{ Name: 'route.origin', Values: ['EnableVgwRoutePropagation'] }] });
  assert.deepEqual(byOrigin.RouteTables.map((x: any) => x.RouteTableId), [rtb]);
  // A static route to the VGW is allowed while it is attached.
  await call(ec2Service, ctx, 'CreateRoute', { RouteTableId: rtb, DestinationCidrBlock: '192.168.20.0/24', GatewayId: vgw.id });
  await call(ec2Service, ctx, 'DisableVgwRoutePropagation', { RouteTableId: rtb, GatewayId: vgw.id });
  const after = await describe(ctx, rtb);
  assert.deepEqual(after.PropagatingVgws, []);
  assert.equal(after.Routes.some((r: any) => r.Origin === 'EnableVgwRoutePropagation'), false);
  const loose = fx.vpnGateway();
  const notAttached = await callError(ec2Service, ctx, 'EnableVgwRoutePropagation', { RouteTableId: rtb, GatewayId: loose.id });
  assert.equal(notAttached.code, 'Gateway.NotAttached');
  assert.equal((await callError(ec2Service, ctx, 'EnableVgwRoutePropagation', { RouteTableId: rtb, GatewayId: 'vgw-0123456789abcdef0' })).code, 'InvalidVpnGatewayID.NotFound');
});

test('DescribeRouteTables: filters, pagination 5–100, NotFound, region scope', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const sub = await subnet(ctx, vpcId, '10.0.1.0/24');
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push(await table(ctx, vpcId));
  await call(ec2Service, ctx, 'AssociateRouteTable', { RouteTableId: ids[2], SubnetId: sub });
  const bySubnet = await call(ec2Service, ctx, 'DescribeRouteTables', { Filters: [{ Name: 'association.subnet-id', Values: [sub] }] });
  assert.deepEqual(bySubnet.RouteTables.map((t: any) => t.RouteTableId), [ids[2]]);
  const local = await call(ec2Service, ctx, 'DescribeRouteTables', { Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'route.gateway-id', Values: ['local'] }] });
  assert.equal(local.RouteTables.length, 7);
  const p1 = await call(ec2Service, ctx, 'DescribeRouteTables', { MaxResults: 5, Filters: [{ Name: 'vpc-id', Values: [vpcId] }] });
  const p2 = await call(ec2Service, ctx, 'DescribeRouteTables', { MaxResults: 5, NextToken: p1.NextToken, Filters: [{ Name: 'vpc-id', Values: [vpcId] }] });
  assert.equal(p1.RouteTables.length, 5);
  assert.equal(p2.RouteTables.length, 2);
  assert.equal((await callError(ec2Service, ctx, 'DescribeRouteTables', { MaxResults: 101 })).code, 'InvalidParameterValue');
  const nf = await callError(ec2Service, ctx, 'DescribeRouteTables', { RouteTableIds: ['rtb-0123456789abcdef0'] });
  assert.equal(nf.code, 'InvalidRouteTableID.NotFound');
  assert.equal((await callError(ec2Service, ctx, 'DescribeRouteTables', { DryRun: true })).code, 'DryRunOperation');
  const us = testContext({ region: 'us-east-1', store: ctx.store });
  assert.equal((await callError(ec2Service, us, 'DescribeRouteTables', { RouteTableIds: [ids[0]] })).code, 'InvalidRouteTableID.NotFound');
  assert.equal((await callError(ec2Service, us, 'CreateRoute', { RouteTableId: ids[0], DestinationCidrBlock: '1.0.0.0/8', GatewayId: 'igw-0123456789abcdef0' })).code, 'InvalidRouteTableID.NotFound');
});
