import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePolicy, parsePolicy, type PolicyDecision, type RequestContext } from './evaluate.js';

const REGION = 'eu-west-1';
const ACCOUNT = '000000000000';
const API = 'abc123defg';
const API_ARN = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API}`;

const ALLOW: PolicyDecision = { effect: 'Allow' };
const EXPLICIT_DENY: PolicyDecision = { effect: 'Deny', explicit: true };
const IMPLICIT_DENY: PolicyDecision = { effect: 'Deny', explicit: false };

/** What API Gateway stores: `execute-api:/...` expanded into the API's ARN (apigateway-rest.md §2.8). */
function apiPolicy(doc: unknown): string {
  return JSON.stringify(doc).replaceAll('"execute-api:/', `"${API_ARN}/`);
}

function request(over: Partial<RequestContext> = {}): RequestContext {
  return {
    principal: { type: 'anonymous' },
    action: 'execute-api:Invoke',
    resource: `${API_ARN}/test/GET/pets/1`,
    conditionKeys: {},
    ...over,
  };
}

function decide(doc: unknown, over: Partial<RequestContext> = {}): PolicyDecision {
  return evaluatePolicy(parsePolicy(apiPolicy(doc)), request(over));
}

// The private-API pattern of apigateway-rest.md §2.8 / checklist item 35.
function privateApi(condition: Record<string, unknown>) {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: condition },
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
    ],
  };
}
const PRIVATE_API_VPCE = privateApi({ StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } });

test('private API, Allow execute-api:/* + Deny StringNotEquals aws:SourceVpce: the right endpoint is allowed', () => {
  assert.deepEqual(decide(PRIVATE_API_VPCE, { conditionKeys: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } }), ALLOW);
});

test('private API: another endpoint gets an explicit deny', () => {
  assert.deepEqual(decide(PRIVATE_API_VPCE, { conditionKeys: { 'aws:SourceVpce': 'vpce-99999999999999999' } }), EXPLICIT_DENY);
});

test('private API: no aws:SourceVpce in the request (StringNotEquals on a missing key matches) → explicit deny', () => {
  assert.deepEqual(decide(PRIVATE_API_VPCE), EXPLICIT_DENY);
  assert.deepEqual(decide(PRIVATE_API_VPCE, { conditionKeys: { 'aws:SourceVpce': undefined } }), EXPLICIT_DENY);
});

test('private API: the allow covers every stage, method and path, including the root resource', () => {
  const keys = { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' };
  for (const resource of [`${API_ARN}/prod/POST/a/b/c`, `${API_ARN}/test/GET/`, `${API_ARN}/dev/DELETE/x:y`]) {
    assert.deepEqual(decide(PRIVATE_API_VPCE, { resource, conditionKeys: keys }), ALLOW, resource);
  }
  // Another API of the same account is not covered.
  assert.deepEqual(decide(PRIVATE_API_VPCE, { resource: `arn:aws:execute-api:${REGION}:${ACCOUNT}:zzz999zzzz/test/GET/`, conditionKeys: keys }), IMPLICIT_DENY);
});

test('condition key names are case-insensitive on both sides', () => {
  assert.deepEqual(decide(PRIVATE_API_VPCE, { conditionKeys: { 'AWS:SOURCEVPCE': 'vpce-0a1b2c3d4e5f67890' } }), ALLOW);
  const doc = privateApi({ StringNotEquals: { 'aws:sourcevpce': 'vpce-0a1b2c3d4e5f67890' } });
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } }), ALLOW);
});

test('private API: a list of endpoints in the Deny condition admits each of them (NOR of the values)', () => {
  const doc = privateApi({ StringNotEquals: { 'aws:SourceVpce': ['vpce-aaaaaaaaaaaaaaaaa', 'vpce-bbbbbbbbbbbbbbbbb'] } });
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:SourceVpce': 'vpce-aaaaaaaaaaaaaaaaa' } }), ALLOW);
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:SourceVpce': 'vpce-bbbbbbbbbbbbbbbbb' } }), ALLOW);
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:SourceVpce': 'vpce-ccccccccccccccccc' } }), EXPLICIT_DENY);
});

