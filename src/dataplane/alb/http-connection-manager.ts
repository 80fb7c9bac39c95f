/**
 * One request through an ALB listener (elbv2-vpc-endpoints.md §2.1–§2.4), against the latest
 * snapshots:
 *
 * 1. requests the ALB refuses itself: `TRACE` → 405; a Transfer-Encoding other than `chunked` /
 *    `identity` → 501; a request line or one header over 16 KB → 400 (the 64 KB total is the
 *    parser's limit, alb-listeners.ts); more than 30 X-Forwarded-For addresses → 463;
 * 2. the first rule that matches (rule-match.ts), and its terminal action, the last in Order
 *    (authenticate actions do not exist in localvpc's records);
 * 3. `fixed-response` (fixed-response.ts), `redirect` (redirect.ts), or `forward`: a target
 *    group (target-group-choice.ts), a target (target-choice.ts; none → 503), a route from the
 *    node to it (target-route.ts; a drop waits out the connect timeout, then 504), and the
 *    request on a pooled connection (upstream-request.ts) with the ALB's headers
 *    (request-headers.ts).
 *
 * Client keep-alive (`client_keep_alive.seconds`, default 3600, §1.4): once a connection is
 * older than that, its next response says `Connection: close` and the connection ends.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/log.js';
import type { ListenerAction } from '../../state/records/elbv2.js';
import type { LbSnapshot, ListenerEntry, LoadBalancerEntry, NodeEntry, RuleEntry } from '../lb/snapshot.js';
import type { PortMap } from '../listeners/port-map.js';
import type { NetworkSnapshot } from '../network/snapshot.js';
import { fixedResponse } from './fixed-response.js';
import { errorPage, sendReply, type LocalReply, type PageStatus } from './local-reply.js';
import { redirectResponse } from './redirect.js';
import { MAX_XFF_ADDRESSES, upstreamHeaders, xffAddressCount } from './request-headers.js';
import { hostName, matchRule, splitTarget } from './rule-match.js';
import type { AlbTargetPicker } from './target-choice.js';
import type { TargetGroupChooser } from './target-group-choice.js';
import { routeToTarget } from './target-route.js';
import type { AlbUpstreams } from './upstream-pools.js';
import { forwardUpstream } from './upstream-request.js';

/** Target connect timeout, AWS seconds (§2.3: "Target connect timeout 10 s (→504)"). */
export const TARGET_CONNECT_TIMEOUT_SECONDS = 10;
/** TLS handshake timeout toward targets, AWS seconds (§2.3: 10 s, → 502). */
export const TARGET_TLS_HANDSHAKE_TIMEOUT_SECONDS = 10;
/** `idle_timeout.timeout_seconds` default (§1.4). */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
/** `client_keep_alive.seconds` default (§1.4). */
export const DEFAULT_CLIENT_KEEP_ALIVE_SECONDS = 3600;
/** Request line and single header limit, bytes (§2.3: "16 K per request line, 16 K per header"). */
export const MAX_LINE_BYTES = 16 * 1024;

export interface AlbContext {
  readonly lb: () => LbSnapshot;
  readonly network: () => NetworkSnapshot;
  readonly portMap: PortMap;
  readonly targets: AlbTargetPicker;
  readonly groups: TargetGroupChooser;
  readonly upstreams: AlbUpstreams;
  readonly clock: Clock;
  readonly log: Logger;
  /** AWS seconds before a target connection attempt gives up (504); default 10. */
  readonly connectTimeoutSeconds: number;
}

/** Where a listener is bound: one node of one load balancer, one listener port. */
export interface ListenerPlace {
  readonly lbArn: string;
  readonly port: number;
  readonly nodeId: string;
}

/** What the listener knows of a client connection. */
export interface ClientConnection {
  /** The TCP peer's AWS-style address. */
  readonly ip: string;
  readonly port: number;
  readonly protocol: 'http' | 'https';
  /** Real epoch ms the connection was accepted. */
  readonly openedAt: number;
  readonly tls?: { readonly version: string; readonly cipher: string };
}

export function idleTimeoutSeconds(lb: Pick<LoadBalancerEntry, 'attributes'>): number {
  return Number(lb.attributes['idle_timeout.timeout_seconds'] ?? DEFAULT_IDLE_TIMEOUT_SECONDS);
}

export function clientKeepAliveSeconds(lb: Pick<LoadBalancerEntry, 'attributes'>): number {
  return Number(lb.attributes['client_keep_alive.seconds'] ?? DEFAULT_CLIENT_KEEP_ALIVE_SECONDS);
}

export function serveRequest(ctx: AlbContext, place: ListenerPlace, conn: ClientConnection, req: IncomingMessage, res: ServerResponse): void {
  const lbs = ctx.lb();
  const lb = lbs.loadBalancers.get(place.lbArn);
  const listener = lb?.listeners.find((l) => l.port === place.port);
  const node = lb?.nodes.find((n) => n.networkInterfaceId === place.nodeId);
  // The listener is gone (deleted, or the load balancer with it): its connections end.
  if (!lb || !listener || !node) return void res.destroy();
  const close = Date.now() - conn.openedAt >= ctx.clock.toRealMs(clientKeepAliveSeconds(lb));
  const page = (status: PageStatus) => sendReply(res, errorPage(status, { close }));

  const refusal = refuse(req);
  if (refusal !== undefined) return page(refusal);

  const { path, query, host } = requestTarget(req);
  const rule = matchRule(listener.rules, { method: req.method ?? 'GET', host, path, query, rawHeaders: req.rawHeaders, sourceIp: conn.ip });
  const action = rule?.actions.at(-1);
  if (!rule || !action) return page(503);
  switch (action.Type) {
    case 'fixed-response':
      return sendReply(res, closing(fixedResponse(action.FixedResponseConfig ?? { StatusCode: '200' }), close));
    case 'redirect':
      return sendReply(
        res,
        closing(
          redirectResponse(action.RedirectConfig ?? { StatusCode: 'HTTP_301' }, {
            protocol: conn.protocol,
            host: host === undefined ? node.privateIp : hostName(host),
            port: listener.port,
            path,
            query: query ?? '',
          }),
          close,
        ),
      );
    case 'forward':
      return forward(ctx, { lbs, lb, listener, node, rule, action, path, query }, conn, req, res, close);
  }
}

