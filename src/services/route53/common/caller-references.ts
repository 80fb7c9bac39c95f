/**
 * A CallerReference is single-use per account forever, even after its zone is deleted
 * (ec2-route53-acm.md §2.2: reuse → HostedZoneAlreadyExists, 409). Each used reference is kept as
 * a small record that only this service reads; it outlives the zone.
 */
import type { RecordReader, StoredRecord, Tx } from '../../../state/store.js';

/** Store kind of the used caller references (route53 service only; no other reader). */
export const CALLER_REFERENCE_KIND = 'route53.caller-reference';

export interface UsedCallerReference extends StoredRecord {
  /** The CallerReference itself. */
  readonly id: string;
  readonly hostedZoneId: string;
}

export function callerReferenceUsed(reader: RecordReader, callerReference: string): boolean {
  return reader.get<UsedCallerReference>(CALLER_REFERENCE_KIND, callerReference) !== undefined;
}

export function useCallerReference(tx: Tx, callerReference: string, hostedZoneId: string): void {
  tx.put<UsedCallerReference>(CALLER_REFERENCE_KIND, { id: callerReference, hostedZoneId });
}
