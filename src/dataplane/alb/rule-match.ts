/**
 * Which listener rule a request takes (elbv2-vpc-endpoints.md §1.10, checklist 20–23): rules in
 * ascending priority, the default rule last, the first whose conditions all match wins. Within
 * one condition the values are alternatives (OR); the conditions of a rule all apply (AND).
 *
 * What each condition looks at:
 * - host-header: the Host header's name without its port (`Example.COM:8080` → `example.com`
 *   against case-insensitive patterns); no Host, no match. [infer] the port is not part of the
 *   match (the docs route "based on the host name").
 * - path-pattern: the path of the request target as received, without the query ("applied only
 *   to the path of the URL, not to its query parameters"); case-sensitive. [infer] percent
 *   escapes are matched as sent, not decoded.
 * - http-header: every occurrence of the named header (each is tried); no occurrence, no match.
 * - http-request-method: the method, exactly.
 * - query-string: the `&`-separated parameters, each split at its first `=` into key and value,
 *   both percent-decoded before matching [infer: the docs say "Any character can be percentage
 *   encoded", and a `+` stays a `+`]. A pair condition needs one parameter whose key and value
 *   both match; a value-only condition needs one parameter whose value matches. A parameter
 *   without `=` has that text as its value and no key [infer]. A malformed escape stays as sent.
 * - source-ip: the TCP peer's AWS-style address, never X-Forwarded-For ("This condition is not
 *   satisfied by the addresses in the X-Forwarded-For header").
 */
import net from 'node:net';
import type { ConditionMatcher, RuleEntry } from '../lb/snapshot.js';

/** The parts of a request the rules look at. */
export interface RequestFacts {
  readonly method: string;
  /** The Host header as received (with its port, if any); undefined without one. */
  readonly host: string | undefined;
  /** The request target before `?`, as received. */
  readonly path: string;
  /** The request target after the first `?`, as received; undefined without `?`. */
  readonly query: string | undefined;
  /** Node's rawHeaders: name, value, name, value, … */
  readonly rawHeaders: readonly string[];
  /** The TCP peer's AWS-style address. */
  readonly sourceIp: string;
}

/** The first rule whose conditions all hold; the default rule (no conditions) ends every list. */
export function matchRule(rules: readonly RuleEntry[], request: RequestFacts): RuleEntry | undefined {
  const view = new RequestView(request);
  return rules.find((rule) => rule.conditions.every((c) => conditionHolds(c, view)));
}

/** Splits a request target (`/a/b?x=1`) into path and query. */
export function splitTarget(target: string): { path: string; query: string | undefined } {
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: undefined } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/** The host name of a Host header value: without its port, IPv6 literals kept in brackets. */
export function hostName(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host : host.slice(0, end + 1);
  }
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

/** Lazily derived views of one request, shared by every condition tried on it. */
class RequestView {
  private params: { key: string | undefined; value: string }[] | undefined;

  constructor(readonly request: RequestFacts) {}

  headerValues(lowerName: string): string[] {
    const raw = this.request.rawHeaders;
    const out: string[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.toLowerCase() === lowerName) out.push(raw[i + 1]!);
    return out;
  }

  queryParams(): { key: string | undefined; value: string }[] {
    if (this.params) return this.params;
    const query = this.request.query;
    this.params = [];
    if (query) {
      for (const part of query.split('&')) {
        if (part === '') continue;
        const eq = part.indexOf('=');
        this.params.push(eq < 0 ? { key: undefined, value: decode(part) } : { key: decode(part.slice(0, eq)), value: decode(part.slice(eq + 1)) });
      }
    }
    return this.params;
  }
}

function conditionHolds(c: ConditionMatcher, view: RequestView): boolean {
  const request = view.request;
  switch (c.field) {
    case 'host-header': {
      if (request.host === undefined) return false;
      const name = hostName(request.host);
      return c.patterns.some((p) => p.test(name));
    }
    case 'path-pattern':
      return c.patterns.some((p) => p.test(request.path));
    case 'http-header': {
      const values = view.headerValues(c.headerName);
      return values.some((v) => c.patterns.some((p) => p.test(v)));
    }
    case 'http-request-method':
      return c.methods.includes(request.method);
    case 'query-string': {
      const params = view.queryParams();
      return c.pairs.some((pair) => params.some((p) => (pair.key === undefined || (p.key !== undefined && pair.key.test(p.key))) && pair.value.test(p.value)));
    }
    case 'source-ip': {
      const family = net.isIPv4(request.sourceIp) ? 'ipv4' : net.isIPv6(request.sourceIp) ? 'ipv6' : undefined;
      return family !== undefined && c.networks.check(request.sourceIp, family);
    }
  }
}

/** Percent-decoding that keeps malformed escapes as sent. */
function decode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}
