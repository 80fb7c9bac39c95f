/**
 * Security groups: CreateSecurityGroup, DescribeSecurityGroups, DeleteSecurityGroup
 * (ec2-route53-acm.md §1.8). Rules live in security-group-rules.ts; `securityGroupHandlers`
 * registers both.
 */
import type { OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { KIND, type Instance, type NetworkInterface, type SecurityGroup, type SecurityGroupRule, type Vpc, type VpcEndpoint } from '../../state/records/ec2.js';
import { AwsError } from '../../kernel/errors.js';
import { checkDryRun, dependencyViolation, invalidParameterValue, missingParameter, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { paginate } from './common/pagination.js';
import { tagsFromSpecifications, tagsToWire, type TagSpecification } from './common/tags.js';
import { listInRegion, mustGet, selectByIds } from './common/lookup.js';
import { newSecurityGroup } from './security-group-records.js';
import { defaultVpc, groupByName, groupFromInput, securityGroupArn } from './security-group-lookup.js';
import { isValidSgText, rulesToPermissions, SG_TEXT_CHARSET } from './security-group-permissions.js';
import { securityGroupRuleHandlers } from './security-group-rules.js';

export function securityGroupToWire(reader: RecordReader, group: SecurityGroup): Record<string, unknown> {
  return {
    GroupId: group.id,
    GroupName: group.groupName,
    Description: group.description,
    VpcId: group.vpcId,
    OwnerId: group.ownerId,
    SecurityGroupArn: securityGroupArn(group),
    IpPermissions: rulesToPermissions(reader, group, group.ingress),
    IpPermissionsEgress: rulesToPermissions(reader, group, group.egress),
    Tags: tagsToWire(group.tags),
  };
}

/** Values of one rule attribute across a direction's rules, for the `ip-permission.*` filters. */
function ruleFilters(prefix: string, rules: (g: SecurityGroup) => readonly SecurityGroupRule[], reader: RecordReader): FilterFields<SecurityGroup> {
  const nameOf = (id: string | undefined) => (id ? reader.get<SecurityGroup>(KIND.securityGroup, id)?.groupName : undefined);
  return {
    [`${prefix}.cidr`]: (g) => rules(g).map((r) => r.cidrIpv4),
    [`${prefix}.from-port`]: (g) => rules(g).map((r) => r.fromPort),
    [`${prefix}.group-id`]: (g) => rules(g).map((r) => r.referencedGroupId),
    [`${prefix}.group-name`]: (g) => rules(g).map((r) => nameOf(r.referencedGroupId)),
    [`${prefix}.ipv6-cidr`]: (g) => rules(g).map((r) => r.cidrIpv6),
    [`${prefix}.prefix-list-id`]: (g) => rules(g).map((r) => r.prefixListId),
    [`${prefix}.protocol`]: (g) => rules(g).map((r) => r.ipProtocol),
    [`${prefix}.to-port`]: (g) => rules(g).map((r) => r.toPort),
    [`${prefix}.user-id`]: (g) => rules(g).map((r) => r.referencedUserId),
  };
}

/**
 * DescribeSecurityGroups filters (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html).
 * Rule filters match independently: "any combination of rules - not necessarily a single rule -
 * match all filters".
 */
function groupFilters(reader: RecordReader): FilterFields<SecurityGroup> {
  return {
    'description': (g) => g.description,
    'group-id': (g) => g.id,
    'group-name': (g) => g.groupName,
    'owner-id': (g) => g.ownerId,
    'vpc-id': (g) => g.vpcId,
    ...ruleFilters('ip-permission', (g) => g.ingress, reader),
    ...ruleFilters('egress.ip-permission', (g) => g.egress, reader),
  };
}

/**
 * Name and description rules (§1.8): both required and under 256 characters of EC2's set
 * (observed for descriptions; the name wording is [infer]); names may not start with `sg-` and
 * `default` is reserved.
 */
function validateNameAndDescription(name: string | undefined, description: string | undefined): { name: string; description: string } {
  if (name === undefined) throw missingParameter('groupName');
  if (description === undefined) throw missingParameter('groupDescription');
  if (name.length === 0 || !isValidSgText(name)) throw invalidParameterValue(`Invalid security group name. Valid names are strings less than 256 characters from the following set:  ${SG_TEXT_CHARSET}`);
  if (name.toLowerCase().startsWith('sg-')) throw invalidParameterValue(`Value (${name}) for parameter GroupName is invalid. Group names may not be in the format sg-*.`);
  if (!isValidSgText(description)) throw invalidParameterValue(`Invalid security group description. Valid descriptions are strings less than 256 characters from the following set:  ${SG_TEXT_CHARSET}`);
  if (name === 'default') throw new AwsError('InvalidGroup.Reserved', "The security group 'default' is reserved");
  return { name, description };
}

const createSecurityGroup: OperationHandler = (ctx, input: { GroupName?: string; Description?: string; VpcId?: string; TagSpecifications?: TagSpecification[]; DryRun?: boolean }) => {
  rejectUnsupported('CreateSecurityGroup', input, ['GroupName', 'Description', 'VpcId', 'TagSpecifications']);
  const { name, description } = validateNameAndDescription(input.GroupName, input.Description);
  // Without VpcId the group goes to the default VPC; none left → `VPCIdNotSpecified`.
  const vpc = input.VpcId !== undefined ? mustGet<Vpc>(ctx.store, KIND.vpc, ctx.region, input.VpcId, 'vpc', 'vpc') : defaultVpc(ctx.store, ctx.region);
  if (!vpc) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
  const lower = name.toLowerCase();
  if (listInRegion<SecurityGroup>(ctx.store, KIND.securityGroup, ctx.region, (g) => g.vpcId === vpc.id && g.groupName.toLowerCase() === lower).length > 0) {
    throw new AwsError('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpc.id}'`);
  }
  const tags = tagsFromSpecifications(input.TagSpecifications, 'security-group');
  checkDryRun(input);
  const group = ctx.store.transact((tx) => tx.put(KIND.securityGroup, newSecurityGroup(ctx, vpc.id, name, description, tags)));
  return { GroupId: group.id, Tags: tagsToWire(group.tags), SecurityGroupArn: securityGroupArn(group) };
};

/** `GroupNames` resolve in the default VPC only (§1.3); `GroupIds` anywhere in the region. */
const describeSecurityGroups: OperationHandler = (ctx, input: { GroupIds?: string[]; GroupNames?: string[]; Filters?: Filter[]; MaxResults?: number; NextToken?: string; DryRun?: boolean }) => {
  rejectUnsupported('DescribeSecurityGroups', input, ['GroupIds', 'GroupNames', 'Filters', 'MaxResults', 'NextToken']);
  const names = input.GroupNames ?? [];
  let selected: SecurityGroup[];
  if (names.length === 0) {
    selected = selectByIds<SecurityGroup>(ctx.store, KIND.securityGroup, ctx.region, input.GroupIds, 'sg', 'security-group');
  } else {
    const byId = input.GroupIds?.length ? selectByIds<SecurityGroup>(ctx.store, KIND.securityGroup, ctx.region, input.GroupIds, 'sg', 'security-group') : [];
    const byName = names.map((n) => groupByName(ctx.store, ctx.region, n));
    selected = [...new Map([...byId, ...byName].map((g) => [g.id, g])).values()];
  }
  const groups = applyFilters(selected, input.Filters, groupFilters(ctx.store));
  checkDryRun(input);
  const { page, nextToken } = paginate(groups, input, { min: 5, max: 1000 });
  return { SecurityGroups: page.map((g) => securityGroupToWire(ctx.store, g)), NextToken: nextToken };
};

/**
 * The VPC's `default` group cannot be deleted (observed: `CannotDelete` `the specified group:
 * "sg-…" name: "default" cannot be deleted by a user`); a group on an ENI or instance, or named
 * by another group's rule, is in use (`DependencyViolation` `resource sg-… has a dependent object`).
 */
const deleteSecurityGroup: OperationHandler = (ctx, input: { GroupId?: string; GroupName?: string; DryRun?: boolean }) => {
  rejectUnsupported('DeleteSecurityGroup', input, ['GroupId', 'GroupName']);
  const group = groupFromInput(ctx.store, ctx.region, input);
  const id = group.id;
  if (group.groupName === 'default') throw new AwsError('CannotDelete', `the specified group: "${id}" name: "default" cannot be deleted by a user`);
  const referenced = (r: SecurityGroupRule) => r.referencedGroupId === id;
  const inUse =
    listInRegion<NetworkInterface>(ctx.store, KIND.networkInterface, ctx.region, (n) => n.groups.includes(id)).length > 0 ||
    listInRegion<VpcEndpoint>(ctx.store, KIND.vpcEndpoint, ctx.region, (e) => e.groups.includes(id)).length > 0 ||
    listInRegion<Instance>(ctx.store, KIND.instance, ctx.region, (i) => i.state !== 'terminated' && i.securityGroupIds.includes(id)).length > 0 ||
    listInRegion<SecurityGroup>(ctx.store, KIND.securityGroup, ctx.region, (g) => g.id !== id && (g.ingress.some(referenced) || g.egress.some(referenced))).length > 0;
  if (inUse) throw dependencyViolation(`resource ${id} has a dependent object`);
  checkDryRun(input);
  ctx.store.transact((tx) => tx.delete(KIND.securityGroup, id));
  return { Return: true, GroupId: id };
};

export const securityGroupHandlers: Record<string, OperationHandler> = {
  CreateSecurityGroup: createSecurityGroup,
  DescribeSecurityGroups: describeSecurityGroups,
  DeleteSecurityGroup: deleteSecurityGroup,
  ...securityGroupRuleHandlers,
};
