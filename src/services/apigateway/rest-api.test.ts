/** CreateRestApi/GetRestApi(s)/UpdateRestApi/DeleteRestApi (apigateway-rest.md §1.3, checklist 1-4). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apigatewayService as svc } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { KIND, type RestApi } from '../../state/records/apigateway.js';
import { putVpcEndpoint } from './domain-fixtures.test.js';

test('name-only create: EDGE, HEADER, execute-api endpoint enabled, root resource', async () => {
  const ctx = testContext();
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'a' });
  assert.match(api.id, /^[a-z0-9]{10}$/);
  assert.match(api.rootResourceId, /^[a-z0-9]{10}$/);
  assert.deepEqual(api.endpointConfiguration, { types: ['EDGE'], ipAddressType: 'ipv4' });
  assert.equal(api.apiKeySource, 'HEADER');
  assert.equal(api.disableExecuteApiEndpoint, false);
  assert.equal(api.tags, undefined);
  const res = await call(svc, ctx, 'GetResources', { restApiId: api.id });
  assert.deepEqual(res.items.map((r: { id: string; path: string }) => [r.id, r.path]), [[api.rootResourceId, '/']]);
});

test('endpoint configuration rules', async () => {
  const ctx = testContext();
  const vpce = putVpcEndpoint(ctx.store, 'eu-west-1');
  const priv = await call(svc, ctx, 'CreateRestApi', { name: 'p', endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: [vpce] } });
  assert.deepEqual(priv.endpointConfiguration, { types: ['PRIVATE'], ipAddressType: 'dualstack', vpcEndpointIds: [vpce] });
  const cases: [Record<string, unknown>, string][] = [
    [{ types: ['PRIVATE'], ipAddressType: 'ipv4' }, 'Only dualstack ipAddressType is supported for Private APIs.'],
    [{ types: ['EDGE', 'REGIONAL'] }, 'Cannot create an api with multiple Endpoint Types.'],
    [{ types: [] }, 'REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.'],
  ];
  for (const [endpointConfiguration, message] of cases) {
    const e = await callError(svc, ctx, 'CreateRestApi', { name: 'x', endpointConfiguration });
    assert.equal(e.code, 'BadRequestException');
    assert.equal(e.message, message);
  }
  assert.equal((await callError(svc, ctx, 'CreateRestApi', { name: 'x', description: '' })).message, 'Description cannot be an empty string');
  const ni = await callError(svc, ctx, 'CreateRestApi', { name: 'x', cloneFrom: 'abc' });
  assert.equal(ni.code, 'NotImplemented');
});

test('unknown ids: 404 with the account in the message; lookups are case-sensitive and per region', async () => {
  const ctx = testContext();
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'a' });
  const e = await callError(svc, ctx, 'GetRestApi', { restApiId: 'doesnotexist' });
  assert.equal(e.code, 'NotFoundException');
  assert.equal(e.status, 404);
  assert.equal(e.message, 'Invalid API identifier specified 000000000000:doesnotexist');
  assert.equal((await callError(svc, ctx, 'GetRestApi', { restApiId: api.id.toUpperCase() })).message, `Invalid API identifier specified 000000000000:${api.id.toUpperCase()}`);
  const other = testContext({ store: ctx.store, region: 'us-east-1' });
  assert.equal((await callError(svc, other, 'GetRestApi', { restApiId: api.id })).code, 'NotFoundException');
  assert.equal((await call(svc, other, 'GetRestApis', {})).items.length, 0);
});

test('policy shorthand is expanded and returned double-escaped', async () => {
  const ctx = testContext();
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: ['execute-api:/*'] }] });
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'p', policy, endpointConfiguration: { types: ['PRIVATE'] } });
  const stored = ctx.store.get<RestApi>(KIND.restApi, api.id)!.policy!;
  assert.deepEqual(JSON.parse(stored).Statement[0].Resource, [`arn:aws:execute-api:eu-west-1:000000000000:${api.id}/*`]);
  assert.equal(api.policy, JSON.stringify(stored).slice(1, -1));
  assert.ok(api.policy.startsWith('{\\"Version\\":'));
  assert.equal((await callError(svc, ctx, 'CreateRestApi', { name: 'p', policy: 'not json' })).code, 'BadRequestException');
});

test('GetRestApis pages with limit/position', async () => {
  const ctx = testContext();
  for (let i = 0; i < 5; i++) await call(svc, ctx, 'CreateRestApi', { name: `a${i}` });
  const p1 = await call(svc, ctx, 'GetRestApis', { limit: 2 });
  assert.deepEqual(p1.items.map((a: { name: string }) => a.name), ['a0', 'a1']);
  const p2 = await call(svc, ctx, 'GetRestApis', { limit: 2, position: p1.position });
  const p3 = await call(svc, ctx, 'GetRestApis', { limit: 2, position: p2.position });
  assert.deepEqual(p3.items.map((a: { name: string }) => a.name), ['a4']);
  assert.equal(p3.position, undefined);
});

test('UpdateRestApi patch operations', async () => {
  const ctx = testContext();
  const vpce = putVpcEndpoint(ctx.store, 'eu-west-1');
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'a' });
  const up = await call(svc, ctx, 'UpdateRestApi', {
    restApiId: api.id,
    patchOperations: [
      { op: 'replace', path: '/name', value: 'b' },
      { op: 'replace', path: '/description', value: 'd' },
      { op: 'replace', path: '/disableExecuteApiEndpoint', value: 'true' },
      { op: 'replace', path: '/endpointConfiguration/types/EDGE', value: 'PRIVATE' },
      { op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: vpce },
      { op: 'add', path: '/binaryMediaTypes/image~1png' },
    ],
  });
  assert.equal(up.name, 'b');
  assert.equal(up.description, 'd');
  assert.equal(up.disableExecuteApiEndpoint, true);
  assert.deepEqual(up.endpointConfiguration, { types: ['PRIVATE'], ipAddressType: 'dualstack', vpcEndpointIds: [vpce] });
  assert.deepEqual(up.binaryMediaTypes, ['image/png']);
  const bad = await callError(svc, ctx, 'UpdateRestApi', { restApiId: api.id, patchOperations: [{ op: 'replace', path: '/endpointConfiguration/types/PRIVATE', value: 'FOO' }] });
  assert.equal(bad.message, 'Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE');
  const badOp = await callError(svc, ctx, 'UpdateRestApi', { restApiId: api.id, patchOperations: [{ op: 'move', path: '/endpointConfiguration/types/PRIVATE', value: 'REGIONAL' }] });
  assert.equal(badOp.message, "Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
  assert.equal((await callError(svc, ctx, 'UpdateRestApi', { restApiId: api.id, patchOperations: [{ op: 'replace', path: '/endpointConfiguration/types/PRIVATE', value: 'EDGE' }] })).code, 'BadRequestException');
  const reg = await call(svc, ctx, 'UpdateRestApi', { restApiId: api.id, patchOperations: [{ op: 'remove', path: '/endpointConfiguration/vpcEndpointIds', value: vpce }, { op: 'replace', path: '/endpointConfiguration/types/PRIVATE', value: 'REGIONAL' }] });
  assert.deepEqual(reg.endpointConfiguration.types, ['REGIONAL']);
  // A failing patch list changes nothing.
  await callError(svc, ctx, 'UpdateRestApi', { restApiId: api.id, patchOperations: [{ op: 'replace', path: '/name', value: 'c' }, { op: 'replace', path: '/nope', value: 'x' }] });
  assert.equal((await call(svc, ctx, 'GetRestApi', { restApiId: api.id })).name, 'b');
});

test('DeleteRestApi removes the API and everything under it', async () => {
  const ctx = testContext();
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'a' });
  await call(svc, ctx, 'CreateResource', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'x' });
  await call(svc, ctx, 'DeleteRestApi', { restApiId: api.id });
  assert.deepEqual(ctx.store.counts(), {});
  assert.equal((await callError(svc, ctx, 'DeleteRestApi', { restApiId: api.id })).code, 'NotFoundException');
});
