/**
 * Base path mappings of a custom domain (apigateway-rest.md §2.9, checklist 39):
 *
 * - the mapping with the longest base path matching whole leading path segments wins, and its
 *   base path is stripped (`orders` → `/orders/x` invokes `/x`; `/orders` alone invokes `/`);
 * - `(none)` catches whatever no other mapping matched, the whole path;
 * - the mapping's stage serves; a mapping without one (`stage: (none)`) takes the next path
 *   segment as the stage name (BOTO CreateBasePathMappingRequest.stage);
 * - no mapping at all → the caller answers 403 Forbidden (§2.9, §6: not confirmed against AWS
 *   [inf]).
 *
 * Segments compare as sent (percent-encoded, case-sensitive) [infer].
 */
import type { BasePathMappingEntry, DomainNameEntry } from './snapshot.js';

export interface MappedRequest {
  readonly mapping: BasePathMappingEntry;
  readonly restApiId: string;
  readonly stageName: string;
  /** The path left for resource routing (`/x`, `/` or ``), as routes.ts takes it. */
  readonly resourcePath: string;
}

export function mapBasePath(domain: Pick<DomainNameEntry, 'mappings'>, path: string): MappedRequest | undefined {
  const segments = (path.startsWith('/') ? path.slice(1) : path).split('/');
  for (const mapping of domain.mappings) {
    if (!startsWith(segments, mapping.segments)) continue;
    const rest = `/${segments.slice(mapping.segments.length).join('/')}`;
    if (mapping.stage !== undefined) return { mapping, restApiId: mapping.restApiId, stageName: mapping.stage, resourcePath: rest };
    const stageName = firstSegment(rest);
    return { mapping, restApiId: mapping.restApiId, stageName, resourcePath: rest.slice(stageName.length + 1) };
  }
  return undefined;
}

function startsWith(segments: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > segments.length) return false;
  for (let i = 0; i < prefix.length; i++) if (segments[i] !== prefix[i]) return false;
  return true;
}

/** The first segment of `/a/b` (`a`); `` for `/`. */
export function firstSegment(path: string): string {
  const p = path.startsWith('/') ? path.slice(1) : path;
  const slash = p.indexOf('/');
  return slash < 0 ? p : p.slice(0, slash);
}
