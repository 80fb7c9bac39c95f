import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callError } from '../../../test/helpers/context.js';
import { ELBV2_KIND } from '../../state/records/elbv2.js';
import { elbv2Service } from './index.js';
import { acmCertificate, httpAlb, internalNlb, tcpTargetGroup, world, type World } from './fixtures.test.js';

const pathRule = (listenerArn: string, priority: number, path: string, tgArn: string) => ({
  ListenerArn: listenerArn,
  Priority: priority,
  Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [path] } }],
  Actions: [{ Type: 'forward', TargetGroupArn: tgArn }],
});

async function err(w: World, operation: string, input: Record<string, unknown>): Promise<[string, string]> {
  const e = await callError(elbv2Service, w.ctx, operation, input);
  return [e.code, e.message];
}

test('CreateRule and DescribeRules: rules by ascending priority, then the synthesized default rule', async () => {
  const w = world();
  const { tg, listener } = await httpAlb(w);
  const r20 = (await w.call('CreateRule', pathRule(listener.ListenerArn, 20, '/b/*', tg.TargetGroupArn))).Rules[0];
  const r10 = (await w.call('CreateRule', { ...pathRule(listener.ListenerArn, 10, '/a/*', tg.TargetGroupArn), Conditions: [{ Field: 'host-header', Values: ['api.example.com'] }] })).Rules[0];
  assert.match(r10.RuleArn, /^arn:aws:elasticloadbalancing:eu-west-1:000000000000:listener-rule\/app\/alb\/[0-9a-f]{16}\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
  assert.ok(r10.RuleArn.startsWith(listener.ListenerArn.replace(':listener/', ':listener-rule/')));
  assert.deepEqual(r10, {
    RuleArn: r10.RuleArn,
    Priority: '10',
    Conditions: [{ Field: 'host-header', Values: ['api.example.com'], HostHeaderConfig: { Values: ['api.example.com'] } }],
    Actions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn, ForwardConfig: { TargetGroups: [{ TargetGroupArn: tg.TargetGroupArn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } } }],
    IsDefault: false,
  });
  const rules = (await w.call('DescribeRules', { ListenerArn: listener.ListenerArn })).Rules;
  assert.deepEqual(rules.map((r: any) => [r.Priority, r.IsDefault]), [['10', false], ['20', false], ['default', true]]);
  const def = rules[2];
  assert.deepEqual(def.Conditions, []);
  assert.deepEqual(def.Actions, listener.DefaultActions);
  assert.ok(def.RuleArn.startsWith(listener.ListenerArn.replace(':listener/', ':listener-rule/')));
  // The default rule's ARN is stable: the same on every read.
  assert.equal((await w.call('DescribeRules', { ListenerArn: listener.ListenerArn })).Rules[2].RuleArn, def.RuleArn);
  // By ARNs, the default rule included.
  const byArn = (await w.call('DescribeRules', { RuleArns: [def.RuleArn, r20.RuleArn] })).Rules;
  assert.deepEqual(byArn.map((r: any) => r.Priority), ['default', '20']);
  // Paging.
  const first = await w.call('DescribeRules', { ListenerArn: listener.ListenerArn, PageSize: 2 });
  assert.deepEqual(first.Rules.map((r: any) => r.Priority), ['10', '20']);
  const second = await w.call('DescribeRules', { ListenerArn: listener.ListenerArn, PageSize: 2, Marker: first.NextMarker });
  assert.deepEqual([second.Rules.map((r: any) => r.Priority), second.NextMarker], [['default'], undefined]);
  // The default rule follows ModifyListener's default actions.
  const fixed = { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'none' } };
  await w.call('ModifyListener', { ListenerArn: listener.ListenerArn, DefaultActions: [fixed] });
  assert.deepEqual((await w.call('DescribeRules', { RuleArns: [def.RuleArn] })).Rules[0].Actions, [fixed]);
});

