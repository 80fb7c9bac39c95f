import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiGatewayResponseHeaders,
  edgeHeaders,
  newExtendedRequestId,
  newTraceId,
  overrideHeaders,
  toClientHeaders,
  toIntegrationHeaders,
  type HeaderPair,
} from './headers.js';

const extra = { apiId: 'abc123defg', traceId: 'Root=1-00000000-000000000000000000000000', integrationHost: 'backend:8080', date: 'Thu, 01 Jan 2026 00:00:00 GMT' };

/** Every header the recorded HTTP_PROXY test sent (checklist 26), plus ordinary ones. */
const CLIENT: HeaderPair[] = [
  ['Host', 'abc123defg.execute-api.us-east-1.amazonaws.com'],
  ['Connection', 'keep-alive'],
  ['Content-Encoding', 'gzip'],
  ['Content-MD5', 'x'],
  ['Expect', '100-continue'],
  ['Max-Forwards', '3'],
  ['Proxy-Authenticate', 'Basic'],
  ['Server', 'client'],
  ['TE', 'trailers'],
  ['Trailer', 'X'],
  ['Transfer-Encoding', 'chunked'],
  ['Upgrade', 'h2c'],
  ['Via', '1.1 proxy'],
  ['WWW-Authenticate', 'Basic'],
  ['Content-Length', '12'],
  ['Date', 'Mon, 01 Jan 2001 00:00:00 GMT'],
  ['Keep-Alive', 'timeout=5'],
  ['Authorization', 'Bearer x'],
  ['x-custom', 'one'],
  ['X-Custom', 'two'],
  ['Accept', '*/*'],
];

const names = (pairs: readonly HeaderPair[]): string[] => pairs.map(([n]) => n);

test('HTTP_PROXY: the recorded drops, Host/Date replaced, api id and trace id added, casing/order/repeats kept (checklists 25-26)', () => {
  const out = toIntegrationHeaders(CLIENT, 'HTTP_PROXY', extra);
  assert.deepEqual(out, [
    ['Host', 'backend:8080'],
    ['Authorization', 'Bearer x'],
    ['x-custom', 'one'],
    ['X-Custom', 'two'],
    ['Accept', '*/*'],
    ['Date', extra.date],
    ['X-Amzn-Apigateway-Api-Id', 'abc123defg'],
    ['X-Amzn-Trace-Id', extra.traceId],
  ]);
});

test('HTTP (non-proxy) follows the doc table: Connection and Content-Encoding pass', () => {
  const out = names(toIntegrationHeaders(CLIENT, 'HTTP', extra));
  assert.deepEqual(out, ['Host', 'Connection', 'Content-Encoding', 'Authorization', 'x-custom', 'X-Custom', 'Accept', 'Date', 'X-Amzn-Apigateway-Api-Id', 'X-Amzn-Trace-Id']);
});

