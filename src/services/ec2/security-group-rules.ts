/**
 * Security group rules: AuthorizeSecurityGroupIngress/Egress, RevokeSecurityGroupIngress/Egress,
 * DescribeSecurityGroupRules (ec2-route53-acm.md §1.8).
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { KIND, type SecurityGroup, type SecurityGroupRule } from '../../state/records/ec2.js';
import { ec2Id } from '../../kernel/ids.js';
import { AwsError } from '../../kernel/errors.js';
import { checkDryRun, missingParameter, notFound, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { paginate } from './common/pagination.js';
import { listInRegion } from './common/lookup.js';
import { defaultVpc, groupFromInput } from './security-group-lookup.js';
import {
  describeRuleForError,
  draftToPermission,
  draftsFromPermissions,
  revokedRuleToWire,
  ruleKey,
  ruleToWire,
  type IpPermissionInput,
  type RuleDraft,
} from './security-group-permissions.js';

/** Default quota of inbound, and separately outbound, rules per group (VPC quotas page). */
export const RULES_PER_DIRECTION = 60;

type Direction = 'ingress' | 'egress';

type RuleInput = {
  GroupId?: string;
  GroupName?: string;
  IpPermissions?: IpPermissionInput[];
  CidrIp?: string;
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  SourceSecurityGroupName?: string;
  SourceSecurityGroupOwnerId?: string;
  SecurityGroupRuleIds?: string[];
  DryRun?: boolean;
};

const FLAT_MEMBERS = ['CidrIp', 'IpProtocol', 'FromPort', 'ToPort', 'SourceSecurityGroupName', 'SourceSecurityGroupOwnerId'] as const;

/**
 * The permissions of a call: `IpPermissions`, or the older flat form of the ingress calls
 * (`CidrIp` + `IpProtocol`/`FromPort`/`ToPort`, or `SourceSecurityGroupName`, which grants full
 * ICMP, UDP and TCP access from that group; AuthorizeSecurityGroupIngress reference).
 */
function permissionsOf(input: RuleInput): IpPermissionInput[] {
  const flat = FLAT_MEMBERS.filter((m) => input[m] !== undefined);
  const listed = input.IpPermissions ?? [];
  if (flat.length === 0) return listed;
  // [infer] wording of both combination errors.
  if (listed.length > 0) throw new AwsError('InvalidParameterCombination', `The parameter ipPermissions cannot be used with the parameter ${flat.map((m) => m[0]!.toLowerCase() + m.slice(1)).join(', ')}`);
  if (input.SourceSecurityGroupName !== undefined) {
    if (input.CidrIp !== undefined || input.IpProtocol !== undefined || input.FromPort !== undefined || input.ToPort !== undefined) {
      throw new AwsError('InvalidParameterCombination', 'The parameter sourceSecurityGroupName cannot be used with the parameters cidrIp, ipProtocol, fromPort or toPort');
    }
    const pair = { GroupName: input.SourceSecurityGroupName, UserId: input.SourceSecurityGroupOwnerId };
    return [
      { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, UserIdGroupPairs: [pair] },
      { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, UserIdGroupPairs: [pair] },
      { IpProtocol: 'udp', FromPort: 0, ToPort: 65535, UserIdGroupPairs: [pair] },
    ];
  }
  if (input.SourceSecurityGroupOwnerId !== undefined) throw missingParameter('sourceSecurityGroupName');
  return [{ IpProtocol: input.IpProtocol, FromPort: input.FromPort, ToPort: input.ToPort, IpRanges: input.CidrIp === undefined ? [] : [{ CidrIp: input.CidrIp }] }];
}

/** Ingress calls name the group by id or (default VPC) name; egress calls only by id. */
function targetGroup(ctx: OperationContext, direction: Direction, input: RuleInput): SecurityGroup {
  if (direction === 'egress' && input.GroupId === undefined) throw missingParameter('groupId');
  return groupFromInput(ctx.store, ctx.region, input);
}

function supportedMembers(direction: Direction, revoke: boolean): string[] {
  const members = direction === 'ingress' ? ['GroupId', 'GroupName', 'IpPermissions', ...FLAT_MEMBERS] : ['GroupId', 'IpPermissions'];
  return revoke ? [...members, 'SecurityGroupRuleIds'] : members;
}

/**
 * Adds rules; an identical rule (same protocol, ports and source) is refused with
 * `InvalidPermission.Duplicate` `the specified rule "peer: …, ALLOW" already exists` (§1.8).
 */
function authorize(operation: string, direction: Direction): OperationHandler {
  return (ctx, input: RuleInput) => {
    rejectUnsupported(operation, input, supportedMembers(direction, false));
    const group = targetGroup(ctx, direction, input);
    const permissions = permissionsOf(input);
    if (permissions.length === 0) throw missingParameter('ipPermissions');
    const drafts = draftsFromPermissions(ctx.store, group, permissions, ctx.accountId);
    const seen = new Set(group[direction].map(ruleKey));
    for (const d of drafts) {
      const key = ruleKey(d);
      if (seen.has(key)) throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRuleForError(d)}" already exists`);
      seen.add(key);
    }
    if (group[direction].length + drafts.length > RULES_PER_DIRECTION) {
      throw new AwsError('RulesPerSecurityGroupLimitExceeded', 'The maximum number of rules per security group has been reached.');
    }
    checkDryRun(input);
    const added: SecurityGroupRule[] = drafts.map((d) => ({ ruleId: ec2Id('sgr'), ...d }));
    const updated = ctx.store.transact((tx) => {
      const cur = tx.get<SecurityGroup>(KIND.securityGroup, group.id)!;
      return tx.put(KIND.securityGroup, { ...cur, [direction]: [...cur[direction], ...added] });
    });
    return { Return: true, SecurityGroupRules: added.map((r) => ruleToWire(ctx.store, updated, r, direction === 'egress')) };
  };
}

