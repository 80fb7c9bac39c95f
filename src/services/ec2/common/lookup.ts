import type { RecordReader } from '../../../state/store.js';
import type { Ec2Base } from '../../../state/records/ec2.js';
import { notFound } from './errors.js';
import { requireIdShape } from './ids.js';

/**
 * Finds one EC2 record of `kind` in `region`, or throws EC2's NotFound for it. `prefix` is the
 * id prefix (`vpc`), `type` the NotFound noun key (`vpc`). Records of other regions are not
 * visible, as in AWS.
 */
export function mustGet<T extends Ec2Base>(reader: RecordReader, kind: string, region: string, id: string, prefix: string, type: string): T {
  requireIdShape(prefix, id);
  const r = reader.get<T>(kind, id);
  if (!r || r.region !== region) throw notFound(type, id);
  return r;
}

/** All records of `kind` in `region`. */
export function listInRegion<T extends Ec2Base>(reader: RecordReader, kind: string, region: string, predicate?: (r: T) => boolean): T[] {
  return reader.list<T>(kind, (r) => r.region === region && (!predicate || predicate(r)));
}

/**
 * Selects records by an explicit id list (`VpcIds`), throwing NotFound naming every missing id,
 * as EC2 does; the whole region when the list is empty.
 */
export function selectByIds<T extends Ec2Base>(reader: RecordReader, kind: string, region: string, ids: readonly string[] | undefined, prefix: string, type: string): T[] {
  if (!ids || ids.length === 0) return listInRegion<T>(reader, kind, region);
  const found: T[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    requireIdShape(prefix, id);
    const r = reader.get<T>(kind, id);
    if (r && r.region === region) found.push(r);
    else missing.push(id);
  }
  if (missing.length) throw notFound(type, missing);
  return found;
}
