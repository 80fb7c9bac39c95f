import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeploymentSnapshot } from '../../state/records/apigateway.js';
import { GATEWAY_ERROR_TYPES, GATEWAY_RESPONSE_MESSAGES, gatewayResponse, type GatewayResponseType, type GatewayResponseVariables } from './gateway-responses.js';

type Customised = DeploymentSnapshot['gatewayResponses'];

function vars(message: string): GatewayResponseVariables {
  return {
    message,
    context: {
      requestId: 'req-1',
      extendedRequestId: 'ext=',
      apiId: 'abc123defg',
      stage: 'test',
      httpMethod: 'GET',
      path: '/test/x',
      protocol: 'HTTP/1.1',
      requestTime: '01/Jan/2026:00:00:00 +0000',
      requestTimeEpoch: 0,
      domainName: 'abc123defg.execute-api.us-east-1.amazonaws.com',
      accountId: '123456789012',
      identity: { sourceIp: '10.0.0.1', userAgent: 'curl' },
    },
    stageVariables: { origin: 'https://app.example' },
    input: { body: '', params: { path: {}, querystring: [], header: [['Origin', 'https://caller.example']] } },
  };
}

const respond = (type: GatewayResponseType, customised: Customised = [], message = GATEWAY_RESPONSE_MESSAGES[type] ?? 'm', options = {}) =>
  gatewayResponse(type, customised, vars(message), options);

test('built-in: Missing Authentication Token (checklist 18)', () => {
  assert.deepEqual(respond('MISSING_AUTHENTICATION_TOKEN'), {
    status: 403,
    headers: [['Content-Type', 'application/json'], ['x-amzn-ErrorType', 'MissingAuthenticationTokenException']],
    body: '{"message":"Missing Authentication Token"}',
  });
});

test('built-in statuses, messages and error types of the types the data plane raises', () => {
  const cases: [GatewayResponseType, number, string, string][] = [
    ['INTEGRATION_TIMEOUT', 504, '{"message": "Endpoint request timed out"}', 'InternalServerErrorException'],
    ['API_CONFIGURATION_ERROR', 500, '{"message": "Internal server error"}', 'InternalServerErrorException'],
    ['INVALID_API_KEY', 403, '{"message":"Forbidden"}', 'ForbiddenException'],
    ['REQUEST_TOO_LARGE', 413, '{"message":"Request Too Long"}', 'RequestTooLargeException'],
    ['UNSUPPORTED_MEDIA_TYPE', 415, '{"message":"Unsupported Media Type"}', 'UnsupportedMediaTypeException'],
    ['THROTTLED', 429, '{"message":"Too Many Requests"}', 'TooManyRequestsException'],
    ['DEFAULT_4XX', 400, '{"message":"m"}', 'BadRequestException'],
    ['DEFAULT_5XX', 500, '{"message": "Internal server error"}', 'InternalServerErrorException'],
  ];
  for (const [type, status, body, errorType] of cases) {
    const r = respond(type);
    assert.equal(r.status, status, type);
    assert.equal(r.body, body, type);
    assert.equal(r.headers.find(([n]) => n === 'x-amzn-ErrorType')?.[1], errorType, type);
  }
});

test('the message is JSON-quoted into messageString; ACCESS_DENIED takes the caller text under a capital Message (§2.2 [obs])', () => {
  const r = respond('ACCESS_DENIED', [], 'User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:"x"');
  assert.equal(r.status, 403);
  assert.equal(r.body, '{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:\\"x\\""}');
  assert.equal(JSON.parse(r.body).Message, 'User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:"x"');
});

test('errorType overrides x-amzn-ErrorType: the Forbidden of a request naming no reachable API is ForbiddenException (§2.2)', () => {
  const r = respond('DEFAULT_4XX', [], 'Forbidden', { defaultStatus: 403, errorType: 'ForbiddenException' });
  assert.equal(r.status, 403);
  assert.equal(r.body, '{"message":"Forbidden"}');
  assert.equal(r.headers.find(([n]) => n === 'x-amzn-ErrorType')?.[1], 'ForbiddenException');
});

