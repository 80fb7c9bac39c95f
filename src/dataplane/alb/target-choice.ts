/**
 * Which target of a target group takes a request (elbv2-vpc-endpoints.md §1.6, §2.1,
 * checklist 17, 32):
 *
 * - candidates are registered targets (not draining: "no new requests" after deregistration),
 *   with an address, instances only while running, in a zone the load balancer has enabled (or
 *   zone `all`);
 * - targets never checked, or still `initial`, take no traffic: whether AWS fails open to them is
 *   not documented, so localvpc answers 503 while a group has only those (§2.1 [infer] default);
 * - only `healthy` targets while there is one; when every checked target is unhealthy, all of
 *   them (fail-open, "if all registered targets are unhealthy, traffic is spread over all of
 *   them"; `target_group_health.unhealthy_state_routing.minimum_healthy_targets.count` 1);
 * - cross-zone load balancing is on for ALBs; a target group that turns it off
 *   (`load_balancing.cross_zone.enabled` false) keeps a node on its own zone's targets while one
 *   of them is healthy;
 * - `stickiness.enabled` with `stickiness.type` `lb_cookie`: the target the `AWSALB` cookie
 *   names, while it is a candidate; otherwise a new one, and the cookie is set again
 *   (sticky-cookies.ts). Stickiness "overrides the algorithm after first pick" (§1.6);
 * - otherwise `load_balancing.algorithm.type`: `round_robin` (default) in registration order;
 *   `least_outstanding_requests` the target with the fewest requests in flight from this ALB,
 *   ties in turn; `weighted_random` at random (anomaly mitigation is not modelled).
 *
 * `stickiness.type` `app_cookie` (application-based stickiness) is refused by the control plane
 * as not implemented, so it never reaches here.
 */
import type { LoadBalancerEntry, NodeEntry, TargetEntry, TargetGroupEntry } from '../lb/snapshot.js';
import { crossZoneEnabled, isEligible, isHealthy } from '../nlb/target-selection.js';
import { decodeSticky, readCookie, stickyCookies, TARGET_COOKIE, TARGET_CORS_COOKIE } from './sticky-cookies.js';

export type TargetChoice = { readonly target: TargetEntry; readonly cookies: readonly string[] } | { readonly target: undefined; readonly reason: string };

/** Whether health checks have judged the target (healthy or unhealthy); `initial` and never-checked targets are not. */
const isJudged = (t: TargetEntry): boolean => t.observed?.state === 'healthy' || t.observed?.state === 'unhealthy';

/** The targets a node may send a new request to, in registration order. */
export function albCandidates(tg: TargetGroupEntry, lb: LoadBalancerEntry, node: NodeEntry): readonly TargetEntry[] {
  const zones = new Set(lb.nodes.map((n) => n.zoneName));
  const usable = tg.targets.filter((t) => isEligible(t) && isJudged(t) && (t.availabilityZone === undefined || t.availabilityZone === 'all' || zones.has(t.availabilityZone)));
  const cross = crossZoneEnabled(tg, lb.attributes);
  const local = cross ? usable : usable.filter((t) => t.availabilityZone === undefined || t.availabilityZone === 'all' || t.availabilityZone === node.zoneName);
  const healthyLocal = local.filter(isHealthy);
  if (healthyLocal.length > 0) return healthyLocal;
  const healthy = usable.filter(isHealthy);
  if (healthy.length > 0) return healthy;
  return local.length > 0 ? local : usable;
}

/** Picks targets; one per data plane, so round-robin turns and outstanding counts are shared by all nodes of an ALB. */
export class AlbTargetPicker {
  private readonly turn = new Map<string, number>();
  private readonly outstanding = new Map<string, number>();

  constructor(private readonly random: () => number = Math.random) {}

  choose(tg: TargetGroupEntry, lb: LoadBalancerEntry, node: NodeEntry, rawHeaders: readonly string[], now: Date): TargetChoice {
    const candidates = albCandidates(tg, lb, node);
    if (candidates.length === 0) return { target: undefined, reason: noTargetReason(tg) };
    const sticky = tg.attributes['stickiness.enabled'] === 'true' && (tg.attributes['stickiness.type'] ?? 'lb_cookie') === 'lb_cookie';
    if (!sticky) return { target: this.byAlgorithm(tg, candidates), cookies: [] };
    const named = decodeSticky(readCookie(rawHeaders, TARGET_COOKIE));
    const target = candidates.find((t) => t.key === named) ?? this.byAlgorithm(tg, candidates);
    const seconds = Number(tg.attributes['stickiness.lb_cookie.duration_seconds'] ?? '86400');
    return { target, cookies: stickyCookies(TARGET_COOKIE, TARGET_CORS_COOKIE, target.key, seconds, now) };
  }

  /** Counts a request in flight to `key` (least outstanding requests); call the result when it ends. */
  begin(key: string): () => void {
    this.outstanding.set(key, (this.outstanding.get(key) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const n = (this.outstanding.get(key) ?? 1) - 1;
      if (n <= 0) this.outstanding.delete(key);
      else this.outstanding.set(key, n);
    };
  }

  /** Requests in flight to a target, for tests and status. */
  inFlight(key: string): number {
    return this.outstanding.get(key) ?? 0;
  }

  private byAlgorithm(tg: TargetGroupEntry, candidates: readonly TargetEntry[]): TargetEntry {
    switch (tg.attributes['load_balancing.algorithm.type']) {
      case 'least_outstanding_requests': {
        const fewest = Math.min(...candidates.map((t) => this.inFlight(t.key)));
        return this.roundRobin(tg.arn, candidates.filter((t) => this.inFlight(t.key) === fewest));
      }
      case 'weighted_random':
        return candidates[Math.floor(this.random() * candidates.length) % candidates.length]!;
      default:
        return this.roundRobin(tg.arn, candidates);
    }
  }

  private roundRobin(tgArn: string, candidates: readonly TargetEntry[]): TargetEntry {
    const i = this.turn.get(tgArn) ?? 0;
    this.turn.set(tgArn, (i + 1) % 1_000_000_007);
    return candidates[i % candidates.length]!;
  }
}

function noTargetReason(tg: TargetGroupEntry): string {
  if (!tg.targets.some((t) => !t.draining)) return `target group ${tg.name} has no registered targets`;
  return `target group ${tg.name} has no target that health checks have judged yet (initial) in an enabled zone`;
}
