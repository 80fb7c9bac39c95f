import type { Store, StoredRecord } from './store.js';

/**
 * The narrow interface through which the data plane writes back what it observes (instance and
 * provisioning states, target health, per-object errors), and nothing else (DESIGN.md,
 * dependency direction). Each call is one transaction and one change entry.
 */
export interface ObservationWriter {
  /**
   * Merges `patch` into the record if it still exists and `when` (if given) holds for its
   * current value. Returns whether it wrote.
   */
  observe<T extends StoredRecord>(kind: string, id: string, patch: Partial<T>, when?: (current: T) => boolean): boolean;
  /**
   * Writes a whole observation record (target health, which has no record until the first
   * check), but only while the record it describes (`about`) still exists, so an observation
   * never outlives a deregistration. Returns whether it wrote.
   */
  record<T extends StoredRecord>(kind: string, value: T, about: { readonly kind: string; readonly id: string }): boolean;
}

export function observationWriter(store: Store): ObservationWriter {
  return {
    observe<T extends StoredRecord>(kind: string, id: string, patch: Partial<T>, when?: (current: T) => boolean): boolean {
      return store.transact((tx) => {
        const current = tx.get<T>(kind, id);
        if (!current || (when && !when(current))) return false;
        tx.put(kind, { ...current, ...patch, id: current.id });
        return true;
      });
    },
    record<T extends StoredRecord>(kind: string, value: T, about: { readonly kind: string; readonly id: string }): boolean {
      return store.transact((tx) => {
        if (!tx.get(about.kind, about.id)) return false;
        tx.put(kind, value);
        return true;
      });
    },
  };
}
