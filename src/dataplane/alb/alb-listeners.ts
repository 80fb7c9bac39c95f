/**
 * The ALB data plane's listeners: for every active Application Load Balancer, one server per
 * (node, HTTP/HTTPS listener port), bound on the node's host address through the port map, as
 * the NLB listeners are (nlb/nlb-listeners.ts). Envoy's words: each bound listener takes
 * connections, its "filter chain" admits them and terminates TLS, the HTTP connection manager
 * (http-connection-manager.ts) routes each request.
 *
 * Per accepted connection, against the latest snapshots:
 * 1. who calls: the source address (network/source.ts); routes and the ALB's security groups
 *    decide as for any flow (network/reachability.ts, elbv2-vpc-endpoints.md §2.6, §5, checklist
 *    40). A connection AWS would drop is held open and silent (network/drop.ts);
 * 2. HTTPS listeners: TLS with the certificate the client's SNI names (certificate-choice.ts),
 *    the default one otherwise. ALPN offers `http/1.1` only: HTTP/2 on HTTPS listeners (§2.1)
 *    is not implemented by localvpc, so h2 is never advertised and clients fall back to
 *    HTTP/1.1. WebSocket upgrades are not carried either;
 * 3. HTTP/1.1 requests, kept alive: the connection closes after `idle_timeout.timeout_seconds`
 *    (default 60) without a request, and a connection that sends no complete request within it
 *    gets 408 [infer: §2.4 "client sent no data before idle timeout"]. Requests that do not
 *    parse get the ALB's 400 (`Connection: close`); a Transfer-Encoding the parser refuses,
 *    501. Request heads are limited to 64 KB (§2.3).
 *
 * Reconcile on every load-balancing snapshot: listeners open and close with the load
 * balancers, listeners and nodes; rules and certificates are read from the latest snapshot per
 * request and per TLS handshake, so changing them never drops a connection. Timers run on the
 * scalable clock (`--time-scale`).
 */
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/log.js';
import type { LbPlane } from '../lb/lb-plane.js';
import type { LbSnapshot, ListenerEntry } from '../lb/snapshot.js';
import type { PortMap } from '../listeners/port-map.js';
import { holdOpen } from '../network/drop.js';
import type { NetworkPlane } from '../network/network-plane.js';
import { decide } from '../network/reachability.js';
import type { NetworkSnapshot } from '../network/snapshot.js';
import { endpointOfHostAddress } from '../network/source.js';
import { chooseCertificate } from './certificate-choice.js';
import { SecureContexts } from '../tls/secure-contexts.js';
import { idleTimeoutSeconds, serveRequest, TARGET_CONNECT_TIMEOUT_SECONDS, type AlbContext, type ClientConnection, type ListenerPlace } from './http-connection-manager.js';
import { errorPage, serialize, type PageStatus } from './local-reply.js';
import { AlbTargetPicker } from './target-choice.js';
import { TargetGroupChooser } from './target-group-choice.js';
import { routeToTarget } from './target-route.js';
import { AlbUpstreams, upstreamId } from './upstream-pools.js';
import { SerialReconcile } from '../listeners/serial-reconcile.js';

/** Largest request head (request line and headers), bytes (§2.3: "64 K total"). */
export const MAX_REQUEST_HEAD_BYTES = 64 * 1024;

export interface AlbListenersOptions {
  readonly lb: LbPlane;
  readonly network: NetworkPlane;
  readonly portMap: PortMap;
  readonly clock: Clock;
  readonly logger: Logger;
  /** AWS seconds a dropped connection is held open. */
  readonly dropAfterSeconds: number;
  /** AWS seconds before a target connection attempt gives up with 504 (default 10, §2.3). */
  readonly connectTimeoutSeconds?: number;
}

interface BoundListener extends ListenerPlace {
  readonly key: string;
  readonly hostAddress: string;
  readonly server: net.Server;
  /** Takes the admitted connections (plain, or TLS sockets once the handshake is done). */
  readonly http: http.Server;
}

interface ConnectionState extends ClientConnection {
  /** Cancels the wait for the first request. */
  firstRequest: (() => void) | undefined;
}

export class AlbListeners {
  private readonly bound = new Map<string, BoundListener>();
  private readonly sockets = new Set<Duplex>();
  private readonly connections = new WeakMap<Duplex, ConnectionState>();
  private readonly upstreams = new AlbUpstreams();
  private readonly contexts: SecureContexts;
  private readonly reported = new Set<string>();
  private readonly context: AlbContext;
  private readonly log: Logger;
  private readonly reconciler: SerialReconcile;
  private readonly unsubscribe: () => void;
  private closed = false;
  /** Target choice, shared by every node (least outstanding requests counts per ALB). */
  readonly targets = new AlbTargetPicker();

