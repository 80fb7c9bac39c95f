/**
 * NetworkPlane keeps the network snapshot current and serves vantage proxies from it.
 *
 * It subscribes to the store's change feed. A change to an EC2 record marks the snapshot stale
 * and schedules one recompile for the end of the current microtask batch, so a burst of commits
 * costs one compile; `snapshot()` recompiles at once when it is stale, so a reader right after a
 * commit never sees the old network. The new snapshot replaces the old one in a single
 * assignment (the swap is atomic: a connection uses one snapshot from start to end).
 *
 * If a compile throws (inconsistent records), the previous snapshot stays in service and the
 * error is logged; the next change tries again.
 */
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/log.js';
import { KIND } from '../../state/records/ec2.js';
import type { Change, ChangeListener, RecordReader } from '../../state/store.js';
import { compileNetwork } from './compile.js';
import type { NameResolver } from './ec2-private-dns.js';
import type { NetworkSnapshot } from './snapshot.js';
import { resolveVantage, VantageError } from './vantage.js';
import { startVantageProxy, type VantageProxy } from './vantage-proxy.js';

/** What the plane needs from the store: reads and the change feed. */
export interface ChangeFeedReader extends RecordReader {
  onChange(listener: ChangeListener): () => void;
}

export interface NetworkPlaneOptions {
  /** Name resolution for the vantage proxies; default EC2 private DNS names only. */
  readonly resolveName?: NameResolver;
  /** AWS seconds a dropped proxy connection is held open. Default 120. */
  readonly dropAfterSeconds?: number;
  /** The port bound for a host address and AWS port (listeners/port-map.ts). */
  readonly resolvePort?: (hostAddress: string, port: number) => number;
}

/** The record kinds the network is compiled from. */
const NETWORK_KINDS: ReadonlySet<string> = new Set(Object.values(KIND).filter((k) => k !== KIND.regionInit));

export type SnapshotListener = (snapshot: NetworkSnapshot) => void;

export class NetworkPlane {
  private current: NetworkSnapshot;
  private generation = 0;
  private stale = false;
  private scheduled = false;
  private readonly unsubscribe: () => void;
  private readonly proxies = new Set<VantageProxy>();
  private readonly listeners = new Set<SnapshotListener>();
  private readonly log: Logger;
  private closed = false;

  constructor(
    private readonly store: ChangeFeedReader,
    private readonly clock: Clock,
    logger: Logger,
    private readonly options: NetworkPlaneOptions = {},
  ) {
    this.log = logger.child('network');
    this.current = compileNetwork(store, ++this.generation);
    this.unsubscribe = store.onChange((changes) => this.onChanges(changes));
  }

  /** The latest snapshot (recompiled first if the store changed since the last compile). */
  snapshot(): NetworkSnapshot {
    if (this.stale) this.recompile();
    return this.current;
  }

  /** Hears every new snapshot, after it is in service; returns the unsubscribe function. */
  onSnapshot(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts a vantage proxy on 127.0.0.1 (`port`, default any free port). Throws VantageError for
   * a vantage that names nothing; a vantage that exists but cannot host connections now (a
   * stopped instance) is accepted, and its connections are dropped until it can.
   */
  async openVantageProxy(vantage: string, port?: number): Promise<VantageProxy> {
    if (this.closed) throw new Error('network plane is closed');
    try {
      resolveVantage(this.snapshot(), vantage);
    } catch (e) {
      if (!(e instanceof VantageError) || e.code === 'unknown-vantage') throw e;
    }
    const proxy = await startVantageProxy({
      vantage,
      snapshot: () => this.snapshot(),
      clock: this.clock,
      logger: this.log,
      ...(this.options.resolveName ? { resolveName: this.options.resolveName } : {}),
      ...(this.options.dropAfterSeconds !== undefined ? { dropAfterSeconds: this.options.dropAfterSeconds } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(this.options.resolvePort ? { resolvePort: this.options.resolvePort } : {}),
    });
    this.proxies.add(proxy);
    const close = proxy.close.bind(proxy);
    return {
      get url() {
        return proxy.url;
      },
      get port() {
        return proxy.port;
      },
      vantage: proxy.vantage,
      close: () => {
        this.proxies.delete(proxy);
        return close();
      },
    };
  }

  /** Stops listening to the store and closes every proxy. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    this.listeners.clear();
    const proxies = [...this.proxies];
    this.proxies.clear();
    await Promise.all(proxies.map((p) => p.close()));
  }

  private onChanges(changes: readonly Change[]): void {
    if (this.closed || !changes.some((c) => NETWORK_KINDS.has(c.kind))) return;
    this.stale = true;
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.stale && !this.closed) this.recompile();
    });
  }

  private recompile(): void {
    this.stale = false;
    let next: NetworkSnapshot;
    try {
      next = compileNetwork(this.store, ++this.generation);
    } catch (e) {
      this.log.error('compile failed; the previous network stays in service', { error: e instanceof Error ? e.message : String(e) });
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
