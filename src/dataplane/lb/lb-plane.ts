/**
 * LbPlane keeps the load-balancing snapshot current with a SnapshotCell, as NetworkPlane keeps
 * the network one: a change to an ELBv2 record (listener rules included), to an ACM certificate
 * (HTTPS listeners serve their PEMs), or a new network snapshot (instance states, addresses),
 * marks it stale. A draining target leaves the snapshot when its delay ends, so the plane also
 * schedules a recompile for the earliest drain end.
 *
 * Listeners of new snapshots (the NLB listeners, the health checker) hear each one after it is
 * in service.
 */
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/log.js';
import { ACM_KIND } from '../../state/records/acm.js';
import { ELBV2_KIND } from '../../state/records/elbv2.js';
import type { Change } from '../../state/store.js';
import type { ChangeFeedReader, NetworkPlane } from '../network/network-plane.js';
import { SnapshotCell, type SnapshotListener } from '../snapshot-cell.js';
import { compileLoadBalancing } from './compile.js';
import type { LbSnapshot } from './snapshot.js';

/** Every ELBv2 record kind (`elbv2.rule` among them) and ACM certificates. */
const LB_KINDS: ReadonlySet<string> = new Set([...Object.values(ELBV2_KIND), ELBV2_KIND.rule, ACM_KIND.certificate]);

export type LbSnapshotListener = SnapshotListener<LbSnapshot>;

export class LbPlane {
  private readonly cell: SnapshotCell<LbSnapshot>;
  private drainTimer: { cancel(): void } | undefined;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly store: ChangeFeedReader,
    private readonly network: NetworkPlane,
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.cell = new SnapshotCell((generation) => this.compile(generation), logger.child('lb'), 'load balancers');
    this.unsubscribe.push(store.onChange((changes) => this.onChanges(changes)));
    this.unsubscribe.push(network.onSnapshot(() => this.cell.markStale()));
  }

  snapshot(): LbSnapshot {
    return this.cell.get();
  }

  onSnapshot(listener: LbSnapshotListener): () => void {
    return this.cell.onSnapshot(listener);
  }

  close(): void {
    this.drainTimer?.cancel();
    for (const u of this.unsubscribe) u();
    this.cell.close();
  }

  private onChanges(changes: readonly Change[]): void {
    if (changes.some((c) => LB_KINDS.has(c.kind))) this.cell.markStale();
  }

  private compile(generation: number): LbSnapshot {
    const snapshot = compileLoadBalancing(this.store, this.network.snapshot(), this.clock, Date.now(), generation);
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
    const timer = setTimeout(() => this.cell.markStale(), ms);
    timer.unref();
    this.drainTimer = { cancel: () => clearTimeout(timer) };
  }
}
