/**
 * Routes of a route table: CreateRoute, ReplaceRoute, DeleteRoute (ec2-route53-acm.md §1.7).
 * A route has one IPv4 destination and exactly one target; localvpc routes to internet gateways,
 * virtual private gateways, peering connections, ENIs and instances.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import {
  KIND,
  type Instance,
  type InternetGateway,
  type NetworkInterface,
  type Route,
  type RouteTable,
  type RouteTarget,
  type VpcPeeringConnection,
  type VpnGateway,
} from '../../state/records/ec2.js';
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import { cidrContains, formatCidr, parseCidr } from '../../kernel/cidr.js';
import { checkDryRun, invalidParameterValue, missingParameter, notFound, rejectUnsupported } from './common/errors.js';
import { mustGet } from './common/lookup.js';
import { currentStatus } from './vpc-peering-wire.js';

/**
 * `route table rtb-… and network gateway igw-… belong to different networks` (observed AWS text
 * for a gateway of another VPC); the same sentence names the other target kinds [infer].
 */
export function differentNetworks(routeTableId: string, what: string, id: string): AwsError {
  return invalidParameterValue(`route table ${routeTableId} and ${what} ${id} belong to different networks`);
}

/** CreateRoute with an unknown gateway: `The gateway ID 'nat-…' does not exist` (observed). */
function gatewayNotFound(id: string): AwsError {
  return new AwsError('InvalidGatewayID.NotFound', `The gateway ID '${id}' does not exist`);
}

/**
 * Resolves a `GatewayId` target or edge-association gateway for `table`: an internet gateway
 * attached to the table's VPC, or a virtual private gateway attached (or attaching) to it.
 */
export function checkGateway(reader: RecordReader, region: string, table: RouteTable, gatewayId: string): void {
  if (gatewayId.startsWith('igw-')) {
    const igw = reader.get<InternetGateway>(KIND.internetGateway, gatewayId);
    if (!igw || igw.region !== region) throw gatewayNotFound(gatewayId);
    if (!igw.attachments.some((a) => a.vpcId === table.vpcId)) throw differentNetworks(table.id, 'network gateway', gatewayId);
    return;
  }
  if (gatewayId.startsWith('vgw-')) {
    const vgw = reader.get<VpnGateway>(KIND.vpnGateway, gatewayId);
    if (!vgw || vgw.region !== region || vgw.state === 'deleted') throw gatewayNotFound(gatewayId);
    if (!vgw.attachments.some((a) => a.vpcId === table.vpcId && (a.state === 'attached' || a.state === 'attaching'))) {
      throw differentNetworks(table.id, 'network gateway', gatewayId);
    }
    return;
  }
  throw gatewayNotFound(gatewayId);
}

/** Peering connections a route may point at: not yet or still usable (§1.11) [infer for the pending states]. */
const ROUTABLE_PEERING_STATES = new Set(['initiating-request', 'pending-acceptance', 'provisioning', 'active']);

export type TargetInput = {
  GatewayId?: string;
  VpcPeeringConnectionId?: string;
  NetworkInterfaceId?: string;
  InstanceId?: string;
};

const TARGET_MEMBERS = ['GatewayId', 'VpcPeeringConnectionId', 'NetworkInterfaceId', 'InstanceId'] as const;

/** AWS's sentence when a route has no target or several (observed). */
const ONE_TARGET = 'The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, vpcPeeringConnectionId, egressOnlyInternetGatewayId, transitGatewayId, localGatewayId or instanceId';

/** Validates the request's single target against `table` (§1.7) and returns it as stored. */
export function routeTarget(ctx: OperationContext, table: RouteTable, input: TargetInput): RouteTarget {
  const given = TARGET_MEMBERS.filter((m) => input[m] !== undefined);
  if (given.length === 0) throw new AwsError('MissingParameter', ONE_TARGET);
  // [infer] the code for several targets; the sentence is AWS's.
  if (given.length > 1) throw new AwsError('InvalidParameterCombination', ONE_TARGET);
  const reader = ctx.store;
  if (input.GatewayId !== undefined) {
    checkGateway(reader, ctx.region, table, input.GatewayId);
    return { gatewayId: input.GatewayId };
  }
  if (input.VpcPeeringConnectionId !== undefined) {
    const pcx = mustGet<VpcPeeringConnection>(reader, KIND.vpcPeeringConnection, ctx.region, input.VpcPeeringConnectionId, 'pcx', 'vpc-peering-connection');
    if (!ROUTABLE_PEERING_STATES.has(currentStatus(ctx, pcx).code)) throw notFound('vpc-peering-connection', pcx.id);
    if (pcx.requesterVpcId !== table.vpcId && pcx.accepterVpcId !== table.vpcId) throw differentNetworks(table.id, 'peering connection', pcx.id);
    return { vpcPeeringConnectionId: pcx.id };
  }
  if (input.NetworkInterfaceId !== undefined) {
    const eni = mustGet<NetworkInterface>(reader, KIND.networkInterface, ctx.region, input.NetworkInterfaceId, 'eni', 'network-interface');
    if (eni.vpcId !== table.vpcId) throw differentNetworks(table.id, 'interface', eni.id);
    return { networkInterfaceId: eni.id };
  }
  const instance = mustGet<Instance>(reader, KIND.instance, ctx.region, input.InstanceId!, 'i', 'instance');
  if (instance.state === 'terminated') throw notFound('instance', instance.id);
  if (instance.vpcId !== table.vpcId) throw differentNetworks(table.id, 'instance', instance.id);
  // CreateRoute needs an instance with a single ENI (§1.7); observed text.
  if (instance.networkInterfaceIds.length > 1) {
    throw new AwsError('InvalidInstanceID', `There are multiple interfaces attached to instance '${instance.id}'. Please specify an interface ID for the operation instead.`);
  }
  return { instanceId: instance.id };
}

