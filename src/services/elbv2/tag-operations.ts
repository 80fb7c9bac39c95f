/**
 * AddTags, RemoveTags, DescribeTags across load balancers, target groups and listeners
 * (elbv2-vpc-endpoints.md §1.1, §1.11). At most 20 ARNs per DescribeTags call. Each ARN's
 * resource type picks its NotFound code. Rules are not implemented, so rule ARNs are refused.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { NotImplementedError } from '../../kernel/errors.js';
import { ELBV2_KIND, type Elbv2Base } from '../../state/records/elbv2.js';
import { resourceKindOf } from './common/arns.js';
import { listenerNotFound, loadBalancerNotFound, rejectUnsupported, targetGroupNotFound, validationError } from './common/errors.js';
import { checkTags, mergeTags, tagsToWire } from './common/tags.js';

const KINDS = {
  loadbalancer: { kind: ELBV2_KIND.loadBalancer, notFound: loadBalancerNotFound },
  targetgroup: { kind: ELBV2_KIND.targetGroup, notFound: targetGroupNotFound },
  listener: { kind: ELBV2_KIND.listener, notFound: listenerNotFound },
} as const;

function resolve(ctx: OperationContext, arns: readonly string[] | undefined): { kind: string; record: Elbv2Base }[] {
  if (!arns || arns.length === 0) throw validationError('At least one resource ARN must be specified');
  return arns.map((arn) => {
    const type = resourceKindOf(arn);
    if (type === 'listener-rule') throw new NotImplementedError('Listener rules are not implemented by localvpc (elbv2 2015-12-01).');
    if (!type) throw validationError(`'${arn}' is not a valid resource ARN`);
    const spec = KINDS[type];
    const record = ctx.store.get<Elbv2Base>(spec.kind, arn);
    if (!record || record.region !== ctx.region) throw spec.notFound();
    return { kind: spec.kind, record };
  });
}

const addTags: OperationHandler = (ctx, input: { ResourceArns?: string[]; Tags?: { Key?: string; Value?: string }[] }) => {
  rejectUnsupported('AddTags', input, ['ResourceArns', 'Tags']);
  const targets = resolve(ctx, input.ResourceArns);
  const tags = checkTags(input.Tags);
  if (tags.length === 0) throw validationError('At least one tag must be specified');
  const updates = targets.map(({ kind, record }) => ({ kind, record: { ...record, tags: mergeTags(record.tags, tags) } }));
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
    for (const { kind, record } of targets) tx.put(kind, { ...record, tags: record.tags.filter((t) => !keys.has(t.Key)) });
  });
  return {};
};

const describeTags: OperationHandler = (ctx, input: { ResourceArns?: string[] }) => {
  rejectUnsupported('DescribeTags', input, ['ResourceArns']);
  if ((input.ResourceArns?.length ?? 0) > 20) throw validationError('At most 20 resource ARNs can be specified');
  return { TagDescriptions: resolve(ctx, input.ResourceArns).map(({ record }) => ({ ResourceArn: record.id, Tags: tagsToWire(record.tags) })) };
};

export const tagHandlers: Record<string, OperationHandler> = {
  AddTags: addTags,
  RemoveTags: removeTags,
  DescribeTags: describeTags,
};
