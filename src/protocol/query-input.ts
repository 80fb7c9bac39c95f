/**
 * Reads the form parameters of an awsQuery or ec2Query request into a typed input object.
 *
 * The flat keys (`TagSpecification.1.Tag.1.Key`) are first folded into a tree on `.`, then the
 * tree is walked with the input shape, so the cost follows the request's size, not the model's.
 *
 * Key naming (aws-protocols.md §2, §3):
 * - awsQuery: a member is keyed by its locationName, else its name. Lists are `X.member.N` (the
 *   list member's locationName replaces `member`; a flattened list is `X.N`); an empty list is sent
 *   as `X=` and reads as []. Maps are `X.entry.N.key` / `X.entry.N.value`.
 * - ec2Query: queryName, else the locationName with its first letter upper-cased, else the member
 *   name. Lists are always `X.N`; the list member's locationName is ignored on input.
 * Entries are ordered by their numeric index, not by arrival order.
 */
import type { Member, Model, Shape } from './model.js';
import { upperFirst } from './names.js';
import { setEntry } from './safe-object.js';
import { parseTimestamp } from './timestamps.js';

export type QueryDialect = 'query' | 'ec2';

export interface ParamNode {
  value: string | undefined;
  children: Map<string, ParamNode> | undefined;
}

/** A wire value that does not fit its shape; `param` is the full wire key. */
export class ConversionError extends Error {
  readonly param: string;
  readonly value: string;
  readonly expected: string;
  constructor(param: string, value: string, expected: string) {
    super(`Invalid value '${value}' for parameter ${param}: expected ${expected}`);
    this.param = param;
    this.value = value;
    this.expected = expected;
  }
}

/** Folds `a.b.c=v` keys into a tree. Parameters outside the input (Action, Version) are simply never read. */
export function buildParamTree(params: ReadonlyMap<string, string>): ParamNode {
  const root: ParamNode = { value: undefined, children: new Map() };
  for (const [key, value] of params) {
    let node = root;
    let start = 0;
    for (;;) {
      const dot = key.indexOf('.', start);
      const seg = dot === -1 ? key.slice(start) : key.slice(start, dot);
      const children = (node.children ??= new Map());
      let next = children.get(seg);
      if (!next) {
        next = { value: undefined, children: undefined };
        children.set(seg, next);
      }
      node = next;
      if (dot === -1) break;
      start = dot + 1;
    }
    node.value = value;
  }
  return root;
}

interface WireMember {
  readonly member: Member;
  readonly key: string;
}

const plans: Record<QueryDialect, WeakMap<Shape, readonly WireMember[]>> = { query: new WeakMap(), ec2: new WeakMap() };

/** The ec2Query key of a member (aws-protocols.md §3). */
export function ec2Key(m: Member): string {
  if (m.ref.queryName) return m.ref.queryName;
  const ln = m.ref.locationName;
  return ln ? upperFirst(ln) : m.name;
}

function queryKey(m: Member): string {
  const listMember = m.shape.type === 'list' && (m.ref.flattened || m.shape.flattened) ? m.shape.member?.locationName : undefined;
  return listMember ?? m.ref.locationName ?? m.name;
}

function planFor(model: Model, shape: Shape, dialect: QueryDialect): readonly WireMember[] {
  let plan = plans[dialect].get(shape);
  if (!plan) {
    plan = model.members(shape).map((member) => ({ member, key: dialect === 'ec2' ? ec2Key(member) : queryKey(member) }));
    plans[dialect].set(shape, plan);
  }
  return plan;
}

/** Reads the input structure from the parameter tree's root. */
export function readQueryInput(model: Model, shape: Shape, root: ParamNode, dialect: QueryDialect): Record<string, unknown> {
  return readStructure(model, shape, root, '', dialect);
}

function join(prefix: string, seg: string): string {
  return prefix === '' ? seg : `${prefix}.${seg}`;
}

function readStructure(model: Model, shape: Shape, node: ParamNode, prefix: string, dialect: QueryDialect): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const children = node.children;
  if (!children) return out;
  for (const { member, key } of planFor(model, shape, dialect)) {
    const child = children.get(key);
    if (child) out[member.name] = readValue(model, member.shape, child, join(prefix, key), dialect, member.ref.flattened);
  }
  return out;
}

/** Children with positive integer keys, in numeric order. */
function indexed(node: ParamNode | undefined): Array<[string, ParamNode]> {
  if (!node?.children) return [];
  const items: Array<[number, string, ParamNode]> = [];
  for (const [k, v] of node.children) {
    if (/^[1-9]\d*$/.test(k)) items.push([Number(k), k, v]);
  }
  items.sort((a, b) => a[0] - b[0]);
  return items.map(([, k, v]) => [k, v]);
}

function readValue(model: Model, shape: Shape, node: ParamNode, path: string, dialect: QueryDialect, flattenedRef?: boolean): unknown {
  switch (shape.type) {
    case 'structure':
      return readStructure(model, shape, node, path, dialect);
    case 'list': {
      if (!node.children) {
        if (node.value === undefined || node.value === '') return [];
        throw new ConversionError(path, node.value, 'a list');
      }
      const item = model.shape(shape.member!.shape);
      if (dialect === 'ec2' || flattenedRef || shape.flattened) {
        return indexed(node).map(([k, n]) => readValue(model, item, n, `${path}.${k}`, dialect));
      }
      const itemName = shape.member!.locationName ?? 'member';
      return indexed(node.children.get(itemName)).map(([k, n]) => readValue(model, item, n, `${path}.${itemName}.${k}`, dialect));
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      const entryPrefix = flattenedRef || shape.flattened ? path : `${path}.entry`;
      const entries = flattenedRef || shape.flattened ? node : node.children?.get('entry');
      const keyName = shape.key!.locationName ?? 'key';
      const valueName = shape.value!.locationName ?? 'value';
      const valueShape = model.shape(shape.value!.shape);
      for (const [k, n] of indexed(entries)) {
        const key = n.children?.get(keyName)?.value;
        const value = n.children?.get(valueName);
        if (key === undefined) continue;
        setEntry(out, key, value ? readValue(model, valueShape, value, `${entryPrefix}.${k}.${valueName}`, dialect) : undefined);
      }
      return out;
    }
    default:
      return readScalar(shape, node.value ?? '', path);
  }
}

const INTEGER = /^[-+]?\d+$/;
const SPECIAL_FLOATS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** Converts wire text to the model's scalar type. */
export function readScalar(shape: Shape, text: string, path: string): unknown {
  switch (shape.type) {
    case 'string':
    case 'blob':
      return text;
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
      throw new ConversionError(path, text, 'a boolean (true or false)');
    }
    case 'integer':
    case 'long': {
      const t = text.trim();
      if (!INTEGER.test(t)) throw new ConversionError(path, text, 'an integer');
      return Number(t);
    }
    case 'float':
    case 'double': {
      const t = text.trim();
      if (Object.hasOwn(SPECIAL_FLOATS, t)) return SPECIAL_FLOATS[t];
      const n = Number(t);
      if (t === '' || !Number.isFinite(n)) throw new ConversionError(path, text, 'a number');
      return n;
    }
    case 'timestamp': {
      const d = parseTimestamp(text);
      if (!d) throw new ConversionError(path, text, 'a timestamp');
      return d;
    }
    default:
      return text;
  }
}
