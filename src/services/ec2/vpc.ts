/**
 * VPCs: CreateVpc, DescribeVpcs, DeleteVpc, DescribeVpcAttribute, ModifyVpcAttribute
 * (ec2-route53-acm.md §1.4).
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { Tx } from '../../state/store.js';
import { KIND, type RouteTable, type SecurityGroup, type Vpc, type Subnet, type InternetGateway, type NetworkInterface, type VpcEndpoint, type VpnGateway } from '../../state/records/ec2.js';
import { allocateWire } from '../../state/wires.js';
import { ec2Id } from '../../kernel/ids.js';
import { AwsError } from '../../kernel/errors.js';
import { formatCidr, parseCidr } from '../../kernel/cidr.js';
import { checkDryRun, dependencyViolation, invalidParameterValue, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { paginate } from './common/pagination.js';
import { tagsFromSpecifications, tagsToWire, type TagSpecification } from './common/tags.js';
import { listInRegion, mustGet, selectByIds } from './common/lookup.js';
import { newSecurityGroup } from './security-group-records.js';
import { ec2Base } from './common/base.js';

/** VPC IPv4 blocks are /16 to /28 (ec2-route53-acm.md §1.4). */
export const VPC_PREFIX_MIN = 16;
export const VPC_PREFIX_MAX = 28;

/** Every VPC's DHCP options set; DHCP options are not modelled further. */
const DEFAULT_DHCP_OPTIONS_ID = 'dopt-00000000000000001';

