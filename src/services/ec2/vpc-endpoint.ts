/**
 * Interface VPC endpoints: CreateVpcEndpoint, DescribeVpcEndpoints, ModifyVpcEndpoint,
 * DeleteVpcEndpoints (elbv2-vpc-endpoints.md §4.2, §8.5; ec2-route53-acm.md §1.13). The one
 * service behind them is `com.amazonaws.{region}.execute-api`; each endpoint has one
 * requester-managed ENI per subnet, which the data plane serves the endpoint on.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { KIND, type Subnet, type Vpc, type VpcEndpoint, type VpcEndpointSubnet } from '../../state/records/ec2.js';
import { allocatePrivateIp } from '../../state/views/addresses.js';
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import { alnumId } from '../../kernel/ids.js';
import { checkDryRun, missingParameter, rejectUnsupported } from './common/errors.js';
import { applyFilters, checkFilterNames, type Filter, type FilterFields } from './common/filters.js';
import { isEc2Id } from './common/ids.js';
import { listInRegion, mustGet } from './common/lookup.js';
import { paginate } from './common/pagination.js';
import { tagsFromSpecifications, type TagSpecification } from './common/tags.js';
import { ec2Base } from './common/base.js';
import { defaultGroupId } from './group-refs.js';
import { classifyServiceName } from './vpc-endpoint-catalog.js';
import { endpointMalformed, endpointNotFound, invalidParameter, invalidServiceName, serviceNotImplemented, unsuccessfulNotFound } from './vpc-endpoint-errors.js';
import {
  checkPrivateDns,
  DEFAULT_POLICY,
  deleteEndpointInterfaces,
  endpointGroups,
  endpointPolicy,
  putEndpointInterface,
  setInterfaceGroups,
  subnetsToAdd,
} from './vpc-endpoint-records.js';
import { vpcEndpointToWire } from './vpc-endpoint-wire.js';

/** MaxResults above 1,000 return 1,000 items (DescribeVpcEndpoints API reference). */
const MAX_PAGE = 1000;

function endpointById(ctx: OperationContext, id: string | undefined): VpcEndpoint {
  if (id === undefined) throw missingParameter('VpcEndpointId');
  if (!isEc2Id('vpce', id)) throw endpointMalformed(id);
  const vpce = ctx.store.get<VpcEndpoint>(KIND.vpcEndpoint, id);
  if (!vpce || vpce.region !== ctx.region) throw endpointNotFound([id]);
  return vpce;
}

/** Only `ipv4` endpoints exist here (§8.5: ipv4 | dualstack | ipv6). */
function checkIpAddressType(value: string | undefined): void {
  if (value !== undefined && value !== 'ipv4') throw new NotImplementedError(`IpAddressType ${value} of VPC endpoints is not implemented by localvpc; only ipv4 is.`);
}

interface DnsOptionsInput {
  DnsRecordIpType?: string;
  PrivateDnsOnlyForInboundResolverEndpoint?: boolean;
  PrivateDnsPreference?: string;
  PrivateDnsSpecifiedDomains?: string[];
}

/** DnsOptions: only `DnsRecordIpType` `ipv4`, the record type of an ipv4 endpoint (§8.5). */
function checkDnsOptions(options: DnsOptionsInput | undefined): void {
  if (!options) return;
  rejectUnsupported('VPC endpoint DnsOptions', options as Record<string, unknown>, ['DnsRecordIpType']);
  const type = options.DnsRecordIpType;
  if (type !== undefined && type !== 'ipv4') throw new NotImplementedError(`DnsOptions.DnsRecordIpType ${type} of VPC endpoints is not implemented by localvpc; only ipv4 is.`);
}

/** Route tables belong to gateway endpoints; wording after AWS's observed subnet refusal (§4.2) [infer]. */
function refuseRouteTables(ids: readonly string[] | undefined): void {
  if (ids && ids.length > 0) throw invalidParameter('Route table IDs are only supported for Gateway type VPC Endpoints.');
}

interface SubnetConfigurationInput {
  SubnetId?: string;
  Ipv4?: string;
  Ipv6?: string;
}

/**
 * The subnets of a new endpoint: `SubnetIds` plus the subnets `SubnetConfigurations` name, whose
 * `Ipv4` pins the ENI address (§8.5). Returns the subnets with their pinned addresses.
 */
