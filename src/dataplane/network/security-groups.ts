/**
 * Security group admission: whether a group's rules let a flow in (ingress, checked on the
 * destination ENI) or out (egress, checked on the source ENI).
 *
 * Semantics (elbv2-vpc-endpoints.md §4.4, https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html):
 * - allow rules only; a flow passes when any rule of any group on the ENI matches;
 * - stateful: only the direction that opens the flow is checked, replies always pass, so
 *   nothing here looks at the reverse direction;
 * - protocol `-1` matches everything; `tcp`/`6` and `udp`/`17` match with the port range
 *   `fromPort..toPort` (inclusive); other protocols (icmp, numbers) never match TCP or UDP;
 * - the peer is an IPv4 CIDR containing the other side's address, or a referenced group that
 *   the other side's ENI is a member of ("matches private IPs of ENIs in that SG"). Reference
 *   matching is only offered for flows inside one VPC or across an active peering, which is
 *   where AWS honours them; prefix lists and IPv6 peers never match here.
 */
import { cidrContainsIp } from '../../kernel/cidr.js';
import type { NetworkSnapshot, RuleEntry } from './snapshot.js';

export type TransportProtocol = 'tcp' | 'udp';

/** The other side of a flow, as a rule sees it. */
export interface RulePeer {
  /** Its IPv4 address (private for VPC hosts); undefined for a host somewhere on the internet. */
  readonly ip: number | undefined;
  /** Groups of its ENI, when it is an ENI that group references may match. */
  readonly groupIds: readonly string[] | undefined;
}

export interface Flow {
  readonly protocol: TransportProtocol;
  readonly port: number;
}

/** `admitsIngress` tells whether any of `groupIds` lets `flow` in from `source`. */
export function admitsIngress(snapshot: NetworkSnapshot, groupIds: readonly string[], source: RulePeer, flow: Flow): boolean {
  return groupIds.some((id) => snapshot.securityGroups.get(id)?.ingress.some((rule) => matches(rule, source, flow)) ?? false);
}

/** `allowsEgress` tells whether any of `groupIds` lets `flow` out to `destination`. */
export function allowsEgress(snapshot: NetworkSnapshot, groupIds: readonly string[], destination: RulePeer, flow: Flow): boolean {
  return groupIds.some((id) => snapshot.securityGroups.get(id)?.egress.some((rule) => matches(rule, destination, flow)) ?? false);
}

/** `describeGroups` names groups in denial reasons: `security group sg-1`, `security groups sg-1, sg-2`. */
export function describeGroups(groupIds: readonly string[]): string {
  return `security group${groupIds.length === 1 ? '' : 's'} ${groupIds.join(', ')}`;
}

function matches(rule: RuleEntry, peer: RulePeer, flow: Flow): boolean {
  return protocolMatches(rule, flow) && peerMatches(rule, peer);
}

function protocolMatches(rule: RuleEntry, flow: Flow): boolean {
  const p = rule.ipProtocol.toLowerCase();
  if (p === '-1' || p === 'all') return true;
  const number = flow.protocol === 'tcp' ? '6' : '17';
  if (p !== flow.protocol && p !== number) return false;
  // Absent or -1 ports mean all ports (the model allows omitting them only for "all").
  if (rule.fromPort === undefined || rule.fromPort === -1) return true;
  return flow.port >= rule.fromPort && flow.port <= (rule.toPort ?? rule.fromPort);
}

function peerMatches(rule: RuleEntry, peer: RulePeer): boolean {
  if (rule.network) {
    // A host on the internet has no known address: only 0.0.0.0/0 covers it.
    return peer.ip === undefined ? rule.network.prefix === 0 : cidrContainsIp(rule.network, peer.ip);
  }
  if (rule.referencedGroupId) return peer.groupIds?.includes(rule.referencedGroupId) ?? false;
  return false;
}
