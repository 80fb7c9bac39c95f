/**
 * Connection pools toward integrations (DESIGN.md: "Use undici pools toward targets and
 * integrations"). One pool per destination host address and port, source address, and TLS
 * settings; connections are kept alive and reused, which is how API Gateway holds connections
 * to an integration.
 *
 * Through a VPC link the destination is one NLB target, chosen per request (flow-plan.ts): a
 * kept-alive connection stays on the target it was opened to, as an NLB flow does, while
 * successive requests still spread over the targets.
 */
import net from 'node:net';
import { Pool, type buildConnector } from 'undici';

export interface UpstreamKey {
  readonly protocol: 'http:' | 'https:';
  /** Host address (and port actually bound) to connect to. */
  readonly hostAddress: string;
  readonly port: number;
  /** Source address to bind. */
  readonly localAddress: string;
  /** TLS only: the name to send as SNI and check the certificate against. */
  readonly servername?: string;
  /** TLS only: `tlsConfig.insecureSkipVerification`. */
  readonly insecure?: boolean;
  /** Bytes each new connection sends first (an NLB's proxy protocol v2 header). */
  readonly preamble?: Buffer;
}

/** Idle kept-alive connections close after this long (ms); API Gateway's value is not published. */
const KEEP_ALIVE_MS = 60_000;

export class Upstreams {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly ca: () => string | undefined) {}

  pool(key: UpstreamKey): Pool {
    const id = `${key.protocol}${key.hostAddress}:${key.port}|${key.localAddress}|${key.servername ?? ''}|${key.insecure ? 1 : 0}|${key.preamble?.toString('hex') ?? ''}`;
    let pool = this.pools.get(id);
    if (!pool) {
      const ca = this.ca();
      pool = new Pool(`${key.protocol}//${key.hostAddress}:${key.port}`, {
        localAddress: key.localAddress,
        connections: 128,
        pipelining: 1,
        keepAliveTimeout: KEEP_ALIVE_MS,
        keepAliveMaxTimeout: KEEP_ALIVE_MS,
        connect: key.preamble
          ? withPreamble(key.hostAddress, key.port, key.localAddress, key.preamble)
          : key.protocol === 'https:'
            ? { servername: key.servername, rejectUnauthorized: !key.insecure, ...(ca ? { ca } : {}) }
            : undefined,
      });
      this.pools.set(id, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.destroy().catch(() => undefined)));
  }
}

/**
 * A plain-TCP connector that writes `preamble` before handing the socket to undici (proxy
 * protocol v2 toward targets behind an NLB). TLS over proxy protocol is not implemented.
 */
function withPreamble(host: string, port: number, localAddress: string, preamble: Buffer): buildConnector.connector {
  return (_options, callback) => {
    const socket = net.connect({ host, port, localAddress, noDelay: true });
    socket.once('connect', () => {
      socket.write(preamble);
      callback(null, socket);
    });
    socket.once('error', (e) => callback(e, null));
    return socket;
  };
}
