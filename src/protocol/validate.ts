/**
 * Server-side input validation from the model: required members, enums, length and value ranges,
 * patterns. The v3 SDKs check nothing client-side, so the server must (aws-protocols.md §8).
 *
 * `validateInput` returns structured violations; each codec words them in its protocol's terms.
 * `coralMessage` is the AWS text shared by awsQuery, awsJson, restJson and restXml (§7):
 *   `2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must
 *   not be null; Value 'x' at 'protocol' failed to satisfy constraint: Member must satisfy enum
 *   value set: [HTTP, HTTPS]`
 * Paths use lowerCamel member names and `list.N.member.field` for list items.
 */
import type { Member, MemberRef, Model, Shape } from './model.js';
import { lowerFirst } from './names.js';

export type PathPart = { readonly member: Member } | { readonly index: number } | { readonly key: string };

/** A path from the input's root, as a parent-linked chain built only as deep as the walk goes. */
export interface PathNode {
  readonly parent: PathNode | undefined;
  readonly part: PathPart;
}

export interface Violation {
  /** Where; undefined is the input itself. */
  readonly path: PathNode | undefined;
  /** The offending value (null for a missing required member). */
  readonly value: unknown;
  /** AWS's rule text: `Member must not be null`, `Member must satisfy enum value set: [A, B]`, ... */
  readonly rule: string;
  readonly missing: boolean;
  readonly sensitive: boolean;
}

/** Validates a converted input structure (model member names, typed values). */
export function validateInput(model: Model, shape: Shape, input: Record<string, unknown>): Violation[] {
  const out: Violation[] = [];
  checkStructure(model, shape, input, undefined, out);
  return out;
}

function checkStructure(model: Model, shape: Shape, obj: Record<string, unknown>, path: PathNode | undefined, out: Violation[]): void {
  for (const m of model.members(shape)) {
    const v = obj[m.name];
    if (v === undefined || v === null) {
      if (m.required) out.push({ path: { parent: path, part: { member: m } }, value: null, rule: 'Member must not be null', missing: true, sensitive: false });
      continue;
    }
    checkValue(model, m.shape, m.ref, v, { parent: path, part: { member: m } }, out);
  }
}

function isScalar(shape: Shape): boolean {
  return shape.type !== 'structure' && shape.type !== 'list' && shape.type !== 'map';
}

function checkValue(model: Model, shape: Shape, ref: MemberRef | undefined, v: unknown, path: PathNode, out: Violation[]): void {
  switch (shape.type) {
    case 'structure':
      if (typeof v === 'object' && v !== null) checkStructure(model, shape, v as Record<string, unknown>, path, out);
      return;
    case 'list': {
      if (!Array.isArray(v)) return;
      checkLength(shape, v.length, v, path, out);
      const item = model.shape(shape.member!.shape);
      if (isScalar(item)) {
        const rules = new Set<string>();
        for (const x of v) for (const r of scalarRules(item, shape.member, x)) rules.add(r);
        for (const r of rules) out.push({ path, value: v, rule: `Member must satisfy constraint: [${r}]`, missing: false, sensitive: !!item.sensitive });
      } else {
        v.forEach((x, i) => {
          if (x !== undefined && x !== null) checkValue(model, item, shape.member, x, { parent: path, part: { index: i } }, out);
        });
      }
      return;
    }
    case 'map': {
      if (typeof v !== 'object' || v === null) return;
      const entries = Object.entries(v as Record<string, unknown>);
      checkLength(shape, entries.length, v, path, out);
      const keyShape = model.shape(shape.key!.shape);
      const valueShape = model.shape(shape.value!.shape);
      const rules = new Set<string>();
      for (const [k, x] of entries) {
        for (const r of scalarRules(keyShape, shape.key, k)) rules.add(r);
        if (x === undefined || x === null) continue;
        if (isScalar(valueShape)) for (const r of scalarRules(valueShape, shape.value, x)) rules.add(r);
        else checkValue(model, valueShape, shape.value, x, { parent: path, part: { key: k } }, out);
      }
      for (const r of rules) out.push({ path, value: v, rule: `Member must satisfy constraint: [${r}]`, missing: false, sensitive: !!valueShape.sensitive });
      return;
    }
    default:
      for (const rule of scalarRules(shape, ref, v)) out.push({ path, value: v, rule, missing: false, sensitive: !!shape.sensitive });
  }
}

function checkLength(shape: Shape, n: number, v: unknown, path: PathNode, out: Violation[]): void {
  if (shape.min !== undefined && n < shape.min) out.push({ path, value: v, rule: `Member must have length greater than or equal to ${shape.min}`, missing: false, sensitive: false });
  if (shape.max !== undefined && n > shape.max) out.push({ path, value: v, rule: `Member must have length less than or equal to ${shape.max}`, missing: false, sensitive: false });
}

