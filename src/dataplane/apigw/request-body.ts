/**
 * Reads a request body the way API Gateway takes it: whole, up to the 10 MB payload limit
 * (apigateway-rest.md §2.5 limits, §2.2: larger → 413). A declared Content-Length over the
 * limit is refused before a byte is read.
 */
import type { IncomingMessage } from 'node:http';

/** 10 MB payload limit (apigateway-rest.md §2.5, DG2023 limits.md), in bytes. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** Resolves with the body, or `undefined` when it exceeds the limit. */
export function readRequestBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_PAYLOAD_BYTES) {
    req.resume();
    return Promise.resolve(undefined);
  }
  if (req.headers['content-length'] === '0' || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined)) {
    req.resume();
    return Promise.resolve(Buffer.alloc(0));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_PAYLOAD_BYTES) over = true;
      else chunks.push(c);
    });
    req.once('end', () => resolve(over ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
