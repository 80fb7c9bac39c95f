/** Base path mappings (apigateway-rest.md §1.10, §2.9; checklist 14). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apigatewayService as svc } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import type { OperationContext } from '../context.js';
import { KIND, basePathMappingKey, type BasePathMapping } from '../../state/records/apigateway.js';
import { putCertificate } from './domain-fixtures.test.js';

const REGION = 'eu-west-1';

const ALLOW_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }] });

/** A regional domain, a REGIONAL API and a PRIVATE API, each with a deployed stage. */
async function setup(ctx: OperationContext) {
  const cert = putCertificate(ctx.store, REGION, ['*.example.com']);
  await call(svc, ctx, 'CreateDomainName', { domainName: 'api.example.com', regionalCertificateArn: cert, endpointConfiguration: { types: ['REGIONAL'] } });
  const apis: string[] = [];
  for (const types of [['REGIONAL'], ['PRIVATE']]) {
    // A PRIVATE API needs a resource policy before it can be deployed.
    const api = await call(svc, ctx, 'CreateRestApi', { name: types[0]!, endpointConfiguration: { types }, ...(types[0] === 'PRIVATE' ? { policy: ALLOW_ALL } : {}) });
    await call(svc, ctx, 'PutMethod', { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' });
    await call(svc, ctx, 'PutIntegration', { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK' });
    await call(svc, ctx, 'CreateDeployment', { restApiId: api.id, stageName: 'dev' });
    apis.push(api.id);
  }
  return { cert, regional: apis[0]!, priv: apis[1]! };
}

test('(none) and named mappings: stored as the data plane reads them, listed, got by (none)', async () => {
  const ctx = testContext();
  const { regional, priv } = await setup(ctx);
  const none = await call(svc, ctx, 'CreateBasePathMapping', { domainName: 'api.example.com', restApiId: priv, stage: 'dev' });
  assert.deepEqual(none, { basePath: '(none)', restApiId: priv, stage: 'dev' });
  const orders = await call(svc, ctx, 'CreateBasePathMapping', { domainName: 'API.example.com', basePath: 'orders', restApiId: regional, stage: '(none)' });
  assert.deepEqual(orders, { basePath: 'orders', restApiId: regional, stage: undefined });

  const stored = ctx.store.get<BasePathMapping>(KIND.basePathMapping, basePathMappingKey('api.example.com', '(none)'))!;
  assert.deepEqual(stored, { id: 'api.example.com|(none)', domainKey: 'api.example.com', basePath: '(none)', restApiId: priv, stage: 'dev' });
  assert.deepEqual(ctx.store.get(KIND.basePathMapping, basePathMappingKey('api.example.com', 'orders')), {
    id: 'api.example.com|orders', domainKey: 'api.example.com', basePath: 'orders', restApiId: regional,
  });

  assert.deepEqual(await call(svc, ctx, 'GetBasePathMapping', { domainName: 'api.example.com', basePath: '(none)' }), none);
  const list = await call(svc, ctx, 'GetBasePathMappings', { domainName: 'api.example.com' });
  assert.deepEqual(list.items.map((m: { basePath: string }) => m.basePath), ['(none)', 'orders']);
  const page = await call(svc, ctx, 'GetBasePathMappings', { domainName: 'api.example.com', limit: 1 });
  assert.equal(page.items.length, 1);
  assert.equal(page.position, '1');
  const nf = await callError(svc, ctx, 'GetBasePathMapping', { domainName: 'api.example.com', basePath: 'nope' });
  assert.equal(nf.status, 404);
  assert.equal(nf.message, 'Invalid base path mapping identifier specified');
  assert.equal((await callError(svc, ctx, 'GetBasePathMappings', { domainName: 'nope.example.com' })).message, 'Invalid domain name identifier specified');
});

test('create refusals: slash, unknown API or stage, conflicts', async () => {
  const ctx = testContext();
  const { regional } = await setup(ctx);
  const create = (input: Record<string, unknown>) => callError(svc, ctx, 'CreateBasePathMapping', { domainName: 'api.example.com', restApiId: regional, ...input });
  const slash = await create({ basePath: 'orders/v1' });
  assert.equal(slash.code, 'BadRequestException');
  assert.equal(slash.message, "API Gateway V1 doesn't support the slash character (/) in base path mappings. To create a multi-level base path mapping, use API Gateway V2.");
  assert.equal((await create({ basePath: '/v1' })).message, slash.message);
  const api = await create({ restApiId: 'doesnotexi' });
  assert.equal(api.code, 'BadRequestException');
  assert.equal(api.message, 'Invalid REST API identifier specified');
  const stage = await create({ stage: 'prod' });
  assert.equal(stage.code, 'BadRequestException');
  assert.equal(stage.message, 'Invalid stage identifier specified');
  assert.equal((await create({ basePath: 'a b' })).code, 'BadRequestException');
  assert.equal((await callError(svc, ctx, 'CreateBasePathMapping', { domainName: 'other.example.com', restApiId: regional })).code, 'NotFoundException');
  // An API of another region is unknown here.
  const us = await call(svc, testContext({ store: ctx.store, region: 'us-east-1' }), 'CreateRestApi', { name: 'us' });
  assert.equal((await create({ restApiId: us.id })).message, 'Invalid REST API identifier specified');

  await call(svc, ctx, 'CreateBasePathMapping', { domainName: 'api.example.com', basePath: 'v1', restApiId: regional });
  const dup = await create({ basePath: 'v1', stage: 'dev' });
  assert.equal(dup.code, 'ConflictException');
  assert.equal(dup.status, 409);
  assert.equal(dup.message, 'Base path already exists for this domain name');
  await call(svc, ctx, 'CreateBasePathMapping', { domainName: 'api.example.com', basePath: '', restApiId: regional });
  assert.equal((await create({ basePath: '(none)' })).code, 'ConflictException');
  assert.equal((await create({ basePath: 'x', extra: 1 })).code, 'NotImplemented');
});

test('a PRIVATE domain maps only PRIVATE APIs; a REGIONAL domain maps a PRIVATE API (the ALB architecture)', async () => {
  const ctx = testContext();
  const { cert, regional, priv } = await setup(ctx);
  const pd = await call(svc, ctx, 'CreateDomainName', { domainName: 'p.example.com', certificateArn: cert, endpointConfiguration: { types: ['PRIVATE'] } });
  const e = await callError(svc, ctx, 'CreateBasePathMapping', { domainName: 'p.example.com', domainNameId: pd.domainNameId, restApiId: regional });
  assert.equal(e.code, 'BadRequestException');
  assert.deepEqual(await call(svc, ctx, 'CreateBasePathMapping', { domainName: 'p.example.com', domainNameId: pd.domainNameId, restApiId: priv, stage: 'dev' }), { basePath: '(none)', restApiId: priv, stage: 'dev' });
  assert.equal(ctx.store.get<BasePathMapping>(KIND.basePathMapping, basePathMappingKey(`p.example.com+${pd.domainNameId}`, '(none)'))!.restApiId, priv);
  // Without the id the private domain is unknown.
  assert.equal((await callError(svc, ctx, 'CreateBasePathMapping', { domainName: 'p.example.com', restApiId: priv })).message, 'Invalid domain name identifier specified');
  await call(svc, ctx, 'CreateBasePathMapping', { domainName: 'api.example.com', restApiId: priv, stage: 'dev' });
});

test('UpdateBasePathMapping: base path, API and stage; the key moves with the base path', async () => {
  const ctx = testContext();
  const { regional, priv } = await setup(ctx);
  await call(svc, ctx, 'CreateBasePathMapping', { domainName: 'api.example.com', basePath: 'a', restApiId: regional, stage: 'dev' });
  await call(svc, ctx, 'CreateBasePathMapping', { domainName: 'api.example.com', basePath: 'b', restApiId: regional });
  const up = await call(svc, ctx, 'UpdateBasePathMapping', {
    domainName: 'api.example.com', basePath: 'a',
    patchOperations: [{ op: 'replace', path: '/basePath', value: 'c' }, { op: 'replace', path: '/restapiId', value: priv }, { op: 'replace', path: '/stage', value: '(none)' }],
  });
  assert.deepEqual(up, { basePath: 'c', restApiId: priv, stage: undefined });
  assert.equal(ctx.store.get(KIND.basePathMapping, basePathMappingKey('api.example.com', 'a')), undefined);
  assert.deepEqual(ctx.store.get(KIND.basePathMapping, basePathMappingKey('api.example.com', 'c')), { id: 'api.example.com|c', domainKey: 'api.example.com', basePath: 'c', restApiId: priv });
  const conflict = await callError(svc, ctx, 'UpdateBasePathMapping', { domainName: 'api.example.com', basePath: 'c', patchOperations: [{ op: 'replace', path: '/basePath', value: 'b' }] });
  assert.equal(conflict.code, 'ConflictException');
  const stage = await callError(svc, ctx, 'UpdateBasePathMapping', { domainName: 'api.example.com', basePath: 'c', patchOperations: [{ op: 'replace', path: '/stage', value: 'prod' }] });
  assert.equal(stage.message, 'Invalid stage identifier specified');
  const api = await callError(svc, ctx, 'UpdateBasePathMapping', { domainName: 'api.example.com', basePath: 'c', patchOperations: [{ op: 'replace', path: '/restapiId', value: 'nope' }] });
  assert.equal(api.message, 'Invalid REST API identifier specified');
  assert.equal((await callError(svc, ctx, 'UpdateBasePathMapping', { domainName: 'api.example.com', basePath: 'c', patchOperations: [{ op: 'replace', path: '/foo', value: 'x' }] })).code, 'BadRequestException');
  const toNone = await call(svc, ctx, 'UpdateBasePathMapping', { domainName: 'api.example.com', basePath: 'c', patchOperations: [{ op: 'replace', path: '/basePath', value: '(none)' }, { op: 'replace', path: '/stage', value: 'dev' }] });
  assert.deepEqual(toNone, { basePath: '(none)', restApiId: priv, stage: 'dev' });
  assert.deepEqual(ctx.store.list<BasePathMapping>(KIND.basePathMapping).map((m) => m.id).sort(), ['api.example.com|(none)', 'api.example.com|b']);
});

test('DeleteBasePathMapping by (none); a mapped REST API cannot be deleted', async () => {
  const ctx = testContext();
  const { regional } = await setup(ctx);
  await call(svc, ctx, 'CreateBasePathMapping', { domainName: 'api.example.com', restApiId: regional });
  const refused = await callError(svc, ctx, 'DeleteRestApi', { restApiId: regional });
  assert.equal(refused.code, 'BadRequestException');
  assert.equal(refused.message, `Deleting RestApi ${regional} failed. Please remove all base path mappings related to the RestApi in your domains.`);
  assert.deepEqual(await call(svc, ctx, 'DeleteBasePathMapping', { domainName: 'api.example.com', basePath: '(none)' }), {});
  assert.deepEqual(ctx.store.list(KIND.basePathMapping), []);
  assert.equal((await callError(svc, ctx, 'DeleteBasePathMapping', { domainName: 'api.example.com', basePath: '(none)' })).code, 'NotFoundException');
  await call(svc, ctx, 'DeleteRestApi', { restApiId: regional });
});