function placements(ctx: OperationContext, vpcId: string, subnetIds: readonly string[], configs: readonly SubnetConfigurationInput[]): { subnet: Subnet; ip?: string }[] {
  const pinned = new Map<string, string | undefined>();
  for (const c of configs) {
    if (c.SubnetId === undefined) throw missingParameter('SubnetConfiguration.SubnetId');
    if (c.Ipv6 !== undefined) throw new NotImplementedError('SubnetConfiguration.Ipv6 of VPC endpoints is not implemented by localvpc; endpoints are ipv4 only.');
    pinned.set(c.SubnetId, c.Ipv4);
  }
  const subnets = subnetsToAdd(ctx.store, ctx.region, vpcId, [...subnetIds, ...pinned.keys()], []);
  return subnets.map((subnet) => {
    const ip = pinned.get(subnet.id);
    if (ip !== undefined) allocatePrivateIp(ctx.store, subnet, ip); // refuses a used or foreign address before DryRun
    return ip !== undefined ? { subnet, ip } : { subnet };
  });
}

interface CreateInput {
  VpcEndpointType?: string;
  VpcId?: string;
  ServiceName?: string;
  PolicyDocument?: string;
  RouteTableIds?: string[];
  SubnetIds?: string[];
  SecurityGroupIds?: string[];
  IpAddressType?: string;
  DnsOptions?: DnsOptionsInput;
  ClientToken?: string;
  PrivateDnsEnabled?: boolean;
  TagSpecifications?: TagSpecification[];
  SubnetConfigurations?: SubnetConfigurationInput[];
  ServiceRegion?: string;
  DryRun?: boolean;
}

const createVpcEndpoint: OperationHandler = (ctx, input: CreateInput) => {
  rejectUnsupported('CreateVpcEndpoint', input as Record<string, unknown>, [
    'VpcEndpointType', 'VpcId', 'ServiceName', 'PolicyDocument', 'RouteTableIds', 'SubnetIds', 'SecurityGroupIds', 'IpAddressType',
    'DnsOptions', 'ClientToken', 'PrivateDnsEnabled', 'TagSpecifications', 'SubnetConfigurations', 'ServiceRegion',
  ]);
  if (input.VpcId === undefined) throw missingParameter('VpcId');
  if (input.ClientToken !== undefined) {
    const earlier = listInRegion<VpcEndpoint>(ctx.store, KIND.vpcEndpoint, ctx.region, (e) => e.clientToken === input.ClientToken)[0];
    if (earlier) {
      checkDryRun(input);
      return { VpcEndpoint: vpcEndpointToWire(ctx.store, earlier), ClientToken: input.ClientToken };
    }
  }
  const vpc = mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, input.VpcId, 'vpc', 'vpc');
  if (input.ServiceName === undefined) throw missingParameter('ServiceName');
  const serviceName = input.ServiceName;
  if (input.ServiceRegion !== undefined && input.ServiceRegion !== ctx.region) {
    throw new NotImplementedError(`Cross-region VPC endpoints (ServiceRegion ${input.ServiceRegion}) are not implemented by localvpc.`);
  }
  const kind = classifyServiceName(serviceName, ctx.region);
  if (kind === 'unknown') throw invalidServiceName(serviceName);
  // VpcEndpointType defaults to Gateway (§8.5), which localvpc does not run.
  const type = input.VpcEndpointType ?? 'Gateway';
  if (type !== 'Interface') {
    throw new NotImplementedError(`VpcEndpointType ${type}${input.VpcEndpointType === undefined ? ' (the default when VpcEndpointType is omitted)' : ''} is not implemented by localvpc; only Interface endpoints to com.amazonaws.${ctx.region}.execute-api are.`);
  }
  if (kind === 'unimplemented') throw serviceNotImplemented(serviceName, ctx.region);
  refuseRouteTables(input.RouteTableIds);
  checkIpAddressType(input.IpAddressType);
  checkDnsOptions(input.DnsOptions);
  const placed = placements(ctx, vpc.id, input.SubnetIds ?? [], input.SubnetConfigurations ?? []);
  const groups = input.SecurityGroupIds?.length ? endpointGroups(ctx.store, ctx.region, vpc.id, input.SecurityGroupIds) : [defaultGroupId(ctx.store, ctx.region, vpc.id)];
  // Private DNS is on by default for AWS services' endpoints (§4.2).
  const privateDnsEnabled = input.PrivateDnsEnabled ?? true;
  if (privateDnsEnabled) checkPrivateDns(ctx.store, vpc, serviceName);
  const policyDocument = input.PolicyDocument !== undefined ? endpointPolicy(input.PolicyDocument) : DEFAULT_POLICY;
  const tags = tagsFromSpecifications(input.TagSpecifications, 'vpc-endpoint');
  checkDryRun(input);
  const vpce = ctx.store.transact((tx) => {
    const base = ec2Base(ctx, 'vpce', tags);
    const subnets = placed.map((p) => putEndpointInterface(tx, ctx, base.id, p.subnet, groups, p.ip));
    const record: VpcEndpoint = {
      ...base,
      vpcEndpointType: 'Interface',
      vpcId: vpc.id,
      serviceName,
      state: 'available',
      policyDocument,
      subnets,
      groups,
      privateDnsEnabled,
      dnsSuffix: alnumId(8),
      ipAddressType: 'ipv4',
      ...(input.ClientToken !== undefined ? { clientToken: input.ClientToken } : {}),
    };
    return tx.put(KIND.vpcEndpoint, record);
  });
  // The answer shows `pending`; reads show `available` (the record's convention, §4.2).
  return { VpcEndpoint: vpcEndpointToWire(ctx.store, vpce, 'pending'), ClientToken: input.ClientToken };
};

