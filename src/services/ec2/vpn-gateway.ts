/**
 * Virtual private gateways (the VPC end of a Site-to-Site VPN): CreateVpnGateway,
 * DescribeVpnGateways, DeleteVpnGateway, AttachVpnGateway, DetachVpnGateway
 * (ec2-route53-acm.md §1.12). One VPC per gateway and one gateway per VPC at a time. Attach
 * answers `attaching` and the attachment then reads `attached`; a detached attachment stays
 * listed as `detached`.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { KIND, type Vpc, type VpnConnection, type VpnGateway } from '../../state/records/ec2.js';
import { AwsError } from '../../kernel/errors.js';
import { checkDryRun, invalidParameterValue, missingParameter, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { requireIdShape } from './common/ids.js';
import { listInRegion, mustGet } from './common/lookup.js';
import { zonesOf } from './common/regions.js';
import { tagsFromSpecifications, tagsToWire, type TagSpecification } from './common/tags.js';
import { checkGatewayType } from './customer-gateway.js';
import { vpnObjectVisible } from './retention.js';
import { getVisible, selectVisible, type VisibleKind } from './visible-lookup.js';
import { ec2Base } from './common/base.js';

/** Amazon-side ASN when none is given (§1.12, CreateVpnGateway docs). */
export const DEFAULT_AMAZON_ASN = 64512;

export function vpnGatewayKind(ctx: OperationContext): VisibleKind<VpnGateway> {
  return { kind: KIND.vpnGateway, prefix: 'vgw', type: 'vpn-gateway', visible: (g) => vpnObjectVisible(ctx.clock, g) };
}

const LIVE_ATTACHMENT = new Set(['attaching', 'attached']);

export function vpnGatewayToWire(g: VpnGateway): Record<string, unknown> {
  return {
    VpnGatewayId: g.id,
    State: g.state,
    Type: g.type,
    AmazonSideAsn: g.amazonSideAsn,
    AvailabilityZone: g.availabilityZone,
    VpcAttachments: g.attachments.map((a) => ({ VpcId: a.vpcId, State: a.state })),
    Tags: tagsToWire(g.tags),
  };
}

/** 16-bit private ASNs 64512–65534 or 32-bit 4200000000–4294967294 (CreateVpnGateway docs); wording inferred. */
function checkAmazonAsn(asn: number): number {
  const ok = Number.isInteger(asn) && ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294));
  if (!ok) throw invalidParameterValue(`The ASN ${asn} is invalid. Use a private ASN in the 64512 to 65534 or 4200000000 to 4294967294 range.`);
  return asn;
}

interface CreateInput {
  Type?: string;
  AmazonSideAsn?: number;
  AvailabilityZone?: string;
  TagSpecifications?: TagSpecification[];
  DryRun?: boolean;
}

const createVpnGateway: OperationHandler = (ctx, input: CreateInput) => {
  rejectUnsupported('CreateVpnGateway', input as Record<string, unknown>, ['Type', 'AmazonSideAsn', 'AvailabilityZone', 'TagSpecifications']);
  const type = checkGatewayType(input.Type);
  const asn = checkAmazonAsn(input.AmazonSideAsn ?? DEFAULT_AMAZON_ASN);
  if (input.AvailabilityZone !== undefined && !zonesOf(ctx.region).some((z) => z.name === input.AvailabilityZone)) {
    throw invalidParameterValue(`Value (${input.AvailabilityZone}) for parameter availabilityZone is invalid.`);
  }
  const tags = tagsFromSpecifications(input.TagSpecifications, 'vpn-gateway');
  checkDryRun(input);
  const gateway: VpnGateway = {
    ...ec2Base(ctx, 'vgw', tags),
    type,
    amazonSideAsn: asn,
    state: 'available',
    ...(input.AvailabilityZone !== undefined ? { availabilityZone: input.AvailabilityZone } : {}),
    attachments: [],
  };
  ctx.store.transact((tx) => tx.put(KIND.vpnGateway, gateway));
  return { VpnGateway: vpnGatewayToWire(gateway) };
};

/** DescribeVpnGateways filters (API reference). */
const VPN_GATEWAY_FILTERS: FilterFields<VpnGateway> = {
  'vpn-gateway-id': (g) => g.id,
  'amazon-side-asn': (g) => g.amazonSideAsn,
  'attachment.state': (g) => g.attachments.map((a) => a.state),
  'attachment.vpc-id': (g) => g.attachments.map((a) => a.vpcId),
  'availability-zone': (g) => g.availabilityZone,
  'state': (g) => g.state,
  'type': (g) => g.type,
};

const describeVpnGateways: OperationHandler = (ctx, input: { VpnGatewayIds?: string[]; Filters?: Filter[]; DryRun?: boolean }) => {
  rejectUnsupported('DescribeVpnGateways', input as Record<string, unknown>, ['VpnGatewayIds', 'Filters']);
  const selected = selectVisible(ctx.store, ctx.region, vpnGatewayKind(ctx), input.VpnGatewayIds);
  checkDryRun(input);
  // Not paginated (§1.14).
  return { VpnGateways: applyFilters(selected, input.Filters, VPN_GATEWAY_FILTERS).map(vpnGatewayToWire) };
};

