/**
 * ELBv2 paging: `Marker` / `PageSize` (1–400) in, `NextMarker` out only when more items remain
 * (elbv2-vpc-endpoints.md §1.1). Items are paged in creation order; the marker is opaque (base64
 * of the offset and the id it points at).
 */
import { validationError } from './errors.js';

export function paginate<T extends { id: string; createdAt: string }>(items: readonly T[], req: { Marker?: string; PageSize?: number }): { page: T[]; NextMarker?: string } {
  const sorted = [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  let start = 0;
  if (req.Marker !== undefined) {
    const decoded = decode(req.Marker);
    if (!decoded) throw validationError(`Invalid marker '${req.Marker}'`);
    const at = sorted.findIndex((i) => i.id === decoded.id);
    start = at >= 0 ? at : Math.min(decoded.offset, sorted.length);
  }
  const size = req.PageSize ?? 400;
  if (!Number.isInteger(size) || size < 1 || size > 400) throw validationError(`1 validation error detected: Value '${size}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400`);
  const page = sorted.slice(start, start + size);
  const next = sorted[start + size];
  return next ? { page, NextMarker: Buffer.from(JSON.stringify([start + size, next.id])).toString('base64') } : { page };
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
