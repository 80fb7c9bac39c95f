/**
 * The vantage proxy: an HTTP proxy that connects as a host at one vantage (DESIGN.md, network
 * model). Absolute-form requests (`GET http://10.0.1.5/path`) carry plain HTTP; CONNECT carries
 * everything else (HTTPS, any TCP). Upgrade requests in absolute form (WebSocket) are tunnelled
 * like CONNECT after the request head is passed on.
 *
 * For every request or tunnel, against the latest snapshot:
 * 1. resolve the vantage to an Endpoint (an instance that stopped is a drop, not an error);
 * 2. resolve the target host: an IPv4 literal, or a name through the NameResolver; a name that
 *    does not resolve gets 502 (the proxy's equivalent of a DNS failure);
 * 3. `decide` (reachability.ts); a drop holds the client connection open without an answer and
 *    destroys it after `dropAfterSeconds` (drop.ts), which the client sees as a time-out;
 * 4. connect to the destination's host address, binding the vantage's source host address so
 *    the receiver sees who calls, and stream both ways.
 *
 * A destination that is reachable but where nothing listens (ECONNREFUSED: a closed port, the
 * TCP reset AWS lets through) answers 502 with a short text, for plain HTTP and for CONNECT
 * alike. Why 502 for CONNECT too: a proxy cannot pass a reset through once it has accepted the
 * client's connection, and an error status is what clients print usefully (curl: "CONNECT tunnel
 * failed, response 502"), whereas closing the socket reads as a proxy fault.
 *
 * Decisions are made per request, so a route removed between two keep-alive requests drops the
 * second one; tunnels already open are not cut (TODO: cut live flows on a snapshot change).
 */
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream';
import { parseIp } from '../../kernel/cidr.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/log.js';
import { DEFAULT_DROP_AFTER_SECONDS, holdOpen } from './drop.js';
import { ec2PrivateDnsResolver, type NameResolver } from './ec2-private-dns.js';
import { endToEndHeaders, toOutgoingHeaders } from './hop-by-hop.js';
import { decide, type Endpoint } from './reachability.js';
import type { NetworkSnapshot } from './snapshot.js';
import { resolveVantage, VantageError } from './vantage.js';

export interface VantageProxyOptions {
  /** The vantage (`internet`, `vpc-…`, `subnet-…`, `i-…`, `vpn-…`). */
  readonly vantage: string;
  /** The latest snapshot; read once per request or tunnel. */
  readonly snapshot: () => NetworkSnapshot;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Resolves non-literal host names. Default: EC2 private DNS names (ec2-private-dns.ts). */
  readonly resolveName?: NameResolver;
  /** AWS seconds a dropped connection is held before it is destroyed. Default 120. */
  readonly dropAfterSeconds?: number;
  /** Listen address. Default 127.0.0.1 (DESIGN.md: loopback only). */
  readonly host?: string;
  /** Listen port. Default 0 (any free port). */
  readonly port?: number;
  /** The port bound for a host address and AWS port (listeners/port-map.ts); default identity. */
  readonly resolvePort?: (hostAddress: string, port: number) => number;
}

export interface VantageProxy {
  /** `http://127.0.0.1:<port>`, for HTTP_PROXY and HTTPS_PROXY. */
  readonly url: string;
  readonly port: number;
  readonly vantage: string;
  close(): Promise<void>;
}

type Plan =
  | { readonly kind: 'connect'; readonly hostAddress: string; readonly sourceHostAddress: string; readonly ip: string }
  | { readonly kind: 'drop'; readonly reason: string }
  | { readonly kind: 'unresolvable'; readonly reason: string };

/** `startVantageProxy` listens and resolves once the proxy accepts connections. */
export async function startVantageProxy(options: VantageProxyOptions): Promise<VantageProxy> {
  const proxy = new VantageProxyServer(options);
  await proxy.listen();
  return proxy;
}

class VantageProxyServer implements VantageProxy {
  readonly vantage: string;
  private readonly server: http.Server;
  private readonly agent = new http.Agent({ keepAlive: true });
  private readonly sockets = new Set<Duplex>();
  private readonly log: Logger;
  private readonly resolveName: NameResolver;
  private readonly dropAfterSeconds: number;
  private address: { port: number } | undefined;
  private closed: Promise<void> | undefined;

