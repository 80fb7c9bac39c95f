/**
 * Stages: CreateStage, GetStage, GetStages, UpdateStage, DeleteStage (apigateway-rest.md §1.8).
 * A stage is its own record pointing at a deployment, so a stage-variable change takes effect
 * without a redeploy.
 */
import type { OperationHandler } from '../context.js';
import { KIND, stageKey, type Stage } from '../../state/records/apigateway.js';
import { badRequest, conflict, notImplemented, rejectUnsupported } from './common/errors.js';
import { mustGetRestApi, mustGetStage } from './common/lookup.js';
import { booleanValue, patchOperations, pointerSegments, requireOp, requireValue, type PatchOperation } from './common/patch.js';
import { checkStageName, checkVariableName, checkVariableValue, checkVariables } from './common/stage-rules.js';
import { validTags } from './common/tags.js';
import { toDate } from './common/time.js';
import { mustGetDeployment } from './deployment.js';

export function stageToWire(s: Stage): Record<string, unknown> {
  return {
    deploymentId: s.deploymentId,
    stageName: s.stageName,
    description: s.description,
    cacheClusterEnabled: s.cacheClusterEnabled,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: {},
    variables: Object.keys(s.variables).length ? s.variables : undefined,
    tracingEnabled: s.tracingEnabled,
    tags: Object.keys(s.tags).length ? s.tags : undefined,
    createdDate: toDate(s.createdDate),
    lastUpdatedDate: toDate(s.lastUpdatedDate),
  };
}

interface CreateStageInput {
  restApiId: string;
  stageName: string;
  deploymentId: string;
  description?: string;
  cacheClusterEnabled?: boolean;
  variables?: Record<string, string>;
  tracingEnabled?: boolean;
  tags?: Record<string, string>;
}

const createStage: OperationHandler = (ctx, input: CreateStageInput) => {
  rejectUnsupported('CreateStage', input as unknown as Record<string, unknown>, [
    'restApiId', 'stageName', 'deploymentId', 'description', 'cacheClusterEnabled', 'variables', 'tracingEnabled', 'tags',
  ]);
  if (input.cacheClusterEnabled) throw notImplemented('Stage caching (cacheClusterEnabled)');
  checkStageName(input.stageName);
  const variables = checkVariables(input.variables);
  const tags = validTags(input.tags);
  return ctx.store.transact((tx) => {
    const api = mustGetRestApi(ctx, input.restApiId, tx);
    mustGetDeployment(ctx, api.id, input.deploymentId, tx);
    if (tx.get(KIND.stage, stageKey(api.id, input.stageName))) throw conflict('Stage already exists'); // [inf]
    const now = ctx.clock.now().toISOString();
    const stage: Stage = {
      id: stageKey(api.id, input.stageName),
      restApiId: api.id,
      stageName: input.stageName,
      deploymentId: input.deploymentId,
      description: input.description,
      variables,
      tracingEnabled: input.tracingEnabled ?? false,
      cacheClusterEnabled: false,
      tags,
      createdDate: now,
      lastUpdatedDate: now,
    };
    tx.put(KIND.stage, stage);
    return stageToWire(stage);
  });
};

const getStage: OperationHandler = (ctx, input: { restApiId: string; stageName: string }) => stageToWire(mustGetStage(ctx, input.restApiId, input.stageName));

/** GetStages returns `{"item": [...]}` without `position` (§1.1). */
const getStages: OperationHandler = (ctx, input: { restApiId: string; deploymentId?: string }) => {
  mustGetRestApi(ctx, input.restApiId);
  const stages = ctx.store.list<Stage>(KIND.stage, (s) => s.restApiId === input.restApiId && (input.deploymentId === undefined || s.deploymentId === input.deploymentId));
  return { item: stages.map(stageToWire) };
};

/** The valid paths as AWS lists them, quirks included (§1.8; recorded AWS error text). */
const VALID_PATHS =
  '[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, ' +
  '/{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, ' +
  '/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, ' +
  '/{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, ' +
  '/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, ' +
  '/*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, ' +
  '/*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]';

const METHOD_SETTING = /^\/(?:\*|[^/]+)\/(?:\*|[A-Z]+)\/(metrics\/enabled|logging\/dataTrace|logging\/loglevel|throttling\/burstLimit|throttling\/rateLimit|caching\/\w+)$/;
const OTHER_KNOWN = ['/cacheClusterEnabled', '/cacheClusterSize', '/clientCertificateId', '/accessLogSettings', '/accessLogSettings/destinationArn', '/accessLogSettings/format'];

function patchStage(ctx: Parameters<OperationHandler>[0], s: Stage, op: PatchOperation, reader: Parameters<typeof mustGetDeployment>[3]): Stage {
  const segs = pointerSegments(op.path);
  if (segs[0] === 'variables' && segs.length === 2) {
    requireOp(op, ['add', 'replace', 'remove']);
    const name = segs[1]!;
    checkVariableName(name);
    const variables = { ...s.variables };
    if (op.op === 'remove') delete variables[name];
    else {
      const value = requireValue(op);
      checkVariableValue(name, value);
      variables[name] = value;
    }
    if (Object.keys(variables).length > 100) throw badRequest('A stage can have at most 100 stage variables');
    return { ...s, variables };
  }
  switch (op.path) {
    case '/deploymentId':
      requireOp(op, ['replace']);
      mustGetDeployment(ctx, s.restApiId, requireValue(op), reader);
      return { ...s, deploymentId: requireValue(op) };
    case '/description':
      requireOp(op, ['replace']);
      return { ...s, description: op.value || undefined };
    case '/tracingEnabled':
      requireOp(op, ['replace']);
      return { ...s, tracingEnabled: booleanValue(op) };
  }
  if (OTHER_KNOWN.includes(op.path) || METHOD_SETTING.test(op.path)) throw notImplemented(`UpdateStage ${op.path}`);
  throw badRequest(`Invalid method setting path: ${op.path}. Must be one of: ${VALID_PATHS}`);
}

const updateStage: OperationHandler = (ctx, input: { restApiId: string; stageName: string; patchOperations?: PatchOperation[] }) => {
  return ctx.store.transact((tx) => {
    let s = mustGetStage(ctx, input.restApiId, input.stageName, tx);
    for (const op of patchOperations(input)) s = patchStage(ctx, s, op, tx);
    s = { ...s, lastUpdatedDate: ctx.clock.now().toISOString() };
    tx.put(KIND.stage, s);
    return stageToWire(s);
  });
};

const deleteStage: OperationHandler = (ctx, input: { restApiId: string; stageName: string }) => {
  ctx.store.transact((tx) => {
    const s = mustGetStage(ctx, input.restApiId, input.stageName, tx);
    tx.delete(KIND.stage, s.id);
  });
  return {};
};

export const stageHandlers: Record<string, OperationHandler> = {
  CreateStage: createStage,
  GetStage: getStage,
  GetStages: getStages,
  UpdateStage: updateStage,
  DeleteStage: deleteStage,
};
