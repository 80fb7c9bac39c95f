/**
 * Security group rules in their two API forms (ec2-route53-acm.md §1.8):
 * - `IpPermission`: protocol and ports with lists of sources (IpRanges, Ipv6Ranges,
 *   PrefixListIds, UserIdGroupPairs), what Authorize/Revoke take and DescribeSecurityGroups shows;
 * - `SecurityGroupRule`: one `sgr-` per (permission × source), what DescribeSecurityGroupRules
 *   and Authorize's answer show.
 * The store keeps the second form; this file converts both ways.
 */
import type { RecordReader } from '../../state/store.js';
import { KIND, type SecurityGroup, type SecurityGroupRule, type VpcPeeringConnection } from '../../state/records/ec2.js';
import { AwsError } from '../../kernel/errors.js';
import { formatCidr, parseCidr } from '../../kernel/cidr.js';
import { invalidParameterValue } from './common/errors.js';
import { listInRegion } from './common/lookup.js';
import { groupByName, mustGetGroup } from './security-group-lookup.js';

export interface UserIdGroupPairInput {
  GroupId?: string;
  GroupName?: string;
  UserId?: string;
  VpcId?: string;
  VpcPeeringConnectionId?: string;
  PeeringStatus?: string;
  Description?: string;
}

export interface IpPermissionInput {
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: { CidrIp?: string; Description?: string }[];
  Ipv6Ranges?: { CidrIpv6?: string; Description?: string }[];
  PrefixListIds?: { PrefixListId?: string; Description?: string }[];
  UserIdGroupPairs?: UserIdGroupPairInput[];
}

/** A rule before it has an id. */
export type RuleDraft = Omit<SecurityGroupRule, 'ruleId'>;

/** Protocol numbers EC2 shows by name (§1.8). */
const NAMED_PROTOCOLS: Record<string, string> = { tcp: 'tcp', '6': 'tcp', udp: 'udp', '17': 'udp', icmp: 'icmp', '1': 'icmp', icmpv6: 'icmpv6', '58': 'icmpv6', '-1': '-1', all: '-1' };

/** `tcp`/`udp`/`icmp`/`icmpv6`/`-1` or another protocol number 0–255 ([infer] wording of both errors). */
export function normalizeProtocol(text: string | undefined): string {
  if (text === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter ipProtocol');
  const lower = text.toLowerCase();
  const named = NAMED_PROTOCOLS[lower];
  if (named) return named;
  if (/^\d{1,3}$/.test(lower) && Number(lower) <= 255) return String(Number(lower));
  throw invalidParameterValue(`Invalid value '${text}' for IP protocol. Unknown protocol.`);
}

/** Whether a protocol has ports (TCP/UDP) or type/code (ICMP); every other protocol covers everything. */
function hasPorts(protocol: string): boolean {
  return protocol === 'tcp' || protocol === 'udp' || protocol === 'icmp' || protocol === 'icmpv6';
}

/**
 * Ports of a permission. TCP/UDP need both (observed: `Invalid value for portRange. Must specify
 * both from and to ports with TCP/UDP.`), 0–65535, from ≤ to; ICMP takes type and code, -1 for
 * all; other protocols drop any ports given ("traffic on all ports is allowed, regardless of any
 * ports you specify", AuthorizeSecurityGroupIngress reference).
 */
function ports(protocol: string, from: number | undefined, to: number | undefined): { fromPort?: number; toPort?: number } {
  if (!hasPorts(protocol)) return {};
  if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined || to === undefined) throw invalidParameterValue('Invalid value for portRange. Must specify both from and to ports with TCP/UDP.');
    // [infer] wording for an out-of-range or reversed range.
    if (from < 0 || to > 65535 || from > to) throw invalidParameterValue(`Invalid value for portRange. The range ${from}-${to} is not a valid TCP/UDP port range.`);
    return { fromPort: from, toPort: to };
  }
  // ICMP: -1 stands for every type or code [infer: defaults for omitted values].
  const type = from ?? -1;
  const code = to ?? -1;
  if (type < -1 || type > 255 || code < -1 || code > 255) throw invalidParameterValue(`Invalid value for portRange. ICMP type ${type} and code ${code} are invalid.`);
  return { fromPort: type, toPort: code };
}

