/**
 * Header transforms of the execute-api data plane (apigateway-rest.md §2.1, §2.4, §2.5).
 *
 * Headers travel as raw `[name, value]` pairs so the client's (or backend's) casing, order and
 * repeated headers survive; every comparison here is case-insensitive. Pure functions: the caller
 * owns the sockets and the framing (Content-Length, Transfer-Encoding, Connection).
 */
import { createHash } from 'node:crypto';
import { randomSlice } from './random-pool.js';

/** One raw header (or query) pair, name as received. */
export type HeaderPair = readonly [name: string, value: string];

export type HttpIntegrationKind = 'HTTP' | 'HTTP_PROXY';

const lower = (name: string): string => name.toLowerCase();
const setOf = (...names: string[]): ReadonlySet<string> => new Set(names.map(lower));

/**
 * Request headers never forwarded to an HTTP (non-proxy) integration: the KNOWN header table as
 * summarised in §2.5 [doc]. `Connection` and `Content-Encoding` pass for `http` in that table.
 */
const DROP_TOWARD_HTTP = setOf(
  'Content-MD5', 'Expect', 'Max-Forwards', 'Proxy-Authenticate', 'Server', 'TE', 'Trailer', 'Upgrade',
  'WWW-Authenticate', 'Transfer-Encoding', 'Via',
);

/**
 * Request headers never forwarded to an HTTP_PROXY integration. The doc table (§2.5 [doc]) lets
 * `Connection` through for http_proxy, but the recorded HTTP_PROXY backend view (§2.5 [obs],
 * LS test_apigateway_integrations.snapshot.json) shows Connection, Content-Encoding, Content-MD5,
 * Expect, Max-Forwards, Proxy-Authenticate, Server, TE, Trailer, Transfer-Encoding, Upgrade, Via
 * and WWW-Authenticate all gone: we follow the observation.
 */
const DROP_TOWARD_HTTP_PROXY = setOf(
  'Connection', 'Content-Encoding', 'Content-MD5', 'Expect', 'Max-Forwards', 'Proxy-Authenticate', 'Server',
  'TE', 'Trailer', 'Transfer-Encoding', 'Upgrade', 'Via', 'WWW-Authenticate',
);

/**
 * Dropped toward every integration because API Gateway writes its own value (§2.5): Host (the
 * integration host), Content-Length (regenerated from the body, by the caller), Date (API
 * Gateway's), and the two headers it adds. `Keep-Alive` and `Proxy-Connection` are hop-by-hop
 * (RFC 9110 §7.6.1) and undici refuses `Keep-Alive`; the reference does not list them [inf].
 */
const ALWAYS_REPLACED_TOWARD_INTEGRATION = setOf(
  'Host', 'Content-Length', 'Date', 'X-Amzn-Apigateway-Api-Id', 'X-Amzn-Trace-Id', 'Keep-Alive', 'Proxy-Connection',
);

export interface IntegrationHeaderExtras {
  readonly apiId: string;
  /** From {@link newTraceId}, or the client's own trace id when the caller continues it. */
  readonly traceId: string;
  /** `host[:port]` of the integration URL (§2.5: Host becomes the integration host). */
  readonly integrationHost: string;
  /** API Gateway's `Date` (IMF-fixdate), replacing the client's (§2.5 [obs]). */
  readonly date: string;
  /**
   * `Authorization` passes unless it is a SigV4 signature or the method uses AWS_IAM (§2.5 [doc]).
   * Defaults to NONE.
   */
  readonly methodAuthorizationType?: 'NONE' | 'AWS_IAM';
}

const isSigV4 = (value: string): boolean => value.trimStart().startsWith('AWS4-HMAC-SHA256');

/**
 * The client's request headers as the integration receives them (§2.5, checklist 25–26).
 * For HTTP (non-proxy) AWS forwards only mapped headers [inf]: the caller decides which headers
 * it passes in; this applies the table to whatever it gets. Mapped headers
 * (`integration.request.header.X`) go on top with {@link overrideHeaders}.
 */
export function toIntegrationHeaders(
  clientHeaders: readonly HeaderPair[],
  kind: HttpIntegrationKind,
  extra: IntegrationHeaderExtras,
): HeaderPair[] {
  const dropped = kind === 'HTTP_PROXY' ? DROP_TOWARD_HTTP_PROXY : DROP_TOWARD_HTTP;
  const dropAuthorization = extra.methodAuthorizationType === 'AWS_IAM';
  const out: HeaderPair[] = [['Host', extra.integrationHost]];
  for (const pair of clientHeaders) {
    const name = lower(pair[0]);
    if (dropped.has(name) || ALWAYS_REPLACED_TOWARD_INTEGRATION.has(name)) continue;
    if (name === 'authorization' && (dropAuthorization || isSigV4(pair[1]))) continue;
    out.push([pair[0], pair[1]]);
  }
  out.push(['Date', extra.date], ['X-Amzn-Apigateway-Api-Id', extra.apiId], ['X-Amzn-Trace-Id', extra.traceId]);
  return out;
}

