/**
 * Subnets: CreateSubnet, DescribeSubnets, DeleteSubnet, ModifySubnetAttribute
 * (ec2-route53-acm.md §1.5).
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { KIND, type Instance, type NetworkInterface, type RouteTable, type Subnet, type Vpc } from '../../state/records/ec2.js';
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import { cidrContains, cidrOverlaps, cidrSize, formatCidr, parseCidr } from '../../kernel/cidr.js';
import { checkDryRun, dependencyViolation, invalidParameterValue, missingParameter, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { paginate } from './common/pagination.js';
import { tagsFromSpecifications, tagsToWire, type TagSpecification } from './common/tags.js';
import { listInRegion, mustGet, selectByIds } from './common/lookup.js';
import { resolveZone, zonesOf, type Zone } from './common/regions.js';
import { ec2Base } from './common/base.js';

/** Subnet IPv4 blocks are /16 to /28 (ec2-route53-acm.md §1.5). */
export const SUBNET_PREFIX_MIN = 16;
export const SUBNET_PREFIX_MAX = 28;

/**
 * Addresses AWS reserves in every subnet: network, VPC router, DNS, future use, broadcast
 * (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
 */
export const RESERVED_ADDRESSES_PER_SUBNET = 5;

export function subnetArn(subnet: Subnet): string {
  return `arn:aws:ec2:${subnet.region}:${subnet.ownerId}:subnet/${subnet.id}`;
}

/**
 * `AvailableIpAddressCount`: the block's size less the five reserved addresses and one address
 * per ENI in the subnet (instances, load balancer nodes and endpoints all hold ENIs; §1.5).
 */
export function availableIpAddressCount(reader: RecordReader, subnet: Subnet): number {
  const used = reader.list<NetworkInterface>(KIND.networkInterface, (n) => n.subnetId === subnet.id).length;
  return Math.max(0, cidrSize(parseCidr(subnet.cidrBlock)!) - RESERVED_ADDRESSES_PER_SUBNET - used);
}

export function subnetToWire(reader: RecordReader, subnet: Subnet): Record<string, unknown> {
  return {
    SubnetId: subnet.id,
    SubnetArn: subnetArn(subnet),
    VpcId: subnet.vpcId,
    OwnerId: subnet.ownerId,
    CidrBlock: subnet.cidrBlock,
    AvailabilityZone: subnet.availabilityZone,
    AvailabilityZoneId: subnet.availabilityZoneId,
    AvailableIpAddressCount: availableIpAddressCount(reader, subnet),
    DefaultForAz: subnet.defaultForAz,
    MapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
    MapCustomerOwnedIpOnLaunch: false,
    State: subnet.state,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    Ipv6Native: false,
    EnableDns64: false,
    PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    Tags: tagsToWire(subnet.tags),
  };
}

/**
 * Validates a subnet block against its VPC (§1.5): a CIDR (`InvalidParameterValue`), /16 to /28
 * and inside one of the VPC's blocks (`InvalidSubnet.Range`), overlapping no other subnet of the
 * VPC (`InvalidSubnet.Conflict`). Returns the canonical block (host bits zeroed).
 */
export function subnetCidr(reader: RecordReader, vpc: Vpc, text: string | undefined): string {
  if (text === undefined) throw missingParameter('cidrBlock');
  const block = parseCidr(text);
  if (!block) throw invalidParameterValue(`Value (${text}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  const inVpc = vpc.cidrBlocks.some((b) => b.state === 'associated' && cidrContains(parseCidr(b.cidrBlock)!, block));
  if (block.prefix < SUBNET_PREFIX_MIN || block.prefix > SUBNET_PREFIX_MAX || !inVpc) {
    throw new AwsError('InvalidSubnet.Range', `The CIDR '${text}' is invalid.`);
  }
  const clash = reader.list<Subnet>(KIND.subnet, (s) => s.vpcId === vpc.id).some((s) => cidrOverlaps(parseCidr(s.cidrBlock)!, block));
  if (clash) throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${text}' conflicts with another subnet`);
  return formatCidr(block);
}