test('private API restricted by aws:SourceVpc', () => {
  const doc = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } },
      },
    ],
  };
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:SourceVpc': 'vpc-1a2b3c4d', 'aws:SourceVpce': 'vpce-x' } }), ALLOW);
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:SourceVpc': 'vpc-99999999' } }), EXPLICIT_DENY);
  assert.deepEqual(decide(doc), EXPLICIT_DENY);
});

test('Allow only when aws:SourceVpc matches (positive operator): other VPCs and missing keys are implicitly denied', () => {
  const doc = {
    Version: '2012-10-17',
    Statement: { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } } },
  };
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } }), ALLOW);
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:SourceVpc': 'vpc-2' } }), IMPLICIT_DENY);
  assert.deepEqual(decide(doc), IMPLICIT_DENY);
});

test('IpAddress allow list and NotIpAddress deny', () => {
  const doc = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '198.51.100.7', '2001:db8::/32'] } },
      },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*/POST/*',
        Condition: { NotIpAddress: { 'aws:SourceIp': '192.0.2.128/25' } },
      },
    ],
  };
  const from = (ip: string, resource = `${API_ARN}/test/GET/pets`) => decide(doc, { resource, conditionKeys: { 'aws:SourceIp': ip } });
  assert.deepEqual(from('192.0.2.1'), ALLOW);
  assert.deepEqual(from('192.0.2.255'), ALLOW);
  assert.deepEqual(from('198.51.100.7'), ALLOW);
  assert.deepEqual(from('198.51.100.8'), IMPLICIT_DENY);
  assert.deepEqual(from('2001:db8:1::5'), ALLOW);
  assert.deepEqual(from('::ffff:192.0.2.9'), ALLOW, 'IPv4-mapped IPv6 counts as IPv4');
  assert.deepEqual(from('192.0.2.200', `${API_ARN}/test/POST/pets`), ALLOW);
  assert.deepEqual(from('192.0.2.5', `${API_ARN}/test/POST/pets`), EXPLICIT_DENY);
  // No source address: IpAddress fails, NotIpAddress matches.
  assert.deepEqual(decide(doc, { resource: `${API_ARN}/test/GET/pets` }), IMPLICIT_DENY);
  assert.deepEqual(decide(doc, { resource: `${API_ARN}/test/POST/pets` }), EXPLICIT_DENY);
});

test('aws:VpcSourceIp with a CIDR whose host bits are set (they are ignored)', () => {
  const doc = {
    Statement: { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: '*', Condition: { IpAddress: { 'aws:VpcSourceIp': '10.0.1.77/24' } } },
  };
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:VpcSourceIp': '10.0.1.200' } }), ALLOW);
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:VpcSourceIp': '10.0.2.1' } }), IMPLICIT_DENY);
});

test('NotAction and NotResource', () => {
  const doc = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', NotAction: 'execute-api:ManageConnections', Resource: 'execute-api:/*' },
      { Effect: 'Deny', Principal: '*', Action: 'execute-api:*', NotResource: ['execute-api:/prod/*', 'execute-api:/test/GET/public/*'] },
    ],
  };
  assert.deepEqual(decide(doc, { resource: `${API_ARN}/prod/GET/x` }), ALLOW);
  assert.deepEqual(decide(doc, { resource: `${API_ARN}/test/GET/public/a` }), ALLOW);
  assert.deepEqual(decide(doc, { resource: `${API_ARN}/test/GET/private/a` }), EXPLICIT_DENY);
  assert.deepEqual(decide(doc, { resource: `${API_ARN}/prod/GET/x`, action: 'execute-api:ManageConnections' }), IMPLICIT_DENY);
});

test('principal forms', () => {
  const user = { type: 'AWS', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' } as const;
  const otherUser = { type: 'AWS', arn: 'arn:aws:iam::111122223333:user/bob', accountId: '111122223333' } as const;
  const session = { type: 'AWS', arn: 'arn:aws:sts::111122223333:assumed-role/deployer/ci-run-5', accountId: '111122223333' } as const;
  const foreign = { type: 'AWS', arn: 'arn:aws:iam::444455556666:user/alice', accountId: '444455556666' } as const;
  const anonymous = { type: 'anonymous' } as const;
  const allowFor = (principal: unknown) => ({ Statement: { Effect: 'Allow', Principal: principal, Action: 'execute-api:Invoke', Resource: 'execute-api:/*' } });

  for (const star of ['*', { AWS: '*' }, { AWS: ['*'] }]) {
    for (const p of [anonymous, user, foreign]) assert.deepEqual(decide(allowFor(star), { principal: p }), ALLOW, JSON.stringify([star, p]));
  }
  for (const account of [{ AWS: '111122223333' }, { AWS: 'arn:aws:iam::111122223333:root' }, { AWS: ['999999999999', '111122223333'] }]) {
    assert.deepEqual(decide(allowFor(account), { principal: user }), ALLOW);
    assert.deepEqual(decide(allowFor(account), { principal: session }), ALLOW);
    assert.deepEqual(decide(allowFor(account), { principal: foreign }), IMPLICIT_DENY);
    assert.deepEqual(decide(allowFor(account), { principal: anonymous }), IMPLICIT_DENY);
  }
  const alice = allowFor({ AWS: 'arn:aws:iam::111122223333:user/alice' });
  assert.deepEqual(decide(alice, { principal: user }), ALLOW);
  assert.deepEqual(decide(alice, { principal: otherUser }), IMPLICIT_DENY);
  assert.deepEqual(decide(alice, { principal: foreign }), IMPLICIT_DENY);
  assert.deepEqual(decide(alice, { principal: anonymous }), IMPLICIT_DENY);
  // A role ARN covers its sessions (the role path is not part of the session ARN).
  const role = allowFor({ AWS: 'arn:aws:iam::111122223333:role/team/deployer' });
  assert.deepEqual(decide(role, { principal: session }), ALLOW);
  assert.deepEqual(decide(role, { principal: user }), IMPLICIT_DENY);
  // Service principals are valid but never the caller here.
  assert.deepEqual(decide(allowFor({ Service: 'lambda.amazonaws.com' }), { principal: user }), IMPLICIT_DENY);
});

test('NotPrincipal applies to everyone not listed, anonymous callers included', () => {
  const doc = {
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
      { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
    ],
  };
  assert.deepEqual(decide(doc, { principal: { type: 'AWS', arn: 'arn:aws:iam::111122223333:user/a', accountId: '111122223333' } }), ALLOW);
  assert.deepEqual(decide(doc, { principal: { type: 'AWS', arn: 'arn:aws:iam::444455556666:user/a', accountId: '444455556666' } }), EXPLICIT_DENY);
  assert.deepEqual(decide(doc, { principal: { type: 'anonymous' } }), EXPLICIT_DENY);
});

test('implicit deny when no Allow matches; an empty statement list denies everything', () => {
  const doc = { Statement: { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/prod/*' } };
  assert.deepEqual(decide(doc, { resource: `${API_ARN}/test/GET/` }), IMPLICIT_DENY);
  assert.deepEqual(decide(doc, { resource: `${API_ARN}/prod/GET/`, action: 'execute-api:InvalidateCache' }), IMPLICIT_DENY);
  assert.deepEqual(decide({ Version: '2012-10-17', Statement: [] }), IMPLICIT_DENY);
});

test('an explicit Deny wins whatever the statement order', () => {
  const allow = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
  const deny = { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*/DELETE/*' };
  const r = { resource: `${API_ARN}/test/DELETE/pets/1` };
  assert.deepEqual(decide({ Statement: [allow, deny] }, r), EXPLICIT_DENY);
  assert.deepEqual(decide({ Statement: [deny, allow] }, r), EXPLICIT_DENY);
  assert.deepEqual(decide({ Statement: [deny, allow] }), ALLOW);
});

test('wildcards: actions case-insensitive, resources case-sensitive, ? matches one character', () => {
  const doc = (action: string, resource: string) => ({ Statement: { Effect: 'Allow', Principal: '*', Action: action, Resource: resource } });
  assert.deepEqual(decide(doc('EXECUTE-API:invoke', 'execute-api:/*')), ALLOW);
  assert.deepEqual(decide(doc('execute-api:Inv*', 'execute-api:/*')), ALLOW);
  assert.deepEqual(decide(doc('execute-api:Invok?', 'execute-api:/*')), ALLOW);
  assert.deepEqual(decide(doc('execute-api:Invoke?', 'execute-api:/*')), IMPLICIT_DENY);
  assert.deepEqual(decide(doc('*', '*')), ALLOW);
  assert.deepEqual(decide(doc('execute-api:*', 'arn:aws:execute-api:*:*:*')), ALLOW);
  assert.deepEqual(decide(doc('execute-api:*', 'arn:aws:execute-api:eu-west-?:*:abc123defg/t?st/GET/pets/*')), ALLOW);
  assert.deepEqual(decide(doc('execute-api:*', 'execute-api:/test/get/*')), IMPLICIT_DENY, 'resource case matters');
  assert.deepEqual(decide(doc('execute-api:*', 'execute-api:/test/GET/pets')), IMPLICIT_DENY, 'no implicit prefix match');
  assert.deepEqual(decide(doc('execute-api:*', 'execute-api:/*/GET/pets/?')), ALLOW);
  assert.deepEqual(decide(doc('s3:*', '*')), IMPLICIT_DENY);
});

