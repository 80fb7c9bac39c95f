/**
 * Reference architecture 2 (DESIGN.md) through the handlers: a REGIONAL API with `/{proxy+}` ANY,
 * an HTTP_PROXY integration over a VPC link chosen by stage variables, deployed to `test`, then
 * the stage variables set with UpdateStage. Also: the deployment stays frozen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apigatewayService as svc } from './index.js';
import { call, testContext } from '../../../test/helpers/context.js';
import { KIND, deploymentKey, stageKey, type Deployment, type Stage } from '../../state/records/apigateway.js';

export async function buildArchitecture2(ctx = testContext()) {
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'arch2', endpointConfiguration: { types: ['REGIONAL'] } });
  const proxy = await call(svc, ctx, 'CreateResource', { restApiId: api.id, parentId: api.rootResourceId, pathPart: '{proxy+}' });
  const method = await call(svc, ctx, 'PutMethod', {
    restApiId: api.id, resourceId: proxy.id, httpMethod: 'ANY', authorizationType: 'NONE', requestParameters: { 'method.request.path.proxy': true },
  });
  const integration = await call(svc, ctx, 'PutIntegration', {
    restApiId: api.id, resourceId: proxy.id, httpMethod: 'ANY', type: 'HTTP_PROXY', integrationHttpMethod: 'ANY',
    connectionType: 'VPC_LINK', connectionId: '${stageVariables.VPCLINK}', uri: 'http://${stageVariables.VPCNLB}/{proxy}',
    requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
  });
  const deployment = await call(svc, ctx, 'CreateDeployment', { restApiId: api.id, stageName: 'test' });
  return { ctx, api, proxy, method, integration, deployment };
}

test('architecture 2: the API, its proxy resource, method and integration as AWS echoes them', async () => {
  const { ctx, api, proxy, method, integration, deployment } = await buildArchitecture2();
  assert.match(api.id, /^[a-z0-9]{10}$/);
  assert.deepEqual(api.endpointConfiguration, { types: ['REGIONAL'], ipAddressType: 'ipv4' });
  assert.deepEqual(proxy, { id: proxy.id, parentId: api.rootResourceId, pathPart: '{proxy+}', path: '/{proxy+}', resourceMethods: undefined });
  assert.match(proxy.id, /^[a-z0-9]{6}$/);
  assert.equal(method.httpMethod, 'ANY');
  assert.equal(method.apiKeyRequired, false);
  assert.deepEqual(method.requestParameters, { 'method.request.path.proxy': true });
  assert.equal(integration.type, 'HTTP_PROXY');
  assert.equal(integration.httpMethod, 'ANY');
  assert.equal(integration.connectionType, 'VPC_LINK');
  assert.equal(integration.connectionId, '${stageVariables.VPCLINK}');
  assert.equal(integration.passthroughBehavior, 'WHEN_NO_MATCH');
  assert.equal(integration.timeoutInMillis, 29000);
  assert.equal(integration.cacheNamespace, proxy.id);
  assert.deepEqual(integration.cacheKeyParameters, []);
  assert.match(deployment.id, /^[a-z0-9]{6}$/);
  assert.ok(deployment.createdDate instanceof Date);

  const stage = await call(svc, ctx, 'UpdateStage', {
    restApiId: api.id, stageName: 'test',
    patchOperations: [
      { op: 'replace', path: '/variables/VPCLINK', value: 'gim7c3' },
      { op: 'replace', path: '/variables/VPCNLB', value: 'my-nlb-0123456789abcdef.elb.eu-west-1.amazonaws.com' },
    ],
  });
  assert.equal(stage.deploymentId, deployment.id);
  assert.deepEqual(stage.variables, { VPCLINK: 'gim7c3', VPCNLB: 'my-nlb-0123456789abcdef.elb.eu-west-1.amazonaws.com' });
  assert.equal(stage.cacheClusterStatus, 'NOT_AVAILABLE');
  // The stage record (what the data plane reads) has the variables; the deployment is untouched.
  const rec = ctx.store.get<Stage>(KIND.stage, stageKey(api.id, 'test'))!;
  assert.equal(rec.variables['VPCLINK'], 'gim7c3');

  const embedded = await call(svc, ctx, 'GetResources', { restApiId: api.id, embed: ['methods'] });
  const p = embedded.items.find((r: { path: string }) => r.path === '/{proxy+}');
  assert.equal(p.resourceMethods.ANY.methodIntegration.uri, 'http://${stageVariables.VPCNLB}/{proxy}');
  const plain = await call(svc, ctx, 'GetResources', { restApiId: api.id });
  assert.deepEqual(plain.items.find((r: { path: string }) => r.path === '/{proxy+}').resourceMethods, { ANY: {} });
  assert.deepEqual(plain.items.find((r: { path: string }) => r.path === '/'), { id: api.rootResourceId, parentId: undefined, pathPart: undefined, path: '/', resourceMethods: undefined });
});

test('a deployment is a frozen snapshot: later edits of the live tree do not reach it', async () => {
  const { ctx, api, proxy, deployment } = await buildArchitecture2();
  const before = structuredClone(ctx.store.get<Deployment>(KIND.deployment, deploymentKey(api.id, deployment.id))!.snapshot);
  assert.equal(before.resources.length, 2);
  await call(svc, ctx, 'UpdateIntegration', { restApiId: api.id, resourceId: proxy.id, httpMethod: 'ANY', patchOperations: [{ op: 'replace', path: '/uri', value: 'http://elsewhere.example/{proxy}' }] });
  await call(svc, ctx, 'CreateResource', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'health' });
  await call(svc, ctx, 'UpdateMethod', { restApiId: api.id, resourceId: proxy.id, httpMethod: 'ANY', patchOperations: [{ op: 'replace', path: '/apiKeyRequired', value: 'true' }] });
  const after = ctx.store.get<Deployment>(KIND.deployment, deploymentKey(api.id, deployment.id))!.snapshot;
  assert.deepEqual(after, before);
  await call(svc, ctx, 'DeleteResource', { restApiId: api.id, resourceId: proxy.id });
  assert.deepEqual(ctx.store.get<Deployment>(KIND.deployment, deploymentKey(api.id, deployment.id))!.snapshot, before);
  // A new deployment sees the live tree; the stage repoints, the old deployment stays.
  await call(svc, ctx, 'PutMethod', { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' });
  await call(svc, ctx, 'PutIntegration', { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } });
  const d2 = await call(svc, ctx, 'CreateDeployment', { restApiId: api.id, stageName: 'test' });
  const snap2 = ctx.store.get<Deployment>(KIND.deployment, deploymentKey(api.id, d2.id))!.snapshot;
  assert.deepEqual(snap2.resources.map((r) => r.path).sort(), ['/', '/health']);
  assert.equal((await call(svc, ctx, 'GetStage', { restApiId: api.id, stageName: 'test' })).deploymentId, d2.id);
  assert.equal((await call(svc, ctx, 'GetDeployments', { restApiId: api.id })).items.length, 2);
  const summary = await call(svc, ctx, 'GetDeployment', { restApiId: api.id, deploymentId: deployment.id, embed: ['apisummary'] });
  assert.deepEqual(summary.apiSummary, { '/{proxy+}': { ANY: { authorizationType: 'NONE', apiKeyRequired: false } } });
});