/** Canonical IPv4 destination, or AWS's refusal (§1.16 `InvalidParameterValue` sample). */
export function routeDestination(text: string | undefined): string {
  if (text === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock');
  const c = parseCidr(text);
  if (!c) throw invalidParameterValue(`Value (${text}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`);
  return formatCidr(c);
}

/**
 * A destination inside one of the VPC's blocks may only go to an ENI or instance (observed:
 * `The destination CIDR block 10.0.0.0/24 is equal to or more specific than one of this VPC's
 * CIDR blocks. This route can target only an interface or an instance.`).
 */
function checkInsideLocal(table: RouteTable, destination: string, target: RouteTarget): void {
  if (target.networkInterfaceId || target.instanceId) return;
  const dest = parseCidr(destination)!;
  const local = table.routes.filter((r) => r.gatewayId === 'local').some((r) => cidrContains(parseCidr(r.destinationCidrBlock)!, dest));
  if (local) {
    throw invalidParameterValue(`The destination CIDR block ${destination} is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.`);
  }
}

/** `no route with destination-cidr-block 0.0.0.0/0 in route table rtb-…` (moto text; §1.7, §1.16). */
function routeNotFound(destination: string, tableId: string): AwsError {
  return new AwsError('InvalidRoute.NotFound', `no route with destination-cidr-block ${destination} in route table ${tableId}`);
}

function mustGetTable(ctx: OperationContext, id: string | undefined): RouteTable {
  if (id === undefined) throw missingParameter('routeTableId');
  return mustGet<RouteTable>(ctx.store, KIND.routeTable, ctx.region, id, 'rtb', 'route-table');
}

/** Members CreateRoute and ReplaceRoute read; the other targets (NAT, transit gateways, ...) are not modelled. */
const ROUTE_MEMBERS = ['RouteTableId', 'DestinationCidrBlock', ...TARGET_MEMBERS];

type RouteInput = TargetInput & { RouteTableId?: string; DestinationCidrBlock?: string; DryRun?: boolean };

const createRoute: OperationHandler = (ctx, input: RouteInput) => {
  rejectUnsupported('CreateRoute', input, ROUTE_MEMBERS);
  const table = mustGetTable(ctx, input.RouteTableId);
  const destination = routeDestination(input.DestinationCidrBlock);
  const target = routeTarget(ctx, table, input);
  // The local route counts too (§1.7): `The route identified by 10.0.0.0/16 already exists.`
  if (table.routes.some((r) => r.destinationCidrBlock === destination)) {
    throw new AwsError('RouteAlreadyExists', `The route identified by ${destination} already exists.`);
  }
  checkInsideLocal(table, destination, target);
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const cur = tx.get<RouteTable>(KIND.routeTable, table.id)!;
    const route: Route = { destinationCidrBlock: destination, ...target, origin: 'CreateRoute', state: 'active' };
    tx.put(KIND.routeTable, { ...cur, routes: [...cur.routes, route] });
  });
  return { Return: true };
};

const replaceRoute: OperationHandler = (ctx, input: RouteInput) => {
  rejectUnsupported('ReplaceRoute', input, ROUTE_MEMBERS);
  const table = mustGetTable(ctx, input.RouteTableId);
  const destination = routeDestination(input.DestinationCidrBlock);
  const existing = table.routes.find((r) => r.destinationCidrBlock === destination);
  if (!existing) throw routeNotFound(destination, table.id);
  if (existing.gatewayId === 'local') throw new NotImplementedError('Replacing the local route of a route table is not implemented by localvpc (ec2 2016-11-15).');
  const target = routeTarget(ctx, table, input);
  checkInsideLocal(table, destination, target);
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const cur = tx.get<RouteTable>(KIND.routeTable, table.id)!;
    const routes = cur.routes.map((r): Route => (r.destinationCidrBlock === destination ? { destinationCidrBlock: destination, ...target, origin: 'CreateRoute', state: 'active' } : r));
    tx.put(KIND.routeTable, { ...cur, routes });
  });
  return {};
};

const deleteRoute: OperationHandler = (ctx, input: { RouteTableId?: string; DestinationCidrBlock?: string; DryRun?: boolean }) => {
  rejectUnsupported('DeleteRoute', input, ['RouteTableId', 'DestinationCidrBlock']);
  const table = mustGetTable(ctx, input.RouteTableId);
  const destination = routeDestination(input.DestinationCidrBlock);
  const existing = table.routes.find((r) => r.destinationCidrBlock === destination);
  if (!existing) throw routeNotFound(destination, table.id);
  // Observed: `cannot remove local route 10.20.0.0/16 in route table rtb-….`
  if (existing.gatewayId === 'local') throw invalidParameterValue(`cannot remove local route ${destination} in route table ${table.id}.`);
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const cur = tx.get<RouteTable>(KIND.routeTable, table.id)!;
    tx.put(KIND.routeTable, { ...cur, routes: cur.routes.filter((r) => r.destinationCidrBlock !== destination) });
  });
  return {};
};

export const routeHandlers: Record<string, OperationHandler> = {
  CreateRoute: createRoute,
  ReplaceRoute: replaceRoute,
  DeleteRoute: deleteRoute,
};
