/**
 * `application/x-www-form-urlencoded` parsing for the query protocols (awsQuery, ec2Query) and
 * for query strings in general.
 *
 * Keys and values are RFC 3986 percent-encoded; `+` is decoded as a space for robustness
 * (aws-protocols.md §2). A malformed escape (`%zz`, a broken UTF-8 sequence) is a FormError,
 * which each codec turns into its own protocol error.
 */
import type { HttpRequest } from './types.js';

export class FormError extends Error {}

/** Decodes one percent-encoded component. */
export function decodeComponent(text: string): string {
  const plus = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!plus.includes('%')) return plus;
  try {
    return decodeURIComponent(plus);
  } catch {
    throw new FormError(`malformed percent-encoding in '${text.slice(0, 100)}'`);
  }
}

/**
 * Parses `a=1&b=2` into ordered pairs; a key without `=` gets the empty string. Empty segments
 * (`a=1&&b=2`) are skipped.
 */
export function parsePairs(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (text === '') return out;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    if (end > start) {
      const eq = text.indexOf('=', start);
      if (eq === -1 || eq > end) out.push([decodeComponent(text.slice(start, end)), '']);
      else out.push([decodeComponent(text.slice(start, eq)), decodeComponent(text.slice(eq + 1, end))]);
    }
    start = end + 1;
  }
  return out;
}

/** Parses into a map; a repeated key keeps its last value. */
export function parseForm(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of parsePairs(text)) m.set(k, v);
  return m;
}

/** Parses into a map of every value per key, in order (REST query strings repeat list keys). */
export function parseMultiForm(text: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const [k, v] of parsePairs(text)) {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  }
  return m;
}

const requestParamCache = new WeakMap<HttpRequest, Map<string, string>>();

/**
 * The query-protocol parameters of a request: the query string's pairs, then the body's (a GET
 * with the pairs in the query string is legal, aws-protocols.md §2). Memoized per request object,
 * so service detection and the codec parse the body once between them.
 */
export function requestParams(req: HttpRequest): Map<string, string> {
  let m = requestParamCache.get(req);
  if (!m) {
    m = parseForm(req.rawQuery);
    if (req.body.length > 0) for (const [k, v] of parsePairs(req.body.toString('utf8'))) m.set(k, v);
    requestParamCache.set(req, m);
  }
  return m;
}
