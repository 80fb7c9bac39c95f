/**
 * Which target a new NLB flow goes to (elbv2-vpc-endpoints.md §3):
 * - only targets still registered (not draining), with an address, and (instance targets)
 *   whose instance is running;
 * - cross-zone load balancing is off by default for NLBs: a node sends to targets in its own
 *   zone (targets registered with zone `all`, or whose zone localvpc cannot tell, count as
 *   local). When its zone has no healthy target, DNS fail-over moves clients to nodes of zones
 *   that have one, which localvpc models by widening to every zone;
 * - only `healthy` targets, unless none is: then every eligible target (fail-open, "with only
 *   unhealthy targets, all registered targets receive traffic");
 * - stickiness `source_ip` (attribute `stickiness.enabled`) hashes the client address;
 *   otherwise flows are spread round robin, which stands for AWS's flow hash over the 5-tuple
 *   and sequence number (each TCP connection is one flow and stays on its target).
 */
import type { NodeEntry, TargetEntry, TargetGroupEntry } from '../lb/snapshot.js';

export function isEligible(t: TargetEntry): boolean {
  return !t.draining && t.ip !== undefined && (t.instanceState === undefined || t.instanceState === 'running');
}

export const isHealthy = (t: TargetEntry): boolean => t.observed?.state === 'healthy';

function inZone(t: TargetEntry, zone: string | undefined): boolean {
  return zone === undefined || t.availabilityZone === undefined || t.availabilityZone === 'all' || t.availabilityZone === zone;
}

/** The targets a node may send a new flow to, in registration order. */
export function candidateTargets(tg: TargetGroupEntry, node: NodeEntry | undefined, crossZone: boolean): readonly TargetEntry[] {
  const eligible = tg.targets.filter(isEligible);
  const zone = crossZone ? undefined : node?.zoneName;
  const local = eligible.filter((t) => inZone(t, zone));
  const healthyLocal = local.filter(isHealthy);
  if (healthyLocal.length > 0) return healthyLocal;
  const healthyAnywhere = eligible.filter(isHealthy);
  if (healthyAnywhere.length > 0) return healthyAnywhere;
  return eligible;
}

/** Whether cross-zone load balancing applies to a target group (attribute, else the LB's). */
export function crossZoneEnabled(tg: TargetGroupEntry, lbAttributes: Readonly<Record<string, string>>): boolean {
  const own = tg.attributes['load_balancing.cross_zone.enabled'];
  if (own === 'true' || own === 'false') return own === 'true';
  return lbAttributes['load_balancing.cross_zone.enabled'] === 'true';
}

/** Round-robin counters per target group; one picker per data plane. */
export class TargetPicker {
  private readonly next = new Map<string, number>();

  pick(tg: TargetGroupEntry, candidates: readonly TargetEntry[], clientIp: string | undefined): TargetEntry | undefined {
    if (candidates.length === 0) return undefined;
    if (tg.attributes['stickiness.enabled'] === 'true' && clientIp !== undefined) return candidates[hash(clientIp) % candidates.length];
    const i = this.next.get(tg.arn) ?? 0;
    this.next.set(tg.arn, (i + 1) % 1_000_000_007);
    return candidates[i % candidates.length];
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
