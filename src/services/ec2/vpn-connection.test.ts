import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { KIND, type RouteTable, type VpnConnection } from '../../state/records/ec2.js';
import { effectiveRoutes } from '../../state/views/routing.js';
import { wiresInUse } from '../../state/wires.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { makeVpc } from '../../../test/helpers/ec2-records.js';
import type { OperationContext } from '../context.js';

async function gateways(ctx: OperationContext, asn = 65000) {
  const vpc = await makeVpc(ctx, '10.0.0.0/16');
  const cgw = (await call(ec2Service, ctx, 'CreateCustomerGateway', { Type: 'ipsec.1', IpAddress: '198.51.100.7', BgpAsn: asn })).CustomerGateway.CustomerGatewayId;
  const vgw = (await call(ec2Service, ctx, 'CreateVpnGateway', { Type: 'ipsec.1' })).VpnGateway.VpnGatewayId;
  await call(ec2Service, ctx, 'AttachVpnGateway', { VpcId: vpc, VpnGatewayId: vgw });
  return { vpc, cgw, vgw };
}

test('static VPN: pending answer, then available with two tunnels UP, its own wire, routes, propagation, delete', async () => {
  const ctx = testContext();
  const { vpc, cgw, vgw } = await gateways(ctx);
  const created = (await call(ec2Service, ctx, 'CreateVpnConnection', {
    Type: 'ipsec.1', CustomerGatewayId: cgw, VpnGatewayId: vgw, Options: { StaticRoutesOnly: true },
    TagSpecifications: [{ ResourceType: 'vpn-connection', Tags: [{ Key: 'Name', Value: 'office' }] }],
  })).VpnConnection;
  const id = created.VpnConnectionId;
  assert.match(id, /^vpn-[0-9a-f]{17}$/);
  assert.equal(created.State, 'pending');
  assert.equal(created.Category, 'VPN');
  assert.equal(created.Options.StaticRoutesOnly, true);
  assert.match(created.CustomerGatewayConfiguration, new RegExp(`^<\\?xml[\\s\\S]*<vpn_connection id="${id}">[\\s\\S]*<vpn_connection_attributes>NoBGPVPNConnection<`));
  assert.deepEqual(created.Tags, [{ Key: 'Name', Value: 'office' }]);
  const record = ctx.store.get<VpnConnection>(KIND.vpnConnection, id)!;
  const vpcWire = ctx.store.list<any>(KIND.vpc, (v) => v.id === vpc)[0].cidrBlocks[0].wire;
  assert.notEqual(record.wire, vpcWire);
  assert.ok(wiresInUse(ctx.store).has(record.wire));
  const d = (await call(ec2Service, ctx, 'DescribeVpnConnections', { VpnConnectionIds: [id] })).VpnConnections[0];
  assert.equal(d.State, 'available');
  assert.equal(d.VgwTelemetry.length, 2);
  assert.deepEqual(d.VgwTelemetry.map((t: any) => t.Status), ['UP', 'UP']);
  assert.notEqual(d.VgwTelemetry[0].OutsideIpAddress, d.VgwTelemetry[1].OutsideIpAddress);
  assert.deepEqual(d.Routes, []);

  await call(ec2Service, ctx, 'CreateVpnConnectionRoute', { VpnConnectionId: id, DestinationCidrBlock: '192.168.0.0/16' });
  await call(ec2Service, ctx, 'CreateVpnConnectionRoute', { VpnConnectionId: id, DestinationCidrBlock: '172.16.5.9/24' });
  await call(ec2Service, ctx, 'CreateVpnConnectionRoute', { VpnConnectionId: id, DestinationCidrBlock: '192.168.0.0/16' });
  const routes = (await call(ec2Service, ctx, 'DescribeVpnConnections', { VpnConnectionIds: [id] })).VpnConnections[0].Routes;
  assert.deepEqual(routes, [
    { DestinationCidrBlock: '192.168.0.0/16', Source: 'Static', State: 'available' },
    { DestinationCidrBlock: '172.16.5.0/24', Source: 'Static', State: 'available' },
  ]);
  const byRoute = await call(ec2Service, ctx, 'DescribeVpnConnections', { Filters: [{ Name: 'route.destination-cidr-block', Values: ['192.168.0.0/16'] }] });
  assert.deepEqual(byRoute.VpnConnections.map((c: any) => c.VpnConnectionId), [id]);

  // The routing view propagates these routes into a table that propagates this VGW.
  const main = ctx.store.list<RouteTable>(KIND.routeTable, (t) => t.vpcId === vpc)[0]!;
  const propagating = { ...main, propagatingVgws: [vgw] };
  assert.deepEqual(effectiveRoutes(ctx.store, propagating).filter((r) => r.gatewayId === vgw).map((r) => r.destinationCidrBlock), ['192.168.0.0/16', '172.16.5.0/24']);

  await call(ec2Service, ctx, 'DeleteVpnConnectionRoute', { VpnConnectionId: id, DestinationCidrBlock: '172.16.5.0/24' });
  assert.equal((await callError(ec2Service, ctx, 'DeleteVpnConnectionRoute', { VpnConnectionId: id, DestinationCidrBlock: '172.16.5.0/24' })).code, 'InvalidRoute.NotFound');
  assert.equal((await callError(ec2Service, ctx, 'CreateVpnConnectionRoute', { VpnConnectionId: id, DestinationCidrBlock: 'office' })).code, 'InvalidParameterValue');

  const cgwBusy = await callError(ec2Service, ctx, 'DeleteCustomerGateway', { CustomerGatewayId: cgw });
  assert.equal(cgwBusy.code, 'IncorrectState');
  await call(ec2Service, ctx, 'DetachVpnGateway', { VpcId: vpc, VpnGatewayId: vgw });
  assert.equal((await callError(ec2Service, ctx, 'DeleteVpnGateway', { VpnGatewayId: vgw })).code, 'IncorrectState');

  await call(ec2Service, ctx, 'DeleteVpnConnection', { VpnConnectionId: id });
  const deleted = (await call(ec2Service, ctx, 'DescribeVpnConnections', { VpnConnectionIds: [id] })).VpnConnections[0];
  assert.equal(deleted.State, 'deleted');
  assert.equal(deleted.CustomerGatewayConfiguration, undefined);
  assert.deepEqual(deleted.Routes.map((r: any) => r.State), ['deleted']);
  assert.equal(wiresInUse(ctx.store).has(record.wire), false);
  assert.equal((await callError(ec2Service, ctx, 'CreateVpnConnectionRoute', { VpnConnectionId: id, DestinationCidrBlock: '10.9.0.0/16' })).code, 'InvalidVpnConnection.InvalidState');
  await call(ec2Service, ctx, 'DeleteCustomerGateway', { CustomerGatewayId: cgw });
  await call(ec2Service, ctx, 'DeleteVpnGateway', { VpnGatewayId: vgw });
  ctx.store.transact((tx) => tx.put(KIND.vpnConnection, { ...tx.get<VpnConnection>(KIND.vpnConnection, id)!, deletedAt: new Date(Date.now() - 2 * 3600_000).toISOString() }));
  const gone = await callError(ec2Service, ctx, 'DescribeVpnConnections', { VpnConnectionIds: [id] });
  assert.equal(gone.code, 'InvalidVpnConnectionID.NotFound');
  assert.equal(gone.message, `The vpnConnection ID '${id}' does not exist`);
});

