/**
 * Typed conversion between JSON documents and model values, shared by awsJson1_1 (ACM) and
 * restJson1 (API Gateway v1/v2) (aws-protocols.md §4, §6).
 *
 * - Keys are the member's locationName, else its name (API Gateway's `items` is `item` on the wire).
 * - Timestamps are epoch seconds unless the model says otherwise (apigatewayv2 `iso8601`);
 *   input accepts either. Blobs are base64 strings.
 * - Input is type-checked: a value of the wrong JSON type is a JsonTypeError, which the codecs
 *   answer as SerializationException (§8). null reads as absent; unknown keys are ignored.
 * - Output omits undefined and null members.
 * Members bound to the URI, query string or headers are skipped in the body when `bodyOnly`.
 */
import type { Member, MemberRef, Model, Shape } from './model.js';
import { setEntry } from './safe-object.js';
import { formatTimestamp, parseTimestamp, toDate } from './timestamps.js';

export class JsonTypeError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

interface JsonMember {
  readonly member: Member;
  readonly key: string;
}

const bodyPlans = new WeakMap<Shape, readonly JsonMember[]>();
const allPlans = new WeakMap<Shape, readonly JsonMember[]>();

/** The JSON members of a structure (body members only when `bodyOnly`), cached per shape. */
function planFor(model: Model, shape: Shape, bodyOnly: boolean): readonly JsonMember[] {
  const cache = bodyOnly ? bodyPlans : allPlans;
  let plan = cache.get(shape);
  if (!plan) {
    plan = model
      .members(shape)
      .filter((m) => !bodyOnly || !m.ref.location)
      .map((member) => ({ member, key: member.ref.locationName ?? member.name }));
    cache.set(shape, plan);
  }
  return plan;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** The Java class AWS names in its own SerializationException text. */
function javaClass(v: unknown): string {
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'java.lang.Integer' : 'java.lang.Double';
  if (typeof v === 'string') return 'java.lang.String';
  if (Array.isArray(v)) return 'java.util.ArrayList';
  return 'java.util.LinkedHashMap';
}

function join(path: string, seg: string): string {
  return path === '' ? seg : `${path}.${seg}`;
}

/** Reads a structure from a parsed JSON object. */
export function readJsonStructure(model: Model, shape: Shape, value: unknown, path: string, bodyOnly: boolean): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JsonTypeError(path, `Expected an object${path ? ` at '${path}'` : ''}, found ${kindOf(value)}`);
  }
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const { member, key } of planFor(model, shape, bodyOnly)) {
    if (!Object.hasOwn(obj, key)) continue;
    const v = obj[key];
    if (v === null || v === undefined) continue;
    out[member.name] = readJsonValue(model, member.shape, member.ref, v, join(path, key));
  }
  return out;
}

function readJsonValue(model: Model, shape: Shape, ref: MemberRef | undefined, v: unknown, path: string): unknown {
  if (ref?.jsonvalue) return v;
  switch (shape.type) {
    case 'structure':
      return readJsonStructure(model, shape, v, path, false);
    case 'list': {
      if (!Array.isArray(v)) throw new JsonTypeError(path, `Expected a list at '${path}', found ${kindOf(v)}`);
      const item = model.shape(shape.member!.shape);
      const out: unknown[] = [];
      v.forEach((x, i) => {
        if (x !== null && x !== undefined) out.push(readJsonValue(model, item, shape.member, x, `${path}.${i + 1}`));
      });
      return out;
    }
    case 'map': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new JsonTypeError(path, `Expected a map at '${path}', found ${kindOf(v)}`);
      const valueShape = model.shape(shape.value!.shape);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (x !== null && x !== undefined) setEntry(out, k, readJsonValue(model, valueShape, shape.value, x, `${path}.${k}`));
      }
      return out;
    }
    case 'string':
    case 'blob':
      if (typeof v !== 'string') throw new JsonTypeError(path, `class ${javaClass(v)} can not be converted to an String (at '${path}')`);
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw new JsonTypeError(path, `class ${javaClass(v)} can not be converted to a Boolean (at '${path}')`);
      return v;
    case 'integer':
    case 'long':
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new JsonTypeError(path, `class ${javaClass(v)} can not be converted to an Integer (at '${path}')`);
      return v;
    case 'float':
    case 'double':
      if (typeof v === 'number') return v;
      if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
      throw new JsonTypeError(path, `class ${javaClass(v)} can not be converted to a Double (at '${path}')`);
    case 'timestamp': {
      const d = typeof v === 'number' ? toDate(v) : typeof v === 'string' ? parseTimestamp(v) : undefined;
      if (!d) throw new JsonTypeError(path, `Invalid timestamp at '${path}'`);
      return d;
    }
    default:
      return v;
  }
}

/** Writes a structure value as a JSON-ready object. */
export function writeJsonStructure(model: Model, shape: Shape, value: Record<string, unknown>, bodyOnly: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { member, key } of planFor(model, shape, bodyOnly)) {
    const v = value[member.name];
    if (v === undefined || v === null) continue;
    out[key] = writeJsonValue(model, member.shape, member.ref, v, member.name);
  }
  return out;
}

function writeJsonValue(model: Model, shape: Shape, ref: MemberRef | undefined, v: unknown, name: string): unknown {
  if (ref?.jsonvalue) return v;
  switch (shape.type) {
    case 'structure':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`output ${name}: expected a structure, got ${kindOf(v)}`);
      return writeJsonStructure(model, shape, v as Record<string, unknown>, false);
    case 'list': {
      if (!Array.isArray(v)) throw new Error(`output ${name}: expected a list, got ${kindOf(v)}`);
      const item = model.shape(shape.member!.shape);
      return v.filter((x) => x !== undefined && x !== null).map((x) => writeJsonValue(model, item, shape.member, x, name));
    }
    case 'map': {
      if (typeof v !== 'object' || v === null) throw new Error(`output ${name}: expected a map, got ${kindOf(v)}`);
      const valueShape = model.shape(shape.value!.shape);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (x !== undefined && x !== null) setEntry(out, k, writeJsonValue(model, valueShape, shape.value, x, name));
      }
      return out;
    }
    case 'timestamp': {
      const d = toDate(v);
      return d ? formatTimestamp(d, ref?.timestampFormat ?? shape.timestampFormat ?? 'unixTimestamp') : v;
    }
    case 'blob':
      return v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v;
    default:
      return v;
  }
}
