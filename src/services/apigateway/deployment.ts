/**
 * Deployments: CreateDeployment, GetDeployment, GetDeployments, DeleteDeployment
 * (apigateway-rest.md §1.8). A deployment freezes the whole resource/method/integration tree and
 * the API-level settings that AWS only applies on redeploy (policy, binary media types, API key
 * source, gateway responses) into its record; stages serve that snapshot, never the live tree.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader, Tx } from '../../state/store.js';
import { KIND, deploymentKey, stageKey, type Deployment, type DeploymentSnapshot, type GatewayResponse, type RestApi, type Stage } from '../../state/records/apigateway.js';
import { badRequest, notFound, notImplemented, rejectUnsupported } from './common/errors.js';
import { freshId } from './common/ids.js';
import { mustGetRestApi, resourcesOf } from './common/lookup.js';
import { page } from './common/paging.js';
import { checkStageName, checkVariables } from './common/stage-rules.js';
import { toDate } from './common/time.js';

/** Deep, detached copy of the live tree (records are JSON). */
function snapshotOf(tx: Tx, api: RestApi): DeploymentSnapshot {
  const resources = resourcesOf(tx, api.id).map(({ resourceId, parentId, pathPart, path, methods }) => structuredClone({ resourceId, parentId, pathPart, path, methods }));
  const methods = resources.flatMap((r) => Object.values(r.methods).map((m) => ({ r, m })));
  // moto's wording (§1.8). [inf]
  if (methods.length === 0) throw badRequest("The REST API doesn't contain any methods");
  // AWS refuses to deploy a method without an integration. [inf]
  if (methods.some(({ m }) => !m.methodIntegration)) throw badRequest('No integration defined for method');
  const gatewayResponses = tx
    .list<GatewayResponse>(KIND.gatewayResponse, (g) => g.restApiId === api.id)
    .map(({ responseType, statusCode, responseParameters, responseTemplates }) => structuredClone({ responseType, statusCode, responseParameters, responseTemplates }));
  return {
    resources,
    policy: api.policy,
    apiKeySource: api.apiKeySource,
    binaryMediaTypes: api.binaryMediaTypes ? [...api.binaryMediaTypes] : undefined,
    minimumCompressionSize: api.minimumCompressionSize,
    gatewayResponses,
  };
}

/** `apiSummary`: path → verb → {authorizationType, apiKeyRequired} (BOTO Deployment.apiSummary). */
function apiSummary(d: Deployment): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of d.snapshot.resources) {
    const verbs = Object.values(r.methods);
    if (verbs.length) out[r.path] = Object.fromEntries(verbs.map((m) => [m.httpMethod, { authorizationType: m.authorizationType, apiKeyRequired: m.apiKeyRequired }]));
  }
  return out;
}

export function deploymentToWire(d: Deployment, withSummary = false): Record<string, unknown> {
  return { id: d.deploymentId, description: d.description, createdDate: toDate(d.createdDate), apiSummary: withSummary ? apiSummary(d) : undefined };
}

export function mustGetDeployment(ctx: OperationContext, restApiId: string, deploymentId: string, reader: RecordReader = ctx.store): Deployment {
  mustGetRestApi(ctx, restApiId, reader);
  const d = reader.get<Deployment>(KIND.deployment, deploymentKey(restApiId, deploymentId));
  if (!d) throw notFound('Invalid Deployment identifier specified'); // [inf] wording as the other 404s
  return d;
}

interface CreateDeploymentInput {
  restApiId: string;
  stageName?: string;
  stageDescription?: string;
  description?: string;
  cacheClusterEnabled?: boolean;
  variables?: Record<string, string>;
  tracingEnabled?: boolean;
}

