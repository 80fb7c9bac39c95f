/**
 * NetworkPlane keeps the network snapshot current and serves vantage proxies from it.
 *
 * It subscribes to the store's change feed; a change to an EC2 record marks the snapshot stale
 * in its SnapshotCell (snapshot-cell.ts: one recompile per burst of commits, never a stale read,
 * an atomic swap, so a connection uses one snapshot from start to end, and the previous snapshot
 * kept when a compile fails).
 */
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/log.js';
import { KIND } from '../../state/records/ec2.js';
import type { Change, ChangeListener, RecordReader } from '../../state/store.js';
import { SnapshotCell, type SnapshotListener as CellListener } from '../snapshot-cell.js';
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

export type SnapshotListener = CellListener<NetworkSnapshot>;

export class NetworkPlane {
  private readonly cell: SnapshotCell<NetworkSnapshot>;
  private readonly unsubscribe: () => void;
  private readonly proxies = new Set<VantageProxy>();
  private readonly log: Logger;
  private closed = false;

  constructor(
    private readonly store: ChangeFeedReader,
    private readonly clock: Clock,
    logger: Logger,
    private readonly options: NetworkPlaneOptions = {},
  ) {
    this.log = logger.child('network');
    this.cell = new SnapshotCell((generation) => compileNetwork(store, generation), this.log, 'network');
    this.unsubscribe = store.onChange((changes) => this.onChanges(changes));
  }

  /** The latest snapshot (recompiled first if the store changed since the last compile). */
  snapshot(): NetworkSnapshot {
    return this.cell.get();
  }

  /** Hears every new snapshot, after it is in service; returns the unsubscribe function. */
  onSnapshot(listener: SnapshotListener): () => void {
    return this.cell.onSnapshot(listener);
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
    this.cell.close();
    const proxies = [...this.proxies];
    this.proxies.clear();
    await Promise.all(proxies.map((p) => p.close()));
  }

  private onChanges(changes: readonly Change[]): void {
    if (!this.closed && changes.some((c) => NETWORK_KINDS.has(c.kind))) this.cell.markStale();
  }
}
