/**
 * Lookups for resources that stay visible for a while in a final state and then vanish
 * (terminated instances, deleted peering connections and VPN objects): once gone, their ids
 * answer NotFound like ids that never existed (ec2-route53-acm.md §1.10–1.12, §1.14).
 */
import type { RecordReader } from '../../state/store.js';
import type { Ec2Base } from '../../state/records/ec2.js';
import { notFound } from './common/errors.js';
import { requireIdShape } from './common/ids.js';
import { listInRegion } from './common/lookup.js';

export interface VisibleKind<T extends Ec2Base> {
  readonly kind: string;
  /** Id prefix (`vpn`) and NotFound noun key (`vpn-connection`), as common/lookup takes them. */
  readonly prefix: string;
  readonly type: string;
  readonly visible: (r: T) => boolean;
}

/**
 * The visible records named by `ids` (all visible ones of the region when none), in the order
 * given; unknown or vanished ids fail the whole call, naming each.
 */
export function selectVisible<T extends Ec2Base>(reader: RecordReader, region: string, spec: VisibleKind<T>, ids: readonly string[] | undefined): T[] {
  if (!ids || ids.length === 0) return listInRegion<T>(reader, spec.kind, region, spec.visible);
  const found: T[] = [];
  const missing: string[] = [];
  for (const id of [...new Set(ids)]) {
    requireIdShape(spec.prefix, id);
    const r = reader.get<T>(spec.kind, id);
    if (r && r.region === region && spec.visible(r)) found.push(r);
    else missing.push(id);
  }
  if (missing.length) throw notFound(spec.type, missing);
  return found;
}

/** One visible record, or the type's NotFound. */
export function getVisible<T extends Ec2Base>(reader: RecordReader, region: string, spec: VisibleKind<T>, id: string): T {
  return selectVisible(reader, region, spec, [id])[0]!;
}
