/**
 * Responses the ALB writes itself ("local replies" in Envoy's words), byte for byte as
 * elbv2-vpc-endpoints.md §2.4 records them:
 *
 *   HTTP/1.1 503 Service Temporarily Unavailable
 *   Server: awselb/2.0
 *   Date: <IMF-fixdate>
 *   Content-Type: text/html
 *   Content-Length: 162
 *   Connection: keep-alive
 *
 * and the nginx-style CRLF page `<html>\r\n<head><title>CODE TEXT</title></head>\r\n<body>\r\n
 * <center><h1>CODE TEXT</h1></center>\r\n</body>\r\n</html>\r\n`. The observed lengths hold: 400
 * and 502 → 122 bytes, 503 → 162, 504 → 132, 301 → 134. A 400 closes the connection
 * (`Connection: close`, §2.4 table); every other page keeps it alive.
 *
 * Texts: 400 Bad Request, 502 Bad Gateway, 503 Service Temporarily Unavailable, 504 Gateway
 * Time-out are observed; 405 Method Not Allowed, 408 Request Time-out, 501 Not Implemented and
 * the 301/302 redirect pages follow the same (nginx) wording [infer]; 463 has no published text,
 * so its status line and title carry the code alone [infer] (§9 lists these bodies as open).
 *
 * Fixed responses (fixed-response.ts) and redirects (redirect.ts) use the same header set.
 */
import type { ServerResponse } from 'node:http';

/** The `Server` header of every response the ALB generates (§2.4; listener attribute `routing.http.response.server.enabled` [infer default true], §8.4). */
export const ALB_SERVER = 'awselb/2.0';

const REASONS: Readonly<Record<number, string>> = {
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Time-out',
  463: '',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

export type PageStatus = 301 | 302 | 400 | 405 | 408 | 463 | 501 | 502 | 503 | 504;

export interface LocalReply {
  readonly status: number;
  /** The status line's reason phrase. */
  readonly reason: string;
  /** In wire order. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

export function reasonOf(status: PageStatus): string {
  return REASONS[status]!;
}

/** The nginx-style page of an ALB status (§2.4 template). */
export function pageBody(status: PageStatus): string {
  const reason = REASONS[status]!;
  const title = reason ? `${status} ${reason}` : String(status);
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
}

/** A response in the ALB's header layout: Server, Date, Content-Type, Content-Length, Connection, then `extra`. */
export function albResponse(status: number, reason: string, contentType: string, body: Buffer, options: { close?: boolean; now?: Date; extra?: readonly (readonly [string, string])[] } = {}): LocalReply {
  return {
    status,
    reason,
    headers: [
      ['Server', ALB_SERVER],
      ['Date', (options.now ?? new Date()).toUTCString()],
      ['Content-Type', contentType],
      ['Content-Length', String(body.length)],
      ['Connection', options.close ? 'close' : 'keep-alive'],
      ...(options.extra ?? []),
    ],
    body,
  };
}

/** An ALB error page; 400 always closes the connection. */
export function errorPage(status: PageStatus, options: { close?: boolean; now?: Date; extra?: readonly (readonly [string, string])[] } = {}): LocalReply {
  return albResponse(status, REASONS[status]!, 'text/html', Buffer.from(pageBody(status), 'latin1'), { ...options, close: options.close || status === 400 });
}

/** The reply as raw bytes, for sockets no HTTP response object owns (parse errors). */
export function serialize(reply: LocalReply): Buffer {
  const head = `HTTP/1.1 ${reply.status} ${reply.reason}\r\n${reply.headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), reply.body]);
}

/**
 * Writes the reply on a Node response. Every header Node would add on its own (Date,
 * Connection, Keep-Alive) is already set, so the bytes are exactly the reply's; a HEAD request
 * gets the head only.
 */
export function sendReply(res: ServerResponse, reply: LocalReply): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(reply.status, reply.reason, reply.headers.flat());
  res.end(reply.body);
}
