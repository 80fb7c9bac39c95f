/**
 * Site-to-Site VPN connections: CreateVpnConnection, DescribeVpnConnections,
 * DeleteVpnConnection, CreateVpnConnectionRoute, DeleteVpnConnectionRoute
 * (ec2-route53-acm.md §1.12). Each connection gets its own loopback wire: the customer network
 * behind it (DESIGN.md, network model). Create answers `pending`; there is no provisioning delay
 * to wait for locally, so the connection then reads `available` with both tunnels `UP`. Static
 * routes (the customer network's CIDR blocks) are `available` at once.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { KIND, type CustomerGateway, type VpnConnection, type VpnGateway } from '../../state/records/ec2.js';
import { allocateWire } from '../../state/wires.js';
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import { canonicalCidr } from '../../kernel/cidr.js';
import { checkDryRun, invalidParameterValue, missingParameter, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { listInRegion } from './common/lookup.js';
import { tagsFromSpecifications, type TagSpecification } from './common/tags.js';
import { checkGatewayType, customerGatewayKind } from './customer-gateway.js';
import { vpnGatewayKind } from './vpn-gateway.js';
import { vpnObjectVisible } from './retention.js';
import { getVisible, selectVisible, type VisibleKind } from './visible-lookup.js';
import { customerGatewayConfiguration, vpnConnectionToWire } from './vpn-connection-wire.js';
import { ec2Base } from './common/base.js';

function vpnConnectionKind(ctx: OperationContext): VisibleKind<VpnConnection> {
  return { kind: KIND.vpnConnection, prefix: 'vpn', type: 'vpn-connection', visible: (c) => vpnObjectVisible(ctx.clock, c) };
}

interface CreateInput {
  CustomerGatewayId?: string;
  VpnGatewayId?: string;
  Type?: string;
  Options?: { StaticRoutesOnly?: boolean } & Record<string, unknown>;
  TagSpecifications?: TagSpecification[];
  DryRun?: boolean;
}

const createVpnConnection: OperationHandler = (ctx, input: CreateInput) => {
  // Transit gateways and VPN concentrators are not modelled; neither are tunnel options.
  rejectUnsupported('CreateVpnConnection', input as Record<string, unknown>, ['CustomerGatewayId', 'VpnGatewayId', 'Type', 'Options', 'TagSpecifications']);
  for (const [key, value] of Object.entries(input.Options ?? {})) {
    if (value !== undefined && key !== 'StaticRoutesOnly' && !(key === 'EnableAcceleration' && value === false)) {
      throw new NotImplementedError(`The parameter Options.${key} of CreateVpnConnection is not implemented by localvpc (ec2 2016-11-15).`);
    }
  }
  const type = checkGatewayType(input.Type);
  if (input.CustomerGatewayId === undefined) throw missingParameter('CustomerGatewayId');
  if (input.VpnGatewayId === undefined) throw missingParameter('VpnGatewayId');
  const cgw = getVisible(ctx.store, ctx.region, customerGatewayKind(ctx), input.CustomerGatewayId);
  const vgw = getVisible(ctx.store, ctx.region, vpnGatewayKind(ctx), input.VpnGatewayId);
  // Codes from the EC2 error codes, wording from their descriptions.
  if (cgw.state !== 'available') throw new AwsError('InvalidCustomerGatewayState', `The customer gateway '${cgw.id}' is not in the available state, and therefore cannot be used.`);
  if (vgw.state !== 'available') throw new AwsError('InvalidVpnGatewayState', `The virtual private gateway '${vgw.id}' is not in an available state.`);
  const staticRoutesOnly = input.Options?.StaticRoutesOnly ?? false;
  const duplicate = listInRegion<VpnConnection>(ctx.store, KIND.vpnConnection, ctx.region, (c) => c.customerGatewayId === cgw.id && c.vpnGatewayId === vgw.id && c.state !== 'deleted')[0];
  if (duplicate) throw new AwsError('InvalidOption.Conflict', `A VPN connection between the virtual private gateway ${vgw.id} and the customer gateway ${cgw.id} already exists (${duplicate.id}).`);
  // BGP needs distinct ASNs on both ends (AsnConflict).
  if (!staticRoutesOnly && cgw.bgpAsn === String(vgw.amazonSideAsn)) {
    throw new AwsError('AsnConflict', `The customer gateway ASN ${cgw.bgpAsn} and the virtual private gateway ASN ${vgw.amazonSideAsn} are the same.`);
  }
  const tags = tagsFromSpecifications(input.TagSpecifications, 'vpn-connection');
  checkDryRun(input);
  const vpn = ctx.store.transact((tx) => {
    const connection: VpnConnection = {
      ...ec2Base(ctx, 'vpn', tags),
      customerGatewayId: cgw.id,
      vpnGatewayId: vgw.id,
      type,
      state: 'available',
      staticRoutesOnly,
      routes: [],
      wire: allocateWire(tx),
    };
    return tx.put(KIND.vpnConnection, connection);
  });
  return { VpnConnection: vpnConnectionToWire(ctx.store, vpn, 'pending') };
};

/** DescribeVpnConnections filters (API reference). */
function vpnConnectionFilters(ctx: OperationContext): FilterFields<VpnConnection> {
  return {
    'vpn-connection-id': (c) => c.id,
    'customer-gateway-id': (c) => c.customerGatewayId,
    'vpn-gateway-id': (c) => c.vpnGatewayId,
    'transit-gateway-id': () => undefined,
    'state': (c) => c.state,
    'type': (c) => c.type,
    'option.static-routes-only': (c) => c.staticRoutesOnly,
    'route.destination-cidr-block': (c) => c.routes.map((r) => r.destinationCidrBlock),
    'bgp-asn': (c) => ctx.store.get<CustomerGateway>(KIND.customerGateway, c.customerGatewayId)?.bgpAsn,
    'customer-gateway-configuration': (c) =>
      customerGatewayConfiguration(c, ctx.store.get<CustomerGateway>(KIND.customerGateway, c.customerGatewayId), c.vpnGatewayId ? ctx.store.get<VpnGateway>(KIND.vpnGateway, c.vpnGatewayId) : undefined),
  };
}

