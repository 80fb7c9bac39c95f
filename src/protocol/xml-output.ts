/**
 * Writes output structures as XML for awsQuery, ec2Query and restXml (aws-protocols.md §2, §3, §5):
 * - elements are named by the member's locationName, else its name (EC2's locationNames are the
 *   lowerCamel wire names: `vpcSet`, `tagSet`);
 * - lists are wrapped and their items named by the list member's locationName, else `member`
 *   (EC2: `item`; Route 53: `HostedZone`, `NameServer`); a flattened list repeats its element;
 *   an empty list is `<X/>`;
 * - maps are `<entry><key/><value/></entry>` (names from the key/value locationNames);
 * - timestamps are ISO 8601 unless the model says otherwise; booleans are `true`/`false`;
 *   blobs are base64;
 * - undefined and null members are omitted, and members bound to HTTP headers or the status code
 *   are left to the caller.
 * A value of the wrong kind (an object where the model has a string) is a bug in the service and
 * throws, which the gateway answers as InternalFailure.
 */
import type { MemberRef, Model, Shape } from './model.js';
import { formatTimestamp, toDate } from './timestamps.js';
import type { XmlWriter } from './xml-writer.js';

/** Writes the body members of a structure value (no enclosing element). */
export function writeXmlMembers(w: XmlWriter, model: Model, shape: Shape, value: Record<string, unknown>): void {
  for (const m of model.members(shape)) {
    if (m.ref.location || m.ref.xmlAttribute) continue;
    const v = value[m.name];
    if (v === undefined || v === null) continue;
    writeXmlValue(w, model, m.shape, m.ref, memberElementName(m.shape, m.ref, m.name), v);
  }
}

/** A flattened list's items take the list member's locationName when it has one (botocore `_member_key_name`). */
function memberElementName(shape: Shape, ref: MemberRef, name: string): string {
  if (shape.type === 'list' && (ref.flattened || shape.flattened) && shape.member?.locationName) return shape.member.locationName;
  return ref.locationName ?? name;
}

function attributesOf(model: Model, shape: Shape, ref: MemberRef | undefined, value: Record<string, unknown>): Record<string, string> | undefined {
  let attrs: Record<string, string> | undefined;
  const ns = ref?.xmlNamespace;
  if (ns) (attrs ??= {})[ns.prefix ? `xmlns:${ns.prefix}` : 'xmlns'] = ns.uri;
  for (const m of model.members(shape)) {
    if (!m.ref.xmlAttribute) continue;
    const v = value[m.name];
    if (v === undefined || v === null) continue;
    (attrs ??= {})[m.ref.locationName ?? m.name] = scalarText(m.shape, m.ref, v, m.name);
  }
  return attrs;
}

/** Writes one value as an element named `name`. */
export function writeXmlValue(w: XmlWriter, model: Model, shape: Shape, ref: MemberRef | undefined, name: string, v: unknown): void {
  switch (shape.type) {
    case 'structure': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`output ${name}: expected a structure, got ${typeof v}`);
      const obj = v as Record<string, unknown>;
      w.open(name, attributesOf(model, shape, ref, obj));
      writeXmlMembers(w, model, shape, obj);
      w.close(name);
      return;
    }
    case 'list': {
      if (!Array.isArray(v)) throw new Error(`output ${name}: expected a list, got ${typeof v}`);
      const itemRef = shape.member!;
      const item = model.shape(itemRef.shape);
      if (ref?.flattened || shape.flattened) {
        for (const x of v) if (x !== undefined && x !== null) writeXmlValue(w, model, item, itemRef, name, x);
        return;
      }
      if (v.length === 0) {
        w.empty(name);
        return;
      }
      const itemName = itemRef.locationName ?? 'member';
      w.open(name);
      for (const x of v) if (x !== undefined && x !== null) writeXmlValue(w, model, item, itemRef, itemName, x);
      w.close(name);
      return;
    }
    case 'map': {
      if (typeof v !== 'object' || v === null) throw new Error(`output ${name}: expected a map, got ${typeof v}`);
      const keyName = shape.key!.locationName ?? 'key';
      const valueName = shape.value!.locationName ?? 'value';
      const keyShape = model.shape(shape.key!.shape);
      const valueShape = model.shape(shape.value!.shape);
      const flat = ref?.flattened || shape.flattened;
      if (!flat) w.open(name);
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (x === undefined || x === null) continue;
        w.open(flat ? name : 'entry');
        writeXmlValue(w, model, keyShape, shape.key, keyName, k);
        writeXmlValue(w, model, valueShape, shape.value, valueName, x);
        w.close(flat ? name : 'entry');
      }
      if (!flat) w.close(name);
      return;
    }
    default:
      w.text(name, scalarText(shape, ref, v, name));
  }
}

/** The text of a scalar output value. */
export function scalarText(shape: Shape, ref: MemberRef | undefined, v: unknown, name: string): string {
  switch (shape.type) {
    case 'boolean':
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      break;
    case 'timestamp': {
      const d = toDate(v);
      if (d) return String(formatTimestamp(d, ref?.timestampFormat ?? shape.timestampFormat ?? 'iso8601'));
      break;
    }
    case 'blob':
      if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
      break;
    default:
      break;
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  throw new Error(`output ${name}: expected a ${shape.type}, got ${v === null ? 'null' : typeof v}`);
}
