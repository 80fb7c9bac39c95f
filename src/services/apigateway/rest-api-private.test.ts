/** Private REST APIs and their VPC endpoints (apigateway-rest.md §1.3, §3; checklist 2, 37). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apigatewayService as svc } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { KIND, type RestApi } from '../../state/records/apigateway.js';
import { putVpcEndpoint } from './domain-fixtures.test.js';

const REGION = 'eu-west-1';
const ONLY_PRIVATE = 'VPCEndpoints can only be specified with PRIVATE apis.';

test('vpcEndpointIds: only for PRIVATE APIs, each a live endpoint of the region', async () => {
  const ctx = testContext();
  const a = putVpcEndpoint(ctx.store, REGION);
  const b = putVpcEndpoint(ctx.store, REGION);
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'p', endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: [a, b, a] } });
  assert.deepEqual(api.endpointConfiguration, { types: ['PRIVATE'], ipAddressType: 'dualstack', vpcEndpointIds: [a, b] });
  assert.deepEqual(ctx.store.get<RestApi>(KIND.restApi, api.id)!.endpointConfiguration.vpcEndpointIds, [a, b]);

  const regional = await callError(svc, ctx, 'CreateRestApi', { name: 'r', endpointConfiguration: { types: ['REGIONAL'], vpcEndpointIds: [a] } });
  assert.equal(regional.code, 'BadRequestException');
  assert.equal(regional.message, ONLY_PRIVATE);
  const missing = await callError(svc, ctx, 'CreateRestApi', { name: 'm', endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-00000000000000000'] } });
  assert.equal(missing.code, 'BadRequestException');
  assert.match(missing.message, /vpce-00000000000000000/);
  const elsewhere = putVpcEndpoint(ctx.store, 'us-east-1');
  assert.equal((await callError(svc, ctx, 'CreateRestApi', { name: 'm', endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: [elsewhere] } })).code, 'BadRequestException');
  const deleted = putVpcEndpoint(ctx.store, REGION, 'deleted');
  assert.equal((await callError(svc, ctx, 'CreateRestApi', { name: 'm', endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: [deleted] } })).code, 'BadRequestException');
  assert.equal(ctx.store.list(KIND.restApi).length, 1);
});

test('UpdateRestApi adds and removes endpoints, converts types, and refuses endpoints outside PRIVATE', async () => {
  const ctx = testContext();
  const a = putVpcEndpoint(ctx.store, REGION);
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'p', endpointConfiguration: { types: ['REGIONAL'] } });
  const patch = (...ops: Record<string, string>[]) => call(svc, ctx, 'UpdateRestApi', { restApiId: api.id, patchOperations: ops });
  const patchError = (...ops: Record<string, string>[]) => callError(svc, ctx, 'UpdateRestApi', { restApiId: api.id, patchOperations: ops });

  assert.equal((await patchError({ op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: a })).message, ONLY_PRIVATE);
  const priv = await patch({ op: 'replace', path: '/endpointConfiguration/types/REGIONAL', value: 'PRIVATE' }, { op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: a });
  assert.deepEqual(priv.endpointConfiguration, { types: ['PRIVATE'], ipAddressType: 'dualstack', vpcEndpointIds: [a] });
  assert.match((await patchError({ op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: 'vpce-00000000000000000' })).message, /vpce-00000000000000000/);
  assert.equal((await patchError({ op: 'replace', path: '/endpointConfiguration/types/PRIVATE', value: 'EDGE' })).code, 'BadRequestException');
  const removed = await patch({ op: 'remove', path: '/endpointConfiguration/vpcEndpointIds', value: a });
  assert.deepEqual(removed.endpointConfiguration, { types: ['PRIVATE'], ipAddressType: 'dualstack' });
  const back = await patch({ op: 'replace', path: '/endpointConfiguration/types/PRIVATE', value: 'REGIONAL' });
  assert.deepEqual(back.endpointConfiguration.types, ['REGIONAL']);
  // The index form Terraform sends names the current type.
  const edge = await patch({ op: 'replace', path: '/endpointConfiguration/types/0', value: 'EDGE' });
  assert.deepEqual(edge.endpointConfiguration.types, ['EDGE']);
  assert.equal((await patchError({ op: 'replace', path: '/endpointConfiguration/types/1', value: 'REGIONAL' })).code, 'BadRequestException');
});

test('a PRIVATE API without a resource policy cannot be deployed; with one it can', async () => {
  const ctx = testContext();
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'p', endpointConfiguration: { types: ['PRIVATE'] } });
  await call(svc, ctx, 'PutMethod', { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' });
  await call(svc, ctx, 'PutIntegration', { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK' });
  const refused = await callError(svc, ctx, 'CreateDeployment', { restApiId: api.id, stageName: 'test' });
  assert.equal(refused.code, 'BadRequestException');
  assert.equal(refused.message, "Private REST API doesn't have a resource policy attached to it");
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }] });
  await call(svc, ctx, 'UpdateRestApi', { restApiId: api.id, patchOperations: [{ op: 'replace', path: '/policy', value: policy }] });
  assert.ok((await call(svc, ctx, 'CreateDeployment', { restApiId: api.id, stageName: 'test' })).id);
});