/** The rules a scalar value breaks, in AWS's wording. */
function scalarRules(shape: Shape, ref: MemberRef | undefined, v: unknown): string[] {
  const rules: string[] = [];
  switch (shape.type) {
    case 'string': {
      if (typeof v !== 'string') return rules;
      const values = ref?.enum ?? shape.enum;
      if (values && !values.includes(v)) rules.push(`Member must satisfy enum value set: [${values.join(', ')}]`);
      if (shape.min !== undefined && v.length < shape.min) rules.push(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && v.length > shape.max) rules.push(`Member must have length less than or equal to ${shape.max}`);
      // Values over 64 KiB skip the pattern (a backtracking regex on them costs too much).
      if (shape.pattern !== undefined && v.length <= 65536) {
        const re = compilePattern(shape.pattern);
        if (re && !re.test(v)) rules.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      }
      return rules;
    }
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      if (typeof v !== 'number') return rules;
      if (shape.min !== undefined && v < shape.min) rules.push(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && v > shape.max) rules.push(`Member must have value less than or equal to ${shape.max}`);
      return rules;
    case 'blob': {
      if (typeof v !== 'string') return rules;
      const n = Buffer.byteLength(v, 'base64');
      if (shape.min !== undefined && n < shape.min) rules.push(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && n > shape.max) rules.push(`Member must have length less than or equal to ${shape.max}`);
      return rules;
    }
    default:
      return rules;
  }
}

const patterns = new Map<string, RegExp | null>();

/**
 * The model's patterns are Java regexes, matched against the whole value. Those that are not
 * plain JS-compatible (Java-only syntax, anchors inside the pattern, which one EC2 pattern has by
 * mistake) are skipped rather than risk rejecting valid input: null.
 */
export function compilePattern(pattern: string): RegExp | null {
  let re = patterns.get(pattern);
  if (re !== undefined) return re;
  re = null;
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  const unescaped = body.replace(/\\./g, '').replace(/\[\^/g, '[');
  const javaOnly = /&&|\(\?[a-zA-Z<]|[*+?]\+|\{\d+(,\d*)?\}\+|\\[QEZzAG]/.test(pattern);
  if (!javaOnly && !/[\^$]/.test(unescaped)) {
    try {
      re = new RegExp(`^(?:${body})$`, 'u');
    } catch {
      if (!/\\[pP]/.test(body)) {
        try {
          re = new RegExp(`^(?:${body})$`);
        } catch {
          re = null;
        }
      }
    }
  }
  patterns.set(pattern, re);
  return re;
}

/** The parts of a path from the root. */
export function pathParts(path: PathNode | undefined): PathPart[] {
  const parts: PathPart[] = [];
  for (let p = path; p; p = p.parent) parts.push(p.part);
  return parts.reverse();
}

/** The first (top-level) member of a path. */
export function topMember(path: PathNode | undefined): Member | undefined {
  const first = pathParts(path)[0];
  return first && 'member' in first ? first.member : undefined;
}

/** `patchOperations.1.member.op`: lowerCamel member names, 1-based `N.member` for list items. */
export function coralPath(path: PathNode | undefined): string {
  const segs: string[] = [];
  for (const part of pathParts(path)) {
    if ('member' in part) segs.push(lowerFirst(part.member.name));
    else if ('index' in part) segs.push(`${part.index + 1}.member`);
    else segs.push(part.key);
  }
  return segs.join('.');
}

/** Java-style rendering of a value inside `Value '…'` (lists as `[a, b]`). */
export function renderValue(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `[${v.map(renderValue).join(', ')}]`;
  if (typeof v === 'object' && v !== null) return `{${Object.entries(v).map(([k, x]) => `${k}=${renderValue(x)}`).join(', ')}}`;
  return String(v);
}

/** `Value null at 'x' failed…` / `Value 'v' at 'x' failed to satisfy constraint: rule`. */
export function coralItem(v: Violation, path: string): string {
  const value = v.missing ? 'null' : v.sensitive ? "'***'" : `'${renderValue(v.value)}'`;
  return `Value ${value} at '${path}' failed to satisfy constraint: ${v.rule}`;
}

/** `N validation error(s) detected: item; item`. */
export function coralMessage(violations: readonly Violation[], renderPath: (path: PathNode | undefined) => string = coralPath): string {
  const n = violations.length;
  const items = violations.map((v) => coralItem(v, renderPath(v.path)));
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${items.join('; ')}`;
}
