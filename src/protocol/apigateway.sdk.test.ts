/**
 * API Gateway v1 (restJson1) round trips through @aws-sdk/client-api-gateway.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  APIGatewayClient,
  BadRequestException,
  CreateRestApiCommand,
  DeleteRestApiCommand,
  GetExportCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetTagsCommand,
  ImportRestApiCommand,
  NotFoundException,
  PutRestApiCommand,
  TooManyRequestsException,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { AwsError, NotImplementedError } from '../kernel/errors.js';
import { CLIENT_CONFIG, RID, rejection, sdkHandler, type Exchange, type Responder } from './sdk-harness.test.js';

function client(respond: Responder, log: Exchange[] = []) {
  return new APIGatewayClient({ ...CLIENT_CONFIG, requestHandler: sdkHandler(respond, log) });
}

const CREATED = new Date('2026-01-01T00:00:00Z');

describe('API Gateway through the AWS SDK v3', () => {
  it('CreateRestApi: JSON body in, 201 and epoch-second timestamps out', async () => {
    const log: Exchange[] = [];
    const apigw = client(
      () => ({
        id: 'a1b2c3d4e5',
        name: 'demo',
        createdDate: CREATED,
        apiKeySource: 'HEADER',
        endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'ipv4' },
        disableExecuteApiEndpoint: false,
        rootResourceId: 'f6g7h8i9j0',
        tags: { team: 'net' },
      }),
      log,
    );
    const out = await apigw.send(new CreateRestApiCommand({ name: 'demo', endpointConfiguration: { types: ['REGIONAL'] }, tags: { team: 'net' }, minimumCompressionSize: 0 }));
    assert.deepEqual(log[0]!.detected, { service: 'apigateway', region: 'eu-west-1', accessKeyId: 'test' });
    assert.deepEqual(log[0]!.parsed, {
      operation: 'CreateRestApi',
      input: { name: 'demo', minimumCompressionSize: 0, endpointConfiguration: { types: ['REGIONAL'] }, tags: { team: 'net' } },
    });
    assert.equal(log[0]!.response.status, 201);
    assert.match(String(log[0]!.response.body), /"createdDate":1767225600/);
    assert.equal(out.$metadata.httpStatusCode, 201);
    assert.equal(out.$metadata.requestId, RID);
    assert.equal(out.id, 'a1b2c3d4e5');
    assert.deepEqual(out.createdDate, CREATED);
    assert.deepEqual(out.endpointConfiguration, { types: ['REGIONAL'], ipAddressType: 'ipv4' });
    assert.deepEqual(out.tags, { team: 'net' });
  });

  it('GetRestApis: query members in, the `item` list out as `items`', async () => {
    const log: Exchange[] = [];
    const apigw = client(() => ({ items: [{ id: 'a1b2c3d4e5', name: 'demo', createdDate: CREATED }], position: 'p2' }), log);
    const out = await apigw.send(new GetRestApisCommand({ limit: 25, position: 'p1' }));
    assert.deepEqual(log[0]!.parsed, { operation: 'GetRestApis', input: { position: 'p1', limit: 25 } });
    assert.match(String(log[0]!.response.body), /^\{"position":"p2","item":\[/);
    assert.deepEqual(out.items, [{ id: 'a1b2c3d4e5', name: 'demo', createdDate: CREATED }]);
    assert.equal(out.position, 'p2');
  });

  it('UpdateRestApi: label and patchOperations', async () => {
    const log: Exchange[] = [];
    const apigw = client(() => ({ id: 'abc', name: 'new' }), log);
    const out = await apigw.send(
      new UpdateRestApiCommand({
        restApiId: 'abc',
        patchOperations: [
          { op: 'replace', path: '/name', value: 'new' },
          { op: 'replace', path: '/~1pets/GET/logging/loglevel', value: 'INFO' },
        ],
      }),
    );
    assert.equal(log[0]!.request.method, 'PATCH');
    assert.deepEqual(log[0]!.parsed, {
      operation: 'UpdateRestApi',
      input: {
        restApiId: 'abc',
        patchOperations: [
          { op: 'replace', path: '/name', value: 'new' },
          { op: 'replace', path: '/~1pets/GET/logging/loglevel', value: 'INFO' },
        ],
      },
    });
    assert.equal(out.name, 'new');
  });

  it('a label value arrives fully encoded and is decoded after splitting (GetTags ARN)', async () => {
    const log: Exchange[] = [];
    const arn = 'arn:aws:apigateway:eu-west-1::/restapis/abc';
    const apigw = client(() => ({ tags: { a: 'b' } }), log);
    const out = await apigw.send(new GetTagsCommand({ resourceArn: arn }));
    assert.deepEqual(log[0]!.parsed, { operation: 'GetTags', input: { resourceArn: arn } });
    assert.deepEqual(out.tags, { a: 'b' });
  });

  it('ImportRestApi (?mode=import) versus PutRestApi: payload blob and query map', async () => {
    const log: Exchange[] = [];
    const apigw = client(() => ({ id: 'abc' }), log);
    const doc = '{"openapi":"3.0.1"}';
    await apigw.send(new ImportRestApiCommand({ body: Buffer.from(doc), failOnWarnings: true, parameters: { endpointConfigurationTypes: 'REGIONAL' } }));
    assert.deepEqual(log[0]!.parsed, {
      operation: 'ImportRestApi',
      input: { body: Buffer.from(doc).toString('base64'), failOnWarnings: true, parameters: { endpointConfigurationTypes: 'REGIONAL' } },
    });
    await apigw.send(new PutRestApiCommand({ restApiId: 'abc', mode: 'overwrite', body: Buffer.from(doc) }));
    assert.deepEqual(log[1]!.parsed, { operation: 'PutRestApi', input: { body: Buffer.from(doc).toString('base64'), restApiId: 'abc', mode: 'overwrite' } });
  });

  it('GetExport: blob payload and header members out', async () => {
    const log: Exchange[] = [];
    const apigw = client(() => ({ contentType: 'application/json', contentDisposition: 'attachment; filename="x.json"', body: Buffer.from('{"swagger":"2.0"}') }), log);
    const out = await apigw.send(new GetExportCommand({ restApiId: 'abc', stageName: 'prod', exportType: 'swagger', accepts: 'application/json' }));
    assert.deepEqual(log[0]!.parsed?.input, { restApiId: 'abc', stageName: 'prod', exportType: 'swagger', accepts: 'application/json' });
    assert.equal(out.contentType, 'application/json');
    assert.equal(out.contentDisposition, 'attachment; filename="x.json"');
    assert.equal(Buffer.from(out.body!).toString(), '{"swagger":"2.0"}');
  });

  it('DeleteRestApi: 202 with an empty body', async () => {
    const log: Exchange[] = [];
    const apigw = client(() => undefined, log);
    const out = await apigw.send(new DeleteRestApiCommand({ restApiId: 'abc' }));
    assert.equal(log[0]!.response.status, 202);
    assert.equal(log[0]!.response.body, '');
    assert.equal(out.$metadata.httpStatusCode, 202);
  });

  it('NotFoundException: 404, x-amzn-ErrorType, {"message"}', async () => {
    const log: Exchange[] = [];
    const apigw = client(() => new AwsError('NotFoundException', 'Invalid API identifier specified 000000000000:nope'), log);
    const err = await rejection(apigw.send(new GetRestApiCommand({ restApiId: 'nope' })));
    assert.ok(err instanceof NotFoundException);
    assert.equal(err.message, 'Invalid API identifier specified 000000000000:nope');
    assert.equal(err.$metadata?.httpStatusCode, 404);
    assert.equal(err.$metadata?.requestId, RID);
    assert.equal(log[0]!.response.headers['x-amzn-ErrorType'], 'NotFoundException');
    assert.equal(log[0]!.response.body, '{"message":"Invalid API identifier specified 000000000000:nope"}');
  });

  it('an error header member goes out as a header (TooManyRequestsException Retry-After)', async () => {
    const log: Exchange[] = [];
    const apigw = client(() => new AwsError('TooManyRequestsException', 'Too Many Requests', 429, { retryAfterSeconds: '7' }), log);
    const err = await rejection(apigw.send(new GetRestApiCommand({ restApiId: 'x' })));
    assert.ok(err instanceof TooManyRequestsException);
    assert.equal(log[0]!.response.headers['Retry-After'], '7');
    assert.equal((err as TooManyRequestsException).retryAfterSeconds, '7');
  });

  it('BadRequestException keeps its class; a body constraint answers ValidationException with `<op>Input.`', async () => {
    const bad = client(() => new AwsError('BadRequestException', 'Invalid stage identifier specified'));
    assert.ok((await rejection(bad.send(new GetRestApiCommand({ restApiId: 'x' })))) instanceof BadRequestException);
    const apigw = client(() => ({}));
    const err = await rejection(apigw.send(new CreateRestApiCommand({ name: 'x', endpointConfiguration: { types: ['NOPE' as never] } })));
    assert.equal(err.name, 'ValidationException');
    assert.equal(
      err.message,
      "1 validation error detected: Value '[NOPE]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [REGIONAL, EDGE, PRIVATE]]",
    );
    const patch = await rejection(apigw.send(new UpdateRestApiCommand({ restApiId: 'x', patchOperations: [{ op: 'nope' as never, path: '/name' }] })));
    assert.equal(
      patch.message,
      "1 validation error detected: Value 'nope' at 'updateRestApiInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, replace, move, copy, test]",
    );
  });

  it('not implemented answers UnknownOperationException 400', async () => {
    const log: Exchange[] = [];
    const apigw = client((p) => new NotImplementedError(`${p.operation} is not implemented by localvpc (apigateway 2015-07-09).`), log);
    const err = await rejection(apigw.send(new GetRestApisCommand({})));
    assert.equal(err.name, 'UnknownOperationException');
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.equal(err.message, 'GetRestApis is not implemented by localvpc (apigateway 2015-07-09).');
    assert.equal(log[0]!.response.headers['x-amzn-ErrorType'], 'UnknownOperationException');
  });
});
