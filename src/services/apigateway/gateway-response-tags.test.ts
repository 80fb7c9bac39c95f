/** Gateway responses (§1.12) and tags on APIs and stages (§1.2). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apigatewayService as svc } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';

test('gateway responses: defaults, put, get, delete', async () => {
  const ctx = testContext();
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'a' });
  const all = await call(svc, ctx, 'GetGatewayResponses', { restApiId: api.id, limit: 500 });
  assert.equal(all.items.length, 21);
  const byType = Object.fromEntries(all.items.map((g: { responseType: string }) => [g.responseType, g]));
  assert.equal(byType.DEFAULT_4XX.statusCode, undefined);
  assert.equal(byType.MISSING_AUTHENTICATION_TOKEN.statusCode, '403');
  assert.equal(byType.INTEGRATION_TIMEOUT.statusCode, '504');
  assert.equal(byType.MISSING_AUTHENTICATION_TOKEN.defaultResponse, true);
  assert.deepEqual(byType.DEFAULT_5XX.responseTemplates, { 'application/json': '{"message":$context.error.messageString}' });
  assert.equal((await callError(svc, ctx, 'DeleteGatewayResponse', { restApiId: api.id, responseType: 'DEFAULT_4XX' })).message, 'Gateway response type not defined on api');
  const put = await call(svc, ctx, 'PutGatewayResponse', { restApiId: api.id, responseType: 'DEFAULT_4XX', statusCode: '418', responseTemplates: { 'application/json': '{"m":1}' } });
  assert.equal(put.defaultResponse, false);
  assert.equal((await call(svc, ctx, 'GetGatewayResponse', { restApiId: api.id, responseType: 'DEFAULT_4XX' })).statusCode, '418');
  await call(svc, ctx, 'DeleteGatewayResponse', { restApiId: api.id, responseType: 'DEFAULT_4XX' });
  assert.equal((await call(svc, ctx, 'GetGatewayResponse', { restApiId: api.id, responseType: 'DEFAULT_4XX' })).defaultResponse, true);
});

test('tags on rest APIs and stages', async () => {
  const ctx = testContext();
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'a', tags: { a: '1' } });
  const arn = `arn:aws:apigateway:eu-west-1::/restapis/${api.id}`;
  await call(svc, ctx, 'TagResource', { resourceArn: arn, tags: { b: '2' } });
  assert.deepEqual((await call(svc, ctx, 'GetTags', { resourceArn: arn })).tags, { a: '1', b: '2' });
  await call(svc, ctx, 'UntagResource', { resourceArn: arn, tagKeys: ['a'] });
  assert.deepEqual((await call(svc, ctx, 'GetRestApi', { restApiId: api.id })).tags, { b: '2' });
  const m = { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET' };
  await call(svc, ctx, 'PutMethod', { ...m, authorizationType: 'NONE' });
  await call(svc, ctx, 'PutIntegration', { ...m, type: 'MOCK' });
  await call(svc, ctx, 'CreateDeployment', { restApiId: api.id, stageName: 'dev' });
  const stageArn = `${arn}/stages/dev`;
  await call(svc, ctx, 'TagResource', { resourceArn: stageArn, tags: { s: 'x' } });
  assert.deepEqual((await call(svc, ctx, 'GetStage', { restApiId: api.id, stageName: 'dev' })).tags, { s: 'x' });
  assert.equal((await callError(svc, ctx, 'GetTags', { resourceArn: `${arn}/stages/nope` })).code, 'NotFoundException');
  assert.equal((await callError(svc, ctx, 'TagResource', { resourceArn: arn, tags: { 'aws:x': 'y' } })).code, 'BadRequestException');
});