test('DescribeRules refusals (moto wording) and unknown rules', async () => {
  const w = world();
  const { listener } = await httpAlb(w);
  assert.deepEqual(await err(w, 'DescribeRules', {}), ['ValidationError', 'You must specify either listener rule ARNs or a listener ARN']);
  const fake = `${listener.ListenerArn.replace(':listener/', ':listener-rule/')}/0123456789abcdef`;
  assert.deepEqual(await err(w, 'DescribeRules', { ListenerArn: listener.ListenerArn, RuleArns: [fake] }), ['ValidationError', 'Listener rule ARNs and a listener ARN cannot be specified at the same time']);
  assert.deepEqual(await err(w, 'DescribeRules', { RuleArns: [fake] }), ['RuleNotFound', 'One or more rules not found']);
  assert.equal((await err(w, 'DescribeRules', { ListenerArn: `${listener.ListenerArn}0` }))[0], 'ListenerNotFound');
});

test('CreateRule refusals: PriorityInUse, priority range, actions path in messages, unknown target group, TooManyRules per load balancer', async () => {
  const w = world();
  const { lb, tg, listener } = await httpAlb(w);
  await w.call('CreateRule', pathRule(listener.ListenerArn, 5, '/a', tg.TargetGroupArn));
  assert.deepEqual(await err(w, 'CreateRule', pathRule(listener.ListenerArn, 5, '/b', tg.TargetGroupArn)), ['PriorityInUse', 'The specified priority is in use.']);
  for (const Priority of [0, 50001, 1.5]) assert.equal((await err(w, 'CreateRule', { ...pathRule(listener.ListenerArn, 1, '/b', tg.TargetGroupArn), Priority }))[0], 'ValidationError');
  assert.deepEqual(await err(w, 'CreateRule', { ...pathRule(listener.ListenerArn, 6, '/b', tg.TargetGroupArn), Actions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }, { Type: 'nope' }] }), [
    'ValidationError',
    "1 validation error detected: Value 'nope' at 'actions.2.member.type' failed to satisfy constraint: Member must satisfy enum value set: [forward, redirect, fixed-response]",
  ]);
  assert.equal((await err(w, 'CreateRule', { ...pathRule(listener.ListenerArn, 6, '/b', tg.TargetGroupArn), Actions: [{ Type: 'authenticate-oidc' }, { Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] }))[0], 'NotImplemented');
  assert.equal((await err(w, 'CreateRule', pathRule(listener.ListenerArn, 6, '/b', `${tg.TargetGroupArn.slice(0, -1)}0`)))[0], 'TargetGroupNotFound');
  assert.equal((await err(w, 'CreateRule', { ...pathRule(listener.ListenerArn, 6, '/b', tg.TargetGroupArn), Transforms: [{ Type: 'url-rewrite' }] }))[0], 'NotImplemented');
  // The quota counts rules across the load balancer's listeners (100, default rules not counted).
  const second = (await w.call('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTP', Port: 8080, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })).Listeners[0];
  for (let p = 1; p < 100; p++) await w.call('CreateRule', pathRule(second.ListenerArn, p, `/r${p}`, tg.TargetGroupArn));
  assert.equal(w.ctx.store.list(ELBV2_KIND.rule).length, 100);
  const tooMany = await err(w, 'CreateRule', pathRule(listener.ListenerArn, 7, '/c', tg.TargetGroupArn));
  assert.equal(tooMany[0], 'TooManyRules');
});

