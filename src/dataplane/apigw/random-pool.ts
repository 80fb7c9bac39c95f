/**
 * Random bytes for per-request identifiers (`x-amz-apigw-id`, trace ids), taken from a pool
 * refilled 4 KiB at a time: one `randomFillSync` call serves hundreds of requests instead of
 * one call each. Identifiers, not secrets.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** `n` fresh random bytes (a view into the pool: use before the next call). */
export function randomSlice(n: number): Buffer {
  if (offset + n > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}
