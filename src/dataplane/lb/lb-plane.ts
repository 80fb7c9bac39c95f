/**
 * LbPlane keeps the load-balancing snapshot current, the way NetworkPlane keeps the network
 * one: a change to an ELBv2 record, or a new network snapshot (instance states, addresses),
 * marks it stale and schedules one recompile per microtask batch; `snapshot()` recompiles at
 * once when stale. A draining target leaves the snapshot when its delay ends, so the plane also
 * schedules a recompile for the earliest drain end.
 *
 * Listeners of new snapshots (the NLB listeners, the health checker) hear each one after it is
 * in service.
 */
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/log.js';
import { ELBV2_KIND } from '../../state/records/elbv2.js';
import type { Change } from '../../state/store.js';
import type { ChangeFeedReader, NetworkPlane } from '../network/network-plane.js';
import { compileLoadBalancing } from './compile.js';
import type { LbSnapshot } from './snapshot.js';

const LB_KINDS: ReadonlySet<string> = new Set(Object.values(ELBV2_KIND));

export type LbSnapshotListener = (snapshot: LbSnapshot) => void;

export class LbPlane {
  private current: LbSnapshot;
  private generation = 0;
  private stale = false;
  private scheduled = false;
  private drainTimer: { cancel(): void } | undefined;
  private readonly listeners = new Set<LbSnapshotListener>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly log: Logger;
  private closed = false;

  constructor(
    private readonly store: ChangeFeedReader,
    private readonly network: NetworkPlane,
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.log = logger.child('lb');
    this.current = this.compile();
    this.unsubscribe.push(store.onChange((changes) => this.onChanges(changes)));
    this.unsubscribe.push(network.onSnapshot(() => this.markStale()));
  }

  snapshot(): LbSnapshot {
    if (this.stale) this.recompile();
    return this.current;
  }

  onSnapshot(listener: LbSnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.drainTimer?.cancel();
    for (const u of this.unsubscribe) u();
    this.listeners.clear();
  }

  private onChanges(changes: readonly Change[]): void {
    if (changes.some((c) => LB_KINDS.has(c.kind))) this.markStale();
  }

  private markStale(): void {
    if (this.closed) return;
    this.stale = true;
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.stale && !this.closed) this.recompile();
    });
  }

  private compile(): LbSnapshot {
    const snapshot = compileLoadBalancing(this.store, this.network.snapshot(), this.clock, Date.now(), ++this.generation);
    this.scheduleDrainEnd(snapshot);
    return snapshot;
  }

  private scheduleDrainEnd(snapshot: LbSnapshot): void {
    this.drainTimer?.cancel();
    this.drainTimer = undefined;
    let earliest = Infinity;
    for (const tg of snapshot.targetGroups.values()) for (const t of tg.targets) if (t.drainEndsAt !== undefined && t.drainEndsAt < earliest) earliest = t.drainEndsAt;
    if (earliest === Infinity) return;
    const ms = Math.max(0, earliest - Date.now()) + 1;
    const timer = setTimeout(() => this.markStale(), ms);
    timer.unref();
    this.drainTimer = { cancel: () => clearTimeout(timer) };
  }

  private recompile(): void {
    this.stale = false;
    let next: LbSnapshot;
    try {
      next = this.compile();
    } catch (e) {
      this.log.error('compile failed; the previous load balancers stay in service', { error: e instanceof Error ? e.message : String(e) });
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