/**
 * Removes rules by id or by permission. By permission, a rule that does not exist is an error in
 * a nondefault VPC (`InvalidPermission.NotFound`, nothing revoked) and is listed in
 * `UnknownIpPermissions` in the default VPC (RevokeSecurityGroupIngress reference).
 */
function revoke(operation: string, direction: Direction): OperationHandler {
  return (ctx, input: RuleInput) => {
    rejectUnsupported(operation, input, supportedMembers(direction, true));
    const group = targetGroup(ctx, direction, input);
    const ruleIds = input.SecurityGroupRuleIds ?? [];
    const permissions = permissionsOf(input);
    if (ruleIds.length > 0 && permissions.length > 0) {
      throw new AwsError('InvalidParameterCombination', 'The parameter securityGroupRuleIds cannot be used with the parameter ipPermissions');
    }
    if (ruleIds.length === 0 && permissions.length === 0) throw missingParameter('ipPermissions');
    const existing = group[direction];
    let revoked: SecurityGroupRule[];
    const unknown: RuleDraft[] = [];
    if (ruleIds.length > 0) {
      const missing = ruleIds.filter((id) => !existing.some((r) => r.ruleId === id));
      if (missing.length) throw notFound('security-group-rule', missing);
      revoked = existing.filter((r) => ruleIds.includes(r.ruleId));
    } else {
      const drafts = draftsFromPermissions(ctx.store, group, permissions, ctx.accountId);
      const byKey = new Map(existing.map((r) => [ruleKey(r), r]));
      revoked = [];
      for (const d of drafts) {
        const hit = byKey.get(ruleKey(d));
        if (hit) {
          if (!revoked.includes(hit)) revoked.push(hit);
        } else unknown.push(d);
      }
      if (unknown.length > 0 && group.vpcId !== defaultVpc(ctx.store, ctx.region)?.id) {
        throw new AwsError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
      }
    }
    checkDryRun(input);
    const gone = new Set(revoked.map((r) => r.ruleId));
    if (gone.size > 0) {
      ctx.store.transact((tx) => {
        const cur = tx.get<SecurityGroup>(KIND.securityGroup, group.id)!;
        tx.put(KIND.securityGroup, { ...cur, [direction]: cur[direction].filter((r) => !gone.has(r.ruleId)) });
      });
    }
    return {
      Return: true,
      RevokedSecurityGroupRules: revoked.map((r) => revokedRuleToWire(group, r, direction === 'egress')),
      UnknownIpPermissions: unknown.length ? unknown.map(draftToPermission) : undefined,
    };
  };
}

/** One rule with its group, the unit DescribeSecurityGroupRules filters and pages. */
interface RuleView {
  readonly id: string;
  readonly createdAt: string;
  readonly tags: readonly never[];
  readonly group: SecurityGroup;
  readonly rule: SecurityGroupRule;
  readonly isEgress: boolean;
}

/** DescribeSecurityGroupRules filters (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroupRules.html); rules carry no tags here. */
const RULE_FILTERS: FilterFields<RuleView> = {
  'group-id': (v) => v.group.id,
  'security-group-rule-id': (v) => v.rule.ruleId,
};

const describeSecurityGroupRules: OperationHandler = (ctx, input: { SecurityGroupRuleIds?: string[]; Filters?: Filter[]; MaxResults?: number; NextToken?: string; DryRun?: boolean }) => {
  rejectUnsupported('DescribeSecurityGroupRules', input, ['SecurityGroupRuleIds', 'Filters', 'MaxResults', 'NextToken']);
  const views: RuleView[] = [];
  for (const group of listInRegion<SecurityGroup>(ctx.store, KIND.securityGroup, ctx.region)) {
    for (const rule of group.ingress) views.push({ id: rule.ruleId, createdAt: group.createdAt, tags: [], group, rule, isEgress: false });
    for (const rule of group.egress) views.push({ id: rule.ruleId, createdAt: group.createdAt, tags: [], group, rule, isEgress: true });
  }
  let selected = views;
  const ids = input.SecurityGroupRuleIds ?? [];
  if (ids.length > 0) {
    const missing = ids.filter((id) => !views.some((v) => v.id === id));
    if (missing.length) throw notFound('security-group-rule', missing);
    selected = views.filter((v) => ids.includes(v.id));
  }
  const matching = applyFilters(selected, input.Filters, RULE_FILTERS);
  checkDryRun(input);
  const { page, nextToken } = paginate(matching, input, { min: 5, max: 1000 });
  return { SecurityGroupRules: page.map((v) => ruleToWire(ctx.store, v.group, v.rule, v.isEgress)), NextToken: nextToken };
};

export const securityGroupRuleHandlers: Record<string, OperationHandler> = {
  AuthorizeSecurityGroupIngress: authorize('AuthorizeSecurityGroupIngress', 'ingress'),
  AuthorizeSecurityGroupEgress: authorize('AuthorizeSecurityGroupEgress', 'egress'),
  RevokeSecurityGroupIngress: revoke('RevokeSecurityGroupIngress', 'ingress'),
  RevokeSecurityGroupEgress: revoke('RevokeSecurityGroupEgress', 'egress'),
  DescribeSecurityGroupRules: describeSecurityGroupRules,
};