test('dynamic (BGP) connections refuse static routes; ASN conflicts, duplicates and unknown gateways are refused', async () => {
  const ctx = testContext();
  const { cgw, vgw } = await gateways(ctx);
  const bgp = (await call(ec2Service, ctx, 'CreateVpnConnection', { Type: 'ipsec.1', CustomerGatewayId: cgw, VpnGatewayId: vgw })).VpnConnection;
  assert.equal(bgp.Options.StaticRoutesOnly, false);
  assert.match(bgp.CustomerGatewayConfiguration, /<bgp><asn>65000<\/asn>/);
  const noStatic = await callError(ec2Service, ctx, 'CreateVpnConnectionRoute', { VpnConnectionId: bgp.VpnConnectionId, DestinationCidrBlock: '192.168.0.0/16' });
  assert.equal(noStatic.code, 'InvalidVpnConnection.InvalidType');
  assert.equal(noStatic.message, 'The specified VPN connection does not support static routes.');
  assert.equal((await callError(ec2Service, ctx, 'CreateVpnConnection', { Type: 'ipsec.1', CustomerGatewayId: cgw, VpnGatewayId: vgw })).code, 'InvalidOption.Conflict');
  const sameAsn = (await call(ec2Service, ctx, 'CreateCustomerGateway', { Type: 'ipsec.1', IpAddress: '198.51.100.8', BgpAsn: 64512 })).CustomerGateway.CustomerGatewayId;
  assert.equal((await callError(ec2Service, ctx, 'CreateVpnConnection', { Type: 'ipsec.1', CustomerGatewayId: sameAsn, VpnGatewayId: vgw })).code, 'AsnConflict');
  assert.equal((await callError(ec2Service, ctx, 'CreateVpnConnection', { Type: 'ipsec.1', CustomerGatewayId: 'cgw-0123456789abcdef0', VpnGatewayId: vgw })).code, 'InvalidCustomerGatewayID.NotFound');
  assert.equal((await callError(ec2Service, ctx, 'CreateVpnConnection', { Type: 'ipsec.1', CustomerGatewayId: cgw, TransitGatewayId: 'tgw-0123456789abcdef0' })).code, 'NotImplemented');
  assert.equal((await callError(ec2Service, ctx, 'CreateVpnConnection', { Type: 'ipsec.1', CustomerGatewayId: cgw, VpnGatewayId: vgw, Options: { TunnelOptions: [{}] } })).code, 'NotImplemented');
  assert.equal((await callError(ec2Service, ctx, 'CreateVpnConnection', { Type: 'ipsec.1', CustomerGatewayId: sameAsn, VpnGatewayId: vgw, Options: { StaticRoutesOnly: true }, DryRun: true })).code, 'DryRunOperation');
  const filtered = await call(ec2Service, ctx, 'DescribeVpnConnections', { Filters: [{ Name: 'option.static-routes-only', Values: ['false'] }, { Name: 'customer-gateway-id', Values: [cgw] }] });
  assert.deepEqual(filtered.VpnConnections.map((c: any) => c.VpnConnectionId), [bgp.VpnConnectionId]);
  assert.equal((await callError(ec2Service, ctx, 'DescribeVpnConnections', { VpnConnectionIds: ['vpn-0123456789abcdef0'] })).code, 'InvalidVpnConnectionID.NotFound');
});