/** DescribeVpcEndpoints filters (§8.5); `service-region` is the endpoint's own region here. */
const ENDPOINT_FILTERS: FilterFields<VpcEndpoint> = {
  'service-name': (e) => e.serviceName,
  'vpc-id': (e) => e.vpcId,
  'vpc-endpoint-id': (e) => e.id,
  'vpc-endpoint-state': (e) => e.state,
  'vpc-endpoint-type': (e) => e.vpcEndpointType,
  'ip-address-type': (e) => e.ipAddressType,
  'service-region': (e) => e.region,
};

interface DescribeInput {
  VpcEndpointIds?: string[];
  Filters?: Filter[];
  MaxResults?: number;
  NextToken?: string;
  DryRun?: boolean;
}

const describeVpcEndpoints: OperationHandler = (ctx, input: DescribeInput) => {
  rejectUnsupported('DescribeVpcEndpoints', input as Record<string, unknown>, ['VpcEndpointIds', 'Filters', 'MaxResults', 'NextToken']);
  let selected: VpcEndpoint[];
  if (input.VpcEndpointIds?.length) {
    const ids = [...new Set(input.VpcEndpointIds)];
    for (const id of ids) if (!isEc2Id('vpce', id)) throw endpointMalformed(id);
    const missing = ids.filter((id) => ctx.store.get<VpcEndpoint>(KIND.vpcEndpoint, id)?.region !== ctx.region);
    if (missing.length) throw endpointNotFound(missing);
    selected = ids.map((id) => ctx.store.get<VpcEndpoint>(KIND.vpcEndpoint, id)!);
  } else {
    selected = listInRegion<VpcEndpoint>(ctx.store, KIND.vpcEndpoint, ctx.region);
  }
  // [infer] DescribeVpcEndpoints answers an unknown filter as DescribeVpcEndpointServices does.
  checkFilterNames(input.Filters, ENDPOINT_FILTERS, 'InvalidFilter');
  checkDryRun(input);
  const matching = applyFilters(selected, input.Filters, ENDPOINT_FILTERS);
  const maxResults = input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, MAX_PAGE);
  const { page, nextToken } = paginate(matching, { MaxResults: maxResults, NextToken: input.NextToken }, { min: 1, max: MAX_PAGE });
  return { VpcEndpoints: page.map((e) => vpcEndpointToWire(ctx.store, e)), NextToken: nextToken };
};

interface ModifyInput {
  VpcEndpointId?: string;
  ResetPolicy?: boolean;
  PolicyDocument?: string;
  AddRouteTableIds?: string[];
  RemoveRouteTableIds?: string[];
  AddSubnetIds?: string[];
  RemoveSubnetIds?: string[];
  AddSecurityGroupIds?: string[];
  RemoveSecurityGroupIds?: string[];
  IpAddressType?: string;
  DnsOptions?: DnsOptionsInput;
  PrivateDnsEnabled?: boolean;
  DryRun?: boolean;
}

/**
 * ModifyVpcEndpoint (§8.5): subnets added get an ENI, subnets removed lose theirs; the groups of
 * every ENI follow the endpoint's; private DNS, policy and the ipv4-only options. Answers
 * `Return: true`.
 */
