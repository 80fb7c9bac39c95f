/**
 * Connection pools from ALB nodes to targets (DESIGN.md: "Use undici pools toward targets"):
 * one undici Pool per target address, port, protocol and source (the node's host address, so
 * the target sees the node's private IP, elbv2-vpc-endpoints.md §2.2), kept alive and reused
 * ("Back-end connections are reused", §2.3).
 *
 * Connections are made by localvpc's own connector, so that each way a connection can fail is
 * told apart the way the ALB tells it (§2.3, §2.4):
 * - no TCP connection within the connect timeout (10 s): `ALB_CONNECT_TIMEOUT` → 504;
 * - refused or reset on connect: the socket's error (`ECONNREFUSED`, …) → 502;
 * - HTTPS targets: TLS without certificate verification (self-signed and expired are fine) and
 *   without SNI in the ClientHello (§2.5, checklist 19); a handshake that fails → 502, one that
 *   does not finish within 10 s: `ALB_TLS_HANDSHAKE_TIMEOUT` → 502.
 *
 * Idle kept-alive connections close after the load balancer's idle timeout (§2.3: the idle
 * timeout applies to the target connection too). A deregistered target keeps its pool, and its
 * requests in flight, while it drains (§1.7); once no target of any snapshot needs a pool, it
 * is destroyed and requests still in flight fail with 502 (§2.4: "deregistration delay expired
 * mid-request").
 */
import net from 'node:net';
import tls from 'node:tls';
import { Pool, type buildConnector } from 'undici';

export interface UpstreamKey {
  readonly protocol: 'HTTP' | 'HTTPS';
  /** Where to connect on this machine. */
  readonly hostAddress: string;
  /** The port actually bound there. */
  readonly port: number;
  /** The node's host address, bound as the source. */
  readonly localAddress: string;
}

export interface UpstreamTimeouts {
  /** Real ms for the TCP connection. */
  readonly connectMs: number;
  /** Real ms for the TLS handshake (HTTPS targets). */
  readonly tlsHandshakeMs: number;
  /** Real ms an idle kept-alive connection stays open. */
  readonly idleMs: number;
}

/** Error codes of the connector's own failures. */
export const CONNECT_TIMEOUT = 'ALB_CONNECT_TIMEOUT';
export const TLS_HANDSHAKE_TIMEOUT = 'ALB_TLS_HANDSHAKE_TIMEOUT';
export const TLS_HANDSHAKE_FAILED = 'ALB_TLS_HANDSHAKE_FAILED';

export function upstreamId(key: UpstreamKey): string {
  return `${key.protocol}|${key.hostAddress}:${key.port}|${key.localAddress}`;
}

export class AlbUpstreams {
  private readonly pools = new Map<string, Pool>();

  pool(key: UpstreamKey, timeouts: UpstreamTimeouts): Pool {
    const id = upstreamId(key);
    let pool = this.pools.get(id);
    if (!pool) {
      pool = new Pool(`${key.protocol === 'HTTPS' ? 'https' : 'http'}://${key.hostAddress}:${key.port}`, {
        connections: 256,
        pipelining: 1,
        keepAliveTimeout: timeouts.idleMs,
        keepAliveMaxTimeout: timeouts.idleMs,
        connect: connector(key, timeouts),
      });
      this.pools.set(id, pool);
    }
    return pool;
  }

  /** Destroys the pools whose id is not in `needed`. */
  retain(needed: ReadonlySet<string>): void {
    for (const [id, pool] of this.pools) {
      if (needed.has(id)) continue;
      this.pools.delete(id);
      pool.destroy().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.destroy().catch(() => undefined)));
  }
}

function failure(message: string, code: string, cause?: unknown): Error {
  const e = new Error(message, cause === undefined ? undefined : { cause }) as Error & { code: string };
  e.code = code;
  return e;
}

function connector(key: UpstreamKey, timeouts: UpstreamTimeouts): buildConnector.connector {
  return (_options, callback) => {
    let settled = false;
    const settle = (error: Error | null, socket: net.Socket | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) callback(error, null);
      else callback(null, socket!);
    };
    const socket = net.connect({ host: key.hostAddress, port: key.port, localAddress: key.localAddress, noDelay: true });
    let timer = setTimeout(() => {
      socket.destroy();
      settle(failure(`no connection to ${key.hostAddress}:${key.port} within ${timeouts.connectMs} ms`, CONNECT_TIMEOUT), null);
    }, timeouts.connectMs);
    socket.once('error', (e) => settle(e, null));
    socket.once('connect', () => {
      clearTimeout(timer);
      if (key.protocol === 'HTTP') return settle(null, socket);
      // No servername: no SNI. No verification of the target's certificate.
      const secure = tls.connect({ socket, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
      timer = setTimeout(() => {
        secure.destroy();
        settle(failure(`TLS handshake with ${key.hostAddress}:${key.port} not done within ${timeouts.tlsHandshakeMs} ms`, TLS_HANDSHAKE_TIMEOUT), null);
      }, timeouts.tlsHandshakeMs);
      secure.once('secureConnect', () => settle(null, secure));
      secure.once('error', (e) => {
        secure.destroy();
        settle(failure(`TLS handshake with ${key.hostAddress}:${key.port} failed: ${e.message}`, TLS_HANDSHAKE_FAILED, e), null);
      });
    });
  };
}