function getGateway(ctx: OperationContext, id: string | undefined): VpnGateway {
  if (id === undefined) throw missingParameter('VpnGatewayId');
  return getVisible(ctx.store, ctx.region, vpnGatewayKind(ctx), id);
}

const deleteVpnGateway: OperationHandler = (ctx, input: { VpnGatewayId?: string; DryRun?: boolean }) => {
  rejectUnsupported('DeleteVpnGateway', input as Record<string, unknown>, ['VpnGatewayId']);
  const gateway = getGateway(ctx, input.VpnGatewayId);
  const attached = gateway.attachments.some((a) => LIVE_ATTACHMENT.has(a.state));
  const connected = listInRegion<VpnConnection>(ctx.store, KIND.vpnConnection, ctx.region, (c) => c.vpnGatewayId === gateway.id && c.state !== 'deleted').length > 0;
  // Observed: hashicorp/terraform-provider-aws#5831 ("IncorrectState: The VPN gateway is in use.").
  if (attached || connected) throw new AwsError('IncorrectState', 'The VPN gateway is in use.');
  checkDryRun(input);
  if (gateway.state === 'deleted') return {};
  const deletedAt = ctx.clock.now().toISOString();
  ctx.store.transact((tx) => tx.put(KIND.vpnGateway, { ...gateway, state: 'deleted', deletedAt }));
  return {};
};

interface AttachInput {
  VpcId?: string;
  VpnGatewayId?: string;
  DryRun?: boolean;
}

const attachVpnGateway: OperationHandler = (ctx, input: AttachInput) => {
  rejectUnsupported('AttachVpnGateway', input as Record<string, unknown>, ['VpcId', 'VpnGatewayId']);
  const gateway = getGateway(ctx, input.VpnGatewayId);
  if (input.VpcId === undefined) throw missingParameter('VpcId');
  const vpc = mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, input.VpcId, 'vpc', 'vpc');
  if (gateway.state !== 'available') throw new AwsError('InvalidVpnGatewayState', `The virtual private gateway '${gateway.id}' is not in an available state.`);
  const live = gateway.attachments.find((a) => LIVE_ATTACHMENT.has(a.state));
  if (live?.vpcId === vpc.id) {
    checkDryRun(input);
    return { VpcAttachment: { VpcId: vpc.id, State: live.state } };
  }
  // One VPC per gateway (EC2 error codes, VpnGatewayAttachmentLimitExceeded; wording inferred).
  if (live) throw new AwsError('VpnGatewayAttachmentLimitExceeded', `The VPN gateway '${gateway.id}' is already attached to ${live.vpcId}.`);
  const other = listInRegion<VpnGateway>(ctx.store, KIND.vpnGateway, ctx.region, (g) => g.id !== gateway.id && g.attachments.some((a) => a.vpcId === vpc.id && LIVE_ATTACHMENT.has(a.state)))[0];
  // Observed: cloudposse/terraform-aws-vpn-connection#22.
  if (other) throw new AwsError('InvalidVpcState', `VPC ${vpc.id} is currently attached to the Virtual Private Gateway.`);
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const current = tx.get<VpnGateway>(KIND.vpnGateway, gateway.id)!;
    tx.put(KIND.vpnGateway, { ...current, attachments: [{ vpcId: vpc.id, state: 'attached' }] });
  });
  return { VpcAttachment: { VpcId: vpc.id, State: 'attaching' } };
};

const detachVpnGateway: OperationHandler = (ctx, input: AttachInput) => {
  rejectUnsupported('DetachVpnGateway', input as Record<string, unknown>, ['VpcId', 'VpnGatewayId']);
  const gateway = getGateway(ctx, input.VpnGatewayId);
  if (input.VpcId === undefined) throw missingParameter('VpcId');
  requireIdShape('vpc', input.VpcId);
  const vpcId = input.VpcId;
  if (!gateway.attachments.some((a) => a.vpcId === vpcId && LIVE_ATTACHMENT.has(a.state))) {
    // Code from the EC2 error codes; wording inferred.
    throw new AwsError('InvalidVpnGatewayAttachment.NotFound', `The attachment with vpn gateway ID '${gateway.id}' and vpc ID '${vpcId}' does not exist`);
  }
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const current = tx.get<VpnGateway>(KIND.vpnGateway, gateway.id)!;
    tx.put(KIND.vpnGateway, { ...current, attachments: current.attachments.map((a) => (a.vpcId === vpcId ? { ...a, state: 'detached' as const } : a)) });
  });
  return {};
};

export const vpnGatewayHandlers: Record<string, OperationHandler> = {
  CreateVpnGateway: createVpnGateway,
  DescribeVpnGateways: describeVpnGateways,
  DeleteVpnGateway: deleteVpnGateway,
  AttachVpnGateway: attachVpnGateway,
  DetachVpnGateway: detachVpnGateway,
};