  constructor(private readonly options: VantageProxyOptions) {
    this.vantage = options.vantage || 'internet';
    this.log = options.logger.child(`vantage ${this.vantage}`);
    this.resolveName = options.resolveName ?? ec2PrivateDnsResolver;
    this.dropAfterSeconds = options.dropAfterSeconds ?? DEFAULT_DROP_AFTER_SECONDS;
    // requestTimeout 0: a held (dropped) request must not be answered with 408 by Node.
    this.server = http.createServer({ requestTimeout: 0 });
    this.server.on('connection', (socket: net.Socket) => this.track(socket));
    this.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.onRequest(req, res).catch((e: unknown) => {
        this.log.error('request failed', { url: req.url, error: String(e) });
        if (!res.headersSent) answer(res, 502, 'localvpc vantage proxy: internal error\n');
        else res.destroy();
      });
    });
    this.server.on('connect', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      this.onConnect(req, socket, head).catch((e: unknown) => this.failRaw(socket, req, e));
    });
    this.server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      this.onUpgrade(req, socket, head).catch((e: unknown) => this.failRaw(socket, req, e));
    });
    this.server.on('clientError', (_err, socket: Duplex) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
  }

  get port(): number {
    if (!this.address) throw new Error('vantage proxy is not listening');
    return this.address.port;
  }

  get url(): string {
    return `http://${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        this.server.off('error', reject);
        this.address = this.server.address() as net.AddressInfo;
        this.log.debug('listening', { url: this.url });
        resolve();
      });
    });
  }

  close(): Promise<void> {
    this.closed ??= new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.agent.destroy();
    });
    return this.closed;
  }

  /** Plain HTTP in absolute form. */
  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const target = parseAbsoluteForm(req.url ?? '');
    if (!target) return answer(res, 400, 'localvpc vantage proxy: send requests in absolute form (http://host/path), or use CONNECT\n');
    if (target.protocol !== 'http:') return answer(res, 400, `localvpc vantage proxy: ${target.protocol}// is carried with CONNECT, not in absolute form\n`);
    const port = target.port ? Number(target.port) : 80;
    const plan = await this.plan(stripBrackets(target.hostname), port);
    if (plan.kind === 'unresolvable') return answer(res, 502, `localvpc: ${plan.reason}\n`);
    if (plan.kind === 'drop') {
      this.logDrop(req.method ?? 'GET', `${target.host}`, plan.reason);
      holdOpen(req.socket, this.options.clock, this.dropAfterSeconds);
      return;
    }
    const headers = withHost(endToEndHeaders(req.rawHeaders), target.host);
    const upstream = http.request({
      host: plan.hostAddress,
      port: this.boundPort(plan.hostAddress, port),
      localAddress: plan.sourceHostAddress,
      method: req.method,
      path: `${target.pathname}${target.search}`,
      headers: toOutgoingHeaders(headers),
      agent: this.agent,
      setHost: false,
    });
    upstream.on('response', (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, toOutgoingHeaders(endToEndHeaders(upstreamRes.rawHeaders)));
      pipeline(upstreamRes, res, () => {});
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (res.headersSent) return res.destroy();
      answer(res, 502, `localvpc: ${describeConnectError(err, plan.ip, port)}\n`);
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    // pipe, not pipeline: an upstream failure must not destroy the client's request (and socket)
    // before the 502 is written.
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  }

  /** CONNECT host:port — a TCP tunnel. */
  private async onConnect(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const target = parseAuthority(req.url ?? '');
    if (!target) return rawAnswer(socket, 400, 'localvpc vantage proxy: CONNECT needs host:port\n');
    const plan = await this.plan(target.host, target.port);
    if (plan.kind === 'unresolvable') return rawAnswer(socket, 502, `localvpc: ${plan.reason}\n`);
    if (plan.kind === 'drop') {
      this.logDrop('CONNECT', `${target.host}:${target.port}`, plan.reason);
      holdOpen(socket, this.options.clock, this.dropAfterSeconds, { discardInput: true });
      return;
    }
    this.tunnel(socket, plan, target.port, 'HTTP/1.1 200 Connection Established\r\n\r\n', head);
  }

  /** An Upgrade request (WebSocket) in absolute form: pass the head on, then tunnel. */
  private async onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const target = parseAbsoluteForm(req.url ?? '');
    if (!target || target.protocol !== 'http:') return rawAnswer(socket, 400, 'localvpc vantage proxy: send upgrade requests in absolute form (http://host/path)\n');
    const port = target.port ? Number(target.port) : 80;
    const plan = await this.plan(stripBrackets(target.hostname), port);
    if (plan.kind === 'unresolvable') return rawAnswer(socket, 502, `localvpc: ${plan.reason}\n`);
    if (plan.kind === 'drop') {
      this.logDrop(`${req.method} (upgrade)`, target.host, plan.reason);
      holdOpen(socket, this.options.clock, this.dropAfterSeconds, { discardInput: true });
      return;
    }
    // Upgrade and Connection are end-to-end here: the tunnel carries the handshake as is.
    const headers = withHost(endToEndHeaders(req.rawHeaders, new Set(['connection', 'upgrade'])), target.host);
    const lines = [`${req.method} ${target.pathname}${target.search} HTTP/1.1`, ...headers.map(([n, v]) => `${n}: ${v}`)];
    this.tunnel(socket, plan, port, undefined, Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n'), head]));
  }

  private tunnel(client: Duplex, plan: Extract<Plan, { kind: 'connect' }>, port: number, established: string | undefined, firstBytes: Buffer): void {
    const upstream = net.connect({ host: plan.hostAddress, port: this.boundPort(plan.hostAddress, port), localAddress: plan.sourceHostAddress });
    this.track(upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      if (established) client.write(established);
      if (firstBytes.length) upstream.write(firstBytes);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected) rawAnswer(client, 502, `localvpc: ${describeConnectError(err, plan.ip, port)}\n`);
      else client.destroy();
    });
    upstream.on('close', () => {
      if (connected) client.destroy();
    });
    client.on('close', () => upstream.destroy());
  }

  private boundPort(hostAddress: string, port: number): number {
    return this.options.resolvePort ? this.options.resolvePort(hostAddress, port) : port;
  }

  /** Vantage → target address → decision, against the latest snapshot. */
  private async plan(host: string, port: number): Promise<Plan> {
    let snapshot = this.options.snapshot();
    let from: Endpoint;
    try {
      from = resolveVantage(snapshot, this.vantage);
    } catch (e) {
      if (e instanceof VantageError) return { kind: 'drop', reason: e.message };
      throw e;
    }
    let ip = host;
    if (parseIp(host) === undefined) {
      let resolved: string | undefined;
      try {
        resolved = await this.resolveName(host, from);
      } catch (e) {
        return { kind: 'unresolvable', reason: `cannot resolve ${host} from ${this.vantage} (${e instanceof Error ? e.message : String(e)})` };
      }
      if (resolved === undefined) return { kind: 'unresolvable', reason: `cannot resolve ${host} from ${this.vantage}` };
      ip = resolved;
      snapshot = this.options.snapshot();
    }
    const decision = decide(snapshot, from, { ip, port, protocol: 'tcp' });
    if (!decision.allowed) return { kind: 'drop', reason: decision.reason };
    return { kind: 'connect', hostAddress: decision.hostAddress, sourceHostAddress: decision.sourceHostAddress, ip };
  }

  private failRaw(socket: Duplex, req: http.IncomingMessage, e: unknown): void {
    this.log.error('tunnel failed', { url: req.url, error: String(e) });
    if (socket.writable) rawAnswer(socket, 502, 'localvpc vantage proxy: internal error\n');
    else socket.destroy();
  }

  private logDrop(method: string, target: string, reason: string): void {
    this.log.info('dropped', { method, target, reason });
  }

  private track(socket: Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}

function parseAbsoluteForm(text: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function parseAuthority(text: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return undefined;
  return { host: (m[1] ?? m[2])!, port };
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * A proxy replaces Host with the authority of an absolute-form target
 * (RFC 9112 §3.2.2), which is what the receiver then routes by (ALB host rules, API Gateway).
 */
function withHost(headers: [string, string][], authority: string): [string, string][] {
  return [['Host', authority], ...headers.filter(([name]) => name.toLowerCase() !== 'host')];
}

function describeConnectError(err: NodeJS.ErrnoException, ip: string, port: number): string {
  if (err.code === 'ECONNREFUSED') return `nothing listens on ${ip}:${port} (connection refused)`;
  return `connection to ${ip}:${port} failed (${err.code ?? err.message})`;
}

function answer(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function rawAnswer(socket: Duplex, status: number, text: string): void {
  const reason = http.STATUS_CODES[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}