test('Authorization is dropped when it is SigV4 or the method uses AWS_IAM', () => {
  const sigv4: HeaderPair[] = [['authorization', 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/execute-api/aws4_request, ...']];
  assert.deepEqual(names(toIntegrationHeaders(sigv4, 'HTTP_PROXY', extra)), ['Host', 'Date', 'X-Amzn-Apigateway-Api-Id', 'X-Amzn-Trace-Id']);
  const bearer: HeaderPair[] = [['Authorization', 'Bearer x']];
  assert.deepEqual(names(toIntegrationHeaders(bearer, 'HTTP_PROXY', { ...extra, methodAuthorizationType: 'AWS_IAM' })), ['Host', 'Date', 'X-Amzn-Apigateway-Api-Id', 'X-Amzn-Trace-Id']);
});

test('a client X-Amzn-Trace-Id or api-id header is replaced, not duplicated', () => {
  const out = toIntegrationHeaders([['x-amzn-trace-id', 'Root=client'], ['x-amzn-apigateway-api-id', 'spoof']], 'HTTP_PROXY', extra);
  assert.equal(out.filter(([n]) => n.toLowerCase() === 'x-amzn-trace-id').length, 1);
  assert.equal(out.find(([n]) => n.toLowerCase() === 'x-amzn-apigateway-api-id')![1], 'abc123defg');
});

const BACKEND: HeaderPair[] = [
  ['Server', 'gunicorn/19.9.0'],
  ['Date', 'X'],
  ['Connection', 'keep-alive'],
  ['Content-Length', '42'],
  ['Content-Type', 'application/json'],
  ['authorization', 'a'],
  ['Content-MD5', 'm'],
  ['Max-Forwards', '1'],
  ['User-Agent', 'u'],
  ['WWW-Authenticate', 'w'],
  ['Expect', 'e'],
  ['Host', 'h'],
  ['Proxy-Authenticate', 'p'],
  ['TE', 't'],
  ['Transfer-Encoding', 'chunked'],
  ['Trailer', 'x'],
  ['Upgrade', 'u'],
  ['Keep-Alive', 'timeout=5'],
  ['Via', '1.1 v'],
  ['Accept', 'a'],
  ['Set-Cookie', 'a=1'],
  ['Set-Cookie', 'b=2'],
  ['Content-Encoding', 'gzip'],
];

test('toClientHeaders HTTP_PROXY: remapped, dropped, passed (checklist 27)', () => {
  assert.deepEqual(toClientHeaders(BACKEND, 'HTTP_PROXY'), [
    ['x-amzn-Remapped-Server', 'gunicorn/19.9.0'],
    ['x-amzn-Remapped-Date', 'X'],
    ['x-amzn-Remapped-Connection', 'keep-alive'],
    ['x-amzn-Remapped-Content-Length', '42'],
    ['Content-Type', 'application/json'],
    ['x-amzn-Remapped-authorization', 'a'],
    ['x-amzn-Remapped-Content-MD5', 'm'],
    ['x-amzn-Remapped-Max-Forwards', '1'],
    ['x-amzn-Remapped-User-Agent', 'u'],
    ['x-amzn-Remapped-WWW-Authenticate', 'w'],
    ['Accept', 'a'],
    ['Set-Cookie', 'a=1'],
    ['Set-Cookie', 'b=2'],
    ['Content-Encoding', 'gzip'],
  ]);
});

test('toClientHeaders HTTP: Via passes, Accept is dropped', () => {
  const out = names(toClientHeaders(BACKEND, 'HTTP'));
  assert.ok(out.includes('Via'));
  assert.ok(!out.includes('Accept'));
});

test('overrideHeaders replaces same-named headers case-insensitively and appends the overrides', () => {
  const base: HeaderPair[] = [['Age', '1'], ['x-a', '1'], ['AGE', '2'], ['x-b', '2']];
  assert.deepEqual(overrideHeaders(base, [['age', 'request_params_age'], ['x-new', 'n']]), [['x-a', '1'], ['x-b', '2'], ['age', 'request_params_age'], ['x-new', 'n']]);
  assert.deepEqual(overrideHeaders(base, []), base);
});

test('request ids, trace ids, edge headers', () => {
  assert.deepEqual(apiGatewayResponseHeaders({ requestId: 'r', extendedRequestId: 'e=' }), [['x-amzn-RequestId', 'r'], ['x-amz-apigw-id', 'e=']]);
  const ext = newExtendedRequestId();
  assert.match(ext, /^[A-Za-z0-9_-]{15}=$/);
  assert.notEqual(newExtendedRequestId(), ext);
  assert.match(newTraceId(Date.UTC(2026, 0, 1)), /^Root=1-695[0-9a-f]{5}-[0-9a-f]{24}$/);
  assert.equal(newTraceId(0).slice(0, 16), 'Root=1-00000000-');

  const edge = edgeHeaders('0b3a0a4e-1111-2222-3333-444455556666');
  assert.deepEqual(names(edge), ['X-Cache', 'Via', 'X-Amz-Cf-Pop', 'X-Amz-Cf-Id']);
  assert.equal(edge[0]![1], 'Miss from cloudfront');
  assert.match(edge[1]![1], /^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
  assert.match(edge[3]![1], /^[A-Za-z0-9_-]{54}==$/);
  assert.deepEqual(edgeHeaders('0b3a0a4e-1111-2222-3333-444455556666'), edge);
});
