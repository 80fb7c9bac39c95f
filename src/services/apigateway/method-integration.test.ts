/** Methods, integrations and their responses (apigateway-rest.md §1.5-§1.7, checklist 9-12). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apigatewayService as svc } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';

async function setup() {
  const ctx = testContext();
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'a' });
  const r = await call(svc, ctx, 'CreateResource', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'pets' });
  const ids = { restApiId: api.id, resourceId: r.id };
  return { ctx, api, r, ids };
}

test('PutMethod: verbs, echo, duplicates, parameters, authorization types', async () => {
  const { ctx, ids } = await setup();
  const bad = await callError(svc, ctx, 'PutMethod', { ...ids, httpMethod: 'FOO', authorizationType: 'NONE' });
  assert.equal(bad.message, 'Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY');
  const any = await call(svc, ctx, 'PutMethod', { ...ids, httpMethod: 'ANY', authorizationType: 'NONE' });
  assert.deepEqual(JSON.parse(JSON.stringify(any)), { apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'ANY' });
  assert.equal((await callError(svc, ctx, 'PutMethod', { ...ids, httpMethod: 'ANY', authorizationType: 'NONE' })).code, 'ConflictException');
  const iam = await call(svc, ctx, 'PutMethod', { ...ids, httpMethod: 'GET', authorizationType: 'AWS_IAM', apiKeyRequired: true });
  assert.equal(iam.authorizationType, 'AWS_IAM');
  const custom = await callError(svc, ctx, 'PutMethod', { ...ids, httpMethod: 'POST', authorizationType: 'CUSTOM' });
  assert.equal(custom.message, 'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.');
  assert.equal((await callError(svc, ctx, 'PutMethod', { ...ids, httpMethod: 'POST', authorizationType: 'CUSTOM', authorizerId: 'abc' })).code, 'NotImplemented');
  const dupParam = await callError(svc, ctx, 'PutMethod', { ...ids, httpMethod: 'POST', authorizationType: 'NONE', requestParameters: { 'method.request.path.id': true, 'method.request.querystring.id': false } });
  assert.equal(dupParam.message, 'Parameter names must be unique across querystring, header and path');
  assert.equal((await callError(svc, ctx, 'PutMethod', { ...ids, httpMethod: 'POST', authorizationType: 'NONE', requestValidatorId: 'v' })).code, 'NotImplemented');
  assert.equal((await callError(svc, ctx, 'GetMethod', { ...ids, httpMethod: 'PUT' })).message, 'Invalid Method identifier specified');
  const upd = await call(svc, ctx, 'UpdateMethod', { ...ids, httpMethod: 'GET', patchOperations: [
    { op: 'replace', path: '/apiKeyRequired', value: 'false' },
    { op: 'add', path: '/requestParameters/method.request.header.x-trace', value: 'true' },
  ] });
  assert.equal(upd.apiKeyRequired, false);
  assert.deepEqual(upd.requestParameters, { 'method.request.header.x-trace': true });
  await call(svc, ctx, 'DeleteMethod', { ...ids, httpMethod: 'GET' });
  assert.equal((await callError(svc, ctx, 'GetMethod', { ...ids, httpMethod: 'GET' })).code, 'NotFoundException');
});

test('PutIntegration: defaults, required method, uri, type, timeout, VPC link ids', async () => {
  const { ctx, r, ids } = await setup();
  const m = { ...ids, httpMethod: 'GET' };
  assert.equal((await callError(svc, ctx, 'PutIntegration', { ...m, type: 'MOCK' })).message, 'Invalid Method identifier specified');
  await call(svc, ctx, 'PutMethod', { ...m, authorizationType: 'NONE' });
  assert.equal((await callError(svc, ctx, 'GetIntegration', m)).message, 'Invalid Integration identifier specified');
  const noVerb = await callError(svc, ctx, 'PutIntegration', { ...m, type: 'HTTP_PROXY', uri: 'http://example.com' });
  assert.equal(noVerb.message, 'Enumeration value for HttpMethod must be non-empty');
  const https = await callError(svc, ctx, 'PutIntegration', { ...m, type: 'HTTPS_PROXY' });
  assert.equal(https.code, 'ValidationException');
  assert.equal(https.message, "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]");
  assert.equal((await callError(svc, ctx, 'PutIntegration', { ...m, type: 'HTTP', integrationHttpMethod: 'GET', uri: 'not-a-url' })).message, 'Invalid HTTP endpoint specified for URI');
  assert.equal((await callError(svc, ctx, 'PutIntegration', { ...m, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: 'arn:aws:apigateway:eu-west-1:lambda:path/x' })).code, 'NotImplemented');
  assert.equal((await callError(svc, ctx, 'PutIntegration', { ...m, type: 'HTTP', integrationHttpMethod: 'GET', uri: 'http://example.com', timeoutInMillis: 49 })).code, 'BadRequestException');
  assert.equal((await callError(svc, ctx, 'PutIntegration', { ...m, type: 'HTTP', integrationHttpMethod: 'GET', uri: 'http://example.com', timeoutInMillis: 29001 })).code, 'BadRequestException');
  const link = await callError(svc, ctx, 'PutIntegration', { ...m, type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'http://nlb.internal', connectionType: 'VPC_LINK', connectionId: 'nope00' });
  assert.equal(link.message, 'Invalid Vpc Link identifier specified');
  const undeclared = await callError(svc, ctx, 'PutIntegration', { ...m, type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'http://example.com/{id}', requestParameters: { 'integration.request.path.id': 'method.request.path.id' } });
  assert.equal(undeclared.code, 'BadRequestException');

  const http = await call(svc, ctx, 'PutIntegration', { ...m, type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'https://example.com:8443/x', requestParameters: { 'integration.request.header.x-static': "'v'" } });
  assert.deepEqual(JSON.parse(JSON.stringify(http)), {
    type: 'HTTP_PROXY', httpMethod: 'GET', uri: 'https://example.com:8443/x', connectionType: 'INTERNET', requestParameters: { 'integration.request.header.x-static': "'v'" },
    passthroughBehavior: 'WHEN_NO_MATCH', timeoutInMillis: 29000, cacheNamespace: r.id, cacheKeyParameters: [],
  });
  const mock = await call(svc, ctx, 'PutIntegration', { ...m, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } });
  assert.equal(mock.connectionType, undefined);
  const patched = await call(svc, ctx, 'UpdateIntegration', { ...m, patchOperations: [{ op: 'replace', path: '/timeoutInMillis', value: '5000' }, { op: 'add', path: '/requestTemplates/text~1plain', value: 'x' }] });
  assert.equal(patched.timeoutInMillis, 5000);
  assert.deepEqual(patched.requestTemplates, { 'application/json': '{"statusCode": 200}', 'text/plain': 'x' });
  assert.equal((await callError(svc, ctx, 'UpdateIntegration', { ...m, patchOperations: [{ op: 'replace', path: '/timeoutInMillis', value: '1' }] })).code, 'BadRequestException');
});

test('method and integration responses nest into GetMethod', async () => {
  const { ctx, ids } = await setup();
  const m = { ...ids, httpMethod: 'GET' };
  await call(svc, ctx, 'PutMethod', { ...m, authorizationType: 'NONE' });
  await call(svc, ctx, 'PutIntegration', { ...m, type: 'MOCK' });
  const mr = await call(svc, ctx, 'PutMethodResponse', { ...m, statusCode: '200', responseParameters: { 'method.response.header.x-a': false } });
  assert.deepEqual(mr, { statusCode: '200', responseParameters: { 'method.response.header.x-a': false }, responseModels: undefined });
  const ir = await call(svc, ctx, 'PutIntegrationResponse', { ...m, statusCode: '200', selectionPattern: '2\\d{2}' });
  assert.deepEqual(JSON.parse(JSON.stringify(ir)), { responseTemplates: {}, selectionPattern: '2\\d{2}', statusCode: '200' });
  assert.equal((await callError(svc, ctx, 'PutIntegrationResponse', { ...m, statusCode: '600' })).code, 'ValidationException');
  const got = await call(svc, ctx, 'GetMethod', m);
  assert.deepEqual(Object.keys(got.methodResponses), ['200']);
  assert.deepEqual(Object.keys(got.methodIntegration.integrationResponses), ['200']);
  assert.equal((await callError(svc, ctx, 'GetMethodResponse', { ...m, statusCode: '404' })).message, 'Invalid Response status code specified');
  await call(svc, ctx, 'DeleteIntegrationResponse', { ...m, statusCode: '200' });
  await call(svc, ctx, 'DeleteMethodResponse', { ...m, statusCode: '200' });
  assert.equal((await callError(svc, ctx, 'GetIntegrationResponse', { ...m, statusCode: '200' })).message, 'Invalid Response status code specified');
  await call(svc, ctx, 'DeleteIntegration', m);
  assert.equal((await callError(svc, ctx, 'GetIntegration', m)).message, 'Invalid Integration identifier specified');
});
