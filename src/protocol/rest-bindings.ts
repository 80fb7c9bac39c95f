/**
 * HTTP bindings of the REST protocols: members bound to URI labels, query-string keys and headers
 * (botocore `location` `uri`, `querystring`, `header`, `headers`, `statusCode`) (aws-protocols.md
 * §4; Smithy http-bindings).
 *
 * - A query member uses its locationName (`limit`, `position`); lists repeat the key; a map bound
 *   to the query string without a name (`parameters`) takes every other query pair.
 * - A header member uses its locationName; lists are comma-separated; timestamps are http-dates.
 * - `headers` maps take every header that starts with their locationName prefix.
 * Values are converted to the member's type with the same rules as query-protocol text.
 */
import type { Member, Model, Shape } from './model.js';
import { readScalar } from './query-input.js';
import { setEntry } from './safe-object.js';
import { formatTimestamp, toDate } from './timestamps.js';

export interface BoundRequest {
  readonly labels: Readonly<Record<string, string>>;
  readonly query: ReadonlyMap<string, readonly string[]>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly literalQueryKeys: ReadonlySet<string>;
}

/** Adjusts a bound string before conversion (Route 53 strips `/hostedzone/` from ids). */
export type StringNormalizer = (shapeName: string, value: string) => string;

const boundPlans = new WeakMap<Shape, readonly Member[]>();

function boundMembers(model: Model, shape: Shape): readonly Member[] {
  let list = boundPlans.get(shape);
  if (!list) {
    list = model.members(shape).filter((m) => m.ref.location !== undefined);
    boundPlans.set(shape, list);
  }
  return list;
}

/** True when a structure has members outside the body. */
export function hasBoundMembers(model: Model, shape: Shape): boolean {
  return boundMembers(model, shape).length > 0;
}

/** Reads the URI, query and header members of an input structure into `out`; throws ConversionError. */
export function readBoundMembers(model: Model, shape: Shape, req: BoundRequest, out: Record<string, unknown>, normalize?: StringNormalizer): void {
  const members = boundMembers(model, shape);
  let namedQueryKeys: Set<string> | undefined;
  const scalar = (s: Shape, shapeName: string, text: string, where: string): unknown => readScalar(s, normalize && s.type === 'string' ? normalize(shapeName, text) : text, where);
  for (const m of members) {
    const name = m.ref.locationName ?? m.name;
    switch (m.ref.location) {
      case 'uri': {
        const v = req.labels[name];
        if (v !== undefined) out[m.name] = scalar(m.shape, m.shapeName, v, name);
        break;
      }
      case 'querystring': {
        if (m.shape.type === 'map') {
          namedQueryKeys ??= new Set(members.filter((x) => x.ref.location === 'querystring' && x.shape.type !== 'map').map((x) => x.ref.locationName ?? x.name));
          const valueShape = model.shape(m.shape.value!.shape);
          const map: Record<string, unknown> = {};
          let any = false;
          for (const [k, values] of req.query) {
            if (namedQueryKeys.has(k) || req.literalQueryKeys.has(k)) continue;
            any = true;
            if (valueShape.type === 'list') {
              const item = model.shape(valueShape.member!.shape);
              setEntry(map, k, values.map((v) => scalar(item, valueShape.member!.shape, v, k)));
            } else setEntry(map, k, scalar(valueShape, m.shape.value!.shape, values[0] ?? '', k));
          }
          if (any) out[m.name] = map;
          break;
        }
        const values = req.query.get(name);
        if (!values) break;
        if (m.shape.type === 'list') {
          const item = model.shape(m.shape.member!.shape);
          out[m.name] = values.map((v) => scalar(item, m.shape.member!.shape, v, name));
        } else out[m.name] = scalar(m.shape, m.shapeName, values[0]!, name);
        break;
      }
      case 'header': {
        const v = req.headers[name.toLowerCase()];
        if (v === undefined) break;
        if (m.shape.type === 'list') {
          const item = model.shape(m.shape.member!.shape);
          out[m.name] = v.split(',').map((x) => scalar(item, m.shape.member!.shape, x.trim(), name));
        } else out[m.name] = scalar(m.shape, m.shapeName, m.shape.type === 'string' ? v : v.trim(), name);
        break;
      }
      case 'headers': {
        const prefix = name.toLowerCase();
        const map: Record<string, unknown> = {};
        let any = false;
        for (const [k, v] of Object.entries(req.headers)) {
          if (v === undefined || !k.startsWith(prefix)) continue;
          any = true;
          setEntry(map, k.slice(prefix.length), v);
        }
        if (any) out[m.name] = map;
        break;
      }
      default:
        break;
    }
  }
}

/**
 * Writes the header members of an output (or error) structure into `headers`, and returns the
 * value of a `statusCode` member if one is set.
 */
export function writeBoundMembers(model: Model, shape: Shape, value: Record<string, unknown>, headers: Record<string, string>): number | undefined {
  let status: number | undefined;
  for (const m of boundMembers(model, shape)) {
    const v = value[m.name];
    if (v === undefined || v === null) continue;
    const name = m.ref.locationName ?? m.name;
    switch (m.ref.location) {
      case 'header':
        headers[name] = headerText(m, v);
        break;
      case 'headers':
        if (typeof v === 'object') for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined && x !== null) headers[`${name}${k}`] = String(x);
        break;
      case 'statusCode':
        if (typeof v === 'number') status = v;
        break;
      default:
        break;
    }
  }
  return status;
}

function headerText(m: Member, v: unknown): string {
  if (m.shape.type === 'timestamp') {
    const d = toDate(v);
    if (d) return String(formatTimestamp(d, m.ref.timestampFormat ?? m.shape.timestampFormat ?? 'rfc822'));
  }
  if (m.shape.type === 'list' && Array.isArray(v)) return v.map((x) => String(x)).join(', ');
  if (m.ref.jsonvalue) return Buffer.from(JSON.stringify(v)).toString('base64');
  return String(v);
}
