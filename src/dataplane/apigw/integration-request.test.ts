import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  encodePathSegment,
  IntegrationConfigError,
  integrationRequest,
  substituteStageVariables,
  type HttpIntegration,
  type IntegrationRequestEnvironment,
  type MethodRequest,
} from './integration-request.js';

const env: IntegrationRequestEnvironment = {
  stageVariables: { host: 'backend.internal:8080', base: 'v1' },
  context: {
    requestId: 'req-1',
    extendedRequestId: 'ext=',
    apiId: 'abc123defg',
    stage: 'test',
    httpMethod: 'GET',
    path: '/test/x/y',
    protocol: 'HTTP/1.1',
    requestTime: '01/Jan/2026:00:00:00 +0000',
    requestTimeEpoch: 0,
    domainName: 'abc123defg.execute-api.us-east-1.amazonaws.com',
    accountId: '123456789012',
    identity: { sourceIp: '10.0.0.1', userAgent: 'curl' },
  },
};

function request(overrides: Partial<MethodRequest> = {}): MethodRequest {
  return { httpMethod: 'GET', resourcePath: '/{proxy+}', pathParameters: { proxy: 'x/y' }, rawQueryString: '', headers: [], ...overrides };
}

const proxy = (uri: string, requestParameters?: Record<string, string>, httpMethod = 'ANY'): HttpIntegration => ({ type: 'HTTP_PROXY', httpMethod, uri, requestParameters });

test('substituteStageVariables: defined, undefined → empty, several', () => {
  assert.equal(substituteStageVariables('http://${stageVariables.host}/${stageVariables.base}/${stageVariables.nope}x', env.stageVariables), 'http://backend.internal:8080/v1/x');
  assert.equal(substituteStageVariables('${stageVariables.toString}', {}), '');
  assert.equal(substituteStageVariables('no variables', {}), 'no variables');
});

test('checklist 25: HTTP_PROXY ANY → client verb; {proxy} from the mapping; query passed unchanged with repeats', () => {
  const plan = integrationRequest(
    proxy('http://backend/{proxy}', { 'integration.request.path.proxy': 'method.request.path.proxy' }),
    request({ rawQueryString: 'q=1&q=2&sp=a%20b+c' }),
    env,
  );
  assert.equal(plan.method, 'GET');
  assert.equal(plan.url.href, 'http://backend/x/y?q=1&q=2&sp=a%20b+c');
  assert.deepEqual(plan.headers, []);
});

test('HTTP_PROXY fills an unmapped placeholder from the same-named path parameter; HTTP does not', () => {
  assert.equal(integrationRequest(proxy('http://backend/api/{proxy}'), request({ httpMethod: 'DELETE' }), env).url.href, 'http://backend/api/x/y');
  assert.equal(integrationRequest(proxy('http://backend/api/{proxy}'), request({ httpMethod: 'DELETE' }), env).method, 'DELETE');
  assert.throws(
    () => integrationRequest({ type: 'HTTP', httpMethod: 'GET', uri: 'http://backend/{proxy}' }, request(), env),
    (e) => e instanceof IntegrationConfigError && /\{proxy\}/.test(e.message),
  );
});

test('an explicit integration method is used whatever the client verb', () => {
  assert.equal(integrationRequest(proxy('http://backend/', undefined, 'POST'), request({ httpMethod: 'GET' }), env).method, 'POST');
});

test('path values are encoded per segment; greedy values keep `/`, others do not', () => {
  const plan = integrationRequest(
    proxy('http://backend/{proxy}/{id}/{lit}', {
      'integration.request.path.proxy': 'method.request.path.proxy',
      'integration.request.path.id': 'method.request.path.id',
      'integration.request.path.lit': "'a b'",
    }),
    request({ resourcePath: '/{id}/{proxy+}', pathParameters: { id: 'a/b%c', proxy: 'x y/\u00e9/100%' } }),
    env,
  );
  assert.equal(plan.url.pathname, '/x%20y/%C3%A9/100%25/a%2Fb%25c/a%20b');
});

test('stage variables in the uri, placeholders in its query part encoded as components', () => {
  const plan = integrationRequest(
    { type: 'HTTP', httpMethod: 'GET', uri: 'https://${stageVariables.host}/${stageVariables.base}/items?id={id}&fixed=1', requestParameters: { 'integration.request.path.id': 'method.request.path.id' } },
    request({ resourcePath: '/items/{id}', pathParameters: { id: 'a&b=c' }, rawQueryString: 'ignored=1' }),
    env,
  );
  assert.equal(plan.url.href, 'https://backend.internal:8080/v1/items?id=a%26b%3Dc&fixed=1');
});

test('HTTP (non-proxy) sends only mapped query parameters; sources literal, querystring, header, stage variable, context', () => {
  const plan = integrationRequest(
    {
      type: 'HTTP',
      httpMethod: 'GET',
      uri: 'http://backend/search',
      requestParameters: {
        'integration.request.querystring.term': 'method.request.querystring.q',
        'integration.request.querystring.fixed': "'x y'",
        'integration.request.querystring.absent': 'method.request.querystring.none',
        'integration.request.header.X-Token': 'method.request.header.x-token',
        'integration.request.header.X-Stage-Host': 'stageVariables.host',
        'integration.request.header.X-Source-Ip': 'context.identity.sourceIp',
      },
    },
    request({ rawQueryString: 'q=first&q=last&other=1', headers: [['X-Token', 'secret']] }),
    env,
  );
  assert.equal(plan.url.search, '?term=last&fixed=x%20y');
  assert.deepEqual(plan.headers, [['X-Token', 'secret'], ['X-Stage-Host', 'backend.internal:8080'], ['X-Source-Ip', '10.0.0.1']]);
});

test('HTTP_PROXY: querystring mappings replace same-named client keys, others pass through raw', () => {
  const plan = integrationRequest(
    proxy('http://backend/{proxy}?fixed=1', { 'integration.request.querystring.q': "'mapped'" }),
    request({ rawQueryString: 'q=1&keep=%2F&q=2' }),
    env,
  );
  assert.equal(plan.url.search, '?fixed=1&keep=%2F&q=mapped');
});

test('checklist 28: mapping Content-Length or Transfer-Encoding makes every call fail', () => {
  for (const name of ['Content-Length', 'transfer-encoding']) {
    assert.throws(() => integrationRequest(proxy('http://backend/{proxy}', { [`integration.request.header.${name}`]: "'1'" }), request(), env), IntegrationConfigError);
  }
});

test('invalid uris after substitution, missing method or uri, non-HTTP types → IntegrationConfigError', () => {
  const fails = (integration: HttpIntegration): void => assert.throws(() => integrationRequest(integration, request(), env), IntegrationConfigError);
  fails(proxy('${stageVariables.missing}/x'));
  fails(proxy('not-a-url'));
  fails(proxy('ftp://backend/x'));
  fails(proxy('http:///nohost'));
  fails({ type: 'HTTP_PROXY', uri: 'http://backend/' });
  fails({ type: 'HTTP_PROXY', httpMethod: 'GET' });
  fails({ type: 'MOCK' });
});

test('encodePathSegment keeps pchars, encodes the rest as UTF-8', () => {
  assert.equal(encodePathSegment("a-._~!$&'()*+,;=:@z"), "a-._~!$&'()*+,;=:@z");
  assert.equal(encodePathSegment('a b/%?#\u00e9'), 'a%20b%2F%25%3F%23%C3%A9');
});
