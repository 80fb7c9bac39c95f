import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Integration } from '../../state/records/apigateway.js';
import { integrationRequest, type IntegrationRequestEnvironment } from './integration-request.js';
import { proxyTarget } from './proxy-plan.js';

const context: IntegrationRequestEnvironment['context'] = {
  requestId: 'r',
  extendedRequestId: 'e=',
  apiId: 'abc123defg',
  stage: 'test',
  httpMethod: 'GET',
  path: '/test/x',
  protocol: 'HTTP/1.1',
  requestTime: '01/Jan/2026:00:00:00 +0000',
  requestTimeEpoch: 0,
  domainName: 'abc123defg.execute-api.eu-west-1.amazonaws.com',
  accountId: '000000000000',
  identity: { sourceIp: '10.0.0.1', userAgent: 'curl' },
};

function integration(uri: string, requestParameters?: Record<string, string>, httpMethod = 'ANY'): Integration {
  return { type: 'HTTP_PROXY', httpMethod, uri, requestParameters, passthroughBehavior: 'WHEN_NO_MATCH', timeoutInMillis: 29000, cacheNamespace: 'x', cacheKeyParameters: [], integrationResponses: {} };
}

const CANONICAL = { 'integration.request.path.proxy': 'method.request.path.proxy' };

/** The compiled path must build exactly what the general integration request builds. */
function same(i: Integration, variables: Record<string, string>, resourcePath: string, pathParameters: Record<string, string>, rawQueryString: string, httpMethod = 'GET'): boolean {
  const fast = proxyTarget(i, variables, resourcePath, { httpMethod, pathParameters, rawQueryString });
  const plan = integrationRequest(i, { httpMethod, resourcePath, pathParameters, rawQueryString, headers: [] }, { stageVariables: variables, context });
  if (!fast) return false;
  assert.deepEqual(
    { method: fast.method, protocol: fast.protocol, hostname: fast.hostname, port: fast.port, host: fast.host, pathAndQuery: fast.pathAndQuery },
    { method: plan.method, protocol: plan.url.protocol, hostname: plan.url.hostname, port: plan.url.port, host: plan.url.host, pathAndQuery: `${plan.url.pathname}${plan.url.search}` },
  );
  return true;
}

test('the canonical VPC-link proxy compiles and matches the general integration request', () => {
  const i = integration('http://${stageVariables.VPCNLB}/{proxy}', CANONICAL);
  const vars = { VPCNLB: 'App-NLB-0123456789abcdef.elb.eu-west-1.amazonaws.com' };
  assert.ok(same(i, vars, '/{proxy+}', { proxy: 'a/b' }, 'x=1&x=2'));
  assert.ok(same(i, vars, '/{proxy+}', { proxy: 'é/100%/a b' }, ''));
  assert.ok(same(i, vars, '/{proxy+}', { proxy: 'a' }, 'q={v}|w', 'POST'));
  assert.ok(same(integration('https://backend:8443/base/{proxy}?fixed=1', CANONICAL, 'GET'), {}, '/api/{proxy+}', { proxy: 'x' }, 'y=2'));
  assert.ok(same(integration('http://backend:80/{id}'), {}, '/items/{id}', { id: 'a/b c' }, ''));
  assert.ok(same(integration('HTTP://Backend/'), {}, '/', {}, 'a=b'));
});

test('requests the URL parser would rewrite go to the general path', () => {
  const i = integration('http://backend/{proxy}', CANONICAL);
  assert.equal(proxyTarget(i, {}, '/{proxy+}', { httpMethod: 'GET', pathParameters: { proxy: 'a/../b' }, rawQueryString: '' }), undefined);
  assert.equal(proxyTarget(i, {}, '/{proxy+}', { httpMethod: 'GET', pathParameters: { proxy: 'a' }, rawQueryString: "q='x'" }), undefined);
});

test('integrations with other mappings, templates in the query, or non-proxy types are not compiled', () => {
  const req = { httpMethod: 'GET', pathParameters: { proxy: 'a' }, rawQueryString: '' };
  assert.equal(proxyTarget(integration('http://backend/{proxy}', { ...CANONICAL, 'integration.request.header.x': "'1'" }), {}, '/{proxy+}', req), undefined);
  assert.equal(proxyTarget(integration('http://backend/x?p={proxy}', CANONICAL), {}, '/{proxy+}', req), undefined);
  assert.equal(proxyTarget({ ...integration('http://backend/{proxy}'), type: 'HTTP' }, {}, '/{proxy+}', req), undefined);
  assert.equal(proxyTarget(integration('http://${stageVariables.missing}/{proxy}', CANONICAL), {}, '/{proxy+}', req), undefined);
});

test('a stage-variable change recompiles: the variables object is the cache key', () => {
  const i = integration('http://${stageVariables.h}/{proxy}', CANONICAL);
  const req = { httpMethod: 'GET', pathParameters: { proxy: 'a' }, rawQueryString: '' };
  assert.equal(proxyTarget(i, { h: 'one' }, '/{proxy+}', req)?.host, 'one');
  assert.equal(proxyTarget(i, { h: 'two:81' }, '/{proxy+}', req)?.host, 'two:81');
});
