/**
 * ChangeResourceRecordSets (ec2-route53-acm.md §2.5): the batch is atomic. Shape problems answer
 * InvalidInput before anything applies (change-input.ts); the changes then apply in order to a
 * working copy (change-apply.ts), and either every problem comes back in one InvalidChangeBatch
 * or the whole batch commits in one transaction with one Change record (PENDING in the answer,
 * common/changes.ts).
 *
 * At most 1000 ResourceRecord values per request (`Number of records limit of 1000 exceeded.`,
 * [moto]).
 */
import type { OperationHandler } from '../context.js';
import { ROUTE53_KIND } from '../../state/records/route53.js';
import { ZoneWorkingCopy } from './change-apply.js';
import { checkChange, type ChangeInput } from './change-input.js';
import { changeInfoWire, recordChange } from './common/changes.js';
import { invalidChangeBatch, invalidInput, rejectUnsupported } from './common/errors.js';
import { mustGetZone, recordSetsOf } from './common/zones.js';

const MAX_VALUES_PER_REQUEST = 1000;

interface ChangeResourceRecordSetsInput {
  HostedZoneId: string;
  ChangeBatch?: { Comment?: string; Changes?: ChangeInput[] };
}

const changeResourceRecordSets: OperationHandler = (ctx, input: ChangeResourceRecordSetsInput) => {
  rejectUnsupported('ChangeResourceRecordSets', input as unknown as Record<string, unknown>, ['HostedZoneId', 'ChangeBatch']);
  const batch = input.ChangeBatch;
  // Wording [infer]; the codec's model check answers first on the wire.
  if (!batch?.Changes?.length) throw invalidInput('Invalid request: ChangeBatch must contain at least one Change');
  rejectUnsupported('ChangeResourceRecordSets', batch, ['Comment', 'Changes'], 'ChangeBatch.');
  return ctx.store.transact((tx) => {
    const zone = mustGetZone(tx, input.HostedZoneId);
    const changes = batch.Changes!.map(checkChange);
    const values = changes.reduce((n, c) => n + (c.rrset.ResourceRecords?.length ?? 0), 0);
    if (values > MAX_VALUES_PER_REQUEST) throw invalidChangeBatch([`Number of records limit of ${MAX_VALUES_PER_REQUEST} exceeded.`]);

    const before = recordSetsOf(tx, zone.id);
    const work = new ZoneWorkingCopy(tx, zone, before);
    for (const change of changes) work.apply(change);
    if (work.messages.length > 0) throw invalidChangeBatch(work.messages);

    for (const set of before) if (!work.sets.has(set.id)) tx.delete(ROUTE53_KIND.recordSet, set.id);
    const unchanged = new Set(before);
    for (const set of work.sets.values()) if (!unchanged.has(set)) tx.put(ROUTE53_KIND.recordSet, set);
    return { ChangeInfo: changeInfoWire(recordChange(ctx, tx, batch.Comment), 'PENDING') };
  });
};

export const changeBatchHandlers: Record<string, OperationHandler> = { ChangeResourceRecordSets: changeResourceRecordSets };
