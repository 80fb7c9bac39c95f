/**
 * Custom domains through @aws-sdk/client-api-gateway and the rest-json codec: `(none)` and
 * ARNs in URI labels, `?domainNameId=`, the reject call's query, `item` lists, 201/202 answers
 * and error classes (apigateway-rest.md §1.1, §1.1b, §1.10).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APIGatewayClient,
  BadRequestException,
  ConflictException,
  CreateBasePathMappingCommand,
  CreateDeploymentCommand,
  CreateDomainNameAccessAssociationCommand,
  CreateDomainNameCommand,
  CreateRestApiCommand,
  DeleteBasePathMappingCommand,
  DeleteDomainNameAccessAssociationCommand,
  DeleteDomainNameCommand,
  GetBasePathMappingCommand,
  GetBasePathMappingsCommand,
  GetDomainNameAccessAssociationsCommand,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  GetTagsCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutMethodCommand,
  RejectDomainNameAccessAssociationCommand,
  TagResourceCommand,
  UpdateBasePathMappingCommand,
  UpdateDomainNameCommand,
} from '@aws-sdk/client-api-gateway';
import { apigatewayService } from './index.js';
import { serviceResponder, testContext } from '../../../test/helpers/context.js';
import { CLIENT_CONFIG, rejection, sdkHandler, type Exchange } from '../../protocol/sdk-harness.test.js';
import { putCertificate, putVpcEndpoint } from './domain-fixtures.test.js';

test('regional domain, (none) and named mappings, through the SDK', async () => {
  const ctx = testContext();
  const log: Exchange[] = [];
  const apigw = new APIGatewayClient({ ...CLIENT_CONFIG, requestHandler: sdkHandler(serviceResponder(apigatewayService, ctx), log) });
  const cert = putCertificate(ctx.store, 'eu-west-1', ['vpcdemo.com']);
  const api = await apigw.send(new CreateRestApiCommand({ name: 'private-api', endpointConfiguration: { types: ['PRIVATE'] }, policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }] }) }));
  await apigw.send(new PutMethodCommand({ restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET', authorizationType: 'NONE' }));
  await apigw.send(new PutIntegrationCommand({ restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET', type: 'MOCK' }));
  await apigw.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: 'test' }));

  const dn = await apigw.send(new CreateDomainNameCommand({ domainName: 'vpcdemo.com', regionalCertificateArn: cert, endpointConfiguration: { types: ['REGIONAL'] } }));
  assert.equal(dn.$metadata.httpStatusCode, 201);
  assert.match(dn.regionalDomainName!, /^d-[a-z0-9]{10}\.execute-api\.eu-west-1\.amazonaws\.com$/);
  assert.equal(dn.regionalHostedZoneId, 'ZLY8HYME6SFDD');
  assert.equal(dn.domainNameStatus, 'AVAILABLE');
  assert.deepEqual(dn.endpointConfiguration, { types: ['REGIONAL'], ipAddressType: 'ipv4' });

  const none = await apigw.send(new CreateBasePathMappingCommand({ domainName: 'vpcdemo.com', restApiId: api.id!, stage: 'test' }));
  assert.equal(none.$metadata.httpStatusCode, 201);
  assert.equal(none.basePath, '(none)');
  await apigw.send(new CreateBasePathMappingCommand({ domainName: 'vpcdemo.com', basePath: 'orders', restApiId: api.id! }));
  const got = await apigw.send(new GetBasePathMappingCommand({ domainName: 'vpcdemo.com', basePath: '(none)' }));
  assert.deepEqual([got.basePath, got.restApiId, got.stage], ['(none)', api.id, 'test']);
  const list = await apigw.send(new GetBasePathMappingsCommand({ domainName: 'vpcdemo.com' }));
  assert.match(String(log.at(-1)!.response.body), /"item":\[/);
  assert.deepEqual(list.items!.map((m) => m.basePath), ['(none)', 'orders']);
  const up = await apigw.send(new UpdateBasePathMappingCommand({ domainName: 'vpcdemo.com', basePath: 'orders', patchOperations: [{ op: 'replace', path: '/stage', value: 'test' }] }));
  assert.equal(up.stage, 'test');

  const dup = await rejection(apigw.send(new CreateBasePathMappingCommand({ domainName: 'vpcdemo.com', basePath: 'orders', restApiId: api.id! })));
  assert.ok(dup instanceof ConflictException);
  assert.equal(dup.message, 'Base path already exists for this domain name');
  const slash = await rejection(apigw.send(new CreateBasePathMappingCommand({ domainName: 'vpcdemo.com', basePath: 'a/b', restApiId: api.id! })));
  assert.ok(slash instanceof BadRequestException);
  const exists = await rejection(apigw.send(new CreateDomainNameCommand({ domainName: 'vpcdemo.com', regionalCertificateArn: cert, endpointConfiguration: { types: ['REGIONAL'] } })));
  assert.ok(exists instanceof BadRequestException);
  assert.equal(exists.message, 'The domain name you provided already exists.');

  const del = await apigw.send(new DeleteBasePathMappingCommand({ domainName: 'vpcdemo.com', basePath: '(none)' }));
  assert.equal(del.$metadata.httpStatusCode, 202);
  const gone = await rejection(apigw.send(new GetBasePathMappingCommand({ domainName: 'vpcdemo.com', basePath: '(none)' })));
  assert.ok(gone instanceof NotFoundException);
  assert.equal(gone.$metadata?.httpStatusCode, 404);

  await apigw.send(new TagResourceCommand({ resourceArn: dn.domainNameArn!, tags: { team: 'net' } }));
  assert.deepEqual((await apigw.send(new GetTagsCommand({ resourceArn: dn.domainNameArn! }))).tags, { team: 'net' });
  const all = await apigw.send(new GetDomainNamesCommand({}));
  assert.deepEqual(all.items!.map((d) => d.domainName), ['vpcdemo.com']);
  assert.equal((await apigw.send(new DeleteDomainNameCommand({ domainName: 'vpcdemo.com' }))).$metadata.httpStatusCode, 202);
});

test('private domain, domainNameId query, access associations by ARN, through the SDK', async () => {
  const ctx = testContext();
  const apigw = new APIGatewayClient({ ...CLIENT_CONFIG, requestHandler: sdkHandler(serviceResponder(apigatewayService, ctx)) });
  const cert = putCertificate(ctx.store, 'eu-west-1', ['private.example.com']);
  const vpce = putVpcEndpoint(ctx.store, 'eu-west-1');
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: ['execute-api:/*'] }] });
  const dn = await apigw.send(new CreateDomainNameCommand({ domainName: 'private.example.com', certificateArn: cert, endpointConfiguration: { types: ['PRIVATE'] }, policy }));
  const id = dn.domainNameId!;
  assert.equal(JSON.parse(dn.policy!).Statement[0].Resource[0], `arn:aws:execute-api:eu-west-1:000000000000:/domainnames/private.example.com+${id}`);
  const got = await apigw.send(new GetDomainNameCommand({ domainName: 'private.example.com', domainNameId: id }));
  assert.equal(got.domainNameArn, dn.domainNameArn);
  const nf = await rejection(apigw.send(new GetDomainNameCommand({ domainName: 'private.example.com' })));
  assert.ok(nf instanceof NotFoundException);
  assert.equal(nf.message, 'Invalid domain name identifier specified');
  const up = await apigw.send(new UpdateDomainNameCommand({ domainName: 'private.example.com', domainNameId: id, patchOperations: [{ op: 'replace', path: '/managementPolicy', value: '{"Version":"2012-10-17","Statement":[]}' }] }));
  assert.equal(up.managementPolicy, '{"Version":"2012-10-17","Statement":[]}');

  const a = await apigw.send(new CreateDomainNameAccessAssociationCommand({ domainNameArn: dn.domainNameArn!, accessAssociationSourceType: 'VPCE', accessAssociationSource: vpce }));
  assert.equal(a.$metadata.httpStatusCode, 201);
  assert.equal(a.accessAssociationSource, vpce);
  const listed = await apigw.send(new GetDomainNameAccessAssociationsCommand({ resourceOwner: 'SELF' }));
  assert.deepEqual(listed.items!.map((x) => x.domainNameAccessAssociationArn), [a.domainNameAccessAssociationArn]);
  await apigw.send(new TagResourceCommand({ resourceArn: a.domainNameAccessAssociationArn!, tags: { k: 'v' } }));
  assert.deepEqual((await apigw.send(new GetTagsCommand({ resourceArn: a.domainNameAccessAssociationArn! }))).tags, { k: 'v' });
  const rejected = await rejection(apigw.send(new RejectDomainNameAccessAssociationCommand({ domainNameAccessAssociationArn: a.domainNameAccessAssociationArn!, domainNameArn: dn.domainNameArn! })));
  assert.ok(rejected instanceof BadRequestException);
  const del = await apigw.send(new DeleteDomainNameAccessAssociationCommand({ domainNameAccessAssociationArn: a.domainNameAccessAssociationArn! }));
  assert.equal(del.$metadata.httpStatusCode, 202);
  assert.deepEqual((await apigw.send(new GetDomainNameAccessAssociationsCommand({}))).items ?? [], []);
});
