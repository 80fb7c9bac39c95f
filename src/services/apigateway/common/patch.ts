/**
 * PATCH bodies: `patchOperations` of `{op, path, value, from}` with JSON-Pointer paths where `/`
 * inside a key is `~1` and `~` is `~0` (aws-protocols.md §4).
 */
import { badRequest } from './errors.js';

export type PatchOp = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';

export interface PatchOperation {
  readonly op: PatchOp;
  readonly path: string;
  readonly value?: string;
  readonly from?: string;
}

/** Splits a JSON Pointer into unescaped segments: `/~1pets/GET` → `['/pets', 'GET']`. */
export function pointerSegments(path: string): string[] {
  if (!path.startsWith('/')) return [path];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function patchOperations(input: { patchOperations?: PatchOperation[] }): PatchOperation[] {
  return input.patchOperations ?? [];
}

/** The value of an op that needs one. */
export function requireValue(op: PatchOperation): string {
  if (op.value === undefined) throw badRequest(`Invalid null or empty value in ${op.path}`);
  return op.value;
}

/** `true`/`false` for boolean paths. */
export function booleanValue(op: PatchOperation): boolean {
  const v = requireValue(op);
  if (v !== 'true' && v !== 'false') throw badRequest(`Invalid value '${v}' for ${op.path}: must be true or false`);
  return v === 'true';
}

/** The generic refusal for a path an operation does not know. */
export function invalidPatchPath(op: PatchOperation): Error {
  return badRequest(`Invalid patch path ${op.path}`);
}

/** For paths that take only some ops (`Invalid patch operation specified. Must be 'add'|'remove'|'replace'`, §1.3). */
export function requireOp(op: PatchOperation, allowed: readonly PatchOp[]): void {
  if (!allowed.includes(op.op)) {
    throw badRequest(`Invalid patch operation specified. Must be ${allowed.map((a) => `'${a}'`).join('|')}`);
  }
}
