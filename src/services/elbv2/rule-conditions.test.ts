import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../kernel/errors.js';
import { normaliseConditions, type ConditionInput } from './rule-conditions.js';

/** The [code, message] normaliseConditions throws for `conditions`. */
function refusal(conditions: ConditionInput[] | undefined): [string, string] {
  try {
    normaliseConditions(conditions, 'CreateRule');
  } catch (e) {
    assert.ok(e instanceof AwsError);
    return [e.code, e.message];
  }
  assert.fail('the conditions were accepted');
}

const host = (...Values: string[]): ConditionInput => ({ Field: 'host-header', HostHeaderConfig: { Values } });
const path = (...Values: string[]): ConditionInput => ({ Field: 'path-pattern', PathPatternConfig: { Values } });

test('stored form: host-header and path-pattern carry Values and their config; the others only their config', () => {
  const out = normaliseConditions(
    [
      { Field: 'host-header', Values: ['api.example.com'] },
      path('/img/*', '/css/*'),
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'User-Agent', Values: ['*Chrome*'] } },
      { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'version', Value: 'v1' }] } },
    ],
    'CreateRule',
  );
  assert.deepEqual(out, [
    { Field: 'host-header', Values: ['api.example.com'], HostHeaderConfig: { Values: ['api.example.com'] } },
    { Field: 'path-pattern', Values: ['/img/*', '/css/*'], PathPatternConfig: { Values: ['/img/*', '/css/*'] } },
    { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'User-Agent', Values: ['*Chrome*'] } },
    { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'version', Value: 'v1' }] } },
  ]);
  assert.deepEqual(normaliseConditions([{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET', 'CUSTOM-METHOD'] } }, { Field: 'source-ip', SourceIpConfig: { Values: ['192.0.2.0/24', '2001:db8::/32'] } }], 'CreateRule'), [
    { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET', 'CUSTOM-METHOD'] } },
    { Field: 'source-ip', SourceIpConfig: { Values: ['192.0.2.0/24', '2001:db8::/32'] } },
  ]);
});

test('fields: unknown field (moto wording), missing field, legacy Values only for host-header and path-pattern, config of another field', () => {
  assert.deepEqual(refusal([{ Field: 'cookie', Values: ['x'] }]), ['ValidationError', "Condition field 'cookie' must be one of '[path-pattern,host-header,http-header,http-request-method,query-string,source-ip]'"]);
  assert.equal(refusal([{ Values: ['x'] }])[0], 'ValidationError');
  assert.deepEqual(refusal([{ Field: 'http-request-method', Values: ['GET'] }]), ['ValidationError', "The 'Values' field is not compatible with 'http-request-method'"]);
  assert.deepEqual(refusal([{ Field: 'source-ip', Values: ['10.0.0.0/8'] }]), ['ValidationError', "The 'Values' field is not compatible with 'source-ip'"]);
  assert.deepEqual(refusal([{ Field: 'host-header', PathPatternConfig: { Values: ['/x'] } }]), ['ValidationError', "A 'PathPatternConfig' cannot be specified with 'host-header'"]);
  assert.deepEqual(refusal([]), ['ValidationError', 'At least one condition must be specified']);
  assert.equal(refusal(undefined)[0], 'ValidationError');
});

test('host-header: one legacy value, no empty lists, 128 characters, charset, a dot and letters after the last dot', () => {
  assert.deepEqual(refusal([{ Field: 'host-header', Values: ['a.example.com', 'b.example.com'] }]), ['ValidationError', "The 'host-header' field contains too many values; the limit is '1'"]);
  assert.deepEqual(refusal([{ Field: 'host-header', Values: ['a.example.com'], HostHeaderConfig: { Values: ['b.example.com'] } }]), ['ValidationError', "You cannot provide both Values and 'HostHeaderConfig' for a condition of type 'host-header'"]);
  assert.deepEqual(refusal([host()]), ['ValidationError', 'A condition value must be specified']);
  assert.deepEqual(refusal([{ Field: 'host-header' }]), ['ValidationError', 'A condition value must be specified']);
  assert.deepEqual(refusal([host(`${'a'.repeat(125)}.com`)]), ['ValidationError', "The 'host-header' value is too long; the limit is '128'"]);
  for (const bad of ['localhost', 'example.c0m', 'exa_mple.com', 'example.com:8080']) assert.equal(refusal([host(bad)])[0], 'ValidationError', bad);
  assert.equal(normaliseConditions([host('*.Example.COM', 'api-?.example.org')], 'CreateRule').length, 1);
});

test('path-pattern: legacy value limit, both forms, 128 characters, allowed characters', () => {
  assert.deepEqual(refusal([{ Field: 'path-pattern', Values: ['/a', '/b'] }]), ['ValidationError', "The 'path-pattern' field contains too many values; the limit is '1'"]);
  assert.deepEqual(refusal([{ Field: 'path-pattern', Values: ['/a'], PathPatternConfig: { Values: ['/b'] } }]), ['ValidationError', "You cannot provide both Values and 'PathPatternConfig' for a condition of type 'path-pattern'"]);
  assert.deepEqual(refusal([path(`/${'p'.repeat(128)}`)]), ['ValidationError', "The 'path-pattern' value is too long; the limit is '128'"]);
  assert.equal(refusal([path('/a b')])[0], 'ValidationError');
  assert.equal(refusal([path('/a%20b')])[0], 'ValidationError');
  assert.equal(normaliseConditions([path("/api/v1/_-.$~\"'@:+&*?")], 'CreateRule').length, 1);
});

test('http-header: config required, name required, 40 characters, no wildcards in the name, values', () => {
  assert.deepEqual(refusal([{ Field: 'http-header' }]), ['ValidationError', "A 'HttpHeaderConfig' must be specified with 'http-header'"]);
  assert.equal(refusal([{ Field: 'http-header', HttpHeaderConfig: { Values: ['x'] } }])[0], 'ValidationError');
  assert.deepEqual(refusal([{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X'.repeat(41), Values: ['x'] } }]), ['ValidationError', "The 'HttpHeaderName' value is too long; the limit is '40'"]);
  assert.equal(refusal([{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-*', Values: ['x'] } }])[0], 'ValidationError');
  assert.deepEqual(refusal([{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: [] } }]), ['ValidationError', 'A condition value must be specified']);
  assert.deepEqual(refusal([{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['v'.repeat(129)] } }]), ['ValidationError', "The 'http-header' value is too long; the limit is '128'"]);
  assert.equal(refusal([{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['a\u0001b'] } }])[0], 'ValidationError');
});

test('http-request-method: config required, A-Z hyphen underscore, 40 characters, values', () => {
  assert.deepEqual(refusal([{ Field: 'http-request-method' }]), ['ValidationError', "A 'HttpRequestMethodConfig' must be specified with 'http-request-method'"]);
  assert.deepEqual(refusal([{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['get'] } }]), ['ValidationError', "The 'http-request-method' value is invalid; the allowed characters are A-Z, hyphen and underscore"]);
  assert.deepEqual(refusal([{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['G'.repeat(41)] } }]), ['ValidationError', "The 'http-request-method' value is too long; the limit is '40'"]);
  assert.deepEqual(refusal([{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: [] } }]), ['ValidationError', 'A condition value must be specified']);
});

test('query-string: config required, Value required, Key and Value at most 128, no empty Key', () => {
  assert.deepEqual(refusal([{ Field: 'query-string' }]), ['ValidationError', "A 'QueryStringConfig' must be specified with 'query-string'"]);
  assert.deepEqual(refusal([{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'k' }] } }]), ['ValidationError', "A 'Value' must be specified in 'QueryStringKeyValuePair'"]);
  assert.deepEqual(refusal([{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'k'.repeat(129), Value: 'v' }] } }]), ['ValidationError', "The 'Key' value is too long; the limit is '128'"]);
  assert.deepEqual(refusal([{ Field: 'query-string', QueryStringConfig: { Values: [{ Value: 'v'.repeat(129) }] } }]), ['ValidationError', "The 'Value' value is too long; the limit is '128'"]);
  assert.equal(refusal([{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: '', Value: 'v' }] } }])[0], 'ValidationError');
  assert.deepEqual(refusal([{ Field: 'query-string', QueryStringConfig: { Values: [] } }]), ['ValidationError', 'A condition value must be specified']);
  // http-header and query-string may repeat in a rule.
  const twice = normaliseConditions([{ Field: 'query-string', QueryStringConfig: { Values: [{ Value: 'a' }] } }, { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'b', Value: 'c' }] } }], 'CreateRule');
  assert.deepEqual(twice[0], { Field: 'query-string', QueryStringConfig: { Values: [{ Value: 'a' }] } });
});