test('CreateRule with redirect and fixed-response actions; HTTPS listener refuses a redirect to HTTP', async () => {
  const w = world();
  const { lb, tg, listener } = await httpAlb(w);
  const redirect = (await w.call('CreateRule', { ListenerArn: listener.ListenerArn, Priority: 1, Conditions: [{ Field: 'path-pattern', Values: ['/old'] }], Actions: [{ Type: 'redirect', RedirectConfig: { Path: '/new', StatusCode: 'HTTP_301' } }] })).Rules[0];
  assert.deepEqual(redirect.Actions, [{ Type: 'redirect', RedirectConfig: { Protocol: '#{protocol}', Port: '#{port}', Host: '#{host}', Path: '/new', Query: '#{query}', StatusCode: 'HTTP_301' } }]);
  const https = (await w.call('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: acmCertificate(w) }], DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })).Listeners[0];
  const down = await err(w, 'CreateRule', { ListenerArn: https.ListenerArn, Priority: 1, Conditions: [{ Field: 'path-pattern', Values: ['/x'] }], Actions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTP', StatusCode: 'HTTP_302' } }] });
  assert.equal(down[0], 'InvalidLoadBalancerAction');
});

test('ModifyRule replaces conditions and actions wholesale; the default rule cannot be modified, deleted or reprioritised', async () => {
  const w = world();
  const { tg, listener } = await httpAlb(w);
  const rule = (await w.call('CreateRule', { ...pathRule(listener.ListenerArn, 1, '/a', tg.TargetGroupArn), Conditions: [{ Field: 'path-pattern', Values: ['/a'] }, { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } }] })).Rules[0];
  const onlyConditions = (await w.call('ModifyRule', { RuleArn: rule.RuleArn, Conditions: [{ Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8'] } }] })).Rules[0];
  assert.deepEqual(onlyConditions.Conditions, [{ Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8'] } }]);
  assert.deepEqual(onlyConditions.Actions, rule.Actions);
  const fixed = { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } };
  const onlyActions = (await w.call('ModifyRule', { RuleArn: rule.RuleArn, Actions: [fixed] })).Rules[0];
  assert.deepEqual([onlyActions.Conditions, onlyActions.Actions, onlyActions.Priority], [onlyConditions.Conditions, [fixed], '1']);
  assert.deepEqual(await err(w, 'ModifyRule', { RuleArn: rule.RuleArn }), ['ValidationError', 'Either conditions or actions must be specified']);
  assert.equal((await err(w, 'ModifyRule', { RuleArn: rule.RuleArn, Conditions: [{ Field: 'cookie', Values: ['x'] }] }))[0], 'ValidationError');
  // A refused modification changes nothing.
  assert.deepEqual((await w.call('DescribeRules', { RuleArns: [rule.RuleArn] })).Rules[0].Actions, [fixed]);

  const def = (await w.call('DescribeRules', { ListenerArn: listener.ListenerArn })).Rules.find((r: any) => r.IsDefault);
  assert.deepEqual(await err(w, 'ModifyRule', { RuleArn: def.RuleArn, Actions: [fixed] }), ['OperationNotPermitted', `Default rule '${def.RuleArn}' cannot be modified`]);
  assert.deepEqual(await err(w, 'DeleteRule', { RuleArn: def.RuleArn }), ['OperationNotPermitted', `Default rule '${def.RuleArn}' cannot be deleted`]);
  assert.equal((await err(w, 'SetRulePriorities', { RulePriorities: [{ RuleArn: def.RuleArn, Priority: 9 }] }))[0], 'OperationNotPermitted');

  await w.call('DeleteRule', { RuleArn: rule.RuleArn });
  assert.deepEqual((await w.call('DescribeRules', { ListenerArn: listener.ListenerArn })).Rules.map((r: any) => r.Priority), ['default']);
  assert.deepEqual(await err(w, 'DeleteRule', { RuleArn: rule.RuleArn }), ['RuleNotFound', 'One or more rules not found']);
  assert.equal((await err(w, 'ModifyRule', { RuleArn: rule.RuleArn, Actions: [fixed] }))[0], 'RuleNotFound');
});

test('SetRulePriorities: atomic, swaps allowed, duplicates and collisions refused', async () => {
  const w = world();
  const { tg, listener } = await httpAlb(w);
  const a = (await w.call('CreateRule', pathRule(listener.ListenerArn, 1, '/a', tg.TargetGroupArn))).Rules[0];
  const b = (await w.call('CreateRule', pathRule(listener.ListenerArn, 2, '/b', tg.TargetGroupArn))).Rules[0];
  const c = (await w.call('CreateRule', pathRule(listener.ListenerArn, 3, '/c', tg.TargetGroupArn))).Rules[0];
  const swapped = (await w.call('SetRulePriorities', { RulePriorities: [{ RuleArn: a.RuleArn, Priority: 2 }, { RuleArn: b.RuleArn, Priority: 1 }] })).Rules;
  assert.deepEqual(swapped.map((r: any) => [r.RuleArn, r.Priority]), [[a.RuleArn, '2'], [b.RuleArn, '1']]);
  const order = async () => (await w.call('DescribeRules', { ListenerArn: listener.ListenerArn })).Rules.map((r: any) => r.RuleArn);
  assert.deepEqual((await order()).slice(0, 3), [b.RuleArn, a.RuleArn, c.RuleArn]);

  assert.deepEqual(await err(w, 'SetRulePriorities', { RulePriorities: [{ RuleArn: a.RuleArn, Priority: 7 }, { RuleArn: b.RuleArn, Priority: 7 }] }), ['ValidationError', "Priority '7' was provided multiple times"]);
  // Moving a onto c's priority while c keeps it: nothing changes, not even b's part of the call.
  assert.deepEqual(await err(w, 'SetRulePriorities', { RulePriorities: [{ RuleArn: b.RuleArn, Priority: 10 }, { RuleArn: a.RuleArn, Priority: 3 }] }), ['PriorityInUse', 'The specified priority is in use.']);
  assert.deepEqual((await w.call('DescribeRules', { RuleArns: [b.RuleArn] })).Rules[0].Priority, '1');
  const missing = `${a.RuleArn.slice(0, -1)}${a.RuleArn.endsWith('0') ? '1' : '0'}`;
  assert.equal((await err(w, 'SetRulePriorities', { RulePriorities: [{ RuleArn: missing, Priority: 9 }] }))[0], 'RuleNotFound');
  assert.equal((await err(w, 'SetRulePriorities', { RulePriorities: [{ RuleArn: a.RuleArn, Priority: 0 }] }))[0], 'ValidationError');
});

test('rules count as uses of their target groups: LoadBalancerArns, DescribeTargetGroups by LB, ResourceInUse, TargetGroupAssociationLimit', async () => {
  const w = world();
  const { lb, listener } = await httpAlb(w);
  const ruled = (await w.call('CreateTargetGroup', { Name: 'ruled', Protocol: 'HTTP', Port: 8080, VpcId: w.vpcId, TargetType: 'ip' })).TargetGroups[0];
  assert.deepEqual((await w.call('DescribeTargetGroups', { TargetGroupArns: [ruled.TargetGroupArn] })).TargetGroups[0].LoadBalancerArns, []);
  const rule = (await w.call('CreateRule', pathRule(listener.ListenerArn, 1, '/r', ruled.TargetGroupArn))).Rules[0];
  assert.deepEqual((await w.call('DescribeTargetGroups', { TargetGroupArns: [ruled.TargetGroupArn] })).TargetGroups[0].LoadBalancerArns, [lb.LoadBalancerArn]);
  assert.deepEqual((await w.call('DescribeTargetGroups', { LoadBalancerArn: lb.LoadBalancerArn })).TargetGroups.map((t: any) => t.TargetGroupName).sort(), ['alb-tg', 'ruled']);
  assert.deepEqual(await err(w, 'DeleteTargetGroup', { TargetGroupArn: ruled.TargetGroupArn }), ['ResourceInUse', `The target group '${ruled.TargetGroupArn}' is currently in use by a listener or a rule`]);
  // Another load balancer cannot use a group a rule already forwards to.
  const other = await httpAlb(w, 'other');
  assert.equal((await err(w, 'CreateRule', pathRule(other.listener.ListenerArn, 1, '/x', ruled.TargetGroupArn)))[0], 'TargetGroupAssociationLimit');
  await w.call('DeleteRule', { RuleArn: rule.RuleArn });
  await w.call('DeleteTargetGroup', { TargetGroupArn: ruled.TargetGroupArn });
  assert.equal((await err(w, 'DescribeTargetGroups', { TargetGroupArns: [ruled.TargetGroupArn] }))[0], 'TargetGroupNotFound');
});

test('deleting a listener or its load balancer deletes its rules', async () => {
  const w = world();
  const { lb, tg, listener } = await httpAlb(w);
  const rule = (await w.call('CreateRule', pathRule(listener.ListenerArn, 1, '/a', tg.TargetGroupArn))).Rules[0];
  await w.call('DeleteListener', { ListenerArn: listener.ListenerArn });
  assert.equal((await err(w, 'DescribeRules', { RuleArns: [rule.RuleArn] }))[0], 'RuleNotFound');
  assert.equal(w.ctx.store.list(ELBV2_KIND.rule).length, 0);
  const again = (await w.call('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })).Listeners[0];
  await w.call('CreateRule', pathRule(again.ListenerArn, 1, '/a', tg.TargetGroupArn));
  await w.call('DeleteLoadBalancer', { LoadBalancerArn: lb.LoadBalancerArn });
  assert.equal(w.ctx.store.list(ELBV2_KIND.rule).length, 0);
  await w.call('DeleteTargetGroup', { TargetGroupArn: tg.TargetGroupArn });
});

test('ModifyListener keeps rules working across HTTP and HTTPS; a rule redirecting to HTTP blocks the change to HTTPS', async () => {
  const w = world();
  const { tg, listener } = await httpAlb(w);
  const rule = (await w.call('CreateRule', pathRule(listener.ListenerArn, 1, '/a', tg.TargetGroupArn))).Rules[0];
  const cert = acmCertificate(w);
  const https = (await w.call('ModifyListener', { ListenerArn: listener.ListenerArn, Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: cert }] })).Listeners[0];
  assert.deepEqual([https.Protocol, https.Port, https.Certificates, https.SslPolicy], ['HTTPS', 443, [{ CertificateArn: cert }], 'ELBSecurityPolicy-2016-08']);
  assert.deepEqual((await w.call('DescribeRules', { ListenerArn: listener.ListenerArn })).Rules.map((r: any) => r.RuleArn)[0], rule.RuleArn);
  const http = (await w.call('ModifyListener', { ListenerArn: listener.ListenerArn, Protocol: 'HTTP', Port: 80 })).Listeners[0];
  assert.deepEqual([http.Protocol, http.Certificates], ['HTTP', undefined]);
  await w.call('CreateRule', { ListenerArn: listener.ListenerArn, Priority: 2, Conditions: [{ Field: 'path-pattern', Values: ['/plain'] }], Actions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTP', Port: '8080', StatusCode: 'HTTP_302' } }] });
  assert.equal((await err(w, 'ModifyListener', { ListenerArn: listener.ListenerArn, Protocol: 'HTTPS', Certificates: [{ CertificateArn: cert }] }))[0], 'InvalidLoadBalancerAction');
  assert.equal((await w.call('DescribeListeners', { ListenerArns: [listener.ListenerArn] })).Listeners[0].Protocol, 'HTTP');
});

test('Network Load Balancer listeners: only the default rule; CreateRule answers UnsupportedProtocol', async () => {
  const w = world();
  const nlb = await internalNlb(w);
  const tg = await tcpTargetGroup(w);
  const listener = (await w.call('CreateListener', { LoadBalancerArn: nlb.LoadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })).Listeners[0];
  const rules = (await w.call('DescribeRules', { ListenerArn: listener.ListenerArn })).Rules;
  assert.deepEqual(rules.map((r: any) => [r.Priority, r.IsDefault]), [['default', true]]);
  assert.match(rules[0].RuleArn, /:listener-rule\/net\/my-nlb\//);
  assert.equal((await err(w, 'CreateRule', { ListenerArn: listener.ListenerArn, Priority: 1, Conditions: [{ Field: 'path-pattern', Values: ['/a'] }], Actions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] }))[0], 'UnsupportedProtocol');
});

test('tags on rules: add, describe, remove; the default rule shows none and refuses new ones', async () => {
  const w = world();
  const { tg, listener } = await httpAlb(w);
  const rule = (await w.call('CreateRule', { ...pathRule(listener.ListenerArn, 1, '/a', tg.TargetGroupArn), Tags: [{ Key: 'team', Value: 'web' }] })).Rules[0];
  await w.call('AddTags', { ResourceArns: [rule.RuleArn], Tags: [{ Key: 'env', Value: 'dev' }] });
  await w.call('RemoveTags', { ResourceArns: [rule.RuleArn], TagKeys: ['team'] });
  const def = (await w.call('DescribeRules', { ListenerArn: listener.ListenerArn })).Rules.find((r: any) => r.IsDefault);
  assert.deepEqual((await w.call('DescribeTags', { ResourceArns: [rule.RuleArn, def.RuleArn] })).TagDescriptions, [
    { ResourceArn: rule.RuleArn, Tags: [{ Key: 'env', Value: 'dev' }] },
    { ResourceArn: def.RuleArn, Tags: [] },
  ]);
  assert.equal((await err(w, 'AddTags', { ResourceArns: [def.RuleArn], Tags: [{ Key: 'a' }] }))[0], 'NotImplemented');
  await w.call('DeleteRule', { RuleArn: rule.RuleArn });
  assert.deepEqual(await err(w, 'DescribeTags', { ResourceArns: [rule.RuleArn] }), ['RuleNotFound', 'One or more rules not found']);
});
