/**
 * The request an HTTP / HTTP_PROXY integration sends (apigateway-rest.md §1.6, §2.5–§2.7b):
 * method, URL (stage variables, path placeholders, query) and the headers that
 * `integration.request.header.X` mappings add. The caller combines the headers with
 * `toIntegrationHeaders` + `overrideHeaders` and makes the call; VPC_LINK routing is the caller's
 * too (there the uri only gives Host and the TLS name, §1.6).
 */
import type { Integration } from '../../state/records/apigateway.js';
import type { HeaderPair } from './headers.js';
import { lazyParams, parseQueryString, resolveMappingExpression, type TemplateContext, type TemplateVariables } from './templates.js';

/** The integration is misconfigured for this request: the caller answers 500 Internal server error (§2.2, §2.7). */
export class IntegrationConfigError extends Error {
  override name = 'IntegrationConfigError';
}

const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

/**
 * Replaces `${stageVariables.name}` (§2.7 [doc]); an undefined variable becomes the empty string
 * (§2.7 [inf], LocalStack), which usually leaves an invalid endpoint and so a 500.
 */
export function substituteStageVariables(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(STAGE_VARIABLE, (_all, name: string) =>
    Object.prototype.hasOwnProperty.call(variables, name) ? variables[name]! : '',
  );
}

/** Characters a path segment may carry as-is (RFC 3986 pchar minus `%`); the rest is %-encoded. */
const PCHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;
const ALL_PCHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]*$/;

/**
 * Percent-encodes one decoded path segment for the integration URL. REST APIs decode request
 * parameters and re-encode `%` as `%25` (§2.6 [doc]).
 */
