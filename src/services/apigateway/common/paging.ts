/**
 * `limit`/`position` paging of list operations (apigateway-rest.md §1.1: default page 25, max 500).
 * `position` is opaque to clients; here it is the index of the next item, base-10.
 */
import { badRequest } from './errors.js';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 500;

export function page<T>(items: readonly T[], input: { limit?: number; position?: string }): { items: T[]; position?: string } {
  const limit = input.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badRequest(`Invalid limit ${limit}: must be between 1 and ${MAX_LIMIT}`);
  let start = 0;
  if (input.position !== undefined) {
    if (!/^\d+$/.test(input.position)) throw badRequest('Invalid position parameter');
    start = Number(input.position);
  }
  const slice = items.slice(start, start + limit);
  const next = start + limit;
  return next < items.length ? { items: slice, position: String(next) } : { items: slice };
}