/**
 * Backend response headers renamed to `x-amzn-Remapped-{name}` (§2.4 [doc]): Authorization,
 * Connection, Content-MD5, Max-Forwards, User-Agent, WWW-Authenticate; Date and Server too (API
 * Gateway writes its own Date; the caller adds it). Content-Length: the doc table lets it pass,
 * but the recorded HTTP_PROXY response shows `x-amzn-Remapped-Content-Length` (§2.4 [obs]), so it
 * is remapped and the caller sets its own framing.
 */
const REMAPPED_TOWARD_CLIENT = setOf(
  'Authorization', 'Connection', 'Content-MD5', 'Max-Forwards', 'User-Agent', 'WWW-Authenticate', 'Date', 'Server',
  'Content-Length',
);

/**
 * Backend response headers dropped (§2.4 [doc]). `Keep-Alive` is hop-by-hop and unlisted [inf].
 */
const DROP_TOWARD_CLIENT = setOf('Expect', 'Host', 'Proxy-Authenticate', 'TE', 'Transfer-Encoding', 'Trailer', 'Upgrade', 'Keep-Alive');

/**
 * The backend's response headers as the client receives them (§2.4, checklist 27). `Via` passes
 * for `http` and is dropped for `http_proxy`; `Accept` is dropped for `http` only (§2.4 [doc]).
 * The caller adds `Date`, `Connection`, `Content-Length`, {@link apiGatewayResponseHeaders} and a
 * default `Content-Type: application/json` when none came back (§2.4).
 */
export function toClientHeaders(backendHeaders: readonly HeaderPair[], kind: HttpIntegrationKind): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (const pair of backendHeaders) {
    const name = lower(pair[0]);
    if (DROP_TOWARD_CLIENT.has(name)) continue;
    if (name === 'via' && kind === 'HTTP_PROXY') continue;
    if (name === 'accept' && kind === 'HTTP') continue;
    out.push(REMAPPED_TOWARD_CLIENT.has(name) ? [`x-amzn-Remapped-${pair[0]}`, pair[1]] : [pair[0], pair[1]]);
  }
  return out;
}

/**
 * `base` with every header named in `overrides` replaced by the override(s), which are appended
 * in their order: how `integration.request.header.X` mappings land on top of passthrough headers,
 * replacing the client's value (§2.5 [obs] `Age: request_params_age`, §2.7b).
 */
export function overrideHeaders(base: readonly HeaderPair[], overrides: readonly HeaderPair[]): HeaderPair[] {
  if (overrides.length === 0) return [...base];
  const replaced = new Set(overrides.map((p) => lower(p[0])));
  return [...base.filter((p) => !replaced.has(lower(p[0]))), ...overrides];
}

/** The headers API Gateway puts on every response it handles (§2.4 [obs]). */
export function apiGatewayResponseHeaders(ids: { readonly requestId: string; readonly extendedRequestId: string }): HeaderPair[] {
  return [
    ['x-amzn-RequestId', ids.requestId],
    ['x-amz-apigw-id', ids.extendedRequestId],
  ];
}

/**
 * A new extended request id (`x-amz-apigw-id`, `$context.extendedRequestId`): base64-like,
 * ending in `=` (§2.4 [obs]). Recorded values such as `Zk3mQFf3oAMEb_Q=` are 15 url-safe base64
 * characters plus `=`, i.e. 11 bytes; we generate exactly that shape [inf].
 */
export function newExtendedRequestId(): string {
  return `${randomSlice(11).toString('base64url')}=`;
}

/**
 * `X-Amzn-Trace-Id` value: `Root=1-{8 hex digits of the epoch second}-{24 hex digits}` (§2.5 [obs]
 * shows the header; the format is the X-Ray trace id format [inf]).
 */
export function newTraceId(nowMs: number): string {
  const epochHex = Math.floor(nowMs / 1000).toString(16).padStart(8, '0');
  return `Root=1-${epochHex}-${randomSlice(12).toString('hex')}`;
}

/** The CloudFront POP localvpc reports for EDGE APIs; AWS reports the real edge location [inf]. */
export const EDGE_POP = 'IAD89-P1';

/**
 * The CloudFront headers on EDGE API responses (§2.1 [obs]): `X-Cache: Miss from cloudfront`,
 * `Via: 1.1 {32 hex}.cloudfront.net (CloudFront)`, `X-Amz-Cf-Pop`, `X-Amz-Cf-Id` (56 characters of
 * url-safe base64 ending in `==`). Regional and private APIs carry none of them. The values are
 * derived from the request id so one request always shows the same ones [inf].
 */
export function edgeHeaders(requestId: string): HeaderPair[] {
  const digest = createHash('sha512').update(requestId).digest();
  return [
    ['X-Cache', 'Miss from cloudfront'],
    ['Via', `1.1 ${digest.subarray(0, 16).toString('hex')}.cloudfront.net (CloudFront)`],
    ['X-Amz-Cf-Pop', EDGE_POP],
    ['X-Amz-Cf-Id', `${digest.subarray(16, 56).toString('base64url')}==`],
  ];
}
