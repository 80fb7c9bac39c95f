/**
 * Routing for the REST protocols (restJson1, restXml): method plus the model's `requestUri`
 * template (aws-protocols.md §4, §5).
 *
 * - The raw path is split on `/` first and each segment percent-decoded after, because label
 *   values arrive fully encoded, `/` included (`/tags/arn%3Aaws%3A…%2Frestapis%2Fabc`).
 * - `{name}` matches one segment, `{name+}` the rest of the path.
 * - A literal query in the template is part of the route: `POST /restapis?mode=import` is
 *   ImportRestApi, plain `POST /restapis` CreateRestApi.
 * - Trailing slashes are ignored on both sides (Route 53's ChangeResourceRecordSets is
 *   `…/rrset/`, ListResourceRecordSets `…/rrset`).
 * When several routes match, the one with more literal segments wins, then the one with more
 * literal query keys. The table is built once per service; a lookup only looks at the routes of
 * the request's method and segment count.
 */
import { AwsError } from '../kernel/errors.js';
import { FormError, decodeComponent, parseMultiForm } from './form.js';
import type { Model } from './model.js';

type Segment = { readonly literal: string } | { readonly label: string; readonly greedy: boolean };

interface Route {
  readonly operation: string;
  readonly segments: readonly Segment[];
  readonly greedy: boolean;
  /** Literal query pairs; an undefined value means the key must merely be present. */
  readonly query: ReadonlyArray<readonly [string, string | undefined]>;
  readonly literalSegments: number;
}

export interface RouteMatch {
  readonly operation: string;
  /** Label name (the template's, i.e. the member's locationName) → decoded value. */
  readonly labels: Readonly<Record<string, string>>;
  /** Query keys the route itself consumed (`mode` of `?mode=import`). */
  readonly literalQueryKeys: ReadonlySet<string>;
}

/** Splits a raw path into segments, dropping the leading and any trailing empty segment; not decoded. */
export function splitRawPath(rawPath: string): string[] {
  const segs = rawPath.split('/');
  if (segs[0] === '') segs.shift();
  if (segs.length > 0 && segs[segs.length - 1] === '') segs.pop();
  return segs;
}

function compile(operation: string, requestUri: string): Route {
  const q = requestUri.indexOf('?');
  const pathPart = q === -1 ? requestUri : requestUri.slice(0, q);
  const queryPart = q === -1 ? '' : requestUri.slice(q + 1);
  const segments: Segment[] = splitRawPath(pathPart).map((s) => {
    const m = /^\{([^}]+?)(\+)?\}$/.exec(s);
    return m ? { label: m[1]!, greedy: m[2] === '+' } : { literal: s };
  });
  const query = queryPart
    .split('&')
    .filter((p) => p !== '')
    .map((p): readonly [string, string | undefined] => {
      const eq = p.indexOf('=');
      return eq === -1 ? [p, undefined] : [p.slice(0, eq), p.slice(eq + 1)];
    });
  return {
    operation,
    segments,
    greedy: segments.some((s) => 'greedy' in s && s.greedy),
    query,
    literalSegments: segments.filter((s) => 'literal' in s).length,
  };
}

function moreSpecific(a: Route, b: Route): number {
  return b.literalSegments - a.literalSegments || b.query.length - a.query.length || Number(a.greedy) - Number(b.greedy);
}

export class RestRouter {
  /** `${METHOD} ${segmentCount}` → routes, most specific first. */
  private readonly exact = new Map<string, Route[]>();
  /** METHOD → routes with a greedy label. */
  private readonly greedy = new Map<string, Route[]>();

  constructor(model: Model) {
    for (const [name, op] of Object.entries(model.doc.operations)) {
      const route = compile(name, op.http.requestUri);
      const method = op.http.method.toUpperCase();
      const key = route.greedy ? method : `${method} ${route.segments.length}`;
      const table = route.greedy ? this.greedy : this.exact;
      const list = table.get(key) ?? [];
      list.push(route);
      table.set(key, list);
    }
    for (const list of this.exact.values()) list.sort(moreSpecific);
    for (const list of this.greedy.values()) list.sort(moreSpecific);
  }

  /** Finds the operation for a request; throws FormError on a malformed percent-encoding. */
  match(method: string, rawSegments: readonly string[], query: ReadonlyMap<string, readonly string[]>): RouteMatch | undefined {
    const m = method.toUpperCase();
    const candidates = [...(this.exact.get(`${m} ${rawSegments.length}`) ?? []), ...(this.greedy.get(m) ?? [])];
    if (candidates.length === 0) return undefined;
    const decoded = rawSegments.map(decodePathSegment);
    for (const route of candidates) {
      const labels = matchSegments(route, rawSegments, decoded);
      if (!labels) continue;
      if (!route.query.every(([k, v]) => query.has(k) && (v === undefined || query.get(k)!.includes(v)))) continue;
      return { operation: route.operation, labels, literalQueryKeys: new Set(route.query.map(([k]) => k)) };
    }
    return undefined;
  }
}

/** Path segments decode `%XX` but not `+` (a literal plus in a path). */
function decodePathSegment(raw: string): string {
  return raw.includes('+') ? raw.split('+').map((p) => decodeComponent(p)).join('+') : decodeComponent(raw);
}

function matchSegments(route: Route, raw: readonly string[], decoded: readonly string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  const segs = route.segments;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if ('literal' in s) {
      if (decoded[i] !== s.literal) return undefined;
    } else if (s.greedy) {
      if (i >= raw.length) return undefined;
      labels[s.label] = decoded.slice(i).join('/');
      return i === segs.length - 1 ? labels : undefined;
    } else {
      if (i >= decoded.length || decoded[i] === '') return undefined;
      labels[s.label] = decoded[i]!;
    }
  }
  return segs.length === decoded.length ? labels : undefined;
}

/** What a REST codec needs after routing: the operation, its bound labels and the parsed query. */
export interface RoutedRequest {
  readonly match: RouteMatch;
  readonly query: Map<string, string[]>;
}

/**
 * Routes one request by method and path. A query string that does not decode answers with
 * `badUriCode` (400); a request no operation matches answers with `unknownCode` (404).
 */
export function routeRequest(router: RestRouter, model: Model, req: { method: string; path: string; rawQuery: string }, badUriCode: string, unknownCode: string): RoutedRequest {
  let query: Map<string, string[]>;
  let match: RouteMatch | undefined;
  try {
    query = parseMultiForm(req.rawQuery);
    match = router.match(req.method, splitRawPath(req.path), query);
  } catch (e) {
    if (e instanceof FormError) throw new AwsError(badUriCode, `The request URI could not be parsed: ${e.message}.`, 400);
    throw e;
  }
  if (!match) throw new AwsError(unknownCode, `No ${model.metadata.serviceId} operation matches ${req.method} ${req.path}.`, 404);
  return { match, query };
}
