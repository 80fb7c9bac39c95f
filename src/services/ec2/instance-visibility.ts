/**
 * Which instances the API still shows: every instance except terminated ones whose termination
 * is more than an hour old (ec2-route53-acm.md §1.10). Those answer NotFound, as on AWS.
 */
import type { OperationContext } from '../context.js';
import { KIND, type Instance } from '../../state/records/ec2.js';
import { selectVisible } from './visible-lookup.js';
import { stillVisible, TERMINATED_INSTANCE_SECONDS } from './retention.js';

export function isVisible(ctx: OperationContext, instance: Instance): boolean {
  return instance.state !== 'terminated' || stillVisible(ctx.clock, instance.terminatedAt, TERMINATED_INSTANCE_SECONDS);
}

/** One visible instance of the region, or `InvalidInstanceID.NotFound`. */
export function visibleInstance(ctx: OperationContext, id: string): Instance {
  return selectInstances(ctx, [id])[0]!;
}

/** The visible instances named by `ids` (all of the region when none); unknown ids fail the call, naming each. */
export function selectInstances(ctx: OperationContext, ids: readonly string[] | undefined): Instance[] {
  return selectVisible<Instance>(ctx.store, ctx.region, { kind: KIND.instance, prefix: 'i', type: 'instance', visible: (i) => isVisible(ctx, i) }, ids);
}