/** Validates and canonicalises a VPC block: `InvalidParameterValue` for non-CIDR text, `InvalidVpc.Range` for a bad size. */
export function vpcCidr(text: string | undefined): string {
  if (text === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter cidrBlock');
  const c = parseCidr(text);
  if (!c) throw invalidParameterValue(`Value (${text}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  if (c.prefix < VPC_PREFIX_MIN || c.prefix > VPC_PREFIX_MAX) throw new AwsError('InvalidVpc.Range', `The CIDR '${text}' is invalid.`);
  return formatCidr(c);
}

/**
 * Writes a new VPC with what AWS creates alongside it: the main route table with the `local`
 * route and the `default` security group (ec2-route53-acm.md §1.4).
 */
export function createVpcRecords(tx: Tx, ctx: OperationContext, cidrBlock: string, opts: { isDefault: boolean; tags: Vpc['tags']; instanceTenancy?: string }): Vpc {
  const now = ctx.clock.now().toISOString();
  const vpc: Vpc = {
    ...ec2Base(ctx, 'vpc', opts.tags, now),
    cidrBlocks: [{ associationId: ec2Id('vpc-cidr-assoc'), cidrBlock, state: 'associated', wire: allocateWire(tx) }],
    isDefault: opts.isDefault,
    state: 'available',
    dhcpOptionsId: DEFAULT_DHCP_OPTIONS_ID,
    instanceTenancy: opts.instanceTenancy ?? 'default',
    enableDnsSupport: true,
    enableDnsHostnames: opts.isDefault,
    enableNetworkAddressUsageMetrics: false,
  };
  tx.put(KIND.vpc, vpc);
  const main: RouteTable = {
    ...ec2Base(ctx, 'rtb', [], now),
    vpcId: vpc.id,
    routes: [{ destinationCidrBlock: cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable', state: 'active' }],
    associations: [{ id: ec2Id('rtbassoc'), main: true }],
    propagatingVgws: [],
  };
  tx.put(KIND.routeTable, main);
  tx.put(KIND.securityGroup, newSecurityGroup(ctx, vpc.id, 'default', 'default VPC security group', [], true));
  return vpc;
}

export function vpcToWire(vpc: Vpc, state: string = vpc.state): Record<string, unknown> {
  return {
    VpcId: vpc.id,
    OwnerId: vpc.ownerId,
    State: state,
    CidrBlock: vpc.cidrBlocks[0]!.cidrBlock,
    CidrBlockAssociationSet: vpc.cidrBlocks.map((b) => ({ AssociationId: b.associationId, CidrBlock: b.cidrBlock, CidrBlockState: { State: b.state } })),
    Ipv6CidrBlockAssociationSet: [],
    DhcpOptionsId: vpc.dhcpOptionsId,
    InstanceTenancy: vpc.instanceTenancy,
    IsDefault: vpc.isDefault,
    Tags: tagsToWire(vpc.tags),
  };
}

/** DescribeVpcs filters (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcs.html). */
const VPC_FILTERS: FilterFields<Vpc> = {
  'vpc-id': (v) => v.id,
  'cidr': (v) => v.cidrBlocks[0]!.cidrBlock,
  'cidr-block-association.cidr-block': (v) => v.cidrBlocks.map((b) => b.cidrBlock),
  'cidr-block-association.association-id': (v) => v.cidrBlocks.map((b) => b.associationId),
  'cidr-block-association.state': (v) => v.cidrBlocks.map((b) => b.state),
  'dhcp-options-id': (v) => v.dhcpOptionsId,
  'is-default': (v) => v.isDefault,
  'owner-id': (v) => v.ownerId,
  'state': (v) => v.state,
};

const createVpc: OperationHandler = (ctx, input: { CidrBlock?: string; InstanceTenancy?: string; TagSpecifications?: TagSpecification[]; DryRun?: boolean }) => {
  rejectUnsupported('CreateVpc', input, ['CidrBlock', 'InstanceTenancy', 'TagSpecifications']);
  const cidrBlock = vpcCidr(input.CidrBlock);
  const tags = tagsFromSpecifications(input.TagSpecifications, 'vpc');
  if (input.InstanceTenancy !== undefined && input.InstanceTenancy !== 'default' && input.InstanceTenancy !== 'dedicated') {
    throw invalidParameterValue(`Value (${input.InstanceTenancy}) for parameter instanceTenancy is invalid.`);
  }
  checkDryRun(input);
  const vpc = ctx.store.transact((tx) => createVpcRecords(tx, ctx, cidrBlock, { isDefault: false, tags, instanceTenancy: input.InstanceTenancy }));
  // CreateVpc answers `pending`; Describe shows `available` (ec2-route53-acm.md §1.4).
  return { Vpc: vpcToWire(vpc, 'pending') };
};

const describeVpcs: OperationHandler = (ctx, input: { VpcIds?: string[]; Filters?: Filter[]; MaxResults?: number; NextToken?: string; DryRun?: boolean }) => {
  checkDryRun(input);
  const vpcs = applyFilters(selectByIds<Vpc>(ctx.store, KIND.vpc, ctx.region, input.VpcIds, 'vpc', 'vpc'), input.Filters, VPC_FILTERS);
  const { page, nextToken } = paginate(vpcs, input, { min: 5, max: 1000 });
  return { Vpcs: page.map((v) => vpcToWire(v)), NextToken: nextToken };
};

const deleteVpc: OperationHandler = (ctx, input: { VpcId: string; DryRun?: boolean }) => {
  const vpc = mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, input.VpcId, 'vpc', 'vpc');
  const id = vpc.id;
  const blocking =
    listInRegion<Subnet>(ctx.store, KIND.subnet, ctx.region, (s) => s.vpcId === id).length > 0 ||
    listInRegion<InternetGateway>(ctx.store, KIND.internetGateway, ctx.region, (g) => g.attachments.some((a) => a.vpcId === id)).length > 0 ||
    listInRegion<VpnGateway>(ctx.store, KIND.vpnGateway, ctx.region, (g) => g.attachments.some((a) => a.vpcId === id && a.state !== 'detached')).length > 0 ||
    listInRegion<NetworkInterface>(ctx.store, KIND.networkInterface, ctx.region, (n) => n.vpcId === id).length > 0 ||
    listInRegion<VpcEndpoint>(ctx.store, KIND.vpcEndpoint, ctx.region, (e) => e.vpcId === id).length > 0 ||
    listInRegion<SecurityGroup>(ctx.store, KIND.securityGroup, ctx.region, (g) => g.vpcId === id && g.groupName !== 'default').length > 0 ||
    listInRegion<RouteTable>(ctx.store, KIND.routeTable, ctx.region, (t) => t.vpcId === id && !t.associations.some((a) => a.main)).length > 0;
  // The default security group and the main route table go away with the VPC (§1.4).
  if (blocking) throw dependencyViolation(`The vpc '${id}' has dependencies and cannot be deleted.`);
  checkDryRun(input);
  ctx.store.transact((tx) => {
    for (const g of tx.list<SecurityGroup>(KIND.securityGroup, (g) => g.vpcId === id)) tx.delete(KIND.securityGroup, g.id);
    for (const t of tx.list<RouteTable>(KIND.routeTable, (t) => t.vpcId === id)) tx.delete(KIND.routeTable, t.id);
    tx.delete(KIND.vpc, id);
  });
  return { };
};

/** One attribute per call, named as the API names it (`VpcAttributeName`). */
const VPC_ATTRIBUTES = {
  enableDnsSupport: 'EnableDnsSupport',
  enableDnsHostnames: 'EnableDnsHostnames',
  enableNetworkAddressUsageMetrics: 'EnableNetworkAddressUsageMetrics',
} as const;

const describeVpcAttribute: OperationHandler = (ctx, input: { VpcId: string; Attribute: string; DryRun?: boolean }) => {
  const vpc = mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, input.VpcId, 'vpc', 'vpc');
  const member = VPC_ATTRIBUTES[input.Attribute as keyof typeof VPC_ATTRIBUTES];
  if (!member) throw invalidParameterValue(`Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`);
  checkDryRun(input);
  return { VpcId: vpc.id, [member]: { Value: vpc[input.Attribute as keyof typeof VPC_ATTRIBUTES] } };
};

const modifyVpcAttribute: OperationHandler = (ctx, input: { VpcId: string; EnableDnsSupport?: { Value?: boolean }; EnableDnsHostnames?: { Value?: boolean }; EnableNetworkAddressUsageMetrics?: { Value?: boolean }; DryRun?: boolean }) => {
  const vpc = mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, input.VpcId, 'vpc', 'vpc');
  const given = Object.entries(VPC_ATTRIBUTES).filter(([, member]) => input[member] !== undefined);
  // "You can only modify one attribute at a time" (ModifyVpcAttribute API reference).
  if (given.length !== 1) throw new AwsError('InvalidParameterCombination', 'Fields for multiple attribute types specified: only one attribute can be modified at a time.');
  const [field, member] = given[0]!;
  const value = input[member]!.Value;
  if (value === undefined) throw new AwsError('MissingParameter', `The request must contain the parameter ${member}.Value`);
  if (field === 'enableDnsHostnames' && value && !vpc.enableDnsSupport) {
    throw new AwsError('InvalidParameterValue', 'Cannot enable DNS hostnames when DNS support is disabled.');
  }
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const cur = tx.get<Vpc>(KIND.vpc, vpc.id)!;
    tx.put(KIND.vpc, { ...cur, [field]: value });
  });
  return {};
};

export const vpcHandlers: Record<string, OperationHandler> = {
  CreateVpc: createVpc,
  DescribeVpcs: describeVpcs,
  DeleteVpc: deleteVpc,
  DescribeVpcAttribute: describeVpcAttribute,
  ModifyVpcAttribute: modifyVpcAttribute,
};