/**
 * The zone of a new subnet: the one named by AvailabilityZone or AvailabilityZoneId, else the
 * zone holding the fewest subnets of the VPC, earliest zone first [infer: AWS documents only
 * that it picks one].
 */
function pickZone(ctx: OperationContext, vpcId: string, name?: string, id?: string): Zone {
  const named = resolveZone(ctx.region, name, id);
  if (named) return named;
  const zones = zonesOf(ctx.region);
  const inVpc = ctx.store.list<Subnet>(KIND.subnet, (s) => s.vpcId === vpcId);
  const load = (z: Zone) => inVpc.filter((s) => s.availabilityZone === z.name).length;
  return zones.reduce((best, z) => (load(z) < load(best) ? z : best), zones[0]!);
}

/** DescribeSubnets filters (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSubnets.html). */
function subnetFilters(reader: RecordReader): FilterFields<Subnet> {
  return {
    'availability-zone': (s) => s.availabilityZone,
    'availability-zone-id': (s) => s.availabilityZoneId,
    'availabilityZone': (s) => s.availabilityZone,
    'availabilityZoneId': (s) => s.availabilityZoneId,
    'available-ip-address-count': (s) => availableIpAddressCount(reader, s),
    'cidr-block': (s) => s.cidrBlock,
    // The API reference lists these older names as synonyms.
    'cidr': (s) => s.cidrBlock,
    'cidrBlock': (s) => s.cidrBlock,
    'default-for-az': (s) => s.defaultForAz,
    'defaultForAz': (s) => s.defaultForAz,
    'enable-dns64': () => false,
    'ipv6-native': () => false,
    'map-customer-owned-ip-on-launch': () => false,
    'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
    'owner-id': (s) => s.ownerId,
    'private-dns-name-options-on-launch.hostname-type': () => 'ip-name',
    'private-dns-name-options-on-launch.enable-resource-name-dns-a-record': () => false,
    'private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record': () => false,
    'state': (s) => s.state,
    'subnet-arn': (s) => subnetArn(s),
    'subnet-id': (s) => s.id,
    'vpc-id': (s) => s.vpcId,
    // IPv6, Outposts and customer-owned pools are not modelled: these match nothing.
    'ipv6-cidr-block-association.ipv6-cidr-block': () => undefined,
    'ipv6-cidr-block-association.association-id': () => undefined,
    'ipv6-cidr-block-association.state': () => undefined,
    'outpost-arn': () => undefined,
    'customer-owned-ipv4-pool': () => undefined,
    'enable-lni-at-device-index': () => undefined,
  };
}

const createSubnet: OperationHandler = (ctx, input: { VpcId?: string; CidrBlock?: string; AvailabilityZone?: string; AvailabilityZoneId?: string; Ipv6Native?: boolean; TagSpecifications?: TagSpecification[]; DryRun?: boolean }) => {
  rejectUnsupported('CreateSubnet', input, ['VpcId', 'CidrBlock', 'AvailabilityZone', 'AvailabilityZoneId', 'Ipv6Native', 'TagSpecifications']);
  if (input.Ipv6Native) throw new NotImplementedError('IPv6-only subnets (Ipv6Native) are not implemented by localvpc (ec2 2016-11-15).');
  if (input.VpcId === undefined) throw missingParameter('vpcId');
  const vpc = mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, input.VpcId, 'vpc', 'vpc');
  const cidrBlock = subnetCidr(ctx.store, vpc, input.CidrBlock);
  const tags = tagsFromSpecifications(input.TagSpecifications, 'subnet');
  const zone = pickZone(ctx, vpc.id, input.AvailabilityZone, input.AvailabilityZoneId);
  checkDryRun(input);
  const subnet = ctx.store.transact((tx) => {
    const s: Subnet = {
      ...ec2Base(ctx, 'subnet', tags),
      vpcId: vpc.id,
      cidrBlock,
      availabilityZone: zone.name,
      availabilityZoneId: zone.id,
      // Non-default subnets start with both flags off (§1.3).
      defaultForAz: false,
      mapPublicIpOnLaunch: false,
      state: 'available',
    };
    return tx.put(KIND.subnet, s);
  });
  return { Subnet: subnetToWire(ctx.store, subnet) };
};