/** The status of a request the ALB refuses before any rule, or undefined. */
function refuse(req: IncomingMessage): PageStatus | undefined {
  if (req.method === 'TRACE') return 405;
  const te = req.headers['transfer-encoding'];
  if (te !== undefined && te.split(',').some((t) => !['chunked', 'identity'].includes(t.trim().toLowerCase()))) return 501;
  if ((req.method ?? '').length + (req.url ?? '').length + 10 > MAX_LINE_BYTES) return 400;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.length + req.rawHeaders[i + 1]!.length + 2 > MAX_LINE_BYTES) return 400;
  if (xffAddressCount(req.rawHeaders) > MAX_XFF_ADDRESSES) return 463;
  return undefined;
}

/** Path, query and host of a request; an absolute-form target (`http://host/path`) names its own host. */
function requestTarget(req: IncomingMessage): { path: string; query: string | undefined; host: string | undefined } {
  const url = req.url ?? '/';
  if (/^https?:\/\//i.test(url)) {
    const rest = url.replace(/^https?:\/\//i, '');
    const slash = rest.search(/[/?]/);
    const authority = slash < 0 ? rest : rest.slice(0, slash);
    const target = slash < 0 ? '/' : rest.slice(slash);
    return { ...splitTarget(target.startsWith('/') ? target : `/${target}`), host: authority };
  }
  return { ...splitTarget(url), host: req.headers.host };
}

function closing(reply: LocalReply, close: boolean): LocalReply {
  if (!close) return reply;
  return { ...reply, headers: reply.headers.map(([n, v]) => (n === 'Connection' ? ['Connection', 'close'] : [n, v])) };
}

interface ForwardScope {
  readonly lbs: LbSnapshot;
  readonly lb: LoadBalancerEntry;
  readonly listener: ListenerEntry;
  readonly node: NodeEntry;
  readonly rule: RuleEntry;
  readonly action: ListenerAction;
  /** The request path and query (origin form, also for an absolute-form request). */
  readonly path: string;
  readonly query: string | undefined;
}

function forward(ctx: AlbContext, s: ForwardScope, conn: ClientConnection, req: IncomingMessage, res: ServerResponse, close: boolean): void {
  const label = `${s.lb.name}:${s.listener.port}`;
  const now = new Date();
  const page = (status: PageStatus) => sendReply(res, errorPage(status, { close }));
  const group = ctx.groups.choose(s.rule.arn, s.action, req.rawHeaders, now);
  const tg = group && s.lbs.targetGroups.get(group.targetGroupArn);
  if (!group || !tg) {
    ctx.log.info('503', { listener: label, reason: group ? `target group ${group.targetGroupArn} does not exist` : 'the forward action has no target group with a weight above 0' });
    return page(503);
  }
  const choice = ctx.targets.choose(tg, s.lb, s.node, req.rawHeaders, now);
  if (!choice.target || choice.target.ip === undefined) {
    ctx.log.info('503', { listener: label, reason: choice.target ? 'the target has no address' : choice.reason });
    return page(503);
  }
  const target = { ...choice.target, ip: choice.target.ip };
  const route = routeToTarget(ctx.network(), s.lb, s.node, target);
  const connectMs = ctx.clock.toRealMs(ctx.connectTimeoutSeconds);
  if (route.kind === 'drop') {
    // Nothing answers the node's SYN: the ALB gives up after its connect timeout (§2.3).
    ctx.log.info('target unreachable', { listener: label, target: target.key, reason: route.reason });
    const timer = setTimeout(() => page(504), connectMs).unref();
    res.once('close', () => clearTimeout(timer));
    return;
  }
  const idleMs = ctx.clock.toRealMs(idleTimeoutSeconds(s.lb));
  const pool = ctx.upstreams.pool(
    { protocol: tg.protocol === 'HTTPS' ? 'HTTPS' : 'HTTP', hostAddress: route.hostAddress, port: ctx.portMap.resolve(route.hostAddress, target.port), localAddress: route.localAddress },
    { connectMs, tlsHandshakeMs: ctx.clock.toRealMs(TARGET_TLS_HANDSHAKE_TIMEOUT_SECONDS), idleMs },
  );
  const headers = upstreamHeaders(req.rawHeaders, {
    clientIp: conn.ip,
    clientPort: conn.port,
    protocol: conn.protocol,
    listenerPort: s.listener.port,
    nodeIp: s.node.privateIp,
    attributes: s.lb.attributes,
    now,
    ...(conn.tls ? { tls: conn.tls } : {}),
  });
  const end = ctx.targets.begin(target.key);
  const path = (req.url ?? '/').startsWith('/') || req.url === '*' ? (req.url ?? '/') : `${s.path}${s.query === undefined ? '' : `?${s.query}`}`;
  forwardUpstream(req, res, { dispatcher: pool, method: req.method ?? 'GET', path, headers, idleMs, cookies: [...group.cookies, ...choice.cookies], closeClient: close }, (outcome) => {
    end();
    if (!outcome.ok) ctx.log.info('target failed', { listener: label, target: target.key, status: outcome.status ?? 'none', error: outcome.code });
  });
}
