/**
 * VPC peering: CreateVpcPeeringConnection, AcceptVpcPeeringConnection,
 * RejectVpcPeeringConnection, DeleteVpcPeeringConnection, DescribeVpcPeeringConnections
 * (ec2-route53-acm.md §1.11). Same account and same region only: every resource belongs to
 * account 000000000000, and a peering across regions is not implemented.
 *
 * Lifecycle: Create answers `initiating-request` and the connection then reads
 * `pending-acceptance` (or `failed` when the VPCs' blocks overlap); Accept answers
 * `provisioning` and it then reads `active`; Reject → `rejected`; Delete → `deleted`. Wrong-state
 * calls answer `InvalidStateTransition`.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { KIND, type Vpc, type VpcPeeringConnection } from '../../state/records/ec2.js';
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import { cidr, cidrOverlaps } from '../../kernel/cidr.js';
import { checkDryRun, invalidParameterValue, missingParameter, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { listInRegion, mustGet } from './common/lookup.js';
import { paginate } from './common/pagination.js';
import { tagsFromSpecifications, type TagSpecification } from './common/tags.js';
import { isoAfter, PEERING_REQUEST_SECONDS } from './retention.js';
import { getVisible, selectVisible, type VisibleKind } from './visible-lookup.js';
import { STATUS, currentStatus, isVisible, peeringToWire, vpcCidrBlocks, type PeeringStatus } from './vpc-peering-wire.js';
import { ec2Base } from './common/base.js';

/** `Invalid state transition for pcx-…, attempted to transition from rejected to deleting` (observed, ekristen/aws-nuke#723). */
function invalidTransition(id: string, from: string, to: string): AwsError {
  return new AwsError('InvalidStateTransition', `Invalid state transition for ${id}, attempted to transition from ${from} to ${to}`);
}

/** A visible connection of the region, or `InvalidVpcPeeringConnectionID.NotFound`. */
function getPeering(ctx: OperationContext, id: string | undefined): VpcPeeringConnection {
  if (id === undefined) throw missingParameter('VpcPeeringConnectionId');
  return getVisible(ctx.store, ctx.region, peeringKind(ctx), id);
}

function peeringKind(ctx: OperationContext): VisibleKind<VpcPeeringConnection> {
  return { kind: KIND.vpcPeeringConnection, prefix: 'pcx', type: 'vpc-peering-connection', visible: (p) => isVisible(ctx, p) };
}

/** Writes the new status of a connection (and when it changed). */
function setStatus(ctx: OperationContext, id: string, status: PeeringStatus, extra: Partial<VpcPeeringConnection> = {}): void {
  const now = ctx.clock.now().toISOString();
  ctx.store.transact((tx) => {
    const current = tx.get<VpcPeeringConnection>(KIND.vpcPeeringConnection, id)!;
    tx.put(KIND.vpcPeeringConnection, { ...current, ...extra, status: { code: status.code, message: status.message }, statusChangedAt: now });
  });
}

function blocksOverlap(ctx: OperationContext, a: string, b: string): boolean {
  const left = vpcCidrBlocks(ctx.store, a).map(cidr);
  return vpcCidrBlocks(ctx.store, b).map(cidr).some((r) => left.some((l) => cidrOverlaps(l, r)));
}

interface CreateInput {
  VpcId?: string;
  PeerVpcId?: string;
  PeerOwnerId?: string;
  PeerRegion?: string;
  TagSpecifications?: TagSpecification[];
  DryRun?: boolean;
}