  constructor(private readonly options: AlbListenersOptions) {
    this.log = options.logger.child('alb');
    this.reconciler = new SerialReconcile(() => this.reconcileNow(), this.log);
    this.contexts = new SecureContexts((arn, error) => this.log.error('certificate cannot be served', { certificate: arn, error }));
    this.context = {
      lb: () => options.lb.snapshot(),
      network: () => options.network.snapshot(),
      portMap: options.portMap,
      targets: this.targets,
      groups: new TargetGroupChooser(),
      upstreams: this.upstreams,
      clock: options.clock,
      log: this.log,
      connectTimeoutSeconds: options.connectTimeoutSeconds ?? TARGET_CONNECT_TIMEOUT_SECONDS,
    };
    this.unsubscribe = options.lb.onSnapshot(() => void this.reconcile());
  }

  /** Opens and closes listeners to match the latest snapshot; resolves when done. */
  reconcile(): Promise<void> {
    return this.reconciler.request();
  }

  /** Every listener bound, for `localvpc status`. */
  listeners(): { lbArn: string; port: number; hostAddress: string; boundPort: number }[] {
    return [...this.bound.values()].map((b) => ({ lbArn: b.lbArn, port: b.port, hostAddress: b.hostAddress, boundPort: this.options.portMap.resolve(b.hostAddress, b.port) }));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    await this.reconciler.settled();
    for (const s of this.sockets) s.destroy();
    for (const b of [...this.bound.values()]) this.unbind(b);
    await this.upstreams.close();
  }

  private async reconcileNow(): Promise<void> {
    if (this.closed) return;
    const snapshot = this.options.lb.snapshot();
    const wanted = new Map<string, Omit<BoundListener, 'server' | 'http'>>();
    for (const lb of snapshot.loadBalancers.values()) {
      if (lb.type !== 'application' || (lb.state !== 'active' && lb.state !== 'active_impaired')) continue;
      for (const listener of lb.listeners) {
        if (listener.protocol !== 'HTTP' && listener.protocol !== 'HTTPS') continue;
        this.reportIssues(lb.name, listener);
        for (const node of lb.nodes) {
          if (!node.hostAddress) continue;
          const key = `${node.hostAddress}:${listener.port}`;
          wanted.set(key, { key, lbArn: lb.arn, port: listener.port, nodeId: node.networkInterfaceId, hostAddress: node.hostAddress });
        }
      }
    }
    for (const [key, b] of this.bound) {
      const w = wanted.get(key);
      if (!w || w.lbArn !== b.lbArn || w.nodeId !== b.nodeId) this.unbind(b);
    }
    for (const [key, w] of wanted) {
      if (this.bound.has(key) || this.closed) continue;
      const b = { ...w, server: net.createServer({ noDelay: true }), http: this.httpServer(w) };
      b.server.on('connection', (socket) => this.onConnection(socket, b));
      try {
        await this.options.portMap.listen(b.server, w.hostAddress, w.port);
        this.bound.set(key, b);
      } catch (e) {
        this.log.error('cannot listen', { address: key, error: String(e) });
      }
    }
    for (const b of this.bound.values()) {
      const lb = snapshot.loadBalancers.get(b.lbArn);
      if (lb) b.http.keepAliveTimeout = this.options.clock.toRealMs(idleTimeoutSeconds(lb));
    }
    this.upstreams.retain(neededUpstreams(snapshot, this.options.network.snapshot(), this.options.portMap));
    this.contexts.retain(new Set([...snapshot.loadBalancers.values()].flatMap((lb) => lb.listeners.flatMap((l) => l.certificates.map((c) => c.arn)))));
  }

  private reportIssues(lbName: string, listener: ListenerEntry): void {
    for (const issue of listener.issues) this.warnOnce(listener.arn, issue, { listener: `${lbName}:${listener.port}` });
  }

