/**
 * A snapshot kept current by recompiling (the data plane's one "compile, swap, tell" mechanism,
 * DESIGN.md): `markStale` schedules one recompile for the end of the current microtask batch, so
 * a burst of commits costs one compile; `get` recompiles at once when stale, so a reader right
 * after a commit never sees the old snapshot. The new snapshot replaces the old one in a single
 * assignment, then every listener hears it.
 *
 * A compile that throws (inconsistent records) leaves the previous snapshot in service and is
 * logged; the next change tries again.
 */
import type { Logger } from '../kernel/log.js';

export type SnapshotListener<T> = (snapshot: T) => void;

export class SnapshotCell<T> {
  private current: T;
  private generation = 0;
  private stale = false;
  private scheduled = false;
  private closed = false;
  private readonly listeners = new Set<SnapshotListener<T>>();

  /** `compile` receives the generation number (1 for the first snapshot). `what` names it in logs. */
  constructor(
    private readonly compile: (generation: number) => T,
    private readonly log: Logger,
    private readonly what: string,
  ) {
    this.current = compile(++this.generation);
  }

  get(): T {
    if (this.stale) this.recompile();
    return this.current;
  }

  markStale(): void {
    if (this.closed) return;
    this.stale = true;
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.stale && !this.closed) this.recompile();
    });
  }

  /** Hears every new snapshot, after it is in service; returns the unsubscribe function. */
  onSnapshot(listener: SnapshotListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  private recompile(): void {
    this.stale = false;
    let next: T;
    try {
      next = this.compile(++this.generation);
    } catch (e) {
      this.log.error(`compile failed; the previous ${this.what} stays in service`, { error: e instanceof Error ? e.message : String(e) });
      return;
    }
    this.current = next;
    for (const listener of this.listeners) {
      try {
        listener(next);
      } catch (e) {
        this.log.error('snapshot listener failed', { error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
}
