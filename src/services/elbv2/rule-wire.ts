/**
 * Listener rules as the API shows them (`Rule`, elbv2-vpc-endpoints.md §1.10), and the lookup of a
 * rule ARN. A listener's default rule is not stored: it is synthesized from the listener, with
 * `Priority: "default"`, `IsDefault: true`, no conditions, the listener's default actions, and an
 * ARN derived from the listener ARN (common/arns.ts `defaultRuleArn`).
 */
import { ELBV2_KIND, type Listener, type ListenerRule } from '../../state/records/elbv2.js';
import type { RecordReader } from '../../state/store.js';
import { defaultRuleArn, listenerArnOfRule } from './common/arns.js';
import { ruleNotFound } from './common/errors.js';

export type ResolvedRule = { readonly isDefault: false; readonly rule: ListenerRule } | { readonly isDefault: true; readonly arn: string; readonly listener: Listener };

export function ruleToWire(r: ListenerRule): Record<string, unknown> {
  return { RuleArn: r.id, Priority: String(r.priority), Conditions: r.conditions, Actions: r.actions, IsDefault: false };
}

export function defaultRuleToWire(l: Listener): Record<string, unknown> {
  return { RuleArn: defaultRuleArn(l.id), Priority: 'default', Conditions: [], Actions: l.defaultActions, IsDefault: true };
}

export function resolvedToWire(r: ResolvedRule): Record<string, unknown> {
  return r.isDefault ? defaultRuleToWire(r.listener) : ruleToWire(r.rule);
}

/** A stored rule or a listener's default rule, in `region`; undefined when neither. */
export function findRule(reader: RecordReader, region: string, arn: string | undefined): ResolvedRule | undefined {
  if (!arn) return undefined;
  const rule = reader.get<ListenerRule>(ELBV2_KIND.rule, arn);
  if (rule) return rule.region === region ? { isDefault: false, rule } : undefined;
  const listenerArn = listenerArnOfRule(arn);
  const listener = listenerArn ? reader.get<Listener>(ELBV2_KIND.listener, listenerArn) : undefined;
  if (listener && listener.region === region && defaultRuleArn(listener.id) === arn) return { isDefault: true, arn, listener };
  return undefined;
}

export function mustFindRule(reader: RecordReader, region: string, arn: string | undefined): ResolvedRule {
  const r = findRule(reader, region, arn);
  if (!r) throw ruleNotFound();
  return r;
}
