/**
 * Internet gateways: CreateInternetGateway, DescribeInternetGateways, DeleteInternetGateway,
 * AttachInternetGateway, DetachInternetGateway (ec2-route53-acm.md §1.6).
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { KIND, type InternetGateway, type Vpc } from '../../state/records/ec2.js';
import { AwsError } from '../../kernel/errors.js';
import { checkDryRun, dependencyViolation, invalidParameterValue, missingParameter, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { paginate } from './common/pagination.js';
import { tagsFromSpecifications, tagsToWire, type TagSpecification } from './common/tags.js';
import { listInRegion, mustGet, selectByIds } from './common/lookup.js';
import { ec2Base } from './common/base.js';

export function internetGatewayToWire(igw: InternetGateway): Record<string, unknown> {
  return {
    InternetGatewayId: igw.id,
    OwnerId: igw.ownerId,
    // An IGW attachment reads `available`, not `attached` (InternetGatewayAttachment.State, §1.6).
    Attachments: igw.attachments.map((a) => ({ State: a.state, VpcId: a.vpcId })),
    Tags: tagsToWire(igw.tags),
  };
}

/** DescribeInternetGateways filters (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInternetGateways.html). */
const IGW_FILTERS: FilterFields<InternetGateway> = {
  'attachment.state': (g) => g.attachments.map((a) => a.state),
  'attachment.vpc-id': (g) => g.attachments.map((a) => a.vpcId),
  'internet-gateway-id': (g) => g.id,
  'owner-id': (g) => g.ownerId,
};

function mustGetIgw(ctx: OperationContext, id: string | undefined): InternetGateway {
  if (id === undefined) throw missingParameter('internetGatewayId');
  return mustGet<InternetGateway>(ctx.store, KIND.internetGateway, ctx.region, id, 'igw', 'internet-gateway');
}

const createInternetGateway: OperationHandler = (ctx, input: { TagSpecifications?: TagSpecification[]; DryRun?: boolean }) => {
  rejectUnsupported('CreateInternetGateway', input, ['TagSpecifications']);
  const tags = tagsFromSpecifications(input.TagSpecifications, 'internet-gateway');
  checkDryRun(input);
  const igw: InternetGateway = { ...ec2Base(ctx, 'igw', tags), attachments: [] };
  ctx.store.transact((tx) => tx.put(KIND.internetGateway, igw));
  return { InternetGateway: internetGatewayToWire(igw) };
};

const describeInternetGateways: OperationHandler = (ctx, input: { InternetGatewayIds?: string[]; Filters?: Filter[]; MaxResults?: number; NextToken?: string; DryRun?: boolean }) => {
  rejectUnsupported('DescribeInternetGateways', input, ['InternetGatewayIds', 'Filters', 'MaxResults', 'NextToken']);
  const selected = selectByIds<InternetGateway>(ctx.store, KIND.internetGateway, ctx.region, input.InternetGatewayIds, 'igw', 'internet-gateway');
  const gateways = applyFilters(selected, input.Filters, IGW_FILTERS);
  checkDryRun(input);
  const { page, nextToken } = paginate(gateways, input, { min: 5, max: 1000 });
  return { InternetGateways: page.map(internetGatewayToWire), NextToken: nextToken };
};

/** An attached gateway cannot be deleted (observed: `The internetGateway 'igw-…' has dependencies and cannot be deleted.`). */
const deleteInternetGateway: OperationHandler = (ctx, input: { InternetGatewayId?: string; DryRun?: boolean }) => {
  rejectUnsupported('DeleteInternetGateway', input, ['InternetGatewayId']);
  const igw = mustGetIgw(ctx, input.InternetGatewayId);
  if (igw.attachments.length > 0) throw dependencyViolation(`The internetGateway '${igw.id}' has dependencies and cannot be deleted.`);
  checkDryRun(input);
  ctx.store.transact((tx) => tx.delete(KIND.internetGateway, igw.id));
  return {};
};

/**
 * One IGW per VPC, one VPC per IGW (§1.6). Observed texts: `resource igw-… is already attached to
 * network vpc-…` (Resource.AlreadyAssociated) and `Network vpc-… already has an internet gateway
 * attached` (InvalidParameterValue).
 */
const attachInternetGateway: OperationHandler = (ctx, input: { InternetGatewayId?: string; VpcId?: string; DryRun?: boolean }) => {
  rejectUnsupported('AttachInternetGateway', input, ['InternetGatewayId', 'VpcId']);
  const igw = mustGetIgw(ctx, input.InternetGatewayId);
  if (input.VpcId === undefined) throw missingParameter('vpcId');
  const vpc = mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, input.VpcId, 'vpc', 'vpc');
  const current = igw.attachments[0];
  if (current) throw new AwsError('Resource.AlreadyAssociated', `resource ${igw.id} is already attached to network ${current.vpcId}`);
  const other = listInRegion<InternetGateway>(ctx.store, KIND.internetGateway, ctx.region, (g) => g.attachments.some((a) => a.vpcId === vpc.id));
  if (other.length > 0) throw invalidParameterValue(`Network ${vpc.id} already has an internet gateway attached`);
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const cur = tx.get<InternetGateway>(KIND.internetGateway, igw.id)!;
    tx.put(KIND.internetGateway, { ...cur, attachments: [{ vpcId: vpc.id, state: 'available' }] });
  });
  return {};
};

/**
 * Detach from the VPC it is attached to, else `Gateway.NotAttached` `resource igw-… is not
 * attached to network vpc-…`. Routes through it stay and read `blackhole` (§1.7).
 */
const detachInternetGateway: OperationHandler = (ctx, input: { InternetGatewayId?: string; VpcId?: string; DryRun?: boolean }) => {
  rejectUnsupported('DetachInternetGateway', input, ['InternetGatewayId', 'VpcId']);
  const igw = mustGetIgw(ctx, input.InternetGatewayId);
  if (input.VpcId === undefined) throw missingParameter('vpcId');
  const vpc = mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, input.VpcId, 'vpc', 'vpc');
  if (!igw.attachments.some((a) => a.vpcId === vpc.id)) throw new AwsError('Gateway.NotAttached', `resource ${igw.id} is not attached to network ${vpc.id}`);
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const cur = tx.get<InternetGateway>(KIND.internetGateway, igw.id)!;
    tx.put(KIND.internetGateway, { ...cur, attachments: cur.attachments.filter((a) => a.vpcId !== vpc.id) });
  });
  return {};
};

export const internetGatewayHandlers: Record<string, OperationHandler> = {
  CreateInternetGateway: createInternetGateway,
  DescribeInternetGateways: describeInternetGateways,
  DeleteInternetGateway: deleteInternetGateway,
  AttachInternetGateway: attachInternetGateway,
  DetachInternetGateway: detachInternetGateway,
};
