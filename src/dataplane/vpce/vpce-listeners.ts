/**
 * The data plane of `execute-api` interface VPC endpoints (elbv2-vpc-endpoints.md §4.2–§4.4,
 * apigateway-rest.md §3): for every `available` endpoint, a TLS listener on port 443 of each of
 * its ENIs' host addresses (through the port map, which records a substitute port when 443 is
 * refused), handing every request to the execute-api pipeline as "came in through this endpoint".
 *
 * Per accepted connection, against the latest snapshots, before a byte of TLS:
 * 1. who calls: the source address (network/source.ts);
 * 2. routes and the endpoint ENI's security groups (reachability.ts `decide`, TCP 443): the
 *    endpoint's groups must admit 443 from the caller (§4.2 [doc]). What AWS drops is held open
 *    and silent (network/drop.ts): the client times out. Interface endpoints carry TCP only
 *    (§4.2 [doc]); these listeners are TCP.
 *
 * TLS: the region's execute-api certificate (endpoint-certificates.ts), also when the client
 * sends no SNI (an ALB to its IP targets); SNI naming a PRIVATE custom domain of the region gets
 * that domain's ACM certificate (custom-domain-certificates.ts).
 *
 * Listeners follow the snapshots: a new endpoint or ENI opens one, a deleted or no longer
 * `available` endpoint closes its listeners and the connections they carry.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import net from 'node:net';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/log.js';
import { CustomDomainCertificates } from '../apigw/custom-domain-certificates.js';
import type { Caller } from '../apigw/execute-api.js';
import type { ApiGwSnapshot } from '../apigw/snapshot.js';
import type { PortMap } from '../listeners/port-map.js';
import { holdOpen } from '../network/drop.js';
import { decide } from '../network/reachability.js';
import type { NetworkSnapshot } from '../network/snapshot.js';
import { endpointOfHostAddress } from '../network/source.js';
import type { LocalCa } from '../tls/ca.js';
import { EndpointCertificates } from './endpoint-certificates.js';
import { SerialReconcile } from '../listeners/serial-reconcile.js';

/** The port of execute-api endpoints (HTTPS only, §3 [doc]). */
export const EXECUTE_API_ENDPOINT_PORT = 443;
/** Idle kept-alive client connections close after this long (real ms, as the front door). */
const KEEP_ALIVE_MS = 60_000;

interface SnapshotSource<T> {
  snapshot(): T;
  onSnapshot(listener: (snapshot: T) => void): () => void;
}

export interface VpceListenersOptions {
  readonly apigw: SnapshotSource<ApiGwSnapshot>;
  readonly network: SnapshotSource<NetworkSnapshot>;
  readonly portMap: PortMap;
  /** The local CA, opened on first use (only once an endpoint exists). */
  readonly ca: () => Promise<LocalCa>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** AWS seconds a dropped connection is held open. */
  readonly dropAfterSeconds: number;
  /** Serves one request that came in through endpoint `vpceId` (ExecuteApi.serveFromEndpoint). */
  readonly serve: (req: IncomingMessage, res: ServerResponse, caller: Caller, vpceId: string) => void;
}

interface Placement {
  readonly key: string;
  readonly vpceId: string;
  readonly region: string;
  readonly networkInterfaceId: string;
  readonly hostAddress: string;
}

interface BoundListener extends Placement {
  readonly tcp: net.Server;
  readonly sockets: Set<net.Socket>;
}

export interface VpceListenerStatus {
  readonly vpcEndpointId: string;
  readonly networkInterfaceId: string;
  readonly hostAddress: string;
  readonly port: number;
  readonly boundPort: number;
}

export class VpceListeners {
  private readonly bound = new Map<string, BoundListener>();
  private readonly certificates: EndpointCertificates;
  private readonly domainCertificates = new CustomDomainCertificates();
  private readonly log: Logger;
  private readonly reconciler: SerialReconcile;
  private readonly unsubscribe: (() => void)[];
  private closed = false;

  constructor(private readonly options: VpceListenersOptions) {
    this.log = options.logger.child('vpce');
    this.reconciler = new SerialReconcile(() => this.reconcileNow(), this.log);
    this.certificates = new EndpointCertificates(options.ca);
    this.unsubscribe = [options.apigw.onSnapshot(() => void this.reconcile()), options.network.onSnapshot(() => void this.reconcile())];
  }

  /** Opens and closes listeners to match the latest snapshots; resolves when done. */
  reconcile(): Promise<void> {
    return this.reconciler.request();
  }

