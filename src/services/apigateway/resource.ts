/**
 * Resources: CreateResource, GetResource, GetResources, UpdateResource, DeleteResource
 * (apigateway-rest.md §1.4).
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { Tx } from '../../state/store.js';
import { KIND, resourceKey, type Resource } from '../../state/records/apigateway.js';
import { badRequest, conflict, notImplemented } from './common/errors.js';
import { freshId } from './common/ids.js';
import { mustGetResource, mustGetRestApi, resourcesOf } from './common/lookup.js';
import { page } from './common/paging.js';
import { invalidPatchPath, patchOperations, pointerSegments, requireOp, requireValue, type PatchOperation } from './common/patch.js';
import { methodToWire } from './wire.js';

/**
 * A path part is a static segment of alphanumerics and `_ - . , :`, or a whole-segment
 * `{param}` / `{greedy+}` (§1.4, KNOWN).
 */
const STATIC_PART = /^[A-Za-z0-9_\-.,:]+$/;
const VARIABLE_PART = /^\{[A-Za-z0-9_\-.]+\+?\}$/;

export const isVariablePart = (part: string | undefined): boolean => part !== undefined && part.startsWith('{');
export const isGreedyPart = (part: string | undefined): boolean => part !== undefined && part.endsWith('+}');

function checkPathPart(part: string): void {
  if (!STATIC_PART.test(part) && !VARIABLE_PART.test(part)) {
    // AWS's wording for a malformed path part is not in apigateway-rest.md. [inf]
    throw badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.");
  }
}

/** The sibling and parent rules of §1.4 for putting `part` under `parent` (`self` when moving). */
function checkPlacement(tx: Tx, parent: Resource, part: string, self?: string): void {
  if (isGreedyPart(parent.pathPart)) throw badRequest(`Cannot create a child of a resource with a greedy path variable: ${parent.pathPart}`);
  const siblings = resourcesOf(tx, parent.restApiId).filter((r) => r.parentId === parent.resourceId && r.resourceId !== self);
  if (siblings.some((s) => s.pathPart === part)) throw conflict(`Another resource with the same parent already has this name: ${part}`);
  if (isVariablePart(part)) {
    const variable = siblings.find((s) => isVariablePart(s.pathPart));
    if (variable) throw badRequest(`A sibling (${variable.pathPart}) of this resource already has a variable path part -- only one is allowed`);
  }
}

const joinPath = (parentPath: string, part: string): string => (parentPath === '/' ? `/${part}` : `${parentPath}/${part}`);

/** `resourceMethods`: with `embed=methods` the whole methods, else each verb with an empty object. */
export function resourceToWire(r: Resource, embedMethods: boolean): Record<string, unknown> {
  const verbs = Object.keys(r.methods);
  return {
    id: r.resourceId,
    parentId: r.parentId,
    pathPart: r.pathPart,
    path: r.path,
    resourceMethods: verbs.length ? Object.fromEntries(verbs.map((v) => [v, embedMethods ? methodToWire(r.methods[v]!) : {}])) : undefined,
  };
}

function embedsMethods(embed: string[] | undefined): boolean {
  for (const e of embed ?? []) if (e !== 'methods') throw notImplemented(`embed=${e}`);
  return (embed ?? []).includes('methods');
}

const createResource: OperationHandler = (ctx, input: { restApiId: string; parentId: string; pathPart: string }) => {
  checkPathPart(input.pathPart ?? '');
  return ctx.store.transact((tx) => {
    const parent = mustGetResource(ctx, input.restApiId, input.parentId, tx);
    checkPlacement(tx, parent, input.pathPart);
    const resourceId = freshId(6, (x) => tx.get(KIND.resource, resourceKey(parent.restApiId, x)) !== undefined);
    const r: Resource = {
      id: resourceKey(parent.restApiId, resourceId),
      restApiId: parent.restApiId,
      resourceId,
      parentId: parent.resourceId,
      pathPart: input.pathPart,
      path: joinPath(parent.path, input.pathPart),
      methods: {},
    };
    tx.put(KIND.resource, r);
    return resourceToWire(r, false);
  });
};