/** Characters EC2 allows in descriptions (observed, for group and rule descriptions alike). */
const DESCRIPTION_CHARS = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/;
export const SG_TEXT_CHARSET = 'a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*';

export function isValidSgText(text: string): boolean {
  return text.length < 256 && DESCRIPTION_CHARS.test(text);
}

/** `Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  …` (observed). */
function ruleDescription(text: string | undefined): { description?: string } {
  if (text === undefined) return {};
  if (!isValidSgText(text)) throw invalidParameterValue(`Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  ${SG_TEXT_CHARSET}`);
  return { description: text };
}

/** `CIDR block 10.0.0.0/33 is malformed` [infer: wording seen in emulators]; host bits are zeroed. */
function ipv4Source(text: string | undefined): string {
  const c = text === undefined ? undefined : parseCidr(text);
  if (!c) throw invalidParameterValue(`CIDR block ${text ?? ''} is malformed`);
  return formatCidr(c);
}

function ipv6Source(text: string | undefined): string {
  const m = text === undefined ? null : /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(text);
  if (!m || !m[1]!.includes(':') || Number(m[2]) > 128) throw invalidParameterValue(`CIDR block ${text ?? ''} is malformed`);
  return text!.toLowerCase();
}

/** The active peering connection between two VPCs, if any (cross-VPC group references, §1.11). */
export function activePeering(reader: RecordReader, region: string, vpcA: string, vpcB: string): VpcPeeringConnection | undefined {
  return listInRegion<VpcPeeringConnection>(reader, KIND.vpcPeeringConnection, region, (p) =>
    p.status.code === 'active' && ((p.requesterVpcId === vpcA && p.accepterVpcId === vpcB) || (p.requesterVpcId === vpcB && p.accepterVpcId === vpcA)),
  )[0];
}

/**
 * The group a UserIdGroupPair names: by id, or by name in the default VPC. It must be in the
 * same VPC as `target` or in a VPC peered with it (observed otherwise: `InvalidGroup.NotFound`
 * `You have specified two resources that belong to different networks.`). `PeeringStatus` is an
 * output member the shared input shape also carries; it means nothing on input.
 */
function referencedGroup(reader: RecordReader, target: SecurityGroup, pair: UserIdGroupPairInput, accountId: string): SecurityGroup {
  if (pair.UserId !== undefined && pair.UserId !== accountId) {
    throw new AwsError('InvalidGroup.NotFound', `The security group '${pair.GroupId ?? pair.GroupName ?? ''}' does not exist`);
  }
  let group: SecurityGroup;
  if (pair.GroupId !== undefined) group = mustGetGroup(reader, target.region, pair.GroupId);
  else if (pair.GroupName !== undefined) group = groupByName(reader, target.region, pair.GroupName);
  else throw new AwsError('MissingParameter', 'The request must contain the parameter groupName or groupId');
  if (pair.VpcId !== undefined && pair.VpcId !== group.vpcId) throw new AwsError('InvalidGroup.NotFound', 'You have specified two resources that belong to different networks.');
  if (group.vpcId !== target.vpcId) {
    const pcx = activePeering(reader, target.region, target.vpcId, group.vpcId);
    if (!pcx || (pair.VpcPeeringConnectionId !== undefined && pair.VpcPeeringConnectionId !== pcx.id)) {
      throw new AwsError('InvalidGroup.NotFound', 'You have specified two resources that belong to different networks.');
    }
  }
  return group;
}

/**
 * Expands permissions into rule drafts, one per source, validating protocol, ports, sources and
 * descriptions. A permission must name at least one source [infer: the console's
 * `CIDR block, a security group ID or a prefix list has to be specified`].
 */