const describeSubnets: OperationHandler = (ctx, input: { SubnetIds?: string[]; Filters?: Filter[]; MaxResults?: number; NextToken?: string; DryRun?: boolean }) => {
  rejectUnsupported('DescribeSubnets', input, ['SubnetIds', 'Filters', 'MaxResults', 'NextToken']);
  const selected = selectByIds<Subnet>(ctx.store, KIND.subnet, ctx.region, input.SubnetIds, 'subnet', 'subnet');
  const subnets = applyFilters(selected, input.Filters, subnetFilters(ctx.store));
  checkDryRun(input);
  const { page, nextToken } = paginate(subnets, input, { min: 5, max: 1000 });
  return { Subnets: page.map((s) => subnetToWire(ctx.store, s)), NextToken: nextToken };
};

/**
 * DeleteSubnet: refused while ENIs or live instances remain in it (§1.5). Its explicit route
 * table association goes with it, as in AWS.
 */
const deleteSubnet: OperationHandler = (ctx, input: { SubnetId?: string; DryRun?: boolean }) => {
  rejectUnsupported('DeleteSubnet', input, ['SubnetId']);
  if (input.SubnetId === undefined) throw missingParameter('subnetId');
  const subnet = mustGet<Subnet>(ctx.store, KIND.subnet, ctx.region, input.SubnetId, 'subnet', 'subnet');
  const id = subnet.id;
  const blocking =
    listInRegion<NetworkInterface>(ctx.store, KIND.networkInterface, ctx.region, (n) => n.subnetId === id).length > 0 ||
    listInRegion<Instance>(ctx.store, KIND.instance, ctx.region, (i) => i.subnetId === id && i.state !== 'terminated').length > 0;
  if (blocking) throw dependencyViolation(`The subnet '${id}' has dependencies and cannot be deleted.`);
  checkDryRun(input);
  ctx.store.transact((tx) => {
    for (const t of tx.list<RouteTable>(KIND.routeTable, (t) => t.associations.some((a) => a.subnetId === id))) {
      tx.put(KIND.routeTable, { ...t, associations: t.associations.filter((a) => a.subnetId !== id) });
    }
    tx.delete(KIND.subnet, id);
  });
  return {};
};

/** ModifySubnetAttribute: `MapPublicIpOnLaunch` (§1.5); the IPv6 and DNS64 attributes are not modelled. */
const modifySubnetAttribute: OperationHandler = (ctx, input: { SubnetId?: string; MapPublicIpOnLaunch?: { Value?: boolean }; DryRun?: boolean }) => {
  rejectUnsupported('ModifySubnetAttribute', input, ['SubnetId', 'MapPublicIpOnLaunch']);
  if (input.SubnetId === undefined) throw missingParameter('subnetId');
  const subnet = mustGet<Subnet>(ctx.store, KIND.subnet, ctx.region, input.SubnetId, 'subnet', 'subnet');
  const value = input.MapPublicIpOnLaunch?.Value;
  // [infer] wording when no attribute is given.
  if (value === undefined) throw missingParameter('mapPublicIpOnLaunch');
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const cur = tx.get<Subnet>(KIND.subnet, subnet.id)!;
    tx.put(KIND.subnet, { ...cur, mapPublicIpOnLaunch: value });
  });
  return {};
};

export const subnetHandlers: Record<string, OperationHandler> = {
  CreateSubnet: createSubnet,
  DescribeSubnets: describeSubnets,
  DeleteSubnet: deleteSubnet,
  ModifySubnetAttribute: modifySubnetAttribute,
};
