/**
 * Architecture 2 driven by @aws-sdk/client-api-gateway: the SDK serializes, the rest-json codec
 * parses, the real handlers answer, the codec serializes (`item` lists, epoch seconds, 201/202),
 * and the SDK reads the answer back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APIGatewayClient,
  ConflictException,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateVpcLinkCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetStagesCommand,
  GetTagsCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { apigatewayService } from './index.js';
import { testContext, serviceResponder } from '../../../test/helpers/context.js';
import { CLIENT_CONFIG, rejection, sdkHandler, type Exchange } from '../../protocol/sdk-harness.test.js';

function clientFor(ctx = testContext(), log: Exchange[] = []) {
  const respond = serviceResponder(apigatewayService, ctx);
  return new APIGatewayClient({ ...CLIENT_CONFIG, requestHandler: sdkHandler(respond, log) });
}

test('architecture 2 through the SDK and the codec', async () => {
  const log: Exchange[] = [];
  const apigw = clientFor(testContext(), log);
  const api = await apigw.send(new CreateRestApiCommand({ name: 'arch2', endpointConfiguration: { types: ['REGIONAL'] }, tags: { team: 'net' } }));
  assert.equal(api.$metadata.httpStatusCode, 201);
  assert.ok(api.createdDate instanceof Date);
  assert.match(String(log[0]!.response.body), /"createdDate":\d+[,}]/);
  assert.deepEqual(api.endpointConfiguration, { types: ['REGIONAL'], ipAddressType: 'ipv4' });
  const proxy = await apigw.send(new CreateResourceCommand({ restApiId: api.id!, parentId: api.rootResourceId!, pathPart: '{proxy+}' }));
  assert.equal(proxy.path, '/{proxy+}');
  const method = await apigw.send(new PutMethodCommand({ restApiId: api.id!, resourceId: proxy.id!, httpMethod: 'ANY', authorizationType: 'NONE', requestParameters: { 'method.request.path.proxy': true } }));
  assert.equal(method.$metadata.httpStatusCode, 201);
  assert.deepEqual(method.requestParameters, { 'method.request.path.proxy': true });
  const integration = await apigw.send(new PutIntegrationCommand({
    restApiId: api.id!, resourceId: proxy.id!, httpMethod: 'ANY', type: 'HTTP_PROXY', integrationHttpMethod: 'ANY',
    connectionType: 'VPC_LINK', connectionId: '${stageVariables.VPCLINK}', uri: 'http://${stageVariables.VPCNLB}/{proxy}',
    requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
  }));
  assert.equal(integration.httpMethod, 'ANY');
  assert.equal(integration.timeoutInMillis, 29000);
  assert.deepEqual(integration.cacheKeyParameters, []);
  const d = await apigw.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: 'test' }));
  assert.equal(d.$metadata.httpStatusCode, 201);
  const stage = await apigw.send(new UpdateStageCommand({
    restApiId: api.id!, stageName: 'test',
    patchOperations: [{ op: 'replace', path: '/variables/VPCLINK', value: 'gim7c3' }, { op: 'replace', path: '/variables/VPCNLB', value: 'nlb.example.internal' }],
  }));
  assert.deepEqual(stage.variables, { VPCLINK: 'gim7c3', VPCNLB: 'nlb.example.internal' });
  assert.equal(stage.deploymentId, d.id);

  const resources = await apigw.send(new GetResourcesCommand({ restApiId: api.id!, embed: ['methods'] }));
  assert.match(String(log.at(-1)!.response.body), /"item":\[/);
  const p = resources.items!.find((r) => r.path === '/{proxy+}')!;
  assert.equal(p.resourceMethods!['ANY']!.methodIntegration!.connectionId, '${stageVariables.VPCLINK}');
  const stages = await apigw.send(new GetStagesCommand({ restApiId: api.id! }));
  assert.deepEqual(stages.item!.map((s) => s.stageName), ['test']);
  const tags = await apigw.send(new GetTagsCommand({ resourceArn: `arn:aws:apigateway:eu-west-1::/restapis/${api.id}` }));
  assert.deepEqual(tags.tags, { team: 'net' });

  const link = await apigw.send(new CreateVpcLinkCommand({ name: 'l', targetArns: ['arn:aws:elasticloadbalancing:eu-west-1:000000000000:loadbalancer/net/n/0123456789abcdef'] }));
  assert.equal(link.$metadata.httpStatusCode, 202);
  assert.equal(link.status, 'PENDING');
});

test('errors keep their class, status and message through the codec', async () => {
  const apigw = clientFor();
  const nf = await rejection(apigw.send(new GetRestApiCommand({ restApiId: 'doesnotexist' })));
  assert.ok(nf instanceof NotFoundException);
  assert.equal(nf.$metadata?.httpStatusCode, 404);
  assert.equal(nf.message, 'Invalid API identifier specified 000000000000:doesnotexist');
  const api = await apigw.send(new CreateRestApiCommand({ name: 'a' }));
  await apigw.send(new CreateResourceCommand({ restApiId: api.id!, parentId: api.rootResourceId!, pathPart: 'pets' }));
  const dup = await rejection(apigw.send(new CreateResourceCommand({ restApiId: api.id!, parentId: api.rootResourceId!, pathPart: 'pets' })));
  assert.ok(dup instanceof ConflictException);
  assert.equal(dup.$metadata?.httpStatusCode, 409);
  assert.equal(dup.message, 'Another resource with the same parent already has this name: pets');
});