const describeVpnConnections: OperationHandler = (ctx, input: { VpnConnectionIds?: string[]; Filters?: Filter[]; DryRun?: boolean }) => {
  rejectUnsupported('DescribeVpnConnections', input as Record<string, unknown>, ['VpnConnectionIds', 'Filters']);
  const selected = selectVisible(ctx.store, ctx.region, vpnConnectionKind(ctx), input.VpnConnectionIds);
  checkDryRun(input);
  // Not paginated (§1.14).
  return { VpnConnections: applyFilters(selected, input.Filters, vpnConnectionFilters(ctx)).map((c) => vpnConnectionToWire(ctx.store, c)) };
};

function getConnection(ctx: OperationContext, id: string | undefined): VpnConnection {
  if (id === undefined) throw missingParameter('VpnConnectionId');
  return getVisible(ctx.store, ctx.region, vpnConnectionKind(ctx), id);
}

/** Deleting frees the connection's wire; its routes stop propagating (they read `deleted`). */
const deleteVpnConnection: OperationHandler = (ctx, input: { VpnConnectionId?: string; DryRun?: boolean }) => {
  rejectUnsupported('DeleteVpnConnection', input as Record<string, unknown>, ['VpnConnectionId']);
  const vpn = getConnection(ctx, input.VpnConnectionId);
  checkDryRun(input);
  if (vpn.state === 'deleted') return {};
  const deletedAt = ctx.clock.now().toISOString();
  ctx.store.transact((tx) => {
    const current = tx.get<VpnConnection>(KIND.vpnConnection, vpn.id)!;
    tx.put(KIND.vpnConnection, { ...current, state: 'deleted', deletedAt, routes: current.routes.map((r) => ({ ...r, state: 'deleted' as const })) });
  });
  return {};
};

interface RouteInput {
  VpnConnectionId?: string;
  DestinationCidrBlock?: string;
}

/** The connection and canonical destination of a route call, after the checks both calls share. */
function routeTarget(ctx: OperationContext, input: RouteInput): { vpn: VpnConnection; destination: string } {
  const vpn = getConnection(ctx, input.VpnConnectionId);
  if (input.DestinationCidrBlock === undefined) throw missingParameter('DestinationCidrBlock');
  const destination = canonicalCidr(input.DestinationCidrBlock);
  if (!destination) throw invalidParameterValue(`Value (${input.DestinationCidrBlock}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`);
  // Codes and wording from the EC2 error codes.
  if (!vpn.staticRoutesOnly) throw new AwsError('InvalidVpnConnection.InvalidType', 'The specified VPN connection does not support static routes.');
  if (vpn.state !== 'available') throw new AwsError('InvalidVpnConnection.InvalidState', 'The VPN connection must be in the available state to complete the request.');
  return { vpn, destination };
}

const createVpnConnectionRoute: OperationHandler = (ctx, input: RouteInput) => {
  rejectUnsupported('CreateVpnConnectionRoute', input as Record<string, unknown>, ['VpnConnectionId', 'DestinationCidrBlock']);
  const { vpn, destination } = routeTarget(ctx, input);
  if (vpn.routes.some((r) => r.destinationCidrBlock === destination)) return {};
  ctx.store.transact((tx) => {
    const current = tx.get<VpnConnection>(KIND.vpnConnection, vpn.id)!;
    tx.put(KIND.vpnConnection, { ...current, routes: [...current.routes, { destinationCidrBlock: destination, source: 'Static' as const, state: 'available' as const }] });
  });
  return {};
};

const deleteVpnConnectionRoute: OperationHandler = (ctx, input: RouteInput) => {
  rejectUnsupported('DeleteVpnConnectionRoute', input as Record<string, unknown>, ['VpnConnectionId', 'DestinationCidrBlock']);
  const { vpn, destination } = routeTarget(ctx, input);
  if (!vpn.routes.some((r) => r.destinationCidrBlock === destination)) {
    // Code from the EC2 error codes; wording inferred.
    throw new AwsError('InvalidRoute.NotFound', `The route with destination-cidr-block ${destination} does not exist in VPN connection ${vpn.id}`);
  }
  ctx.store.transact((tx) => {
    const current = tx.get<VpnConnection>(KIND.vpnConnection, vpn.id)!;
    tx.put(KIND.vpnConnection, { ...current, routes: current.routes.filter((r) => r.destinationCidrBlock !== destination) });
  });
  return {};
};

export const vpnConnectionHandlers: Record<string, OperationHandler> = {
  CreateVpnConnection: createVpnConnection,
  DescribeVpnConnections: describeVpnConnections,
  DeleteVpnConnection: deleteVpnConnection,
  CreateVpnConnectionRoute: createVpnConnectionRoute,
  DeleteVpnConnectionRoute: deleteVpnConnectionRoute,
};