test('IfExists: a missing key matches, a present one is checked', () => {
  const doc = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:SecureTransport': 'true' } }), ALLOW);
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:SecureTransport': 'false' } }), EXPLICIT_DENY);
  assert.deepEqual(decide(doc), EXPLICIT_DENY, 'missing key + IfExists → the Deny applies');

  const allowIfExists = {
    Version: '2012-10-17',
    Statement: { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } },
  };
  assert.deepEqual(decide(allowIfExists), ALLOW);
  assert.deepEqual(decide(allowIfExists, { conditionKeys: { 'aws:SourceVpce': 'vpce-1' } }), ALLOW);
  assert.deepEqual(decide(allowIfExists, { conditionKeys: { 'aws:SourceVpce': 'vpce-2' } }), IMPLICIT_DENY);
});

test('ForAnyValue on a multivalued key', () => {
  const doc = {
    Version: '2012-10-17',
    Statement: { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3/r-ab12/ou-ab12-1111/*' } } },
  };
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:PrincipalOrgPaths': ['o-x/r-y/ou-z/', 'o-a1b2c3/r-ab12/ou-ab12-1111/ou-ab12-2222/'] } }), ALLOW);
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:PrincipalOrgPaths': ['o-x/r-y/ou-z/'] } }), IMPLICIT_DENY);
  assert.deepEqual(decide(doc, { conditionKeys: { 'aws:PrincipalOrgPaths': [] } }), IMPLICIT_DENY);
  assert.deepEqual(decide(doc), IMPLICIT_DENY);
});

test('several operators and several keys are ANDed', () => {
  const doc = {
    Version: '2012-10-17',
    Statement: {
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceVpc': 'vpc-1', 'aws:SourceVpce': 'vpce-1' },
        Bool: { 'aws:SecureTransport': true },
        DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
      },
    },
  };
  const keys = { 'aws:SourceVpc': 'vpc-1', 'aws:SourceVpce': 'vpce-1', 'aws:SecureTransport': 'true', 'aws:CurrentTime': '2026-03-01T10:00:00Z' };
  assert.deepEqual(decide(doc, { conditionKeys: keys }), ALLOW);
  assert.deepEqual(decide(doc, { conditionKeys: { ...keys, 'aws:SourceVpce': 'vpce-2' } }), IMPLICIT_DENY);
  assert.deepEqual(decide(doc, { conditionKeys: { ...keys, 'aws:SecureTransport': 'false' } }), IMPLICIT_DENY);
  assert.deepEqual(decide(doc, { conditionKeys: { ...keys, 'aws:CurrentTime': '2031-01-01T00:00:00Z' } }), IMPLICIT_DENY);
});

test('the default VPC endpoint policy (full access) allows everything', () => {
  const policy = parsePolicy('{"Statement":[{"Action":"*","Effect":"Allow","Principal":"*","Resource":"*"}]}');
  assert.deepEqual(evaluatePolicy(policy, request()), ALLOW);
  assert.deepEqual(evaluatePolicy(policy, request({ principal: { type: 'AWS', arn: 'arn:aws:iam::1:user/x', accountId: '1' } })), ALLOW);
});

test('a parsed policy serialises back to its document', () => {
  const text = apiPolicy(PRIVATE_API_VPCE);
  assert.deepEqual(JSON.parse(JSON.stringify(parsePolicy(text))), JSON.parse(text));
});
