/** Reading `curl -i` output in end-to-end tests. */

export interface Reply {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

/**
 * Splits `curl -i` output. Through HTTPS_PROXY curl prints the proxy's CONNECT answer
 * ("HTTP/1.1 200 Connection established") first; the last header block is the server's.
 */
export function parseCurlInclude(out: string): Reply {
  let rest = out;
  let block = '';
  while (/^HTTP\/[\d.]+ \d{3}/.test(rest)) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) throw new Error(`no end of headers in curl output:\n${out}`);
    block = rest.slice(0, end);
    rest = rest.slice(end + 4);
  }
  if (!block) throw new Error(`no HTTP response in curl output:\n${out}`);
  const [statusLine, ...lines] = block.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { status: Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine!)![1]), headers, body: rest };
}
