/**
 * The :4566 HTTP listener: converts node:http requests into the protocol layer's HttpRequest,
 * routes `/_localvpc/*` to the admin handler and everything else to the AWS chain.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../kernel/log.js';
import type { HttpRequest, HttpResponse } from '../protocol/types.js';
import type { AwsRequestHandler } from './chain.js';

/** Largest API request body accepted: 16 MiB (larger than any control-plane call AWS allows). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export type AdminHandler = (req: HttpRequest) => Promise<HttpResponse | undefined>;

/**
 * The path-style execute-api entry (`/_aws/execute-api/{apiId}/{stage}/...`): API Gateway's data
 * plane for clients that do not go through a vantage proxy. It takes the raw request, streams
 * and answers it itself.
 */
export type ExecuteApiHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The path prefix routed to the ExecuteApiHandler. */
export const EXECUTE_API_PATH_PREFIX = '/_aws/execute-api/';

export interface GatewayServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startGateway(opts: { host: string; port: number; aws: AwsRequestHandler; admin: AdminHandler; executeApi?: ExecuteApiHandler; log: Logger }): Promise<GatewayServer> {
  const server: Server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    if (opts.executeApi && req.url?.startsWith(EXECUTE_API_PATH_PREFIX)) return opts.executeApi(req, res);
    handle(req, res, opts).catch((e) => {
      opts.log.error('gateway failure', { error: e instanceof Error ? e.stack : String(e) });
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'localvpc gateway failure' }));
      } else res.destroy();
    });
  });
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: { aws: AwsRequestHandler; admin: AdminHandler }): Promise<void> {
  const body = await readBody(req);
  if (body === undefined) {
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ message: `Request body exceeds ${MAX_BODY_BYTES} bytes` }));
    return;
  }
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const request: HttpRequest = { method: req.method ?? 'GET', path: q < 0 ? url : url.slice(0, q), rawQuery: q < 0 ? '' : url.slice(q + 1), headers, body };
  const response = (request.path.startsWith('/_localvpc/') ? await opts.admin(request) : undefined) ?? (await opts.aws(request));
  const payload = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(payload.length) });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