  /** Every listener bound, for `localvpc status`. */
  listeners(): VpceListenerStatus[] {
    return [...this.bound.values()].map((b) => ({
      vpcEndpointId: b.vpceId,
      networkInterfaceId: b.networkInterfaceId,
      hostAddress: b.hostAddress,
      port: EXECUTE_API_ENDPOINT_PORT,
      boundPort: this.options.portMap.resolve(b.hostAddress, EXECUTE_API_ENDPOINT_PORT),
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const u of this.unsubscribe) u();
    await this.reconciler.settled();
    for (const b of [...this.bound.values()]) this.unbind(b);
  }

  private wanted(): Map<string, Placement> {
    const network = this.options.network.snapshot();
    const out = new Map<string, Placement>();
    for (const vpce of this.options.apigw.snapshot().vpcEndpoints.values()) {
      if (vpce.state !== 'available') continue;
      for (const networkInterfaceId of vpce.networkInterfaceIds) {
        const hostAddress = network.networkInterfaces.get(networkInterfaceId)?.hostAddress;
        if (!hostAddress) continue;
        const key = `${hostAddress}:${EXECUTE_API_ENDPOINT_PORT}`;
        out.set(key, { key, vpceId: vpce.id, region: vpce.region, networkInterfaceId, hostAddress });
      }
    }
    return out;
  }

  private async reconcileNow(): Promise<void> {
    if (this.closed) return;
    const wanted = this.wanted();
    for (const [key, b] of this.bound) {
      const w = wanted.get(key);
      if (!w || w.vpceId !== b.vpceId || w.networkInterfaceId !== b.networkInterfaceId) this.unbind(b);
    }
    for (const [key, w] of wanted) {
      if (this.bound.has(key) || this.closed) continue;
      try {
        await this.bind(w);
      } catch (e) {
        this.log.error('cannot listen', { endpoint: w.vpceId, address: key, error: String(e) });
      }
    }
  }

  private async bind(w: Placement): Promise<void> {
    const credentials = await this.certificates.forRegion(w.region);
    if (this.closed) return;
    const tlsServer = https.createServer(
      {
        ...credentials,
        SNICallback: (servername, callback) => callback(null, this.domainCertificates.contextFor(this.options.apigw.snapshot(), servername, { kind: 'private', region: w.region })),
        keepAliveTimeout: KEEP_ALIVE_MS,
      },
      (req, res) => {
        const from = endpointOfHostAddress(this.options.network.snapshot(), req.socket.remoteAddress);
        this.options.serve(req, res, { endpoint: from, sourceIp: from.kind === 'internet' ? undefined : from.ip }, w.vpceId);
      },
    );
    tlsServer.on('tlsClientError', (e) => this.log.debug('TLS error', { endpoint: w.vpceId, error: e.message }));
    const sockets = new Set<net.Socket>();
    const tcp = net.createServer({ noDelay: true }, (socket) => this.onConnection(socket, w, tlsServer, sockets));
    await this.options.portMap.listen(tcp, w.hostAddress, EXECUTE_API_ENDPOINT_PORT);
    if (this.closed) {
      tcp.close();
      this.options.portMap.release(w.hostAddress, EXECUTE_API_ENDPOINT_PORT);
      return;
    }
    this.bound.set(w.key, { ...w, tcp, sockets });
  }

  private unbind(b: BoundListener): void {
    this.bound.delete(b.key);
    this.options.portMap.release(b.hostAddress, EXECUTE_API_ENDPOINT_PORT);
    b.tcp.close();
    for (const s of b.sockets) s.destroy();
  }

  private onConnection(socket: net.Socket, where: Placement, tlsServer: https.Server, sockets: Set<net.Socket>): void {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const network = this.options.network.snapshot();
    const eni = network.networkInterfaces.get(where.networkInterfaceId);
    if (!eni) return void socket.resetAndDestroy();
    const from = endpointOfHostAddress(network, socket.remoteAddress);
    const admitted = decide(network, from, { ip: eni.privateIpAddress, port: EXECUTE_API_ENDPOINT_PORT, protocol: 'tcp' });
    if (!admitted.allowed) {
      this.log.info('dropped', { endpoint: where.vpceId, eni: eni.privateIpAddress, reason: admitted.reason });
      holdOpen(socket, this.options.clock, this.options.dropAfterSeconds, { discardInput: true });
      return;
    }
    tlsServer.emit('connection', socket);
  }
}