export function encodePathSegment(segment: string): string {
  if (ALL_PCHAR.test(segment)) return segment;
  let out = '';
  for (const char of segment) {
    if (PCHAR.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A greedy value keeps its `/` (`{proxy}` = `a/b`, §2.6 [doc]); every segment is encoded. */
export const encodeGreedy = (value: string): string => value.split('/').map(encodePathSegment).join('/');

/** The names of the greedy parameters in a resource path: `/{proxy+}` → `proxy`. */
function greedyNames(resourcePath: string): Set<string> {
  return new Set([...resourcePath.matchAll(/\{([^{}/]+)\+\}/g)].map((m) => m[1]!));
}

export interface MethodRequest {
  /** The client's verb. */
  readonly httpMethod: string;
  /** The matched resource's path, e.g. `/{proxy+}` (tells which path parameters are greedy). */
  readonly resourcePath: string;
  /** URL-decoded path parameters from routing. */
  readonly pathParameters: Readonly<Record<string, string>>;
  /** The client's raw query string, without `?` (order, repeats and encoding kept). */
  readonly rawQueryString: string;
  /** The client's raw headers. */
  readonly headers: readonly HeaderPair[];
}

export interface IntegrationRequestEnvironment {
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly context: TemplateContext;
}

export interface IntegrationRequestPlan {
  readonly method: string;
  /** Absolute http(s) URL, query included. */
  readonly url: URL;
  /** `integration.request.header.X` mappings, to put on top of the passthrough headers (they replace same-name ones, §2.7b). */
  readonly headers: HeaderPair[];
}

export type HttpIntegration = Pick<Integration, 'type' | 'httpMethod' | 'uri' | 'requestParameters'>;

/** Headers API Gateway will not let a mapping set: every call then fails with 500 (§1.6 [obs]). */
const UNMAPPABLE_HEADERS = new Set(['content-length', 'transfer-encoding']);

const ABSOLUTE_HTTP = /^https?:\/\/[^/?#\s]+/i;

const TARGET = /^integration\.request\.(path|querystring|header)\.(.+)$/;

interface PathValue {
  readonly value: string;
  readonly greedy: boolean;
}

/**
 * Builds the integration request. Throws {@link IntegrationConfigError} when the integration
 * cannot be called: a mapped Content-Length/Transfer-Encoding header, no integration method, no
 * value for a uri placeholder, or a uri that is not an absolute http(s) URL after substitution.
 */
export function integrationRequest(
  integration: HttpIntegration,
  request: MethodRequest,
  env: IntegrationRequestEnvironment,
): IntegrationRequestPlan {
  if (integration.type !== 'HTTP' && integration.type !== 'HTTP_PROXY') {
    throw new IntegrationConfigError(`integration type ${integration.type} has no HTTP request`);
  }
  const proxy = integration.type === 'HTTP_PROXY';
  if (!integration.httpMethod) throw new IntegrationConfigError('integration has no HTTP method');
  // §2.6 [inf]: an HTTP_PROXY integration with method ANY uses the client's verb; we treat HTTP alike.
  const method = integration.httpMethod === 'ANY' ? request.httpMethod : integration.httpMethod;
  if (integration.uri === undefined) throw new IntegrationConfigError('integration has no uri');

  const greedy = greedyNames(request.resourcePath);
  const vars: TemplateVariables = {
    context: env.context,
    stageVariables: env.stageVariables,
    input: { body: '', params: lazyParams(request.pathParameters, request.rawQueryString, request.headers) },
  };

  // requestParameters (§1.6 [doc]): sources are 'literal', method.request.*, stageVariables.*, context.*.
  const pathValues = new Map<string, PathValue>();
  const queryPairs: HeaderPair[] = [];
  const headerPairs: HeaderPair[] = [];
  const entries = Object.entries(integration.requestParameters ?? {});
  for (const [target] of entries) {
    const match = TARGET.exec(target);
    if (match?.[1] === 'header' && UNMAPPABLE_HEADERS.has(match[2]!.toLowerCase())) {
      throw new IntegrationConfigError(`requestParameters maps ${target}, which API Gateway refuses at call time`);
    }
  }
  for (const [target, source] of entries) {
    const match = TARGET.exec(target);
    if (!match) continue;
    const value = resolveMappingExpression(source, vars);
    if (value === undefined) continue;
    const location = match[1]!;
    const name = match[2]!;
    if (location === 'path') {
      const fromGreedy = source.startsWith('method.request.path.') && greedy.has(source.slice('method.request.path.'.length));
      pathValues.set(name, { value, greedy: fromGreedy });
    } else if (location === 'querystring') {
      queryPairs.push([name, value]);
    } else {
      headerPairs.push([name, value]);
    }
  }

  const uri = fillPlaceholders(substituteStageVariables(integration.uri, env.stageVariables), (name) => {
    const mapped = pathValues.get(name);
    if (mapped) return mapped;
    // The console writes `integration.request.path.proxy = method.request.path.proxy` for proxy
    // resources (§1.6 [doc]); for HTTP_PROXY localvpc also fills an unmapped placeholder from the
    // same-named path parameter so hand-written APIs without that mapping still work [inf].
    if (proxy && Object.prototype.hasOwnProperty.call(request.pathParameters, name)) {
      return { value: request.pathParameters[name]!, greedy: greedy.has(name) };
    }
    throw new IntegrationConfigError(`integration uri placeholder {${name}} has no value`);
  });

  // An absolute http(s) URL (§1.6 [doc]); the prefix check keeps the WHATWG parser from
  // repairing forms such as `http:///host` or `http:host`.
  let url: URL | undefined;
  try {
    if (ABSOLUTE_HTTP.test(uri)) url = new URL(uri);
  } catch {
    url = undefined;
  }
  if (!url) throw new IntegrationConfigError(`integration uri ${JSON.stringify(uri)} is not an absolute http(s) URL`);

  // Query: the uri's own query, then (HTTP_PROXY) the client's query unchanged, multi-valued
  // (§2.6 [doc], §2.7b), then the mapped parameters, which replace same-named client keys [inf].
  // The URL setter still percent-encodes the few characters it must (`'`, `"`, `<`, `>`, space).
  const parts: string[] = url.search.length > 1 ? [url.search.slice(1)] : [];
  const raw = request.rawQueryString.replace(/^\?/, '');
  if (proxy && raw !== '') {
    const replaced = new Set(queryPairs.map(([name]) => name));
    const kept = replaced.size === 0 ? [raw] : raw.split('&').filter((part) => part !== '' && !replaced.has(parseQueryString(part)[0]?.[0] ?? ''));
    parts.push(...kept);
  }
  for (const [name, value] of queryPairs) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  url.search = parts.join('&');

  return { method, url, headers: headerPairs };
}

/**
 * Replaces `{name}` placeholders. Path values are encoded per segment (greedy ones keep `/`);
 * a placeholder in the query part is encoded as a query component. Note: the WHATWG URL parser
 * resolves `.`/`..` segments, so a proxied `a/../b` reaches the backend as `/b`.
 */
function fillPlaceholders(uri: string, valueOf: (name: string) => PathValue): string {
  const queryStart = uri.indexOf('?');
  return uri.replace(/\{([^{}/]+?)\+?\}/g, (_all, name: string, offset: number) => {
    const { value, greedy } = valueOf(name);
    if (queryStart >= 0 && offset > queryStart) return encodeURIComponent(value);
    return greedy ? encodeGreedy(value) : encodePathSegment(value);
  });
}
