/**
 * Parameter mapping expressions (apigateway-rest.md §1.5, §1.6; BOTO PutIntegrationRequest.requestParameters).
 */
import { badRequest } from './errors.js';

const LOCATIONS = ['path', 'querystring', 'header', 'multivaluequerystring', 'multivalueheader'] as const;
const NAME = '[A-Za-z0-9_.\\-$~!*\'()+:]+';

/** `method.request.{location}.{name}` keys of a method; their values say "required". */
const METHOD_REQUEST_KEY = new RegExp(`^method\\.request\\.(${LOCATIONS.join('|')})\\.(${NAME})$`);
const INTEGRATION_REQUEST_KEY = new RegExp(`^integration\\.request\\.(${LOCATIONS.join('|')})\\.(${NAME})$`);

export function mappingError(detail: string): Error {
  return badRequest(`Invalid mapping expression specified: Validation Result: warnings : [], errors : [${detail}]`);
}

/** Checks a method's `requestParameters` (§1.5). */
export function checkMethodRequestParameters(params: Record<string, unknown> | undefined): Record<string, boolean> | undefined {
  if (!params) return undefined;
  const seen = new Map<string, string>();
  const out: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(params)) {
    const m = METHOD_REQUEST_KEY.exec(key);
    if (!m) throw mappingError(`Invalid method request parameter name specified: ${key}`);
    if (typeof value !== 'boolean') throw badRequest(`Invalid mapping expression specified: ${String(value)}`);
    const location = m[1]!.replace('multivalue', '');
    const name = location === 'header' ? m[2]!.toLowerCase() : m[2]!;
    const prev = seen.get(name);
    if (prev !== undefined && prev !== location) throw badRequest('Parameter names must be unique across querystring, header and path');
    seen.set(name, location);
    out[key] = value;
  }
  return out;
}

/**
 * Checks an integration's `requestParameters`: keys `integration.request.{location}.{name}`, values
 * `method.request.{location}.{name}` (declared on the method), `'literal'`, `context.*` or
 * `stageVariables.*` (§1.6). Sources from `method.request` must be declared on the method. [inf]
 */
export function checkIntegrationRequestParameters(params: Record<string, string> | undefined, declared: Readonly<Record<string, boolean>> | undefined): Record<string, string> | undefined {
  if (!params) return undefined;
  for (const [key, value] of Object.entries(params)) {
    if (!INTEGRATION_REQUEST_KEY.test(key)) throw mappingError(`Invalid mapping expression specified: ${key}`);
    if (typeof value !== 'string') throw badRequest(`Invalid mapping expression specified: ${String(value)}`);
    if (/^'.*'$/s.test(value)) continue;
    if (/^context\.[A-Za-z0-9_.]+$/.test(value) || /^stageVariables\.[A-Za-z0-9_]+$/.test(value)) continue;
    if (/^method\.request\.body(\..*)?$/.test(value)) continue;
    if (METHOD_REQUEST_KEY.test(value)) {
      if (!declared || !(value in declared)) throw mappingError(`Invalid mapping expression parameter specified: ${value}`);
      continue;
    }
    throw mappingError(`Invalid mapping expression parameter specified: ${value}`);
  }
  return { ...params };
}