export function draftsFromPermissions(reader: RecordReader, target: SecurityGroup, permissions: readonly IpPermissionInput[], accountId: string): RuleDraft[] {
  const drafts: RuleDraft[] = [];
  for (const p of permissions) {
    const ipProtocol = normalizeProtocol(p.IpProtocol);
    const base = { ipProtocol, ...ports(ipProtocol, p.FromPort, p.ToPort) };
    const before = drafts.length;
    for (const r of p.IpRanges ?? []) drafts.push({ ...base, cidrIpv4: ipv4Source(r.CidrIp), ...ruleDescription(r.Description) });
    for (const r of p.Ipv6Ranges ?? []) drafts.push({ ...base, cidrIpv6: ipv6Source(r.CidrIpv6), ...ruleDescription(r.Description) });
    for (const r of p.PrefixListIds ?? []) {
      // Prefix lists are not modelled; any well-formed `pl-` id is kept as given.
      if (!r.PrefixListId || !/^pl-[0-9a-f]{8,17}$/.test(r.PrefixListId)) throw new AwsError('InvalidPrefixListId.Malformed', `Invalid id: "${r.PrefixListId ?? ''}" (expecting "pl-...")`);
      drafts.push({ ...base, prefixListId: r.PrefixListId, ...ruleDescription(r.Description) });
    }
    for (const pair of p.UserIdGroupPairs ?? []) {
      const group = referencedGroup(reader, target, pair, accountId);
      drafts.push({ ...base, referencedGroupId: group.id, referencedUserId: group.ownerId, ...ruleDescription(pair.Description) });
    }
    if (drafts.length === before) throw new AwsError('MissingParameter', 'CIDR block, a security group ID or a prefix list has to be specified');
  }
  return drafts;
}

/** What makes two rules the same rule: protocol, ports and source (descriptions do not count). */
export function ruleKey(r: RuleDraft): string {
  return [r.ipProtocol, r.fromPort ?? '', r.toPort ?? '', r.cidrIpv4 ?? '', r.cidrIpv6 ?? '', r.prefixListId ?? '', r.referencedGroupId ?? ''].join('|');
}

/**
 * AWS's rendering of a rule in InvalidPermission.Duplicate (observed: `peer: 0.0.0.0/0, TCP, from
 * port: 22, to port: 22, ALLOW`, `peer: sg-…, ALL, ALLOW`, `peer: 0.0.0.0/0, protocol: 50, ALLOW`;
 * the ICMP form is [infer]).
 */
export function describeRuleForError(r: RuleDraft): string {
  const peer = r.cidrIpv4 ?? r.cidrIpv6 ?? r.prefixListId ?? r.referencedGroupId ?? '';
  let what: string;
  if (r.ipProtocol === '-1') what = 'ALL';
  else if (hasPorts(r.ipProtocol)) what = `${r.ipProtocol.toUpperCase()}, from port: ${r.fromPort}, to port: ${r.toPort}`;
  else what = `protocol: ${r.ipProtocol}`;
  return `peer: ${peer}, ${what}, ALLOW`;
}

/** UserIdGroupPair / ReferencedGroupInfo of a rule; a group of a peered VPC also names the VPC and the peering. */
function referencedGroupInfo(reader: RecordReader, owner: SecurityGroup, r: SecurityGroupRule): Record<string, unknown> {
  const info: Record<string, unknown> = { GroupId: r.referencedGroupId, UserId: r.referencedUserId };
  const ref = reader.get<SecurityGroup>(KIND.securityGroup, r.referencedGroupId!);
  if (ref && ref.vpcId !== owner.vpcId) {
    const pcx = activePeering(reader, owner.region, owner.vpcId, ref.vpcId);
    Object.assign(info, { VpcId: ref.vpcId, VpcPeeringConnectionId: pcx?.id, PeeringStatus: pcx ? 'active' : 'deleted' });
  }
  return info;
}

/**
 * Groups rules into IpPermissions by protocol and ports, in order of first appearance, as
 * DescribeSecurityGroups shows them. `-1` and port-less protocols carry no FromPort/ToPort.
 */
