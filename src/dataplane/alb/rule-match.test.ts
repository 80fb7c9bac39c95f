/**
 * Rule matching semantics (elbv2-vpc-endpoints.md §1.10, checklist 20–23), with conditions
 * compiled as the snapshot compiles them (lb/rule-conditions.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleCondition } from '../../state/records/elbv2.js';
import { compileRule, defaultRule } from '../lb/rule-conditions.js';
import type { RuleEntry } from '../lb/snapshot.js';
import { hostName, matchRule, splitTarget, type RequestFacts } from './rule-match.js';

const FORWARD = [{ Type: 'forward' as const, TargetGroupArn: 'tg' }];

function rule(priority: number, conditions: RuleCondition[]): RuleEntry {
  const issues: string[] = [];
  const r = compileRule({ id: `rule-${priority}`, region: 'eu-west-1', tags: [], createdAt: '', listenerArn: 'l', priority, conditions, actions: FORWARD }, issues);
  assert.deepEqual(issues, []);
  return r;
}

function request(over: Partial<RequestFacts> = {}): RequestFacts {
  return { method: 'GET', host: 'www.example.com', path: '/', query: undefined, rawHeaders: [], sourceIp: '10.0.3.10', ...over };
}

/** Whether a single rule with `conditions` matches. */
function holds(conditions: RuleCondition[], over: Partial<RequestFacts>): boolean {
  return matchRule([rule(1, conditions)], request(over)) !== undefined;
}

test('first matching rule by priority wins, the default rule last', () => {
  const rules = [rule(5, [{ Field: 'path-pattern', Values: ['/a/*'] }]), rule(10, [{ Field: 'path-pattern', Values: ['/a/b'] }]), defaultRule({ id: 'listener', defaultActions: FORWARD })];
  assert.equal(matchRule(rules, request({ path: '/a/b' }))!.arn, 'rule-5');
  assert.equal(matchRule(rules, request({ path: '/c' }))!.arn, 'listener');
  assert.equal(matchRule(rules, request({ path: '/c' }))!.priority, 'default');
});

test('values of one condition are OR, conditions of a rule are AND', () => {
  const conditions: RuleCondition[] = [
    { Field: 'host-header', HostHeaderConfig: { Values: ['a.example.com', 'b.example.com'] } },
    { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['POST'] } },
  ];
  assert.equal(holds(conditions, { host: 'b.example.com', method: 'POST' }), true);
  assert.equal(holds(conditions, { host: 'b.example.com', method: 'GET' }), false);
  assert.equal(holds(conditions, { host: 'c.example.com', method: 'POST' }), false);
});

test('host-header: case-insensitive, * and ?, port ignored, *.example.com does not match example.com', () => {
  const c: RuleCondition[] = [{ Field: 'host-header', Values: ['*.example.com'] }];
  assert.equal(holds(c, { host: 'API.Example.COM' }), true);
  assert.equal(holds(c, { host: 'api.example.com:8080' }), true);
  assert.equal(holds(c, { host: 'example.com' }), false);
  assert.equal(holds(c, { host: undefined }), false);
  assert.equal(holds([{ Field: 'host-header', Values: ['api?.example.com'] }], { host: 'api1.example.com' }), true);
  assert.equal(holds([{ Field: 'host-header', Values: ['api?.example.com'] }], { host: 'api.example.com' }), false);
  assert.equal(holds([{ Field: 'host-header', Values: ['a.b.c'] }], { host: 'aXb.c' }), false, 'dots are literal');
});