test('INTEGRATION_FAILURE: defaultStatus overrides the documented 504 unless a customisation sets one (§2.3)', () => {
  assert.equal(respond('INTEGRATION_FAILURE').status, 504);
  assert.equal(respond('INTEGRATION_FAILURE', [], undefined, { defaultStatus: 500 }).status, 500);
  const noStatus: Customised = [{ responseType: 'INTEGRATION_FAILURE', responseTemplates: { 'application/json': '{"err":$context.error.messageString}' } }];
  const r = respond('INTEGRATION_FAILURE', noStatus, undefined, { defaultStatus: 502 });
  assert.equal(r.status, 502);
  assert.equal(r.body, '{"err":"Internal server error"}');
  assert.equal(respond('INTEGRATION_FAILURE', [{ responseType: 'INTEGRATION_FAILURE', statusCode: '599' }], undefined, { defaultStatus: 500 }).status, 599);
});

test('precedence: own customisation, then DEFAULT_4XX/5XX of its class, then built-in', () => {
  const customised: Customised = [
    { responseType: 'DEFAULT_4XX', statusCode: '418', responseTemplates: { 'application/json': '{"d4":$context.error.messageString,"t":"$context.error.responseType"}' }, responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'", 'gatewayresponse.header.X-Class': "'4xx'" } },
    { responseType: 'DEFAULT_5XX', statusCode: '503' },
    { responseType: 'MISSING_AUTHENTICATION_TOKEN', statusCode: '404', responseParameters: { 'gatewayresponse.header.X-Class': "'own'" } },
  ];
  const own = respond('MISSING_AUTHENTICATION_TOKEN', customised);
  assert.equal(own.status, 404);
  assert.equal(own.body, '{"d4":"Missing Authentication Token","t":"MISSING_AUTHENTICATION_TOKEN"}');
  assert.deepEqual(own.headers, [
    ['Content-Type', 'application/json'],
    ['x-amzn-ErrorType', 'MissingAuthenticationTokenException'],
    ['Access-Control-Allow-Origin', '*'],
    ['X-Class', 'own'],
  ]);

  const inherited = respond('INVALID_API_KEY', customised);
  assert.equal(inherited.status, 418);
  assert.equal(inherited.body, '{"d4":"Forbidden","t":"INVALID_API_KEY"}');

  const fiveHundred = respond('INTEGRATION_TIMEOUT', customised);
  assert.equal(fiveHundred.status, 503);
  assert.equal(fiveHundred.body, '{"message": "Endpoint request timed out"}');
});

test('UNAUTHORIZED does not fall back to DEFAULT_4XX; REQUEST_TOO_LARGE cannot be customised', () => {
  const customised: Customised = [
    { responseType: 'DEFAULT_4XX', statusCode: '418', responseTemplates: { 'application/json': 'custom' } },
    { responseType: 'REQUEST_TOO_LARGE', statusCode: '400', responseTemplates: { 'application/json': 'custom' } },
  ];
  assert.deepEqual([respond('UNAUTHORIZED', customised, 'Unauthorized').status, respond('UNAUTHORIZED', customised, 'Unauthorized').body], [401, '{"message":"Unauthorized"}']);
  assert.deepEqual([respond('REQUEST_TOO_LARGE', customised).status, respond('REQUEST_TOO_LARGE', customised).body], [413, '{"message":"Request Too Long"}']);
});

test('header mappings: method.request.header, stageVariables, context; unresolvable ones skipped; may replace Content-Type', () => {
  const customised: Customised = [
    {
      responseType: 'ACCESS_DENIED',
      responseParameters: {
        'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.origin',
        'gatewayresponse.header.X-Origin': 'stageVariables.origin',
        'gatewayresponse.header.X-Req': 'context.requestId',
        'gatewayresponse.header.X-None': 'method.request.header.Missing',
        'gatewayresponse.header.content-type': "'text/plain'",
      },
    },
  ];
  assert.deepEqual(respond('ACCESS_DENIED', customised, 'denied').headers, [
    ['x-amzn-ErrorType', 'AccessDeniedException'],
    ['Access-Control-Allow-Origin', 'https://caller.example'],
    ['X-Origin', 'https://app.example'],
    ['X-Req', 'req-1'],
    ['content-type', 'text/plain'],
  ]);
});

test('a customised template localvpc cannot render falls back to the built-in body', () => {
  const customised: Customised = [{ responseType: 'THROTTLED', responseTemplates: { 'application/json': '#set($x = 1){"x":$x}' } }];
  const r = respond('THROTTLED', customised);
  assert.equal(r.status, 429);
  assert.equal(r.body, '{"message":"Too Many Requests"}');
});

test('every type has an error type', () => {
  for (const [type, errorType] of Object.entries(GATEWAY_ERROR_TYPES)) assert.match(errorType, /^[A-Z][A-Za-z]+$/, type);
});
