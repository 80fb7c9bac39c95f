/**
 * restJson1 codec: routing, bindings, body typing and error shapes (API Gateway v1 and v2).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError, NotImplementedError } from '../kernel/errors.js';
import { getCodec } from './index.js';
import { RID, awsErrorOf, httpRequest, textOf } from './sdk-harness.test.js';

const v1 = getCodec('apigateway');
const v2 = getCodec('apigatewayv2');
const json = { 'content-type': 'application/json' };

describe('restJson1 routing', () => {
  it('a literal query key selects the operation (ImportRestApi vs CreateRestApi)', () => {
    assert.equal(v1.parse(httpRequest('POST', '/restapis?mode=import&failonwarnings=true', {}, '{}')).operation, 'ImportRestApi');
    assert.deepEqual(v1.parse(httpRequest('POST', '/restapis?mode=import&failonwarnings=true&basepath=prepend', {}, 'openapi: 3.0.1')), {
      operation: 'ImportRestApi',
      input: { body: Buffer.from('openapi: 3.0.1').toString('base64'), failOnWarnings: true, parameters: { basepath: 'prepend' } },
    });
    assert.equal(v1.parse(httpRequest('POST', '/restapis', json, '{"name":"x"}')).operation, 'CreateRestApi');
  });

  it('the method selects among operations on one path', () => {
    const path = '/restapis/a/resources/r/methods/GET';
    assert.equal(v1.parse(httpRequest('PUT', path, json, '{"authorizationType":"NONE"}')).operation, 'PutMethod');
    assert.equal(v1.parse(httpRequest('POST', path, json, '{}')).operation, 'TestInvokeMethod');
    assert.equal(v1.parse(httpRequest('GET', path)).operation, 'GetMethod');
    assert.equal(v1.parse(httpRequest('DELETE', path)).operation, 'DeleteMethod');
  });

  it('labels are split first, then decoded; trailing slashes are ignored', () => {
    assert.deepEqual(v1.parse(httpRequest('GET', '/domainnames/api.example.com/basepathmappings/%28none%29')).input, { domainName: 'api.example.com', basePath: '(none)' });
    assert.deepEqual(v1.parse(httpRequest('GET', '/tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Fabc')).input, { resourceArn: 'arn:aws:apigateway:us-east-1::/restapis/abc' });
    assert.equal(v1.parse(httpRequest('GET', '/restapis/')).operation, 'GetRestApis');
  });

  it('query lists repeat their key; query integers are typed', () => {
    assert.deepEqual(v1.parse(httpRequest('GET', '/restapis/a/resources?embed=methods&embed=x&limit=500')).input, { restApiId: 'a', limit: 500, embed: ['methods', 'x'] });
  });

  it('no route: 404 UnknownOperationException', () => {
    const err = awsErrorOf(() => v1.parse(httpRequest('GET', '/restapis/a/b/c/d/e/f/g')));
    assert.equal(err.code, 'UnknownOperationException');
    assert.equal(err.status, 404);
    assert.equal(awsErrorOf(() => v1.parse(httpRequest('PATCH', '/restapis'))).status, 404);
  });
});

describe('restJson1 body', () => {
  it('malformed JSON, a non-object body, wrong member types: 400 SerializationException', () => {
    for (const body of ['{"name":', '[1,2]', '"x"', '{"name": true}', '{"name":"x","tags":[]}', '{"name":"x","minimumCompressionSize":1.5}', '{"name":"x","endpointConfiguration":{"types":"REGIONAL"}}']) {
      const err = awsErrorOf(() => v1.parse(httpRequest('POST', '/restapis', json, body)));
      assert.equal(err.code, 'SerializationException', body);
      assert.equal(err.status, 400);
    }
    assert.match(awsErrorOf(() => v1.parse(httpRequest('POST', '/restapis', json, '{"name": true}'))).message, /^class java\.lang\.Boolean can not be converted to an String/);
    assert.equal(awsErrorOf(() => v1.parse(httpRequest('GET', '/restapis?limit=ten'))).code, 'SerializationException');
  });

  it('null members read as absent, unknown members are ignored', () => {
    assert.deepEqual(v1.parse(httpRequest('POST', '/restapis', json, '{"name":"x","description":null,"other":1}')).input, { name: 'x' });
  });

  it('missing required body member: ValidationException with `<op>Input.`; URI members have no prefix', () => {
    const err = awsErrorOf(() => v1.parse(httpRequest('POST', '/restapis', json, '{}')));
    assert.equal(err.code, 'ValidationException');
    assert.equal(err.message, "1 validation error detected: Value null at 'createRestApiInput.name' failed to satisfy constraint: Member must not be null");
    const uri = awsErrorOf(() => v1.parse(httpRequest('PUT', '/restapis/a/resources/r/methods/GET/responses/999', json, '{}')));
    assert.match(uri.message, /at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: \[1-5\]\\d\\d/);
  });
});

describe('restJson1 serialize', () => {
  it('status from the model; no body without an output', () => {
    const del = v1.serialize('DeleteMethod', {}, RID);
    assert.equal(del.status, 204);
    assert.equal(del.body, '');
    assert.equal(del.headers['x-amzn-RequestId'], RID);
    assert.equal(v1.serialize('CreateVpcLink', { id: 'v' }, RID).status, 202);
    assert.equal(v1.serialize('GetRestApi', {}, RID).body, '{}');
  });

  it('maps and lists, blobs base64, undefined and null omitted', () => {
    const res = v1.serialize('GetRestApi', { id: 'a', name: undefined, description: null, tags: { k: 'v' }, binaryMediaTypes: ['image/png'] }, RID);
    assert.equal(textOf(res), '{"id":"a","binaryMediaTypes":["image/png"],"tags":{"k":"v"}}');
  });
});

describe('restJson1 errors', () => {
  it('not implemented: 400 UnknownOperationException, header and body', () => {
    const res = v1.serializeError(new NotImplementedError('GetSdk is not implemented by localvpc (apigateway 2015-07-09).'), RID, 'GetSdk');
    assert.equal(res.status, 400);
    assert.equal(res.headers['x-amzn-ErrorType'], 'UnknownOperationException');
    assert.equal(res.headers['x-amzn-RequestId'], RID);
    assert.equal(textOf(res), '{"message":"GetSdk is not implemented by localvpc (apigateway 2015-07-09)."}');
  });

  it('status comes from the error shape: ConflictException 409, LimitExceededException 429', () => {
    assert.equal(v1.serializeError(new AwsError('ConflictException', 'x'), RID).status, 409);
    assert.equal(v1.serializeError(new AwsError('LimitExceededException', 'x'), RID).status, 429);
    assert.equal(v1.serializeError(new AwsError('InternalFailure', 'x', 500), RID).status, 500);
  });
});

describe('API Gateway v2', () => {
  it('parses member names from locationName keys', () => {
    assert.deepEqual(v2.parse(httpRequest('POST', '/v2/apis', json, '{"name":"http","protocolType":"HTTP","corsConfiguration":{"allowOrigins":["*"],"maxAge":60}}')), {
      operation: 'CreateApi',
      input: { CorsConfiguration: { AllowOrigins: ['*'], MaxAge: 60 }, Name: 'http', ProtocolType: 'HTTP' },
    });
    assert.deepEqual(v2.parse(httpRequest('GET', '/v2/apis/abc/routes?maxResults=10')).input, { ApiId: 'abc', MaxResults: '10' });
  });

  it('writes iso8601 timestamps where the model says so, and `items`', () => {
    const res = v2.serialize('GetApis', { Items: [{ ApiId: 'abc', Name: 'n', ProtocolType: 'HTTP', CreatedDate: new Date('2026-01-01T00:00:00Z') }], NextToken: 't' }, RID);
    assert.equal(textOf(res), '{"items":[{"apiId":"abc","createdDate":"2026-01-01T00:00:00.000Z","name":"n","protocolType":"HTTP"}],"nextToken":"t"}');
    assert.equal(v2.serialize('CreateApi', { ApiId: 'abc' }, RID).status, 201);
  });

  it('validates member-level enums and required members', () => {
    const spec = awsErrorOf(() => v2.parse(httpRequest('GET', '/v2/apis/abc/exports/OAS20?outputType=JSON')));
    assert.equal(spec.code, 'ValidationException');
    assert.match(spec.message, /Value 'OAS20' at 'specification' failed to satisfy constraint: Member must satisfy enum value set: \[OAS30\]/);
    const missing = awsErrorOf(() => v2.parse(httpRequest('POST', '/v2/apis', json, '{"name":"x"}')));
    assert.equal(missing.message, "1 validation error detected: Value null at 'createApiInput.protocolType' failed to satisfy constraint: Member must not be null");
  });

  it('errors carry message under its locationName', () => {
    const res = v2.serializeError(new AwsError('NotFoundException', 'Invalid API identifier specified 000000000000:abc', 404, { ResourceType: 'Api' }), RID);
    assert.equal(res.status, 404);
    assert.equal(textOf(res), '{"message":"Invalid API identifier specified 000000000000:abc","resourceType":"Api"}');
  });
});
