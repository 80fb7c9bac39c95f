/**
 * Listener rules, listener certificates and ALB attributes driven by
 * @aws-sdk/client-elastic-load-balancing-v2: the SDK serializes (nested condition configs, lists
 * of structures), the query codec parses, the real handlers answer, and the SDK reads the answer
 * back (the default rule's empty Conditions, Priority as a string, modelled error classes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddListenerCertificatesCommand,
  CertificateNotFoundException,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeleteRuleCommand,
  DescribeListenerCertificatesCommand,
  DescribeRulesCommand,
  DescribeTargetGroupAttributesCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  ModifyRuleCommand,
  ModifyTargetGroupAttributesCommand,
  OperationNotPermittedException,
  PriorityInUseException,
  RuleNotFoundException,
  SetRulePrioritiesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { serviceResponder } from '../../../test/helpers/context.js';
import { CLIENT_CONFIG, sdkHandler } from '../../protocol/sdk-harness.test.js';
import { elbv2Service } from './index.js';
import { acmCertificate, world } from './fixtures.test.js';

function clientFor(ctx: ReturnType<typeof world>['ctx']) {
  return new ElasticLoadBalancingV2Client({ ...CLIENT_CONFIG, requestHandler: sdkHandler(serviceResponder(elbv2Service, ctx)) });
}

async function rejection<T extends Error>(p: Promise<unknown>, type: new (...args: any[]) => T): Promise<T> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof type, `expected ${type.name}, got ${(e as Error).name}: ${(e as Error).message}`);
    return e;
  }
  assert.fail('the call succeeded');
}

test('an ALB with rules, SNI certificates and attributes, built and read back with the SDK', async () => {
  const w = world();
  const elb = clientFor(w.ctx);
  const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: 'sdk-alb', Scheme: 'internal', Subnets: [w.subnetA, w.subnetB] }))).LoadBalancers![0]!;
  const tg = (await elb.send(new CreateTargetGroupCommand({ Name: 'sdk-web', Protocol: 'HTTP', Port: 80, VpcId: w.vpcId, TargetType: 'ip' }))).TargetGroups![0]!;
  const api = (await elb.send(new CreateTargetGroupCommand({ Name: 'sdk-api', Protocol: 'HTTP', Port: 8080, VpcId: w.vpcId, TargetType: 'ip' }))).TargetGroups![0]!;
  const cert = acmCertificate(w);
  const listener = (
    await elb.send(new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: cert }], DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] }))
  ).Listeners![0]!;

  const created = (
    await elb.send(
      new CreateRuleCommand({
        ListenerArn: listener.ListenerArn,
        Priority: 10,
        Conditions: [
          { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com', '*.api.example.com'] } },
          { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['prod'] } },
          { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'v', Value: '2' }] } },
          { Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8'] } },
        ],
        Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: api.TargetGroupArn, Weight: 10 }, { TargetGroupArn: tg.TargetGroupArn, Weight: 20 }] } }],
        Tags: [{ Key: 'team', Value: 'api' }],
      }),
    )
  ).Rules![0]!;
  assert.equal(created.Priority, '10');
  assert.equal(created.IsDefault, false);
  assert.deepEqual(created.Conditions![0], { Field: 'host-header', Values: ['api.example.com', '*.api.example.com'], HostHeaderConfig: { Values: ['api.example.com', '*.api.example.com'] } });
  assert.deepEqual(created.Conditions![2]!.QueryStringConfig, { Values: [{ Key: 'v', Value: '2' }] });
  assert.deepEqual(created.Actions![0]!.ForwardConfig!.TargetGroups!.map((t) => t.Weight), [10, 20]);

  const second = (await elb.send(new CreateRuleCommand({ ListenerArn: listener.ListenerArn, Priority: 20, Conditions: [{ Field: 'path-pattern', Values: ['/static/*'] }], Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '204' } }] }))).Rules![0]!;
  await rejection(elb.send(new CreateRuleCommand({ ListenerArn: listener.ListenerArn, Priority: 20, Conditions: [{ Field: 'path-pattern', Values: ['/x'] }], Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '204' } }] })), PriorityInUseException);

  const rules = (await elb.send(new DescribeRulesCommand({ ListenerArn: listener.ListenerArn }))).Rules!;
  assert.deepEqual(rules.map((r) => [r.Priority, r.IsDefault]), [['10', false], ['20', false], ['default', true]]);
  assert.deepEqual(rules[2]!.Conditions, []);
  assert.equal(rules[2]!.Actions![0]!.TargetGroupArn, tg.TargetGroupArn);

  const swapped = (await elb.send(new SetRulePrioritiesCommand({ RulePriorities: [{ RuleArn: created.RuleArn, Priority: 20 }, { RuleArn: second.RuleArn, Priority: 10 }] }))).Rules!;
  assert.deepEqual(swapped.map((r) => r.Priority), ['20', '10']);
  const modified = (await elb.send(new ModifyRuleCommand({ RuleArn: second.RuleArn, Conditions: [{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET', 'HEAD'] } }] }))).Rules![0]!;
  assert.deepEqual(modified.Conditions, [{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET', 'HEAD'] } }]);
  await rejection(elb.send(new DeleteRuleCommand({ RuleArn: rules[2]!.RuleArn })), OperationNotPermittedException);
  await elb.send(new DeleteRuleCommand({ RuleArn: second.RuleArn }));
  await rejection(elb.send(new DescribeRulesCommand({ RuleArns: [second.RuleArn!] })), RuleNotFoundException);

  const sni = acmCertificate(w, { type: 'IMPORTED' });
  await elb.send(new AddListenerCertificatesCommand({ ListenerArn: listener.ListenerArn, Certificates: [{ CertificateArn: sni }] }));
  const certs = (await elb.send(new DescribeListenerCertificatesCommand({ ListenerArn: listener.ListenerArn }))).Certificates!;
  assert.deepEqual(certs, [
    { CertificateArn: cert, IsDefault: true },
    { CertificateArn: sni, IsDefault: false },
  ]);
  const pending = acmCertificate(w, { status: 'PENDING_VALIDATION' });
  const notFound = await rejection(elb.send(new AddListenerCertificatesCommand({ ListenerArn: listener.ListenerArn, Certificates: [{ CertificateArn: pending }] })), CertificateNotFoundException);
  assert.equal(notFound.message, `Certificate '${pending}' not found`);

  const lbAttrs = (await elb.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: lb.LoadBalancerArn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '120' }, { Key: 'routing.http.xff_header_processing.mode', Value: 'remove' }] }))).Attributes!;
  assert.ok(lbAttrs.some((a) => a.Key === 'idle_timeout.timeout_seconds' && a.Value === '120'));
  await elb.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: api.TargetGroupArn, Attributes: [{ Key: 'load_balancing.algorithm.type', Value: 'least_outstanding_requests' }] }));
  const tgAttrs = (await elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: api.TargetGroupArn }))).Attributes!;
  assert.ok(tgAttrs.some((a) => a.Key === 'load_balancing.algorithm.type' && a.Value === 'least_outstanding_requests'));
});
