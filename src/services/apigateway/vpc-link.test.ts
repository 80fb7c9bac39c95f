/**
 * VPC links v1 (apigateway-rest.md §1.9, checklist 13): status computed from the ELBv2 records,
 * which this test writes directly (the ELBv2 service is not imported).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apigatewayService as svc } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { ELBV2_KIND, type LoadBalancer } from '../../state/records/elbv2.js';
import type { OperationContext } from '../context.js';

const NLB = 'arn:aws:elasticloadbalancing:eu-west-1:000000000000:loadbalancer/net/nlb/0123456789abcdef';
const ALB = 'arn:aws:elasticloadbalancing:eu-west-1:000000000000:loadbalancer/app/alb/0123456789abcdef';

function putLb(ctx: OperationContext, arn: string, type: 'network' | 'application', state: LoadBalancer['state']) {
  const lb: LoadBalancer = {
    id: arn, region: ctx.region, tags: [], createdAt: '2026-01-01T00:00:00.000Z', name: 'lb', type, scheme: 'internal', vpcId: 'vpc-1', zones: [],
    securityGroups: [], ipAddressType: 'ipv4', dnsName: 'lb.elb.eu-west-1.amazonaws.com', canonicalHostedZoneId: 'Z', state, attributes: {},
  };
  ctx.store.transact((tx) => tx.put(ELBV2_KIND.loadBalancer, lb));
}

test('CreateVpcLink answers PENDING; reads follow the NLB; failures for non-NLB targets', async () => {
  const ctx = testContext();
  putLb(ctx, NLB, 'network', 'provisioning');
  const link = await call(svc, ctx, 'CreateVpcLink', { name: 'l', targetArns: [NLB] });
  assert.match(link.id, /^[a-z0-9]{6}$/);
  assert.equal(link.status, 'PENDING');
  assert.equal((await call(svc, ctx, 'GetVpcLink', { vpcLinkId: link.id })).status, 'PENDING');
  putLb(ctx, NLB, 'network', 'active');
  assert.equal((await call(svc, ctx, 'GetVpcLink', { vpcLinkId: link.id })).status, 'AVAILABLE');

  putLb(ctx, ALB, 'application', 'active');
  const alb = await call(svc, ctx, 'CreateVpcLink', { name: 'a', targetArns: [ALB] });
  const albRead = await call(svc, ctx, 'GetVpcLink', { vpcLinkId: alb.id });
  assert.equal(albRead.status, 'FAILED');
  assert.ok(albRead.statusMessage);
  const missing = await call(svc, ctx, 'CreateVpcLink', { name: 'm', targetArns: [NLB.replace('nlb', 'gone')] });
  assert.equal((await call(svc, ctx, 'GetVpcLink', { vpcLinkId: missing.id })).status, 'FAILED');
  assert.equal((await call(svc, ctx, 'GetVpcLinks', {})).items.length, 3);
});

test('validation, not found, update, delete while referenced', async () => {
  const ctx = testContext();
  assert.equal((await callError(svc, ctx, 'CreateVpcLink', { name: 'l', targetArns: ['invalid-arn'] })).message, 'Invalid ARN. ARN is not well formed invalid-arn');
  assert.equal((await callError(svc, ctx, 'CreateVpcLink', { name: '', targetArns: [NLB] })).message, 'Name cannot be empty');
  assert.equal((await callError(svc, ctx, 'CreateVpcLink', { name: 'l', targetArns: [NLB, NLB] })).code, 'BadRequestException');
  const nf = await callError(svc, ctx, 'GetVpcLink', { vpcLinkId: 'nope00' });
  assert.equal(nf.status, 404);
  assert.equal(nf.message, 'Invalid Vpc Link identifier specified');
  const link = await call(svc, ctx, 'CreateVpcLink', { name: 'l', targetArns: [NLB] });
  const up = await call(svc, ctx, 'UpdateVpcLink', { vpcLinkId: link.id, patchOperations: [{ op: 'replace', path: '/name', value: 'n' }, { op: 'replace', path: '/description', value: 'd' }] });
  assert.equal(up.name, 'n');
  assert.equal(up.description, 'd');

  const api = await call(svc, ctx, 'CreateRestApi', { name: 'a' });
  const m = { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET' };
  await call(svc, ctx, 'PutMethod', { ...m, authorizationType: 'NONE' });
  await call(svc, ctx, 'PutIntegration', { ...m, type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'http://nlb.internal', connectionType: 'VPC_LINK', connectionId: link.id });
  assert.equal((await callError(svc, ctx, 'DeleteVpcLink', { vpcLinkId: link.id })).code, 'BadRequestException');
  await call(svc, ctx, 'DeleteIntegration', m);
  await call(svc, ctx, 'DeleteVpcLink', { vpcLinkId: link.id });
  assert.equal((await callError(svc, ctx, 'GetVpcLink', { vpcLinkId: link.id })).code, 'NotFoundException');
});
