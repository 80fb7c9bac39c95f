/**
 * Change records (ec2-route53-acm.md §2.7). Every API change that Route 53 propagates to its name
 * servers (zone creation and deletion, record changes, VPC associations) gets one.
 *
 * Status convention (the one localvpc uses for every transitional state, like ELBv2's
 * `provisioning`): the record is stored `INSYNC` with its `submittedAt`, the call that submits it
 * answers `PENDING`, and GetChange answers what is stored. localvpc's resolver serves a committed
 * change at once, so the change is in sync on every "server" by the time any GetChange can ask;
 * answering INSYNC right away also lets `aws route53 wait resource-record-sets-changed` and the
 * SDK waiters (first poll immediate, then every 30 s) return without a 30 s sleep.
 */
import type { OperationContext } from '../../context.js';
import type { Tx } from '../../../state/store.js';
import { ROUTE53_KIND, type Route53Change } from '../../../state/records/route53.js';
import { changeIdOnWire, freshChangeId } from './ids.js';

export function recordChange(ctx: OperationContext, tx: Tx, comment?: string): Route53Change {
  const change: Route53Change = {
    id: freshChangeId((id) => tx.get(ROUTE53_KIND.change, id) !== undefined),
    status: 'INSYNC',
    submittedAt: ctx.clock.now().toISOString(),
    comment,
  };
  return tx.put(ROUTE53_KIND.change, change);
}

/** `ChangeInfo` on the wire; submitting calls pass `PENDING`. */
export function changeInfoWire(change: Route53Change, status: Route53Change['status'] = change.status): Record<string, unknown> {
  return { Id: changeIdOnWire(change.id), Status: status, SubmittedAt: change.submittedAt, Comment: change.comment };
}