const modifyVpcEndpoint: OperationHandler = (ctx, input: ModifyInput) => {
  rejectUnsupported('ModifyVpcEndpoint', input as Record<string, unknown>, [
    'VpcEndpointId', 'ResetPolicy', 'PolicyDocument', 'AddRouteTableIds', 'RemoveRouteTableIds', 'AddSubnetIds', 'RemoveSubnetIds',
    'AddSecurityGroupIds', 'RemoveSecurityGroupIds', 'IpAddressType', 'DnsOptions', 'PrivateDnsEnabled',
  ]);
  const vpce = endpointById(ctx, input.VpcEndpointId);
  refuseRouteTables(input.AddRouteTableIds);
  refuseRouteTables(input.RemoveRouteTableIds);
  checkIpAddressType(input.IpAddressType);
  checkDnsOptions(input.DnsOptions);
  if (input.ResetPolicy && input.PolicyDocument !== undefined) {
    // [infer] wording; EC2's code for parameters that exclude each other.
    throw new AwsError('InvalidParameterCombination', 'The parameters ResetPolicy and PolicyDocument cannot be used together.');
  }
  const removeSubnets = new Set(input.RemoveSubnetIds ?? []);
  for (const id of removeSubnets) {
    // [infer] wording for a subnet the endpoint does not have.
    if (!vpce.subnets.some((s) => s.subnetId === id)) throw invalidParameter(`The subnet ID '${id}' is not associated with the VPC endpoint '${vpce.id}'`);
  }
  const kept = vpce.subnets.filter((s) => !removeSubnets.has(s.subnetId));
  const added = subnetsToAdd(ctx.store, ctx.region, vpce.vpcId, input.AddSubnetIds ?? [], kept);
  const removeGroups = new Set(input.RemoveSecurityGroupIds ?? []);
  for (const id of removeGroups) {
    // [infer] wording for a group the endpoint does not have.
    if (!vpce.groups.includes(id)) throw invalidParameter(`The security group '${id}' is not associated with the VPC endpoint '${vpce.id}'`);
  }
  const addGroups = input.AddSecurityGroupIds?.length ? endpointGroups(ctx.store, ctx.region, vpce.vpcId, input.AddSecurityGroupIds) : [];
  const groups = [...new Set([...vpce.groups.filter((g) => !removeGroups.has(g)), ...addGroups])];
  const privateDnsEnabled = input.PrivateDnsEnabled ?? vpce.privateDnsEnabled;
  if (input.PrivateDnsEnabled === true) {
    const vpc = mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, vpce.vpcId, 'vpc', 'vpc');
    checkPrivateDns(ctx.store, vpc, vpce.serviceName, vpce.id);
  }
  let policyDocument = vpce.policyDocument;
  if (input.ResetPolicy) policyDocument = DEFAULT_POLICY;
  else if (input.PolicyDocument !== undefined) policyDocument = endpointPolicy(input.PolicyDocument);
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const current = tx.get<VpcEndpoint>(KIND.vpcEndpoint, vpce.id)!;
    const removed = current.subnets.filter((s) => removeSubnets.has(s.subnetId));
    deleteEndpointInterfaces(tx, removed);
    const remaining: VpcEndpointSubnet[] = current.subnets.filter((s) => !removeSubnets.has(s.subnetId));
    setInterfaceGroups(tx, remaining, groups);
    const subnets = [...remaining, ...added.map((s) => putEndpointInterface(tx, ctx, current.id, s, groups))];
    tx.put(KIND.vpcEndpoint, { ...current, subnets, groups, privateDnsEnabled, policyDocument });
  });
  return { Return: true };
};

/**
 * DeleteVpcEndpoints, a batch call (§8.5): unknown or malformed ids come back as unsuccessful
 * items; the others go, with their ENIs.
 */
const deleteVpcEndpoints: OperationHandler = (ctx, input: { VpcEndpointIds?: string[]; DryRun?: boolean }) => {
  rejectUnsupported('DeleteVpcEndpoints', input as Record<string, unknown>, ['VpcEndpointIds']);
  const ids = [...new Set(input.VpcEndpointIds ?? [])];
  if (ids.length === 0) throw missingParameter('VpcEndpointId');
  const unsuccessful: { Error: { Code: string; Message: string }; ResourceId: string }[] = [];
  const found: VpcEndpoint[] = [];
  for (const id of ids) {
    const vpce = isEc2Id('vpce', id) ? ctx.store.get<VpcEndpoint>(KIND.vpcEndpoint, id) : undefined;
    if (vpce && vpce.region === ctx.region) {
      found.push(vpce);
      continue;
    }
    const error = isEc2Id('vpce', id) ? unsuccessfulNotFound(id) : { code: 'InvalidVpcEndpointId.Malformed', message: endpointMalformed(id).message };
    unsuccessful.push({ Error: { Code: error.code, Message: error.message }, ResourceId: id });
  }
  checkDryRun(input);
  ctx.store.transact((tx) => {
    for (const vpce of found) {
      deleteEndpointInterfaces(tx, vpce.subnets);
      tx.delete(KIND.vpcEndpoint, vpce.id);
    }
  });
  return { Unsuccessful: unsuccessful };
};

export const vpcEndpointHandlers: Record<string, OperationHandler> = {
  CreateVpcEndpoint: createVpcEndpoint,
  DescribeVpcEndpoints: describeVpcEndpoints,
  ModifyVpcEndpoint: modifyVpcEndpoint,
  DeleteVpcEndpoints: deleteVpcEndpoints,
};
