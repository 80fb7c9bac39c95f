/**
 * VPC peering connections as the API shows them (ec2-route53-acm.md §1.11): the status in
 * effect now (a request past its expiration time reads `expired`), whether the connection is
 * still visible, and the `VpcPeeringConnection` wire shape.
 */
import type { OperationContext } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { KIND, type Vpc, type VpcPeeringConnection } from '../../state/records/ec2.js';
import { tagsToWire } from './common/tags.js';
import { PEERING_EXPIRED_SECONDS, PEERING_FINAL_SECONDS, stillVisible } from './retention.js';

export interface PeeringStatus {
  readonly code: string;
  readonly message: string;
}

/**
 * Status texts. `Pending Acceptance by <acct>` and `Active` are recorded on AWS (LS-EC2);
 * `Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range` is observed; the
 * others follow the same style (inferred).
 */
export const STATUS = {
  initiating: (owner: string): PeeringStatus => ({ code: 'initiating-request', message: `Initiating Request to ${owner}` }),
  pending: (owner: string): PeeringStatus => ({ code: 'pending-acceptance', message: `Pending Acceptance by ${owner}` }),
  provisioning: (): PeeringStatus => ({ code: 'provisioning', message: 'Provisioning' }),
  active: (): PeeringStatus => ({ code: 'active', message: 'Active' }),
  failed: (): PeeringStatus => ({ code: 'failed', message: 'Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range' }),
  rejected: (by: string): PeeringStatus => ({ code: 'rejected', message: `Rejected by ${by}` }),
  deleted: (by: string): PeeringStatus => ({ code: 'deleted', message: `Deleted by ${by}` }),
  expired: (): PeeringStatus => ({ code: 'expired', message: 'Expired' }),
};

/** The status now: an unaccepted request past its expiration time has expired (7 days on AWS). */
export function currentStatus(ctx: OperationContext, p: VpcPeeringConnection): PeeringStatus {
  if (p.status.code === 'pending-acceptance' && p.expirationTime && ctx.clock.now().getTime() >= Date.parse(p.expirationTime)) return STATUS.expired();
  return p.status;
}

/** Final states stay visible a while, then the connection is gone (§1.11). */
export function isVisible(ctx: OperationContext, p: VpcPeeringConnection): boolean {
  const code = currentStatus(ctx, p).code;
  if (code === 'expired') return stillVisible(ctx.clock, p.expirationTime, PEERING_EXPIRED_SECONDS);
  if (code === 'failed' || code === 'rejected' || code === 'deleted') return stillVisible(ctx.clock, p.statusChangedAt, PEERING_FINAL_SECONDS);
  return true;
}

/** The IPv4 blocks of a VPC, when it still exists. */
export function vpcCidrBlocks(reader: RecordReader, vpcId: string): string[] {
  return reader.get<Vpc>(KIND.vpc, vpcId)?.cidrBlocks.filter((b) => b.state === 'associated').map((b) => b.cidrBlock) ?? [];
}

const PEERING_OPTIONS = { AllowDnsResolutionFromRemoteVpc: false, AllowEgressFromLocalClassicLinkToRemoteVpc: false, AllowEgressFromLocalVpcToRemoteClassicLink: false };

/** `VpcPeeringConnectionVpcInfo`: only owner, region and VPC id until the side has blocks to show. */
function vpcInfo(reader: RecordReader, vpcId: string, ownerId: string, region: string, full: boolean): Record<string, unknown> {
  const base = { OwnerId: ownerId, Region: region, VpcId: vpcId };
  const blocks = vpcCidrBlocks(reader, vpcId);
  if (!full || blocks.length === 0) return base;
  return { ...base, CidrBlock: blocks[0], CidrBlockSet: blocks.map((CidrBlock) => ({ CidrBlock })), Ipv6CidrBlockSet: [], PeeringOptions: PEERING_OPTIONS };
}

/**
 * `VpcPeeringConnection`. The accepter's blocks and options appear once it accepted; the
 * expiration time only while the request waits (§1.11, LS-EC2). `status` overrides the status
 * in effect (Create answers `initiating-request`, Accept `provisioning`).
 */
export function peeringToWire(ctx: OperationContext, p: VpcPeeringConnection, status: PeeringStatus = currentStatus(ctx, p)): Record<string, unknown> {
  const waiting = ['initiating-request', 'pending-acceptance', 'expired'].includes(status.code);
  return {
    VpcPeeringConnectionId: p.id,
    RequesterVpcInfo: vpcInfo(ctx.store, p.requesterVpcId, p.requesterOwnerId, p.requesterRegion, true),
    AccepterVpcInfo: vpcInfo(ctx.store, p.accepterVpcId, p.accepterOwnerId, p.accepterRegion, p.acceptedAt !== undefined || status.code === 'provisioning'),
    Status: { Code: status.code, Message: status.message },
    ExpirationTime: waiting ? p.expirationTime : undefined,
    Tags: tagsToWire(p.tags),
  };
}
