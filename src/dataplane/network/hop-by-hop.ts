/**
 * Hop-by-hop headers belong to one connection and are not forwarded by a proxy
 * (RFC 9110 §7.6.1): Connection and the headers it names, Keep-Alive, Proxy-Connection,
 * Proxy-Authorization, Proxy-Authenticate, TE, Trailer, Transfer-Encoding, Upgrade.
 * Node re-frames bodies itself (chunked or Content-Length), so Transfer-Encoding goes too.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * `endToEndHeaders` turns Node's rawHeaders (name, value, name, value, …) into a header list
 * without hop-by-hop headers, keeping order, case and repeated headers.
 */
export function endToEndHeaders(rawHeaders: readonly string[], keep: ReadonlySet<string> = new Set()): [string, string][] {
  const named = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() !== 'connection') continue;
    for (const token of rawHeaders[i + 1]!.split(',')) named.add(token.trim().toLowerCase());
  }
  const out: [string, string][] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const lower = name.toLowerCase();
    if (!keep.has(lower) && (HOP_BY_HOP.has(lower) || named.has(lower))) continue;
    out.push([name, rawHeaders[i + 1]!]);
  }
  return out;
}

/** `toOutgoingHeaders` groups a header list into the object Node's request/writeHead take. */
export function toOutgoingHeaders(list: readonly [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const nameOf = new Map<string, string>();
  for (const [name, value] of list) {
    const lower = name.toLowerCase();
    const key = nameOf.get(lower);
    if (key === undefined) {
      nameOf.set(lower, name);
      out[name] = value;
    } else {
      const current = out[key]!;
      out[key] = Array.isArray(current) ? [...current, value] : [current, value];
    }
  }
  return out;
}
