/**
 * Listener rules of Application Load Balancers: CreateRule, DescribeRules, ModifyRule, DeleteRule,
 * SetRulePriorities (elbv2-vpc-endpoints.md §1.10).
 *
 * - Priority 1–50000, unique per listener (`PriorityInUse`, moto's wording
 *   `The specified priority is in use.`); rules are listed by ascending priority, the default rule last.
 * - At most 100 rules per load balancer, default rules not counted (§8.2, ALB quotas page:
 *   "Rules per load balancer (not counting default rules): 100") → `TooManyRules`.
 * - The default rule (the listener's default actions) can't be deleted, modified or reprioritised:
 *   `OperationNotPermitted` `Default rule '<arn>' cannot be deleted` (observed,
 *   aws-load-balancer-controller#37) / `… cannot be modified` (observed on ModifyRule,
 *   FeLvi-zzz/tentez#32); its actions change through ModifyListener (ALB guide, "Edit a rule").
 * - Conditions and actions are replaced wholesale by ModifyRule.
 * - Network Load Balancer listeners have only their default rule: CreateRule answers
 *   `UnsupportedProtocol` (an error the model lists for CreateRule; wording [infer]).
 * - Rule transforms (`Transforms`) are not implemented by localvpc.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { AwsError } from '../../kernel/errors.js';
import { ELBV2_KIND, type Listener, type ListenerRule, type LoadBalancer } from '../../state/records/elbv2.js';
import { rulesOfListener } from '../../state/views/load-balancing.js';
import { normaliseActions, type ActionInput } from './actions.js';
import { ruleArn } from './common/arns.js';
import { rejectUnsupported, ruleNotFound, validationError } from './common/errors.js';
import { mustGetListener, mustGetLoadBalancer } from './common/lookup.js';
import { pageInOrder } from './common/pagination.js';
import { checkTags } from './common/tags.js';
import { normaliseConditions, type ConditionInput } from './rule-conditions.js';
import { defaultRuleToWire, mustFindRule, resolvedToWire, ruleToWire, type ResolvedRule } from './rule-wire.js';

/** Rules per load balancer, default rules not counted (§8.2). */
export const MAX_RULES_PER_LOAD_BALANCER = 100;

const priorityInUse = () => new AwsError('PriorityInUse', 'The specified priority is in use.');
const notPermitted = (arn: string, verb: 'deleted' | 'modified') => new AwsError('OperationNotPermitted', `Default rule '${arn}' cannot be ${verb}`);

function checkPriority(priority: unknown): number {
  if (priority === undefined) throw validationError('A rule priority must be specified');
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1 || priority > 50000) {
    throw validationError(`1 validation error detected: Value '${String(priority)}' at 'priority' failed to satisfy constraint: Member must have value between 1 and 50000`);
  }
  return priority;
}

/** The listener and its load balancer, which must be an ALB for rules other than the default one. */
function ruleListener(ctx: OperationContext, arn: string | undefined): { listener: Listener; lb: LoadBalancer } {
  const listener = mustGetListener(ctx.store, ctx.region, arn);
  const lb = mustGetLoadBalancer(ctx.store, ctx.region, listener.loadBalancerArn);
  if (lb.type !== 'application') throw new AwsError('UnsupportedProtocol', `Listener rules are not supported for listeners with the '${listener.protocol}' protocol; only HTTP and HTTPS listeners of Application Load Balancers have rules`);
  return { listener, lb };
}

interface CreateRuleInput {
  ListenerArn?: string;
  Conditions?: ConditionInput[];
  Priority?: number;
  Actions?: ActionInput[];
  Tags?: { Key?: string; Value?: string }[];
}

const createRule: OperationHandler = (ctx, input: CreateRuleInput) => {
  rejectUnsupported('CreateRule', input as Record<string, unknown>, ['ListenerArn', 'Conditions', 'Priority', 'Actions', 'Tags']);
  const { listener, lb } = ruleListener(ctx, input.ListenerArn);
  const priority = checkPriority(input.Priority);
  const conditions = normaliseConditions(input.Conditions, 'CreateRule');
  const actions = normaliseActions(ctx.store, ctx.region, lb, listener.protocol, input.Actions, { operation: 'CreateRule', member: 'actions' });
  const tags = checkTags(input.Tags);
  const rule = ctx.store.transact((tx) => {
    if (tx.list<ListenerRule>(ELBV2_KIND.rule, (r) => r.listenerArn === listener.id && r.priority === priority).length > 0) throw priorityInUse();
    const listenerArns = new Set(tx.list<Listener>(ELBV2_KIND.listener, (l) => l.loadBalancerArn === lb.id).map((l) => l.id));
    if (tx.list<ListenerRule>(ELBV2_KIND.rule, (r) => listenerArns.has(r.listenerArn)).length >= MAX_RULES_PER_LOAD_BALANCER) {
      throw new AwsError('TooManyRules', `The quota of ${MAX_RULES_PER_LOAD_BALANCER} rules per load balancer, not counting default rules, has been reached`);
    }
    const record: ListenerRule = { id: ruleArn(listener.id), region: ctx.region, tags, createdAt: ctx.clock.now().toISOString(), listenerArn: listener.id, priority, conditions, actions };
    return tx.put(ELBV2_KIND.rule, record);
  });
  return { Rules: [ruleToWire(rule)] };
};

