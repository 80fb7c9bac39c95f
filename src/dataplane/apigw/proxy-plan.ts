/**
 * The integration request of the canonical proxy integration, compiled once per integration and
 * stage variables (DESIGN.md: no work per request that can be done once per deployment).
 *
 * It applies to HTTP_PROXY integrations whose request parameters only map path placeholders from
 * method path parameters (`integration.request.path.proxy = method.request.path.proxy`, what the
 * console writes) or have none, and whose uri, after stage-variable substitution, needs no
 * normalising. Per request it only encodes the path parameters into the compiled path and
 * appends the client's query string, and it gives the same result as the general
 * `integrationRequest` (integration-request.ts), to which it defers (returns undefined) whenever
 * a request has something the WHATWG URL parser would rewrite: dot segments, or query
 * characters it percent-encodes.
 */
import type { Integration } from '../../state/records/apigateway.js';
import { encodeGreedy, encodePathSegment, substituteStageVariables } from './integration-request.js';

export interface ProxyTarget {
  readonly method: string;
  /** `http:` or `https:`. */
  readonly protocol: string;
  readonly hostname: string;
  /** Empty for the scheme's default port, as URL#port. */
  readonly port: string;
  /** `hostname[:port]`, as URL#host. */
  readonly host: string;
  /** Path and query, ready for the request line. */
  readonly pathAndQuery: string;
}

type Part = string | { readonly parameter: string; readonly greedy: boolean };

interface Compiled {
  readonly protocol: string;
  readonly hostname: string;
  readonly port: string;
  readonly host: string;
  readonly parts: readonly Part[];
  readonly query: string;
}

const UNCOMPILABLE = null;
const cache = new WeakMap<Integration, WeakMap<object, Compiled | null>>();

const URI = /^(https?):\/\/([^/?#\s]+)(\/[^?#]*)?(?:\?([^#]*))?$/i;
const PLACEHOLDER = /\{([^{}/]+?)\+?\}/g;
const PATH_LITERAL = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;
const QUERY_SAFE = /^[\x21\x24-\x26\x28-\x3b\x3d\x3f-\x5f\x61-\x7e]*$/;
const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/;

function compile(integration: Integration, variables: Readonly<Record<string, string>>, resourcePath: string): Compiled | null {
  if (integration.type !== 'HTTP_PROXY' || !integration.uri || !integration.httpMethod) return UNCOMPILABLE;
  const sources = new Map<string, string>();
  for (const [target, source] of Object.entries(integration.requestParameters ?? {})) {
    const m = /^integration\.request\.path\.(.+)$/.exec(target);
    const from = /^method\.request\.path\.(.+)$/.exec(source);
    if (!m || !from) return UNCOMPILABLE;
    sources.set(m[1]!, from[1]!);
  }
  const m = URI.exec(substituteStageVariables(integration.uri, variables));
  if (!m) return UNCOMPILABLE;
  const [, scheme, authority, rawPath = '/', rawQuery = ''] = m;
  if (rawQuery.includes('{') || !QUERY_SAFE.test(rawQuery)) return UNCOMPILABLE;
  let origin: URL;
  try {
    origin = new URL(`${scheme}://${authority}/`);
  } catch {
    return UNCOMPILABLE;
  }
  if (origin.username || origin.password) return UNCOMPILABLE;
  const greedy = new Set([...resourcePath.matchAll(/\{([^{}/]+)\+\}/g)].map((x) => x[1]!));
  const parts: Part[] = [];
  let last = 0;
  for (const p of rawPath.matchAll(PLACEHOLDER)) {
    const literal = rawPath.slice(last, p.index);
    if (!PATH_LITERAL.test(literal) || DOT_SEGMENT.test(literal)) return UNCOMPILABLE;
    if (literal) parts.push(literal);
    const name = p[1]!;
    const parameter = sources.get(name) ?? name;
    parts.push({ parameter, greedy: sources.has(name) ? greedy.has(parameter) : greedy.has(name) });
    last = p.index + p[0].length;
  }
  const tail = rawPath.slice(last);
  if (!PATH_LITERAL.test(tail) || DOT_SEGMENT.test(tail)) return UNCOMPILABLE;
  if (tail) parts.push(tail);
  return { protocol: origin.protocol, hostname: origin.hostname, port: origin.port, host: origin.host, parts, query: rawQuery };
}

/**
 * The compiled target for this request, or undefined when the general path must build it.
 * `variables` must be the stage's variables object (a new object whenever they change).
 */
export function proxyTarget(integration: Integration, variables: Readonly<Record<string, string>>, resourcePath: string, request: { httpMethod: string; pathParameters: Readonly<Record<string, string>>; rawQueryString: string }): ProxyTarget | undefined {
  let byVariables = cache.get(integration);
  if (!byVariables) cache.set(integration, (byVariables = new WeakMap()));
  let compiled = byVariables.get(variables);
  if (compiled === undefined) byVariables.set(variables, (compiled = compile(integration, variables, resourcePath)));
  if (compiled === null) return undefined;
  let path = '';
  for (const part of compiled.parts) {
    if (typeof part === 'string') {
      path += part;
      continue;
    }
    const value = request.pathParameters[part.parameter];
    if (value === undefined) return undefined;
    path += part.greedy ? encodeGreedy(value) : encodePathSegment(value);
  }
  if (DOT_SEGMENT.test(path)) return undefined;
  const clientQuery = request.rawQueryString.startsWith('?') ? request.rawQueryString.slice(1) : request.rawQueryString;
  if (!QUERY_SAFE.test(clientQuery)) return undefined;
  const query = compiled.query && clientQuery ? `${compiled.query}&${clientQuery}` : compiled.query || clientQuery;
  return {
    method: integration.httpMethod === 'ANY' ? request.httpMethod : integration.httpMethod!,
    protocol: compiled.protocol,
    hostname: compiled.hostname,
    port: compiled.port,
    host: compiled.host,
    pathAndQuery: query ? `${path}?${query}` : path,
  };
}
