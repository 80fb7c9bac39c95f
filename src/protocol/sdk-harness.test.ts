/**
 * Test kit for AWS SDK v3 round trips (no tests of its own). `sdkHandler` is a `requestHandler`
 * for any @aws-sdk client: it turns the request the SDK serialized into our HttpRequest, runs
 * detect → parse, asks the test for an output (or an AwsError), serializes it with our codec and
 * hands the bytes back to the SDK, which deserializes them as it would a real AWS answer.
 */
import { AwsError, isAwsError } from '../kernel/errors.js';
import { detectService, getCodec } from './index.js';
import type { DetectedService, HttpRequest, HttpResponse, ParsedRequest } from './types.js';

export const RID = '8f1e2d3c-0000-4000-8000-000000000001';

export const CLIENT_CONFIG = {
  region: 'eu-west-1',
  endpoint: 'http://127.0.0.1:1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
} as const;

export interface Exchange {
  readonly request: HttpRequest;
  readonly detected: DetectedService | undefined;
  readonly parsed: ParsedRequest | undefined;
  readonly response: HttpResponse;
}

export type Responder = (parsed: ParsedRequest, detected: DetectedService) => Record<string, unknown> | AwsError | undefined;

/** The SDK's HttpRequest, as much of it as we read. */
interface SdkRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null | undefined>;
  headers: Record<string, string>;
  body?: unknown;
}

function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Builds the raw query string as the SDK's node handler would put it on the wire. */
function rawQueryOf(query: SdkRequest['query']): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    if (v === null) parts.push(encode(k));
    else if (Array.isArray(v)) for (const x of v) parts.push(`${encode(k)}=${encode(x)}`);
    else parts.push(`${encode(k)}=${encode(v)}`);
  }
  return parts.join('&');
}

function bodyOf(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new Error(`unexpected SDK body type ${typeof body}`);
}

export function toHttpRequest(r: SdkRequest): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = v;
  return { method: r.method, path: r.path, rawQuery: rawQueryOf(r.query), headers, body: bodyOf(r.body) };
}

/** A requestHandler that answers through our detect/parse/serialize; every exchange is pushed onto `log`. */
export function sdkHandler(respond: Responder, log: Exchange[] = []) {
  return {
    async handle(request: SdkRequest) {
      const req = toHttpRequest(request);
      const detected = detectService(req);
      if (!detected) throw new Error(`request not detected: ${req.method} ${req.path}`);
      const codec = getCodec(detected.service);
      let parsed: ParsedRequest | undefined;
      let res: HttpResponse;
      try {
        parsed = codec.parse(req);
        const out = respond(parsed, detected);
        if (out instanceof AwsError) throw out;
        res = codec.serialize(parsed.operation, out ?? {}, RID);
      } catch (e) {
        if (!isAwsError(e)) throw e;
        res = codec.serializeError(e, RID, parsed?.operation);
      }
      log.push({ request: req, detected, parsed, response: res });
      // Node lower-cases incoming header names; the SDK looks them up that way.
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) headers[k.toLowerCase()] = v;
      const body = typeof res.body === 'string' ? Buffer.from(res.body, 'utf8') : res.body;
      return { response: { statusCode: res.status, headers, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejection(p: Promise<unknown>): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number; requestId?: string }; $fault?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { name: string };
  }
  throw new Error('expected the call to fail');
}

/** A raw request for codec tests: `target` may carry a query string. */
export function httpRequest(method: string, target: string, headers: Record<string, string> = {}, body: string | Buffer = ''): HttpRequest {
  const q = target.indexOf('?');
  return {
    method,
    path: q === -1 ? target : target.slice(0, q),
    rawQuery: q === -1 ? '' : target.slice(q + 1),
    headers,
    body: typeof body === 'string' ? Buffer.from(body) : body,
  };
}

/** The AwsError a call throws (fails the test if it throws anything else or nothing). */
export function awsErrorOf(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AwsError) return e;
    throw new Error(`expected an AwsError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected an AwsError, nothing was thrown');
}

export function textOf(res: HttpResponse): string {
  return typeof res.body === 'string' ? res.body : res.body.toString('utf8');
}
