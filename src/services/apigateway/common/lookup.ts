/**
 * Finding records by the identifiers in a request, with AWS's 404 messages
 * (apigateway-rest.md §1.1: lookups are case-sensitive and region-scoped).
 */
import type { OperationContext } from '../../context.js';
import type { RecordReader } from '../../../state/store.js';
import { KIND, resourceKey, stageKey, type Method, type Resource, type RestApi, type Stage } from '../../../state/records/apigateway.js';
import { notFound } from './errors.js';

export function mustGetRestApi(ctx: OperationContext, restApiId: string, reader: RecordReader = ctx.store): RestApi {
  const api = reader.get<RestApi>(KIND.restApi, restApiId);
  if (!api || api.region !== ctx.region) throw notFound(`Invalid API identifier specified ${ctx.accountId}:${restApiId}`);
  return api;
}

export function mustGetResource(ctx: OperationContext, restApiId: string, resourceId: string, reader: RecordReader = ctx.store): Resource {
  mustGetRestApi(ctx, restApiId, reader);
  const r = reader.get<Resource>(KIND.resource, resourceKey(restApiId, resourceId));
  if (!r) throw notFound('Invalid Resource identifier specified');
  return r;
}

export function mustGetMethod(ctx: OperationContext, restApiId: string, resourceId: string, httpMethod: string, reader: RecordReader = ctx.store): { resource: Resource; method: Method } {
  const resource = mustGetResource(ctx, restApiId, resourceId, reader);
  const method = resource.methods[httpMethod];
  if (!method) throw notFound('Invalid Method identifier specified');
  return { resource, method };
}

export function mustGetStage(ctx: OperationContext, restApiId: string, stageName: string, reader: RecordReader = ctx.store): Stage {
  mustGetRestApi(ctx, restApiId, reader);
  const s = reader.get<Stage>(KIND.stage, stageKey(restApiId, stageName));
  // Not in apigateway-rest.md; the wording follows the other recorded 404s (Invalid X identifier specified). [inf]
  if (!s) throw notFound('Invalid Stage identifier specified');
  return s;
}

export function resourcesOf(reader: RecordReader, restApiId: string): Resource[] {
  return reader.list<Resource>(KIND.resource, (r) => r.restApiId === restApiId);
}
