/**
 * Route tables: CreateRouteTable, DescribeRouteTables, DeleteRouteTable,
 * EnableVgwRoutePropagation, DisableVgwRoutePropagation (ec2-route53-acm.md §1.7, §1.12).
 * Routes live in route.ts, associations in route-table-association.ts; `routeTableHandlers`
 * registers all three.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { KIND, type Instance, type Route, type RouteTable, type Vpc, type VpnGateway } from '../../state/records/ec2.js';
import { effectiveRoutes } from '../../state/views/routing.js';
import { AwsError } from '../../kernel/errors.js';
import { checkDryRun, dependencyViolation, missingParameter, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { paginate } from './common/pagination.js';
import { tagsFromSpecifications, tagsToWire, type TagSpecification } from './common/tags.js';
import { listInRegion, mustGet, selectByIds } from './common/lookup.js';
import { getVisible } from './visible-lookup.js';
import { vpnGatewayKind } from './vpn-gateway.js';
import { routeHandlers } from './route.js';
import { routeTableAssociationHandlers } from './route-table-association.js';
import { ec2Base } from './common/base.js';

/** Wire shape of one route; an instance route also names the instance's ENI and owner, as AWS shows it. */
export function routeToWire(reader: RecordReader, route: Route): Record<string, unknown> {
  const instance = route.instanceId ? reader.get<Instance>(KIND.instance, route.instanceId) : undefined;
  return {
    DestinationCidrBlock: route.destinationCidrBlock,
    GatewayId: route.gatewayId,
    InstanceId: route.instanceId,
    InstanceOwnerId: instance?.ownerId,
    NetworkInterfaceId: route.networkInterfaceId ?? instance?.networkInterfaceIds[0],
    VpcPeeringConnectionId: route.vpcPeeringConnectionId,
    NatGatewayId: route.natGatewayId,
    TransitGatewayId: route.transitGatewayId,
    EgressOnlyInternetGatewayId: route.egressOnlyInternetGatewayId,
    Origin: route.origin,
    State: route.state,
  };
}

/** Wire shape of a table; routes are the effective ones (blackholes and VGW propagation, §1.7, §1.12). */
export function routeTableToWire(reader: RecordReader, table: RouteTable, routes: readonly Route[] = effectiveRoutes(reader, table)): Record<string, unknown> {
  return {
    RouteTableId: table.id,
    VpcId: table.vpcId,
    OwnerId: table.ownerId,
    Routes: routes.map((r) => routeToWire(reader, r)),
    Associations: table.associations.map((a) => ({
      Main: a.main,
      RouteTableAssociationId: a.id,
      RouteTableId: table.id,
      SubnetId: a.subnetId,
      GatewayId: a.gatewayId,
      AssociationState: { State: 'associated' },
    })),
    PropagatingVgws: table.propagatingVgws.map((id) => ({ GatewayId: id })),
    Tags: tagsToWire(table.tags),
  };
}

/** A table with its effective routes, the unit DescribeRouteTables filters and pages. */
interface TableView {
  readonly id: string;
  readonly createdAt: string;
  readonly tags: RouteTable['tags'];
  readonly table: RouteTable;
  readonly routes: readonly Route[];
}

/** DescribeRouteTables filters (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html). */
const TABLE_FILTERS: FilterFields<TableView> = {
  'association.gateway-id': (v) => v.table.associations.map((a) => a.gatewayId),
  'association.route-table-association-id': (v) => v.table.associations.map((a) => a.id),
  'association.route-table-id': (v) => (v.table.associations.length ? v.table.id : undefined),
  'association.subnet-id': (v) => v.table.associations.map((a) => a.subnetId),
  'association.main': (v) => v.table.associations.map((a) => a.main),
  'owner-id': (v) => v.table.ownerId,
  'route-table-id': (v) => v.table.id,
  'route.destination-cidr-block': (v) => v.routes.map((r) => r.destinationCidrBlock),
  // IPv6 destinations and prefix lists are not modelled.
  'route.destination-ipv6-cidr-block': () => undefined,
  'route.destination-prefix-list-id': () => undefined,
  'route.egress-only-internet-gateway-id': (v) => v.routes.map((r) => r.egressOnlyInternetGatewayId),
  'route.gateway-id': (v) => v.routes.map((r) => r.gatewayId),
  'route.instance-id': (v) => v.routes.map((r) => r.instanceId),
  'route.nat-gateway-id': (v) => v.routes.map((r) => r.natGatewayId),
  'route.transit-gateway-id': (v) => v.routes.map((r) => r.transitGatewayId),
  'route.origin': (v) => v.routes.map((r) => r.origin),
  'route.state': (v) => v.routes.map((r) => r.state),
  'route.vpc-peering-connection-id': (v) => v.routes.map((r) => r.vpcPeeringConnectionId),
  'vpc-id': (v) => v.table.vpcId,
};

function mustGetTable(ctx: OperationContext, id: string | undefined): RouteTable {
  if (id === undefined) throw missingParameter('routeTableId');
  return mustGet<RouteTable>(ctx.store, KIND.routeTable, ctx.region, id, 'rtb', 'route-table');
}

/**
 * A new table has one `local` route per VPC block (§1.7) and no associations. `ClientToken`
 * makes retries idempotent: the same token answers the table it made (the SDKs fill it in).
 */
