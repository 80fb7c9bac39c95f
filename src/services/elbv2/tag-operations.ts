/**
 * AddTags, RemoveTags, DescribeTags across load balancers, target groups, listeners and listener
 * rules (elbv2-vpc-endpoints.md §1.1, §1.11). At most 20 ARNs per DescribeTags call. Each ARN's
 * resource type picks its NotFound code. A default rule is not stored (rule-wire.ts): it shows no
 * tags, and adding tags to it is not implemented by localvpc.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { NotImplementedError } from '../../kernel/errors.js';
import { ELBV2_KIND, type Elbv2Base } from '../../state/records/elbv2.js';
import { resourceKindOf } from './common/arns.js';
import { listenerNotFound, loadBalancerNotFound, rejectUnsupported, ruleNotFound, targetGroupNotFound, validationError } from './common/errors.js';
import { checkTags, mergeTags, tagsToWire } from './common/tags.js';
import { findRule } from './rule-wire.js';

const KINDS = {
  loadbalancer: { kind: ELBV2_KIND.loadBalancer, notFound: loadBalancerNotFound },
  targetgroup: { kind: ELBV2_KIND.targetGroup, notFound: targetGroupNotFound },
  listener: { kind: ELBV2_KIND.listener, notFound: listenerNotFound },
  'listener-rule': { kind: ELBV2_KIND.rule, notFound: ruleNotFound },
} as const;

/** A resource to tag: a stored record, or a default rule (`record` undefined), which has no tags. */
interface Target {
  readonly arn: string;
  readonly kind: string;
  readonly record?: Elbv2Base;
}

function resolve(ctx: OperationContext, arns: readonly string[] | undefined): Target[] {
  if (!arns || arns.length === 0) throw validationError('At least one resource ARN must be specified');
  return arns.map((arn) => {
    const type = resourceKindOf(arn);
    if (!type) throw validationError(`'${arn}' is not a valid resource ARN`);
    if (type === 'listener-rule') {
      const found = findRule(ctx.store, ctx.region, arn);
      if (!found) throw ruleNotFound();
      return found.isDefault ? { arn, kind: ELBV2_KIND.rule } : { arn, kind: ELBV2_KIND.rule, record: found.rule };
    }
    const spec = KINDS[type];
    const record = ctx.store.get<Elbv2Base>(spec.kind, arn);
    if (!record || record.region !== ctx.region) throw spec.notFound();
    return { arn, kind: spec.kind, record };
  });
}

const addTags: OperationHandler = (ctx, input: { ResourceArns?: string[]; Tags?: { Key?: string; Value?: string }[] }) => {
  rejectUnsupported('AddTags', input, ['ResourceArns', 'Tags']);
  const targets = resolve(ctx, input.ResourceArns);
  const tags = checkTags(input.Tags);
  if (tags.length === 0) throw validationError('At least one tag must be specified');
  const updates = targets.map(({ arn, kind, record }) => {
    if (!record) throw new NotImplementedError(`Tags on the default rule '${arn}' are not implemented by localvpc (elbv2 2015-12-01).`);
    return { kind, record: { ...record, tags: mergeTags(record.tags, tags) } };
  });
  ctx.store.transact((tx) => {
    for (const u of updates) tx.put(u.kind, u.record);
  });
  return {};
};

const removeTags: OperationHandler = (ctx, input: { ResourceArns?: string[]; TagKeys?: string[] }) => {
  rejectUnsupported('RemoveTags', input, ['ResourceArns', 'TagKeys']);
  const targets = resolve(ctx, input.ResourceArns);
  const keys = new Set(input.TagKeys ?? []);
  if (keys.size === 0) throw validationError('At least one tag key must be specified');
  ctx.store.transact((tx) => {
    // A default rule has no tags, so there is nothing to remove from it.
    for (const { kind, record } of targets) if (record) tx.put(kind, { ...record, tags: record.tags.filter((t) => !keys.has(t.Key)) });
  });
  return {};
};

const describeTags: OperationHandler = (ctx, input: { ResourceArns?: string[] }) => {
  rejectUnsupported('DescribeTags', input, ['ResourceArns']);
  if ((input.ResourceArns?.length ?? 0) > 20) throw validationError('At most 20 resource ARNs can be specified');
  return { TagDescriptions: resolve(ctx, input.ResourceArns).map(({ arn, record }) => ({ ResourceArn: arn, Tags: tagsToWire(record?.tags ?? []) })) };
};

export const tagHandlers: Record<string, OperationHandler> = {
  AddTags: addTags,
  RemoveTags: removeTags,
  DescribeTags: describeTags,
};