test('source-ip: config required, a value required, CIDR blocks only (IPv4 or IPv6)', () => {
  assert.deepEqual(refusal([{ Field: 'source-ip' }]), ['ValidationError', "A 'SourceIpConfig' must be specified with 'source-ip'"]);
  assert.deepEqual(refusal([{ Field: 'source-ip', SourceIpConfig: { Values: [] } }]), ['ValidationError', "A 'source-ip' value must be specified"]);
  for (const bad of ['10.0.0.1', '10.0.0.0/33', '10.0.*.0/24', '2001:db8::/129', 'any']) {
    assert.deepEqual(refusal([{ Field: 'source-ip', SourceIpConfig: { Values: [bad] } }]), ['ValidationError', `The 'source-ip' value '${bad}' is not a valid CIDR block`], bad);
  }
});

test('per rule: one each of host-header, http-request-method, path-pattern, source-ip; 5 condition values; 5 wildcards', () => {
  assert.deepEqual(refusal([host('a.example.com'), host('b.example.com')]), ['ValidationError', "A rule can only have one 'host-header' condition"]);
  assert.deepEqual(refusal([path('/a'), path('/b')]), ['ValidationError', "A rule can only have one 'path-pattern' condition"]);
  const method = { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } };
  assert.deepEqual(refusal([method, method]), ['ValidationError', "A rule can only have one 'http-request-method' condition"]);
  const ip = { Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8'] } };
  assert.deepEqual(refusal([ip, ip]), ['ValidationError', "A rule can only have one 'source-ip' condition"]);
  // Observed AWS wording for six values (aws-cdk#10065).
  assert.deepEqual(refusal([path('/a', '/b', '/c', '/d', '/e', '/f')]), ['ValidationError', "A rule can only have '5' condition values"]);
  assert.deepEqual(refusal([host('a.example.com', 'b.example.com', 'c.example.com'), path('/a', '/b', '/c')]), ['ValidationError', "A rule can only have '5' condition values"]);
  assert.equal(normaliseConditions([host('a.example.com', 'b.example.com'), path('/a', '/b', '/c')], 'CreateRule').length, 2);
  assert.deepEqual(refusal([host('*.example.com', '?.example.org'), path('/a*b*c*d*')]), ['ValidationError', "A rule can only have '5' wildcards"]);
  assert.equal(normaliseConditions([host('*.example.com', '?.example.org'), path('/a*b*c*')], 'CreateRule').length, 2);
  // Escaped wildcards in query strings are literal characters and do not count.
  assert.equal(normaliseConditions([{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'q', Value: '\\*\\*\\*\\*\\*\\*' }] } }], 'CreateRule').length, 1);
  assert.equal(refusal([{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'q*', Value: '*?*?*' }] } }])[1], "A rule can only have '5' wildcards");
});

test('regex conditions are refused as not implemented', () => {
  assert.equal(refusal([{ Field: 'host-header', RegexValues: ['^a$'] } as ConditionInput])[0], 'NotImplemented');
  assert.equal(refusal([{ Field: 'path-pattern', PathPatternConfig: { Values: ['/a'], RegexValues: ['^/a$'] } } as ConditionInput])[0], 'NotImplemented');
});
