/**
 * Methods live inside their resource record (see src/state/records/apigateway.ts): these helpers
 * rewrite the resource with one method changed.
 */
import type { Tx } from '../../../state/store.js';
import { KIND, type Method, type Resource } from '../../../state/records/apigateway.js';
import { badRequest } from './errors.js';

/** `ANY` stands for DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT (§1.5). */
export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'ANY'] as const;

export function checkHttpMethod(verb: string | undefined): string {
  if (!verb || !(HTTP_METHODS as readonly string[]).includes(verb)) {
    throw badRequest('Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY');
  }
  return verb;
}

/** Puts (or with `undefined` removes) one method of a resource; returns the new resource. */
export function writeMethod(tx: Tx, resource: Resource, verb: string, method: Method | undefined): Resource {
  const methods = { ...resource.methods };
  if (method) methods[verb] = method;
  else delete methods[verb];
  return tx.put(KIND.resource, { ...resource, methods });
}