const createDeployment: OperationHandler = (ctx, input: CreateDeploymentInput) => {
  rejectUnsupported('CreateDeployment', input as unknown as Record<string, unknown>, [
    'restApiId', 'stageName', 'stageDescription', 'description', 'cacheClusterEnabled', 'variables', 'tracingEnabled',
  ]);
  if (input.cacheClusterEnabled) throw notImplemented('Stage caching (cacheClusterEnabled)');
  if (input.stageName !== undefined) checkStageName(input.stageName);
  const variables = checkVariables(input.variables);
  return ctx.store.transact((tx) => {
    const api = mustGetRestApi(ctx, input.restApiId, tx);
    // A PRIVATE API cannot be deployed without a resource policy: without one nothing could
    // invoke it (apigateway-rest.md §2.8; the wording is AWS's, observed in CloudFormation and
    // Terraform reports).
    if (api.endpointConfiguration.types[0] === 'PRIVATE' && !api.policy) throw badRequest("Private REST API doesn't have a resource policy attached to it");
    const snapshot = snapshotOf(tx, api);
    const deploymentId = freshId(6, (x) => tx.get(KIND.deployment, deploymentKey(api.id, x)) !== undefined);
    const now = ctx.clock.now().toISOString();
    const d: Deployment = { id: deploymentKey(api.id, deploymentId), deploymentId, restApiId: api.id, description: input.description, createdDate: now, snapshot };
    tx.put(KIND.deployment, d);
    if (input.stageName !== undefined) {
      // With stageName the deployment creates or repoints that stage (§1.8); given variables are merged in.
      const existing = tx.get<Stage>(KIND.stage, stageKey(api.id, input.stageName));
      const stage: Stage = existing
        ? {
            ...existing,
            deploymentId,
            description: input.stageDescription ?? existing.description,
            variables: { ...existing.variables, ...variables },
            tracingEnabled: input.tracingEnabled ?? existing.tracingEnabled,
            lastUpdatedDate: now,
          }
        : {
            id: stageKey(api.id, input.stageName),
            restApiId: api.id,
            stageName: input.stageName,
            deploymentId,
            description: input.stageDescription,
            variables,
            tracingEnabled: input.tracingEnabled ?? false,
            cacheClusterEnabled: false,
            tags: {},
            createdDate: now,
            lastUpdatedDate: now,
          };
      tx.put(KIND.stage, stage);
    }
    return deploymentToWire(d);
  });
};

function summaryWanted(embed: string[] | undefined): boolean {
  for (const e of embed ?? []) if (e !== 'apisummary') throw notImplemented(`embed=${e}`);
  return (embed ?? []).length > 0;
}

const getDeployment: OperationHandler = (ctx, input: { restApiId: string; deploymentId: string; embed?: string[] }) =>
  deploymentToWire(mustGetDeployment(ctx, input.restApiId, input.deploymentId), summaryWanted(input.embed));

const getDeployments: OperationHandler = (ctx, input: { restApiId: string; limit?: number; position?: string }) => {
  mustGetRestApi(ctx, input.restApiId);
  const all = ctx.store.list<Deployment>(KIND.deployment, (d) => d.restApiId === input.restApiId);
  const { items, position } = page(all, input);
  return { items: items.map((d) => deploymentToWire(d)), position };
};

const deleteDeployment: OperationHandler = (ctx, input: { restApiId: string; deploymentId: string }) => {
  ctx.store.transact((tx) => {
    const d = mustGetDeployment(ctx, input.restApiId, input.deploymentId, tx);
    if (tx.list<Stage>(KIND.stage, (s) => s.restApiId === d.restApiId && s.deploymentId === d.deploymentId).length > 0) {
      throw badRequest('Active stages pointing to this deployment must be moved or deleted');
    }
    tx.delete(KIND.deployment, d.id);
  });
  return {};
};

export const deploymentHandlers: Record<string, OperationHandler> = {
  CreateDeployment: createDeployment,
  GetDeployment: getDeployment,
  GetDeployments: getDeployments,
  DeleteDeployment: deleteDeployment,
};