const createVpcPeeringConnection: OperationHandler = (ctx, input: CreateInput) => {
  rejectUnsupported('CreateVpcPeeringConnection', input as Record<string, unknown>, ['VpcId', 'PeerVpcId', 'PeerOwnerId', 'PeerRegion', 'TagSpecifications']);
  if (input.PeerOwnerId !== undefined && input.PeerOwnerId !== ctx.accountId) {
    throw new NotImplementedError(`Peering with another account (PeerOwnerId ${input.PeerOwnerId}) is not implemented by localvpc: every resource belongs to account ${ctx.accountId}.`);
  }
  if (input.PeerRegion !== undefined && input.PeerRegion !== ctx.region) {
    throw new NotImplementedError(`Inter-Region peering (PeerRegion ${input.PeerRegion}) is not implemented by localvpc.`);
  }
  if (input.VpcId === undefined) throw missingParameter('VpcId');
  if (input.PeerVpcId === undefined) throw missingParameter('PeerVpcId');
  const requester = mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, input.VpcId, 'vpc', 'vpc');
  const accepter = mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, input.PeerVpcId, 'vpc', 'vpc');
  // Wording inferred; AWS refuses peering a VPC with itself.
  if (requester.id === accepter.id) throw invalidParameterValue(`The requester VPC and the accepter VPC cannot be the same VPC (${requester.id}).`);
  const pair = new Set([requester.id, accepter.id]);
  const existing = listInRegion<VpcPeeringConnection>(ctx.store, KIND.vpcPeeringConnection, ctx.region, (p) =>
    pair.has(p.requesterVpcId) && pair.has(p.accepterVpcId) && ['pending-acceptance', 'provisioning', 'active'].includes(currentStatus(ctx, p).code),
  )[0];
  // One peering per VPC pair (EC2 error codes, VpcPeeringConnectionAlreadyExists; wording inferred).
  if (existing) throw new AwsError('VpcPeeringConnectionAlreadyExists', `A VPC peering connection ${existing.id} already exists between ${requester.id} and ${accepter.id}.`);
  const tags = tagsFromSpecifications(input.TagSpecifications, 'vpc-peering-connection');
  checkDryRun(input);
  // Overlapping blocks: the connection is created and goes to `failed` (CreateVpcPeeringConnection docs).
  const status = blocksOverlap(ctx, requester.id, accepter.id) ? STATUS.failed() : STATUS.pending(ctx.accountId);
  const now = ctx.clock.now().toISOString();
  const p: VpcPeeringConnection = {
    ...ec2Base(ctx, 'pcx', tags, now),
    requesterVpcId: requester.id,
    requesterOwnerId: ctx.accountId,
    requesterRegion: ctx.region,
    accepterVpcId: accepter.id,
    accepterOwnerId: ctx.accountId,
    accepterRegion: ctx.region,
    status: { code: status.code, message: status.message },
    expirationTime: isoAfter(ctx.clock, PEERING_REQUEST_SECONDS),
    statusChangedAt: now,
  };
  ctx.store.transact((tx) => tx.put(KIND.vpcPeeringConnection, p));
  return { VpcPeeringConnection: peeringToWire(ctx, p, STATUS.initiating(ctx.accountId)) };
};

const acceptVpcPeeringConnection: OperationHandler = (ctx, input: { VpcPeeringConnectionId?: string; DryRun?: boolean }) => {
  rejectUnsupported('AcceptVpcPeeringConnection', input as Record<string, unknown>, ['VpcPeeringConnectionId']);
  const p = getPeering(ctx, input.VpcPeeringConnectionId);
  const from = currentStatus(ctx, p).code;
  if (from !== 'pending-acceptance') throw invalidTransition(p.id, from, 'provisioning');
  checkDryRun(input);
  setStatus(ctx, p.id, STATUS.active(), { acceptedAt: ctx.clock.now().toISOString() });
  // The answer shows `provisioning`; Describe then shows `active` (§1.11).
  return { VpcPeeringConnection: peeringToWire(ctx, ctx.store.get<VpcPeeringConnection>(KIND.vpcPeeringConnection, p.id)!, STATUS.provisioning()) };
};

const rejectVpcPeeringConnection: OperationHandler = (ctx, input: { VpcPeeringConnectionId?: string; DryRun?: boolean }) => {
  rejectUnsupported('RejectVpcPeeringConnection', input as Record<string, unknown>, ['VpcPeeringConnectionId']);
  const p = getPeering(ctx, input.VpcPeeringConnectionId);
  const from = currentStatus(ctx, p).code;
  if (from !== 'pending-acceptance') throw invalidTransition(p.id, from, 'rejected');
  checkDryRun(input);
  setStatus(ctx, p.id, STATUS.rejected(ctx.accountId));
  return { Return: true };
};