const describeRules: OperationHandler = (ctx, input: { ListenerArn?: string; RuleArns?: string[]; Marker?: string; PageSize?: number }) => {
  rejectUnsupported('DescribeRules', input, ['ListenerArn', 'RuleArns', 'Marker', 'PageSize']);
  const arns = input.RuleArns ?? [];
  // moto's AWS-style wording (§1.10).
  if (input.ListenerArn === undefined && arns.length === 0) throw validationError('You must specify either listener rule ARNs or a listener ARN');
  if (input.ListenerArn !== undefined && arns.length > 0) throw validationError('Listener rule ARNs and a listener ARN cannot be specified at the same time');
  let rules: Record<string, unknown>[];
  if (input.ListenerArn !== undefined) {
    // Every listener has its default rule; only ALB listeners have others.
    const listener = mustGetListener(ctx.store, ctx.region, input.ListenerArn);
    rules = [...rulesOfListener(ctx.store, listener.id).map(ruleToWire), defaultRuleToWire(listener)];
  } else {
    rules = [...new Set(arns)].map((arn) => resolvedToWire(mustFindRule(ctx.store, ctx.region, arn)));
  }
  const { page, NextMarker } = pageInOrder(rules, input, (r) => r['RuleArn'] as string);
  return { Rules: page, NextMarker };
};

interface ModifyRuleInput {
  RuleArn?: string;
  Conditions?: ConditionInput[];
  Actions?: ActionInput[];
  ResetTransforms?: boolean;
}

const modifyRule: OperationHandler = (ctx, input: ModifyRuleInput) => {
  // ResetTransforms=false changes nothing (no transforms exist here); true or Transforms are not implemented.
  const { ResetTransforms, ...rest } = input;
  rejectUnsupported('ModifyRule', { ...rest, ...(ResetTransforms ? { ResetTransforms } : {}) }, ['RuleArn', 'Conditions', 'Actions']);
  const found = mustFindRule(ctx.store, ctx.region, input.RuleArn);
  if (found.isDefault) throw notPermitted(found.arn, 'modified');
  // moto's AWS-style wording (§1.10).
  if (input.Conditions === undefined && input.Actions === undefined) throw validationError('Either conditions or actions must be specified');
  const { listener, lb } = ruleListener(ctx, found.rule.listenerArn);
  const conditions = input.Conditions !== undefined ? normaliseConditions(input.Conditions, 'ModifyRule') : found.rule.conditions;
  const actions = input.Actions !== undefined ? normaliseActions(ctx.store, ctx.region, lb, listener.protocol, input.Actions, { operation: 'ModifyRule', member: 'actions' }) : found.rule.actions;
  const updated = ctx.store.transact((tx) => {
    const cur = tx.get<ListenerRule>(ELBV2_KIND.rule, found.rule.id);
    if (!cur) throw ruleNotFound();
    return tx.put(ELBV2_KIND.rule, { ...cur, conditions, actions });
  });
  return { Rules: [ruleToWire(updated)] };
};

const deleteRule: OperationHandler = (ctx, input: { RuleArn?: string }) => {
  rejectUnsupported('DeleteRule', input, ['RuleArn']);
  const found = mustFindRule(ctx.store, ctx.region, input.RuleArn);
  if (found.isDefault) throw notPermitted(found.arn, 'deleted');
  ctx.store.transact((tx) => tx.delete(ELBV2_KIND.rule, found.rule.id));
  return {};
};

/**
 * Sets several priorities at once, atomically: every rule and priority is checked, and the
 * resulting priorities must be unique per listener, so two rules can swap priorities in one call.
 */
const setRulePriorities: OperationHandler = (ctx, input: { RulePriorities?: { RuleArn?: string; Priority?: number }[] }) => {
  rejectUnsupported('SetRulePriorities', input, ['RulePriorities']);
  const pairs = input.RulePriorities ?? [];
  if (pairs.length === 0) throw validationError('At least one rule priority must be specified');
  const priorities = pairs.map((p) => checkPriority(p.Priority));
  // moto's AWS-style wording (§1.10).
  const repeated = priorities.find((p, i) => priorities.indexOf(p) !== i);
  if (repeated !== undefined) throw validationError(`Priority '${repeated}' was provided multiple times`);
  const resolved: ResolvedRule[] = pairs.map((p) => mustFindRule(ctx.store, ctx.region, p.RuleArn));
  const rules = resolved.map((r) => {
    if (r.isDefault) throw notPermitted(r.arn, 'modified');
    return r.rule;
  });
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.id)) throw validationError(`Rule '${r.id}' was provided multiple times`);
    seen.add(r.id);
  }
  const updated = ctx.store.transact((tx) => {
    const next = new Map(rules.map((r, i) => [r.id, priorities[i]!]));
    for (const listenerArn of new Set(rules.map((r) => r.listenerArn))) {
      const taken = new Set<number>();
      for (const r of tx.list<ListenerRule>(ELBV2_KIND.rule, (x) => x.listenerArn === listenerArn)) {
        const p = next.get(r.id) ?? r.priority;
        if (taken.has(p)) throw priorityInUse();
        taken.add(p);
      }
    }
    return rules.map((r) => {
      const cur = tx.get<ListenerRule>(ELBV2_KIND.rule, r.id);
      if (!cur) throw ruleNotFound();
      return tx.put(ELBV2_KIND.rule, { ...cur, priority: next.get(r.id)! });
    });
  });
  return { Rules: updated.map(ruleToWire) };
};

export const ruleHandlers: Record<string, OperationHandler> = {
  CreateRule: createRule,
  DescribeRules: describeRules,
  ModifyRule: modifyRule,
  DeleteRule: deleteRule,
  SetRulePriorities: setRulePriorities,
};