export function rulesToPermissions(reader: RecordReader, owner: SecurityGroup, rules: readonly SecurityGroupRule[]): Record<string, unknown>[] {
  const byKey = new Map<string, { IpProtocol: string; FromPort?: number; ToPort?: number; IpRanges: object[]; Ipv6Ranges: object[]; PrefixListIds: object[]; UserIdGroupPairs: object[] }>();
  for (const r of rules) {
    const key = `${r.ipProtocol}|${r.fromPort ?? ''}|${r.toPort ?? ''}`;
    let p = byKey.get(key);
    if (!p) byKey.set(key, (p = { IpProtocol: r.ipProtocol, FromPort: r.fromPort, ToPort: r.toPort, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }));
    const description = r.description === undefined ? {} : { Description: r.description };
    if (r.cidrIpv4) p.IpRanges.push({ CidrIp: r.cidrIpv4, ...description });
    else if (r.cidrIpv6) p.Ipv6Ranges.push({ CidrIpv6: r.cidrIpv6, ...description });
    else if (r.prefixListId) p.PrefixListIds.push({ PrefixListId: r.prefixListId, ...description });
    else if (r.referencedGroupId) p.UserIdGroupPairs.push({ ...referencedGroupInfo(reader, owner, r), ...description });
  }
  return [...byKey.values()];
}

export function securityGroupRuleArn(group: SecurityGroup, ruleId: string): string {
  return `arn:aws:ec2:${group.region}:${group.ownerId}:security-group-rule/${ruleId}`;
}

/** A rule as DescribeSecurityGroupRules and Authorize show it; all-port rules read -1/-1. */
export function ruleToWire(reader: RecordReader, group: SecurityGroup, r: SecurityGroupRule, isEgress: boolean): Record<string, unknown> {
  return {
    SecurityGroupRuleId: r.ruleId,
    GroupId: group.id,
    GroupOwnerId: group.ownerId,
    IsEgress: isEgress,
    IpProtocol: r.ipProtocol,
    FromPort: r.fromPort ?? -1,
    ToPort: r.toPort ?? -1,
    CidrIpv4: r.cidrIpv4,
    CidrIpv6: r.cidrIpv6,
    PrefixListId: r.prefixListId,
    ReferencedGroupInfo: r.referencedGroupId ? referencedGroupInfo(reader, group, r) : undefined,
    Description: r.description,
    Tags: [],
    SecurityGroupRuleArn: securityGroupRuleArn(group, r.ruleId),
  };
}

/** A rule as Revoke's `RevokedSecurityGroupRules` lists it. */
export function revokedRuleToWire(group: SecurityGroup, r: SecurityGroupRule, isEgress: boolean): Record<string, unknown> {
  return {
    SecurityGroupRuleId: r.ruleId,
    GroupId: group.id,
    IsEgress: isEgress,
    IpProtocol: r.ipProtocol,
    FromPort: r.fromPort ?? -1,
    ToPort: r.toPort ?? -1,
    CidrIpv4: r.cidrIpv4,
    CidrIpv6: r.cidrIpv6,
    PrefixListId: r.prefixListId,
    ReferencedGroupId: r.referencedGroupId,
    Description: r.description,
  };
}

/** A draft back in IpPermission form, for Revoke's `UnknownIpPermissions`. */
export function draftToPermission(d: RuleDraft): Record<string, unknown> {
  const description = d.description === undefined ? {} : { Description: d.description };
  return {
    IpProtocol: d.ipProtocol,
    FromPort: d.fromPort,
    ToPort: d.toPort,
    IpRanges: d.cidrIpv4 ? [{ CidrIp: d.cidrIpv4, ...description }] : [],
    Ipv6Ranges: d.cidrIpv6 ? [{ CidrIpv6: d.cidrIpv6, ...description }] : [],
    PrefixListIds: d.prefixListId ? [{ PrefixListId: d.prefixListId, ...description }] : [],
    UserIdGroupPairs: d.referencedGroupId ? [{ GroupId: d.referencedGroupId, UserId: d.referencedUserId, ...description }] : [],
  };
}
