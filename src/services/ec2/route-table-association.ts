/**
 * Route table associations: AssociateRouteTable, DisassociateRouteTable,
 * ReplaceRouteTableAssociation (ec2-route53-acm.md §1.7). A VPC has exactly one main
 * association (no SubnetId); a subnet or gateway has at most one explicit association.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { KIND, type RouteTable, type RouteTableAssociation, type Subnet } from '../../state/records/ec2.js';
import { ec2Id } from '../../kernel/ids.js';
import { AwsError } from '../../kernel/errors.js';
import { checkDryRun, invalidParameterValue, missingParameter, notFound, rejectUnsupported } from './common/errors.js';
import { requireIdShape } from './common/ids.js';
import { listInRegion, mustGet } from './common/lookup.js';
import { checkGateway, differentNetworks } from './route.js';

const ASSOCIATED = { State: 'associated' };

/** The table holding association `id` in `region`, or `InvalidAssociationID.NotFound`. */
export function findAssociation(reader: RecordReader, region: string, id: string): { table: RouteTable; association: RouteTableAssociation } {
  requireIdShape('rtbassoc', id);
  for (const table of listInRegion<RouteTable>(reader, KIND.routeTable, region)) {
    const association = table.associations.find((a) => a.id === id);
    if (association) return { table, association };
  }
  throw notFound('route-table-association', id);
}

/** `the specified association for route table rtb-… conflicts with an existing association` (observed, §1.7). */
function alreadyAssociated(tableId: string): AwsError {
  return new AwsError('Resource.AlreadyAssociated', `the specified association for route table ${tableId} conflicts with an existing association`);
}

function mustGetTable(ctx: OperationContext, id: string | undefined): RouteTable {
  if (id === undefined) throw missingParameter('routeTableId');
  return mustGet<RouteTable>(ctx.store, KIND.routeTable, ctx.region, id, 'rtb', 'route-table');
}

/**
 * Associates a subnet (explicit association) or an internet/virtual private gateway (edge
 * association) with a table of the same VPC.
 */
const associateRouteTable: OperationHandler = (ctx, input: { RouteTableId?: string; SubnetId?: string; GatewayId?: string; DryRun?: boolean }) => {
  rejectUnsupported('AssociateRouteTable', input, ['RouteTableId', 'SubnetId', 'GatewayId']);
  const table = mustGetTable(ctx, input.RouteTableId);
  // [infer] wording of both errors: a subnet or a gateway, exactly one.
  if (input.SubnetId === undefined && input.GatewayId === undefined) throw missingParameter('subnetId or gatewayId');
  if (input.SubnetId !== undefined && input.GatewayId !== undefined) {
    throw new AwsError('InvalidParameterCombination', 'The parameter subnetId cannot be used with the parameter gatewayId');
  }
  const tables = listInRegion<RouteTable>(ctx.store, KIND.routeTable, ctx.region, (t) => t.vpcId === table.vpcId);
  let association: RouteTableAssociation;
  if (input.SubnetId !== undefined) {
    const subnet = mustGet<Subnet>(ctx.store, KIND.subnet, ctx.region, input.SubnetId, 'subnet', 'subnet');
    if (subnet.vpcId !== table.vpcId) throw differentNetworks(table.id, 'subnet', subnet.id);
    if (tables.some((t) => t.associations.some((a) => a.subnetId === subnet.id))) throw alreadyAssociated(table.id);
    association = { id: ec2Id('rtbassoc'), main: false, subnetId: subnet.id };
  } else {
    const gatewayId = input.GatewayId!;
    checkGateway(ctx.store, ctx.region, table, gatewayId);
    if (tables.some((t) => t.associations.some((a) => a.gatewayId === gatewayId))) throw alreadyAssociated(table.id);
    association = { id: ec2Id('rtbassoc'), main: false, gatewayId };
  }
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const cur = tx.get<RouteTable>(KIND.routeTable, table.id)!;
    tx.put(KIND.routeTable, { ...cur, associations: [...cur.associations, association] });
  });
  return { AssociationId: association.id, AssociationState: ASSOCIATED };
};

/** The main association cannot be removed, only moved (observed: `cannot disassociate the main route table association rtbassoc-…`). */
const disassociateRouteTable: OperationHandler = (ctx, input: { AssociationId?: string; DryRun?: boolean }) => {
  rejectUnsupported('DisassociateRouteTable', input, ['AssociationId']);
  if (input.AssociationId === undefined) throw missingParameter('associationId');
  const { table, association } = findAssociation(ctx.store, ctx.region, input.AssociationId);
  if (association.main) throw invalidParameterValue(`cannot disassociate the main route table association ${association.id}`);
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const cur = tx.get<RouteTable>(KIND.routeTable, table.id)!;
    tx.put(KIND.routeTable, { ...cur, associations: cur.associations.filter((a) => a.id !== association.id) });
  });
  return {};
};

/**
 * Moves an association (subnet, gateway or the VPC's main association) to another table of the
 * same VPC under a new association id; this is how the main table is swapped (§1.7).
 */
const replaceRouteTableAssociation: OperationHandler = (ctx, input: { AssociationId?: string; RouteTableId?: string; DryRun?: boolean }) => {
  rejectUnsupported('ReplaceRouteTableAssociation', input, ['AssociationId', 'RouteTableId']);
  if (input.AssociationId === undefined) throw missingParameter('associationId');
  const { table: from, association } = findAssociation(ctx.store, ctx.region, input.AssociationId);
  const to = mustGetTable(ctx, input.RouteTableId);
  if (to.vpcId !== from.vpcId) throw differentNetworks(to.id, association.subnetId ? 'subnet' : 'vpc', association.subnetId ?? from.vpcId);
  checkDryRun(input);
  const moved: RouteTableAssociation = { ...association, id: ec2Id('rtbassoc') };
  ctx.store.transact((tx) => {
    const src = tx.get<RouteTable>(KIND.routeTable, from.id)!;
    tx.put(KIND.routeTable, { ...src, associations: src.associations.filter((a) => a.id !== association.id) });
    const dst = tx.get<RouteTable>(KIND.routeTable, to.id)!;
    tx.put(KIND.routeTable, { ...dst, associations: [...dst.associations, moved] });
  });
  return { NewAssociationId: moved.id, AssociationState: ASSOCIATED };
};

export const routeTableAssociationHandlers: Record<string, OperationHandler> = {
  AssociateRouteTable: associateRouteTable,
  DisassociateRouteTable: disassociateRouteTable,
  ReplaceRouteTableAssociation: replaceRouteTableAssociation,
};
