/**
 * Derived ELBv2 relations that both the ELBv2 service and the data plane need: which target
 * groups a listener (its default actions and its rules) forwards to, which load balancers use a
 * target group, and when a deregistered target has finished draining.
 */
import type { Clock } from '../../kernel/clock.js';
import { ELBV2_KIND, type Listener, type ListenerAction, type ListenerRule, type TargetGroup, type TargetRegistration } from '../records/elbv2.js';
import type { RecordReader } from '../store.js';

/** Target group ARNs some actions forward to (TargetGroupArn and ForwardConfig), in first-seen order. */
export function actionTargetGroups(actions: readonly ListenerAction[]): string[] {
  const out = new Set<string>();
  for (const a of actions) {
    if (a.Type !== 'forward') continue;
    if (a.TargetGroupArn) out.add(a.TargetGroupArn);
    for (const t of a.ForwardConfig?.TargetGroups ?? []) out.add(t.TargetGroupArn);
  }
  return [...out];
}

/**
 * Target group ARNs a listener forwards to: its default actions, then the actions of `rules`
 * (pass `rulesOfListener(reader, listener.id)` to include the listener's rules).
 */
export function forwardedTargetGroups(listener: Pick<Listener, 'defaultActions'>, rules: readonly Pick<ListenerRule, 'actions'>[] = []): string[] {
  return [...new Set([...actionTargetGroups(listener.defaultActions), ...rules.flatMap((r) => actionTargetGroups(r.actions))])];
}

/** A listener's non-default rules in evaluation order: ascending priority (elbv2-vpc-endpoints.md §1.10). */
export function rulesOfListener(reader: RecordReader, listenerArn: string): ListenerRule[] {
  return reader.list<ListenerRule>(ELBV2_KIND.rule, (r) => r.listenerArn === listenerArn).sort((a, b) => a.priority - b.priority);
}

/** Target group ARNs the listeners (default actions and rules) of a load balancer forward to. */
export function targetGroupsOfLoadBalancer(reader: RecordReader, lbArn: string): string[] {
  const listeners = reader.list<Listener>(ELBV2_KIND.listener, (l) => l.loadBalancerArn === lbArn);
  return [...new Set(listeners.flatMap((l) => forwardedTargetGroups(l, rulesOfListener(reader, l.id))))];
}

/**
 * `TargetGroup.LoadBalancerArns`: the load balancers whose listeners forward to it, by a default
 * action or a rule (elbv2-vpc-endpoints.md §1.5).
 */
export function loadBalancersOfTargetGroup(reader: RecordReader, tgArn: string): string[] {
  const lbs = new Set<string>();
  for (const l of reader.list<Listener>(ELBV2_KIND.listener)) {
    if (actionTargetGroups(l.defaultActions).includes(tgArn)) lbs.add(l.loadBalancerArn);
  }
  const listenerArns = new Set(reader.list<ListenerRule>(ELBV2_KIND.rule, (r) => actionTargetGroups(r.actions).includes(tgArn)).map((r) => r.listenerArn));
  for (const arn of listenerArns) {
    const l = reader.get<Listener>(ELBV2_KIND.listener, arn);
    if (l) lbs.add(l.loadBalancerArn);
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