const getResource: OperationHandler = (ctx, input: { restApiId: string; resourceId: string; embed?: string[] }) =>
  resourceToWire(mustGetResource(ctx, input.restApiId, input.resourceId), embedsMethods(input.embed));

const getResources: OperationHandler = (ctx, input: { restApiId: string; limit?: number; position?: string; embed?: string[] }) => {
  mustGetRestApi(ctx, input.restApiId);
  const embed = embedsMethods(input.embed);
  const { items, position } = page(resourcesOf(ctx.store, input.restApiId), input);
  return { items: items.map((r) => resourceToWire(r, embed)), position };
};

/** Rewrites the paths of `r`'s descendants after a move or rename. */
function repath(tx: Tx, r: Resource): void {
  for (const child of resourcesOf(tx, r.restApiId).filter((c) => c.parentId === r.resourceId)) {
    const next = { ...child, path: joinPath(r.path, child.pathPart!) };
    tx.put(KIND.resource, next);
    repath(tx, next);
  }
}

function isDescendant(tx: Tx, restApiId: string, candidate: Resource, ancestorId: string): boolean {
  for (let cur: Resource | undefined = candidate; cur; cur = cur.parentId ? tx.get<Resource>(KIND.resource, resourceKey(restApiId, cur.parentId)) : undefined) {
    if (cur.resourceId === ancestorId) return true;
  }
  return false;
}

function patchResource(ctx: OperationContext, tx: Tx, r: Resource, op: PatchOperation): Resource {
  const [field, ...rest] = pointerSegments(op.path);
  if (rest.length) throw invalidPatchPath(op);
  const isRoot = r.parentId === undefined;
  if (field === 'pathPart') {
    requireOp(op, ['replace']);
    if (isRoot) throw badRequest('Root resource cannot update its pathPart.');
    const part = requireValue(op);
    checkPathPart(part);
    const parent = tx.get<Resource>(KIND.resource, resourceKey(r.restApiId, r.parentId!))!;
    checkPlacement(tx, parent, part, r.resourceId);
    return { ...r, pathPart: part, path: joinPath(parent.path, part) };
  }
  if (field === 'parentId') {
    requireOp(op, ['replace']);
    if (isRoot) throw badRequest('Root resource cannot update its parentId.');
    const parent = mustGetResource(ctx, r.restApiId, requireValue(op), tx);
    if (isDescendant(tx, r.restApiId, parent, r.resourceId)) throw badRequest('Resources cannot be cyclical.');
    checkPlacement(tx, parent, r.pathPart!, r.resourceId);
    return { ...r, parentId: parent.resourceId, path: joinPath(parent.path, r.pathPart!) };
  }
  throw invalidPatchPath(op);
}

const updateResource: OperationHandler = (ctx, input: { restApiId: string; resourceId: string; patchOperations?: PatchOperation[] }) => {
  return ctx.store.transact((tx) => {
    let r = mustGetResource(ctx, input.restApiId, input.resourceId, tx);
    for (const op of patchOperations(input)) {
      r = patchResource(ctx, tx, r, op);
      tx.put(KIND.resource, r);
    }
    repath(tx, r);
    return resourceToWire(r, false);
  });
};

/** Deletes the resource and all its descendants (with their methods). */
const deleteResource: OperationHandler = (ctx, input: { restApiId: string; resourceId: string }) => {
  ctx.store.transact((tx) => {
    const r = mustGetResource(ctx, input.restApiId, input.resourceId, tx);
    // Wording not recorded in apigateway-rest.md. [inf]
    if (r.parentId === undefined) throw badRequest('Cannot delete the root resource.');
    const all = resourcesOf(tx, r.restApiId);
    const doomed = [r];
    for (let i = 0; i < doomed.length; i++) doomed.push(...all.filter((c) => c.parentId === doomed[i]!.resourceId));
    for (const d of doomed) tx.delete(KIND.resource, d.id);
  });
  return {};
};

export const resourceHandlers: Record<string, OperationHandler> = {
  CreateResource: createResource,
  GetResource: getResource,
  GetResources: getResources,
  UpdateResource: updateResource,
  DeleteResource: deleteResource,
};
