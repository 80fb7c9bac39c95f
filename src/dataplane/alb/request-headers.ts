/**
 * The headers an ALB sends to a target (elbv2-vpc-endpoints.md §2.2, checklist 26–28):
 *
 * - hop-by-hop headers are not forwarded (network/hop-by-hop.ts, RFC 9110 §7.6.1);
 * - `X-Forwarded-For` by `routing.http.xff_header_processing.mode`: `append` (default) adds the
 *   TCP peer's address after whatever the client sent (`a, b, <peer>`; with
 *   `routing.http.xff_client_port.enabled` the peer is `ip:port`, IPv6 `[ip]:port`); `preserve`
 *   leaves the header as sent; `remove` drops it;
 * - `X-Forwarded-Proto` (`http`/`https`) and `X-Forwarded-Port` (the listener port) replace any
 *   the client sent;
 * - `X-Amzn-Trace-Id` (trace-id.ts);
 * - `Host`: with `routing.http.preserve_host_header.enabled` the client's Host unchanged;
 *   otherwise the client's host name with the listener port appended (`www.example.com` on a
 *   listener at 8443 → `www.example.com:8443`, as AWS's announcement shows), except that the
 *   protocol's default port (80 for HTTP, 443 for HTTPS) is not appended [infer: §2.2 and §9 say
 *   AWS does not state what happens on default ports]. A request without Host (HTTP/1.0) gets the
 *   node's private IP [infer];
 * - with `routing.http.drop_invalid_header_fields.enabled`, header names that are not letters,
 *   digits and hyphens are removed (§2.1);
 * - with `routing.http.x_amzn_tls_version_and_cipher_suite.enabled` on an HTTPS listener,
 *   `X-Amzn-Tls-Version` and `X-Amzn-Tls-Cipher-Suite` (OpenSSL names) are added (§2.2).
 */
import { endToEndHeaders } from '../network/hop-by-hop.js';
import { hostName } from './rule-match.js';
import { traceHeader } from './trace-id.js';

/** More X-Forwarded-For addresses than this are refused with 463 (§2.2). */
export const MAX_XFF_ADDRESSES = 30;

/** Headers the ALB sets itself; incoming ones are replaced. */
const REPLACED = new Set(['host', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-port', 'x-amzn-trace-id', 'x-amzn-tls-version', 'x-amzn-tls-cipher-suite']);
/** `Expect: 100-continue` is answered by the listener itself (Node sends the 100), not forwarded [infer]. */
const ANSWERED_HERE = new Set(['expect']);
const VALID_NAME = /^[A-Za-z0-9-]+$/;

export interface ForwardFacts {
  /** The TCP peer's AWS-style address. */
  readonly clientIp: string;
  readonly clientPort: number;
  readonly protocol: 'http' | 'https';
  readonly listenerPort: number;
  /** The node's private IP, the Host of a request that had none [infer]. */
  readonly nodeIp: string;
  /** The load balancer's attributes. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly now: Date;
  /** HTTPS listeners: the negotiated protocol and cipher (OpenSSL names). */
  readonly tls?: { readonly version: string; readonly cipher: string };
}

/** How many addresses the request's X-Forwarded-For headers carry, all occurrences together. */
export function xffAddressCount(rawHeaders: readonly string[]): number {
  let n = 0;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() !== 'x-forwarded-for') continue;
    n += rawHeaders[i + 1]!.split(',').filter((a) => a.trim() !== '').length;
  }
  return n;
}

/** The Host header toward the target. */
export function targetHost(clientHost: string | undefined, facts: Pick<ForwardFacts, 'attributes' | 'protocol' | 'listenerPort' | 'nodeIp'>): string {
  if (facts.attributes['routing.http.preserve_host_header.enabled'] === 'true') return clientHost ?? facts.nodeIp;
  const name = clientHost === undefined ? facts.nodeIp : hostName(clientHost);
  const defaultPort = facts.protocol === 'https' ? 443 : 80;
  return facts.listenerPort === defaultPort ? name : `${name}:${facts.listenerPort}`;
}

/** The request headers toward the target, flat (name, value, …) as undici takes them. */
export function upstreamHeaders(rawHeaders: readonly string[], facts: ForwardFacts): string[] {
  const dropInvalid = facts.attributes['routing.http.drop_invalid_header_fields.enabled'] === 'true';
  const mode = facts.attributes['routing.http.xff_header_processing.mode'] ?? 'append';
  let clientHost: string | undefined;
  let trace: string | undefined;
  const xff: string[] = [];
  const out: string[] = [];
  for (const [name, value] of endToEndHeaders(rawHeaders)) {
    const lower = name.toLowerCase();
    if (lower === 'host') clientHost ??= value;
    else if (lower === 'x-amzn-trace-id') trace ??= value;
    else if (lower === 'x-forwarded-for') xff.push(value);
    if (REPLACED.has(lower)) {
      // In preserve mode the client's X-Forwarded-For passes through as sent.
      if (lower === 'x-forwarded-for' && mode === 'preserve') out.push(name, value);
      continue;
    }
    if (ANSWERED_HERE.has(lower) || (dropInvalid && !VALID_NAME.test(name))) continue;
    out.push(name, value);
  }
  const head = ['Host', targetHost(clientHost, facts)];
  if (mode === 'append') {
    const peer = facts.attributes['routing.http.xff_client_port.enabled'] === 'true' ? withPort(facts.clientIp, facts.clientPort) : facts.clientIp;
    out.push('X-Forwarded-For', [...xff, peer].join(', '));
  }
  out.push('X-Forwarded-Proto', facts.protocol, 'X-Forwarded-Port', String(facts.listenerPort), 'X-Amzn-Trace-Id', traceHeader(trace, facts.now));
  if (facts.tls && facts.attributes['routing.http.x_amzn_tls_version_and_cipher_suite.enabled'] === 'true') {
    out.push('X-Amzn-Tls-Version', facts.tls.version, 'X-Amzn-Tls-Cipher-Suite', facts.tls.cipher);
  }
  return [...head, ...out];
}

function withPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
