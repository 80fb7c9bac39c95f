/**
 * One health-check probe over a real socket, as an ELBv2 node sends it
 * (elbv2-vpc-endpoints.md §2.5, §3):
 *
 * - A new connection per probe, from the node's host address (so the target sees the node as
 *   the caller, DESIGN.md network model), closed as soon as the verdict is in.
 * - TCP: success = the connection is established within the timeout.
 * - HTTP/HTTPS: `GET <path> HTTP/1.1` with `Host`, `User-Agent: ELB-HealthChecker/2.0` and
 *   `Connection: close`; success = a status the matcher accepts, within the timeout. The body is
 *   read and discarded. HTTPS verifies no certificate (self-signed and expired pass) and sends
 *   no SNI (§2.5).
 * - With `proxy_protocol_v2.enabled`, the connection starts with a PPv2 LOCAL header (§3:
 *   "health-check connections also carry a PPv2 header but without client info").
 *
 * The timeout (AWS seconds) runs on the scalable clock, from the start of the probe (connect
 * included). A probe never throws: every way it can end is a `ProbeOutcome`.
 */
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { Clock } from '../../kernel/clock.js';
import { localHeaderV2 } from '../nlb/proxy-protocol.js';
import type { ProbeOutcome } from './health-state.js';
import type { StatusMatcher } from './matcher.js';

/** The `User-Agent` of every ELBv2 HTTP(S) health check (§2.5, observed in access logs). */
export const HEALTH_CHECK_USER_AGENT = 'ELB-HealthChecker/2.0';

export interface ProbeSpec {
  readonly protocol: 'TCP' | 'HTTP' | 'HTTPS';
  /** Where to connect on this machine. */
  readonly hostAddress: string;
  /** The port actually bound on this machine. */
  readonly port: number;
  /** The source host address to bind (the load balancer node's). */
  readonly localAddress: string;
  /** HTTP(S) only: the request path. */
  readonly path: string;
  /** HTTP(S) only: the `Host` header value. */
  readonly hostHeader: string;
  /** HTTP(S) only: which statuses pass. */
  readonly matches: StatusMatcher;
  /** `HealthCheckTimeoutSeconds`, AWS seconds. */
  readonly timeoutSeconds: number;
  readonly proxyProtocolV2: boolean;
}

/** A probe under way: `done` always resolves, once the connection is closed. */
export interface RunningProbe {
  readonly done: Promise<ProbeOutcome>;
  /** Ends the probe at once (closing the checker); `done` then resolves with an error outcome. */
  abort(): void;
}

export function startProbe(spec: ProbeSpec, clock: Pick<Clock, 'after'>): RunningProbe {
  let verdict: ProbeOutcome | undefined;
  let finished = false;
  let resolveDone!: (outcome: ProbeOutcome) => void;
  const done = new Promise<ProbeOutcome>((resolve) => (resolveDone = resolve));
  const streams: Duplex[] = [];

  const decide = (outcome: ProbeOutcome) => {
    verdict ??= outcome;
  };
  const finish = (outcome?: ProbeOutcome) => {
    if (outcome) decide(outcome);
    if (finished) return;
    finished = true;
    deadline.cancel();
    for (const s of streams) s.destroy();
    const raw = streams[0];
    const result = verdict ?? { ok: false, failure: 'error', detail: 'closed without an answer' };
    // Resolve once the socket is really closed, so that "finished" means nothing is left open.
    if (raw && !raw.closed) raw.once('close', () => resolveDone(result));
    else resolveDone(result);
  };
  const fail = (e: unknown) => finish({ ok: false, failure: 'error', detail: describeError(e) });

  // §2.5: success must come "within HealthCheckTimeoutSeconds"; the timer covers connect too.
  const deadline = clock.after(spec.timeoutSeconds, () => finish({ ok: false, failure: 'timeout' }));

  try {
    const socket = net.connect({ host: spec.hostAddress, port: spec.port, localAddress: spec.localAddress });
    streams.push(socket);
    socket.on('error', fail);
    socket.on('close', () => finish());
    socket.once('connect', () => {
      if (spec.protocol === 'TCP') {
        decide({ ok: true });
        // The PPv2 header is flushed before the connection closes.
        if (spec.proxyProtocolV2) socket.end(localHeaderV2(), () => finish());
        else finish();
        return;
      }
      if (spec.proxyProtocolV2) socket.write(localHeaderV2());
      sendRequest(socket);
    });
  } catch (e) {
    fail(e);
  }

  function sendRequest(socket: net.Socket): void {
    let stream: Duplex = socket;
    if (spec.protocol === 'HTTPS') {
      // No servername: no SNI in the ClientHello. No verification of the target's certificate.
      const secure = tls.connect({ socket, rejectUnauthorized: false });
      secure.on('error', fail);
      streams.push(secure);
      stream = secure;
    }
    const req = http.request({
      method: 'GET',
      path: spec.path,
      setHost: false,
      createConnection: () => stream,
      headers: { Host: spec.hostHeader, 'User-Agent': HEALTH_CHECK_USER_AGENT, Connection: 'close' },
    });
    req.on('error', fail);
    req.on('response', (res: http.IncomingMessage) => {
      const status = res.statusCode ?? 0;
      decide(spec.matches(status) ? { ok: true } : { ok: false, failure: 'status', status });
      // Read and discard the body; the verdict is already in, so an early close changes nothing.
      res.on('error', () => finish());
      res.on('end', () => finish());
      res.on('close', () => finish());
      res.resume();
    });
    req.end();
  }

  return { done, abort: () => finish({ ok: false, failure: 'error', detail: 'aborted' }) };
}

/**
 * A probe toward a target AWS would drop (no route, a security group): no answer ever comes, so
 * it ends as a time-out after the health-check timeout (DESIGN.md: "What AWS would drop is
 * dropped, and the client sees what it would see (a time-out)").
 */
export function unansweredProbe(timeoutSeconds: number, clock: Pick<Clock, 'after'>): RunningProbe {
  let resolveDone!: (outcome: ProbeOutcome) => void;
  const done = new Promise<ProbeOutcome>((resolve) => (resolveDone = resolve));
  const timer = clock.after(timeoutSeconds, () => resolveDone({ ok: false, failure: 'timeout' }));
  return {
    done,
    abort: () => {
      timer.cancel();
      resolveDone({ ok: false, failure: 'error', detail: 'aborted' });
    },
  };
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    return code ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}