const createRouteTable: OperationHandler = (ctx, input: { VpcId?: string; ClientToken?: string; TagSpecifications?: TagSpecification[]; DryRun?: boolean }) => {
  rejectUnsupported('CreateRouteTable', input, ['VpcId', 'ClientToken', 'TagSpecifications']);
  if (input.VpcId === undefined) throw missingParameter('vpcId');
  const vpc = mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, input.VpcId, 'vpc', 'vpc');
  const tags = tagsFromSpecifications(input.TagSpecifications, 'route-table');
  const token = input.ClientToken;
  const earlier = token === undefined ? undefined : listInRegion<RouteTable>(ctx.store, KIND.routeTable, ctx.region, (t) => t.clientToken === token)[0];
  // [infer] wording.
  if (earlier && earlier.vpcId !== vpc.id) {
    throw new AwsError('IdempotentParameterMismatch', `The client token '${token}' was already used with different parameters.`);
  }
  checkDryRun(input);
  if (earlier) return { RouteTable: routeTableToWire(ctx.store, earlier), ClientToken: token };
  const table: RouteTable = {
    ...ec2Base(ctx, 'rtb', tags),
    vpcId: vpc.id,
    routes: vpc.cidrBlocks
      .filter((b) => b.state === 'associated')
      .map((b): Route => ({ destinationCidrBlock: b.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable', state: 'active' })),
    associations: [],
    propagatingVgws: [],
    ...(token !== undefined ? { clientToken: token } : {}),
  };
  ctx.store.transact((tx) => tx.put(KIND.routeTable, table));
  return { RouteTable: routeTableToWire(ctx.store, table), ClientToken: token };
};

const describeRouteTables: OperationHandler = (ctx, input: { RouteTableIds?: string[]; Filters?: Filter[]; MaxResults?: number; NextToken?: string; DryRun?: boolean }) => {
  rejectUnsupported('DescribeRouteTables', input, ['RouteTableIds', 'Filters', 'MaxResults', 'NextToken']);
  const tables = selectByIds<RouteTable>(ctx.store, KIND.routeTable, ctx.region, input.RouteTableIds, 'rtb', 'route-table');
  const views = tables.map((t): TableView => ({ id: t.id, createdAt: t.createdAt, tags: t.tags, table: t, routes: effectiveRoutes(ctx.store, t) }));
  const matching = applyFilters(views, input.Filters, TABLE_FILTERS);
  checkDryRun(input);
  // DescribeRouteTables pages 5 to 100 (§1.14).
  const { page, nextToken } = paginate(matching, input, { min: 5, max: 100 });
  return { RouteTables: page.map((v) => routeTableToWire(ctx.store, v.table, v.routes)), NextToken: nextToken };
};

/** The main table, or one with associations, stays (observed: `The routeTable 'rtb-…' has dependencies and cannot be deleted.`). */
const deleteRouteTable: OperationHandler = (ctx, input: { RouteTableId?: string; DryRun?: boolean }) => {
  rejectUnsupported('DeleteRouteTable', input, ['RouteTableId']);
  const table = mustGetTable(ctx, input.RouteTableId);
  if (table.associations.length > 0) throw dependencyViolation(`The routeTable '${table.id}' has dependencies and cannot be deleted.`);
  checkDryRun(input);
  ctx.store.transact((tx) => tx.delete(KIND.routeTable, table.id));
  return {};
};

/**
 * Enable/DisableVgwRoutePropagation (§1.12): the VGW must be attached to the table's VPC;
 * propagated routes are derived (state/views/routing.ts). Both calls are idempotent [infer].
 */
function setPropagation(operation: string, enable: boolean): OperationHandler {
  return (ctx, input: { GatewayId?: string; RouteTableId?: string; DryRun?: boolean }) => {
    rejectUnsupported(operation, input, ['GatewayId', 'RouteTableId']);
    const table = mustGetTable(ctx, input.RouteTableId);
    if (input.GatewayId === undefined) throw missingParameter('gatewayId');
    const vgw = getVisible<VpnGateway>(ctx.store, ctx.region, vpnGatewayKind(ctx), input.GatewayId);
    if (enable && !vgw.attachments.some((a) => a.vpcId === table.vpcId && (a.state === 'attached' || a.state === 'attaching'))) {
      // Same wording as a detached internet gateway [infer].
      throw new AwsError('Gateway.NotAttached', `resource ${vgw.id} is not attached to network ${table.vpcId}`);
    }
    checkDryRun(input);
    ctx.store.transact((tx) => {
      const cur = tx.get<RouteTable>(KIND.routeTable, table.id)!;
      const has = cur.propagatingVgws.includes(vgw.id);
      if (enable === has) return;
      tx.put(KIND.routeTable, { ...cur, propagatingVgws: enable ? [...cur.propagatingVgws, vgw.id] : cur.propagatingVgws.filter((id) => id !== vgw.id) });
    });
    return {};
  };
}

export const routeTableHandlers: Record<string, OperationHandler> = {
  CreateRouteTable: createRouteTable,
  DescribeRouteTables: describeRouteTables,
  DeleteRouteTable: deleteRouteTable,
  EnableVgwRoutePropagation: setPropagation('EnableVgwRoutePropagation', true),
  DisableVgwRoutePropagation: setPropagation('DisableVgwRoutePropagation', false),
  ...routeHandlers,
  ...routeTableAssociationHandlers,
};
