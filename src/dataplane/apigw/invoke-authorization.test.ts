import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy } from '../../policy/evaluate.js';
import { domainArn, domainDenial, invokeDenial, methodArn, type ConditionKeys } from './invoke-authorization.js';

const ARN = methodArn('eu-west-1', 'abc123defg', 'test', 'GET', '/');
const MASKED = 'arn:aws:execute-api:eu-west-1:********0000:abc123defg/test/GET/';
const keys = (vpce: string): (() => ConditionKeys) => () => ({ 'aws:SourceVpce': vpce, 'aws:SourceVpc': 'vpc-1', 'aws:SourceIp': '10.0.3.10' });
const allowAll = parsePolicy(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }));
const onlyFrom = (vpce: string) =>
  parsePolicy(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:eu-west-1:000000000000:abc123defg/*' },
        { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:eu-west-1:000000000000:abc123defg/*', Condition: { StringNotEquals: { 'aws:SourceVpce': vpce } } },
      ],
    }),
  );

test('the method ARN ends in / for the root (§2.8 [obs])', () => {
  assert.equal(ARN, 'arn:aws:execute-api:eu-west-1:000000000000:abc123defg/test/GET/');
  assert.equal(methodArn('eu-west-1', 'abc123defg', 'test', 'POST', '/pets/1'), 'arn:aws:execute-api:eu-west-1:000000000000:abc123defg/test/POST/pets/1');
});

test('PRIVATE without a resource policy: every call denied; public without one: open (checklist 34)', () => {
  assert.equal(invokeDenial({ resourcePolicy: undefined, resourcePolicyRequired: true, endpointPolicy: undefined }, ARN, keys('vpce-a')), `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${MASKED}`);
  assert.equal(invokeDenial({ resourcePolicy: undefined, resourcePolicyRequired: true, endpointPolicy: allowAll }, ARN, keys('vpce-a')), `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${MASKED}`);
  assert.equal(invokeDenial({ resourcePolicy: undefined, resourcePolicyRequired: false, endpointPolicy: undefined }, ARN, keys('vpce-a')), undefined);
});

test('StringNotEquals aws:SourceVpce: the named endpoint passes, another is denied explicitly (checklist 35)', () => {
  const policies = { resourcePolicy: onlyFrom('vpce-a'), resourcePolicyRequired: true, endpointPolicy: allowAll };
  assert.equal(invokeDenial(policies, ARN, keys('vpce-a')), undefined);
  assert.equal(invokeDenial(policies, ARN, keys('vpce-b')), `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${MASKED} with an explicit deny`);
});

test('the endpoint policy gates too: its explicit deny first, then its missing allow', () => {
  const denyingEndpoint = parsePolicy(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }, { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: ARN }] }));
  const otherApiOnly = parsePolicy(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:eu-west-1:000000000000:otherapi00/*' }] }));
  // An explicit deny in the endpoint policy wins over the resource policy's own explicit deny.
  assert.equal(
    invokeDenial({ resourcePolicy: onlyFrom('vpce-a'), resourcePolicyRequired: true, endpointPolicy: denyingEndpoint }, ARN, keys('vpce-b')),
    `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${MASKED} with an explicit deny in a VPC endpoint policy`,
  );
  assert.equal(
    invokeDenial({ resourcePolicy: onlyFrom('vpce-a'), resourcePolicyRequired: true, endpointPolicy: otherApiOnly }, ARN, keys('vpce-a')),
    `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${MASKED} because no VPC endpoint policy allows the execute-api:Invoke action`,
  );
  // A resource policy's explicit deny beats the endpoint policy's missing allow.
  assert.equal(
    invokeDenial({ resourcePolicy: onlyFrom('vpce-a'), resourcePolicyRequired: true, endpointPolicy: otherApiOnly }, ARN, keys('vpce-b')),
    `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${MASKED} with an explicit deny`,
  );
});

test('a policy localvpc cannot read admits nothing', () => {
  assert.match(invokeDenial({ resourcePolicy: new Error('bad'), resourcePolicyRequired: false, endpointPolicy: undefined }, ARN, keys('vpce-a')) ?? '', /^User: anonymous is not authorized/);
});

test('a private custom domain policy is evaluated on the domain ARN; none admits nothing', () => {
  const arn = domainArn('eu-west-1', 'private.example.com', 'abcd1234');
  assert.equal(arn, 'arn:aws:execute-api:eu-west-1:000000000000:/domainnames/private.example.com+abcd1234');
  const policy = parsePolicy(
    JSON.stringify({
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: arn },
        { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: arn, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-a' } } },
      ],
    }),
  );
  assert.equal(domainDenial(policy, arn, keys('vpce-a')()), undefined);
  assert.equal(domainDenial(policy, arn, keys('vpce-b')()), 'User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-west-1:********0000:/domainnames/private.example.com+abcd1234 with an explicit deny');
  assert.match(domainDenial(undefined, arn, keys('vpce-a')()) ?? '', /not authorized .*private\.example\.com\+abcd1234$/);
});