const deleteVpcPeeringConnection: OperationHandler = (ctx, input: { VpcPeeringConnectionId?: string; DryRun?: boolean }) => {
  rejectUnsupported('DeleteVpcPeeringConnection', input as Record<string, unknown>, ['VpcPeeringConnectionId']);
  const p = getPeering(ctx, input.VpcPeeringConnectionId);
  const from = currentStatus(ctx, p).code;
  // Active (either side), or a request still waiting (DeleteVpcPeeringConnection docs).
  if (!['active', 'pending-acceptance', 'provisioning'].includes(from)) throw invalidTransition(p.id, from, 'deleting');
  checkDryRun(input);
  setStatus(ctx, p.id, STATUS.deleted(ctx.accountId));
  return { Return: true };
};

/** A connection with its status in effect, for filtering and paging. */
interface PeeringView {
  readonly id: string;
  readonly createdAt: string;
  readonly tags: VpcPeeringConnection['tags'];
  readonly record: VpcPeeringConnection;
  readonly status: PeeringStatus;
}

/** DescribeVpcPeeringConnections filters (API reference); the accepter's blocks count once accepted. */
function peeringFilters(ctx: OperationContext): FilterFields<PeeringView> {
  const accepted = (v: PeeringView) => v.record.acceptedAt !== undefined;
  return {
    'vpc-peering-connection-id': (v) => v.id,
    'status-code': (v) => v.status.code,
    'status-message': (v) => v.status.message,
    'expiration-time': (v) => v.record.expirationTime,
    'requester-vpc-info.vpc-id': (v) => v.record.requesterVpcId,
    'requester-vpc-info.owner-id': (v) => v.record.requesterOwnerId,
    'requester-vpc-info.cidr-block': (v) => vpcCidrBlocks(ctx.store, v.record.requesterVpcId),
    'accepter-vpc-info.vpc-id': (v) => v.record.accepterVpcId,
    'accepter-vpc-info.owner-id': (v) => v.record.accepterOwnerId,
    'accepter-vpc-info.cidr-block': (v) => (accepted(v) ? vpcCidrBlocks(ctx.store, v.record.accepterVpcId) : []),
  };
}

interface DescribeInput {
  VpcPeeringConnectionIds?: string[];
  Filters?: Filter[];
  MaxResults?: number;
  NextToken?: string;
  DryRun?: boolean;
}

const describeVpcPeeringConnections: OperationHandler = (ctx, input: DescribeInput) => {
  rejectUnsupported('DescribeVpcPeeringConnections', input as Record<string, unknown>, ['VpcPeeringConnectionIds', 'Filters', 'MaxResults', 'NextToken']);
  const records = selectVisible(ctx.store, ctx.region, peeringKind(ctx), input.VpcPeeringConnectionIds);
  checkDryRun(input);
  const views = records.map((record): PeeringView => ({ id: record.id, createdAt: record.createdAt, tags: record.tags, record, status: currentStatus(ctx, record) }));
  const { page, nextToken } = paginate(applyFilters(views, input.Filters, peeringFilters(ctx)), input, { min: 5, max: 1000 });
  return { VpcPeeringConnections: page.map((v) => peeringToWire(ctx, v.record, v.status)), NextToken: nextToken };
};

export const vpcPeeringHandlers: Record<string, OperationHandler> = {
  CreateVpcPeeringConnection: createVpcPeeringConnection,
  AcceptVpcPeeringConnection: acceptVpcPeeringConnection,
  RejectVpcPeeringConnection: rejectVpcPeeringConnection,
  DeleteVpcPeeringConnection: deleteVpcPeeringConnection,
  DescribeVpcPeeringConnections: describeVpcPeeringConnections,
};
