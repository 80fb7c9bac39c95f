/**
 * ELBv2 paging: `Marker` / `PageSize` (1–400) in, `NextMarker` out only when more items remain
 * (elbv2-vpc-endpoints.md §1.1). Items are paged in creation order; the marker is opaque (base64
 * of the offset and the id it points at).
 */
import { validationError } from './errors.js';

export function paginate<T extends { id: string; createdAt: string }>(items: readonly T[], req: { Marker?: string; PageSize?: number }): { page: T[]; NextMarker?: string } {
  const sorted = [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return pageInOrder(sorted, req, (i) => i.id);
}

/** Pages items that are already in their answer order (rules by priority, certificates default first). */
export function pageInOrder<T>(items: readonly T[], req: { Marker?: string; PageSize?: number }, idOf: (item: T) => string): { page: T[]; NextMarker?: string } {
  let start = 0;
  if (req.Marker !== undefined) {
    const decoded = decode(req.Marker);
    if (!decoded) throw validationError(`Invalid marker '${req.Marker}'`);
    const at = items.findIndex((i) => idOf(i) === decoded.id);
    start = at >= 0 ? at : Math.min(decoded.offset, items.length);
  }
  const size = req.PageSize ?? 400;
  if (!Number.isInteger(size) || size < 1 || size > 400) throw validationError(`1 validation error detected: Value '${size}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400`);
  const page = items.slice(start, start + size);
  const next = items[start + size];
  return next !== undefined ? { page, NextMarker: Buffer.from(JSON.stringify([start + size, idOf(next)])).toString('base64') } : { page };
}

function decode(marker: string): { offset: number; id: string } | undefined {
  try {
    const [offset, id] = JSON.parse(Buffer.from(marker, 'base64').toString('utf8')) as [unknown, unknown];
    if (typeof offset === 'number' && typeof id === 'string') return { offset, id };
  } catch {
    // not one of our markers
  }
  return undefined;
}