  private warnOnce(resource: string, issue: string, fields: Record<string, string>): void {
    const key = `${resource}|${issue}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.log.warn('configuration not served', { ...fields, issue });
  }

  private unbind(b: BoundListener): void {
    this.bound.delete(b.key);
    this.options.portMap.release(b.hostAddress, b.port);
    // Stop accepting at once; connections already open end on their own.
    b.server.close();
  }

  private httpServer(place: ListenerPlace): http.Server {
    const server = http.createServer({ maxHeaderSize: MAX_REQUEST_HEAD_BYTES, requestTimeout: 0, noDelay: true }, (req, res) => {
      const conn = this.connections.get(req.socket);
      if (!conn) return void res.destroy();
      conn.firstRequest?.();
      conn.firstRequest = undefined;
      serveRequest(this.context, place, conn, req, res);
    });
    server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
      if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
      // The parser cannot go on after an error: the page closes the connection.
      const status: PageStatus = err.code === 'HPE_INVALID_TRANSFER_ENCODING' ? 501 : 400;
      socket.end(serialize(errorPage(status, { close: true })));
    });
    return server;
  }

  private onConnection(raw: net.Socket, b: BoundListener): void {
    this.track(raw);
    raw.on('error', () => raw.destroy());
    const lbs = this.options.lb.snapshot();
    const network = this.options.network.snapshot();
    const lb = lbs.loadBalancers.get(b.lbArn);
    const listener = lb?.listeners.find((l) => l.port === b.port);
    const node = lb?.nodes.find((n) => n.networkInterfaceId === b.nodeId);
    if (!lb || !listener || !node) return void raw.resetAndDestroy();
    const from = endpointOfHostAddress(network, raw.remoteAddress);
    const admitted = decide(network, from, { ip: node.privateIp, port: listener.port, protocol: 'tcp' });
    if (!admitted.allowed) {
      this.log.info('dropped', { listener: `${lb.name}:${listener.port}`, reason: admitted.reason });
      holdOpen(raw, this.options.clock, this.options.dropAfterSeconds, { discardInput: true });
      return;
    }
    const ip = from.kind === 'internet' ? (raw.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '') : from.ip;
    const idleMs = this.options.clock.toRealMs(idleTimeoutSeconds(lb));
    const base = { ip, port: raw.remotePort ?? 0, openedAt: Date.now() };
    if (listener.protocol === 'HTTP') return this.serve(raw, b, { ...base, protocol: 'http', firstRequest: undefined }, idleMs);
    this.handshake(raw, b, base, idleMs);
  }

  /** TLS termination with the certificate SNI names, from the latest snapshot at handshake time. */
  private handshake(raw: net.Socket, b: BoundListener, base: Pick<ClientConnection, 'ip' | 'port' | 'openedAt'>, idleMs: number): void {
    const current = () => this.options.lb.snapshot().loadBalancers.get(b.lbArn)?.listeners.find((l) => l.port === b.port)?.certificates ?? [];
    const fallback = chooseCertificate(current(), undefined);
    const secure = new tls.TLSSocket(raw, {
      isServer: true,
      ...(fallback && this.contexts.get(fallback) ? { secureContext: this.contexts.get(fallback) } : {}),
      SNICallback: (servername, callback) => {
        const cert = chooseCertificate(current(), servername);
        callback(null, cert ? this.contexts.get(cert) : undefined);
      },
      ALPNProtocols: ['http/1.1'],
    });
    this.track(secure);
    const timer = setTimeout(() => raw.destroy(), idleMs).unref();
    secure.on('error', (e) => {
      this.log.debug('TLS handshake failed', { error: e.message });
      secure.destroy();
    });
    secure.once('close', () => clearTimeout(timer));
    secure.once('secure', () => {
      clearTimeout(timer);
      const cipher = secure.getCipher();
      this.serve(secure, b, { ...base, protocol: 'https', tls: { version: secure.getProtocol() ?? '', cipher: cipher?.name ?? '' }, firstRequest: undefined }, idleMs);
    });
  }

  /** Hands an admitted connection to the listener's HTTP server; 408 if no request comes within the idle timeout. */
  private serve(socket: Duplex, b: BoundListener, conn: ConnectionState, idleMs: number): void {
    this.connections.set(socket, conn);
    const timer = setTimeout(() => {
      conn.firstRequest = undefined;
      if (!socket.destroyed && socket.writable) socket.end(serialize(errorPage(408, { close: true })));
    }, idleMs).unref();
    conn.firstRequest = () => clearTimeout(timer);
    socket.once('close', () => clearTimeout(timer));
    b.http.emit('connection', socket);
  }

  private track(socket: Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}

/** The pools some registered (or draining) target of an ALB still needs. */
function neededUpstreams(lbs: LbSnapshot, network: NetworkSnapshot, portMap: PortMap): Set<string> {
  const needed = new Set<string>();
  for (const tg of lbs.targetGroups.values()) {
    for (const lbArn of tg.loadBalancerArns) {
      const lb = lbs.loadBalancers.get(lbArn);
      if (!lb || lb.type !== 'application') continue;
      for (const node of lb.nodes) {
        for (const t of tg.targets) {
          if (t.ip === undefined) continue;
          const route = routeToTarget(network, lb, node, { ...t, ip: t.ip });
          if (route.kind !== 'connect') continue;
          needed.add(upstreamId({ protocol: tg.protocol === 'HTTPS' ? 'HTTPS' : 'HTTP', hostAddress: route.hostAddress, port: portMap.resolve(route.hostAddress, t.port), localAddress: route.localAddress }));
        }
      }
    }
  }
  return needed;
}