test('path-pattern: case-sensitive, whole path, never the query', () => {
  const c: RuleCondition[] = [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/img/*'] } }];
  assert.equal(holds(c, { path: '/img/picture.jpg' }), true);
  assert.equal(holds(c, { path: '/IMG/picture.jpg' }), false);
  assert.equal(holds(c, { path: '/static/img/x' }), false);
  assert.equal(holds([{ Field: 'path-pattern', Values: ['/search'] }], { path: '/search', query: 'q=/img/x' }), true);
  assert.equal(holds([{ Field: 'path-pattern', Values: ['*x=1*'] }], { path: '/a', query: 'x=1' }), false);
  assert.equal(holds([{ Field: 'path-pattern', Values: ['/v?/items'] }], { path: '/v2/items' }), true);
});

test('http-header: name case-insensitive, values case-insensitive with wildcards, each occurrence tried', () => {
  const c: RuleCondition[] = [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'User-Agent', Values: ['*Chrome*', '*Safari*'] } }];
  assert.equal(holds(c, { rawHeaders: ['user-agent', 'Mozilla/5.0 chrome/120'] }), true);
  assert.equal(holds(c, { rawHeaders: ['User-Agent', 'curl/8'] }), false);
  assert.equal(holds(c, { rawHeaders: [] }), false);
  const env: RuleCondition[] = [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'x-env', Values: ['blue'] } }];
  assert.equal(holds(env, { rawHeaders: ['X-Env', 'green', 'X-Env', 'BLUE'] }), true);
  assert.equal(holds(env, { rawHeaders: ['X-Env', 'blue-ish'] }), false, 'the whole value must match');
});

test('http-request-method: exact and case-sensitive', () => {
  const c: RuleCondition[] = [{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['CUSTOM-METHOD', 'GET'] } }];
  assert.equal(holds(c, { method: 'CUSTOM-METHOD' }), true);
  assert.equal(holds(c, { method: 'GET' }), true);
  assert.equal(holds(c, { method: 'get' }), false);
  assert.equal(holds(c, { method: 'POST' }), false);
});

test('query-string: pairs and bare values, case-insensitive, decoded, escaped wildcards literal', () => {
  const c: RuleCondition[] = [{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'version', Value: 'v1' }, { Value: 'example' }] } }];
  assert.equal(holds(c, { query: 'a=2&VERSION=V1' }), true);
  assert.equal(holds(c, { query: 'any=Example' }), true);
  assert.equal(holds(c, { query: 'version=v2' }), false);
  assert.equal(holds(c, { query: undefined }), false);
  assert.equal(holds(c, { query: 'v1=version' }), false);
  assert.equal(holds([{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'name', Value: 'john doe' }] } }], { query: 'name=John%20Doe' }), true, 'percent escapes are decoded');
  assert.equal(holds([{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'name', Value: 'a+b' }] } }], { query: 'name=a+b' }), true, '+ stays +');
  assert.equal(holds([{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'p', Value: '%zz' }] } }], { query: 'p=%zz' }), true, 'a malformed escape stays as sent');
  const wild: RuleCondition[] = [{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'ver*', Value: '?' }] } }];
  assert.equal(holds(wild, { query: 'version=2' }), true);
  assert.equal(holds(wild, { query: 'version=22' }), false);
  const literal: RuleCondition[] = [{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'q', Value: 'a\\*b' }] } }];
  assert.equal(holds(literal, { query: 'q=a*b' }), true);
  assert.equal(holds(literal, { query: 'q=axxb' }), false, 'an escaped * is not a wildcard');
  assert.equal(holds([{ Field: 'query-string', QueryStringConfig: { Values: [{ Value: 'flag' }] } }], { query: 'flag' }), true, 'a parameter without = is a value');
  assert.equal(holds([{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'flag', Value: '*' }] } }], { query: 'flag' }), false, 'and has no key');
});

test('source-ip: the TCP peer address against IPv4 and IPv6 CIDRs', () => {
  const c: RuleCondition[] = [{ Field: 'source-ip', SourceIpConfig: { Values: ['192.168.0.0/16', '10.0.3.10/32', '2001:db8::/32'] } }];
  assert.equal(holds(c, { sourceIp: '10.0.3.10' }), true);
  assert.equal(holds(c, { sourceIp: '192.168.7.1' }), true);
  assert.equal(holds(c, { sourceIp: '10.0.3.11' }), false);
  assert.equal(holds(c, { sourceIp: '2001:db8::1' }), true);
  // X-Forwarded-For never counts.
  assert.equal(holds(c, { sourceIp: '10.0.3.11', rawHeaders: ['X-Forwarded-For', '192.168.0.1'] }), false);
});

test('a malformed CIDR is reported and left out', () => {
  const issues: string[] = [];
  const r = compileRule({ id: 'r', region: 'eu-west-1', tags: [], createdAt: '', listenerArn: 'l', priority: 3, conditions: [{ Field: 'source-ip', SourceIpConfig: { Values: ['nope/8'] } }], actions: FORWARD }, issues);
  assert.equal(issues.length, 1);
  assert.match(issues[0]!, /rule 3: source-ip value 'nope\/8'/);
  assert.equal(matchRule([r], request()), undefined, 'a condition without usable values never matches');
});

test('splitTarget and hostName', () => {
  assert.deepEqual(splitTarget('/a/b?x=1?y'), { path: '/a/b', query: 'x=1?y' });
  assert.deepEqual(splitTarget('/a'), { path: '/a', query: undefined });
  assert.equal(hostName('example.com:8080'), 'example.com');
  assert.equal(hostName('[::1]:80'), '[::1]');
});
