/** Deployments and stages (apigateway-rest.md §1.8, checklist 15-16). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apigatewayService as svc } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';

async function deployable() {
  const ctx = testContext();
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'a' });
  const m = { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET' };
  return { ctx, api, m };
}

test('a deployment needs methods, and each method an integration', async () => {
  const { ctx, api, m } = await deployable();
  const empty = await callError(svc, ctx, 'CreateDeployment', { restApiId: api.id, stageName: 'dev' });
  assert.equal(empty.code, 'BadRequestException');
  assert.equal(empty.message, "The REST API doesn't contain any methods");
  await call(svc, ctx, 'PutMethod', { ...m, authorizationType: 'NONE' });
  assert.equal((await callError(svc, ctx, 'CreateDeployment', { restApiId: api.id })).message, 'No integration defined for method');
  await call(svc, ctx, 'PutIntegration', { ...m, type: 'MOCK' });
  const d = await call(svc, ctx, 'CreateDeployment', { restApiId: api.id, description: 'first' });
  assert.equal(d.description, 'first');
  assert.equal((await call(svc, ctx, 'GetStages', { restApiId: api.id })).item.length, 0, 'no stageName, no stage');
  assert.equal((await callError(svc, ctx, 'GetDeployment', { restApiId: api.id, deploymentId: 'nope00' })).code, 'NotFoundException');
});

test('stages: create, variables, patch paths, delete; deployments in use cannot be deleted', async () => {
  const { ctx, api, m } = await deployable();
  await call(svc, ctx, 'PutMethod', { ...m, authorizationType: 'NONE' });
  await call(svc, ctx, 'PutIntegration', { ...m, type: 'MOCK' });
  const d = await call(svc, ctx, 'CreateDeployment', { restApiId: api.id });
  const s = await call(svc, ctx, 'CreateStage', { restApiId: api.id, stageName: 'prod', deploymentId: d.id, variables: { url: 'example.com' }, tags: { t: 'v' } });
  assert.equal(s.cacheClusterEnabled, false);
  assert.equal(s.cacheClusterStatus, 'NOT_AVAILABLE');
  assert.deepEqual(s.methodSettings, {});
  assert.equal(s.tracingEnabled, false);
  assert.deepEqual(s.variables, { url: 'example.com' });
  assert.ok(s.createdDate instanceof Date && s.lastUpdatedDate instanceof Date);
  assert.equal((await callError(svc, ctx, 'CreateStage', { restApiId: api.id, stageName: 'prod', deploymentId: d.id })).code, 'ConflictException');
  assert.equal((await callError(svc, ctx, 'CreateStage', { restApiId: api.id, stageName: 'bad name', deploymentId: d.id })).code, 'BadRequestException');
  assert.equal((await callError(svc, ctx, 'CreateStage', { restApiId: api.id, stageName: 'x', deploymentId: d.id, variables: { 'bad-name': 'v' } })).code, 'BadRequestException');
  assert.equal((await callError(svc, ctx, 'CreateStage', { restApiId: api.id, stageName: 'x', deploymentId: d.id, variables: { ok: 'bad value' } })).code, 'BadRequestException');

  const patch = (patchOperations: unknown[]) => call(svc, ctx, 'UpdateStage', { restApiId: api.id, stageName: 'prod', patchOperations });
  const up = await patch([{ op: 'replace', path: '/variables/url', value: 'other.example.com' }, { op: 'replace', path: '/description', value: 'p' }, { op: 'replace', path: '/tracingEnabled', value: 'true' }]);
  assert.deepEqual(up.variables, { url: 'other.example.com' });
  assert.equal(up.description, 'p');
  assert.equal(up.tracingEnabled, true);
  assert.equal((await patch([{ op: 'remove', path: '/variables/url' }])).variables, undefined);
  const foo = await callError(svc, ctx, 'UpdateStage', { restApiId: api.id, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/foo', value: 'x' }] });
  assert.ok(foo.message.startsWith('Invalid method setting path: /foo. Must be one of: [/deploymentId, /description, '));
  assert.ok(foo.message.endsWith('/variables/{variable_name}, /tracingEnabled]'));
  assert.equal((await callError(svc, ctx, 'UpdateStage', { restApiId: api.id, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' }] })).code, 'NotImplemented');
  assert.equal((await callError(svc, ctx, 'UpdateStage', { restApiId: api.id, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'nope00' }] })).code, 'NotFoundException');

  const inUse = await callError(svc, ctx, 'DeleteDeployment', { restApiId: api.id, deploymentId: d.id });
  assert.equal(inUse.message, 'Active stages pointing to this deployment must be moved or deleted');
  await call(svc, ctx, 'DeleteStage', { restApiId: api.id, stageName: 'prod' });
  assert.equal((await callError(svc, ctx, 'GetStage', { restApiId: api.id, stageName: 'prod' })).code, 'NotFoundException');
  await call(svc, ctx, 'DeleteDeployment', { restApiId: api.id, deploymentId: d.id });
  assert.equal((await call(svc, ctx, 'GetDeployments', { restApiId: api.id })).items.length, 0);
});
