/**
 * Derived ELBv2 relations that both the ELBv2 service and the data plane need: which target
 * groups a listener forwards to, which load balancers use a target group, and when a
 * deregistered target has finished draining.
 */
import type { Clock } from '../../kernel/clock.js';
import { ELBV2_KIND, type Listener, type TargetGroup, type TargetRegistration } from '../records/elbv2.js';
import type { RecordReader } from '../store.js';

/** Target group ARNs a listener's actions forward to (TargetGroupArn and ForwardConfig). */
export function forwardedTargetGroups(listener: Pick<Listener, 'defaultActions'>): string[] {
  const out = new Set<string>();
  for (const a of listener.defaultActions) {
    if (a.Type !== 'forward') continue;
    if (a.TargetGroupArn) out.add(a.TargetGroupArn);
    for (const t of a.ForwardConfig?.TargetGroups ?? []) out.add(t.TargetGroupArn);
  }
  return [...out];
}

/** `TargetGroup.LoadBalancerArns`: the load balancers whose listeners forward to it (elbv2-vpc-endpoints.md §1.5). */
export function loadBalancersOfTargetGroup(reader: RecordReader, tgArn: string): string[] {
  const lbs = new Set<string>();
  for (const l of reader.list<Listener>(ELBV2_KIND.listener)) {
    if (forwardedTargetGroups(l).includes(tgArn)) lbs.add(l.loadBalancerArn);
  }
  return [...lbs];
}

/** `deregistration_delay.timeout_seconds`, AWS seconds (default 300, elbv2-vpc-endpoints.md §1.6). */
export function deregistrationDelaySeconds(tg: Pick<TargetGroup, 'attributes'>): number {
  return Number(tg.attributes['deregistration_delay.timeout_seconds'] ?? '300');
}

/**
 * Real epoch ms at which a deregistered target stops draining: the delay runs on the scalable
 * clock (`--time-scale` divides it, DESIGN.md). Undefined for a target still registered.
 */
export function drainEndsAt(reg: Pick<TargetRegistration, 'deregisteredAt'>, tg: Pick<TargetGroup, 'attributes'>, clock: Pick<Clock, 'toRealMs'>): number | undefined {
  if (reg.deregisteredAt === undefined) return undefined;
  return Date.parse(reg.deregisteredAt) + clock.toRealMs(deregistrationDelaySeconds(tg));
}

/** True once a deregistered target has drained for the group's deregistration delay. */
export function isDrainOver(reg: Pick<TargetRegistration, 'deregisteredAt'>, tg: Pick<TargetGroup, 'attributes'>, clock: Pick<Clock, 'toRealMs'>, now: Date): boolean {
  const end = drainEndsAt(reg, tg, clock);
  return end !== undefined && now.getTime() >= end;
}
