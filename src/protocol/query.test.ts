/**
 * awsQuery codec: parsing details and every error shape (ELBv2, CloudFormation, STS).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError, NotImplementedError } from '../kernel/errors.js';
import { getCodec } from './index.js';
import { RID, awsErrorOf, httpRequest, textOf } from './sdk-harness.test.js';

const elb = getCodec('elbv2');
const form = (body: string) => httpRequest('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, body);

describe('awsQuery parse', () => {
  it('orders list entries by numeric index, not arrival order', () => {
    const body = 'Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.10=j&Names.member.2=b&Names.member.1=a';
    assert.deepEqual(elb.parse(form(body)).input, { Names: ['a', 'b', 'j'] });
  });

  it('reads a GET with the parameters in the query string', () => {
    assert.deepEqual(elb.parse(httpRequest('GET', '/?Action=DescribeLoadBalancers&Version=2015-12-01&PageSize=5')), { operation: 'DescribeLoadBalancers', input: { PageSize: 5 } });
  });

  it('types scalars: integers, booleans, timestamps', () => {
    const cfn = getCodec('cloudformation');
    const parsed = cfn.parse(form('Action=ListStacks&Version=2010-05-15&StackStatusFilter.member.1=CREATE_COMPLETE'));
    assert.deepEqual(parsed.input, { StackStatusFilter: ['CREATE_COMPLETE'] });
    const t = cfn.parse(form('Action=CreateStack&Version=2010-05-15&StackName=s&DisableRollback=true&TimeoutInMinutes=3'));
    assert.deepEqual(t.input, { StackName: 's', DisableRollback: true, TimeoutInMinutes: 3 });
    const sts = getCodec('sts');
    assert.deepEqual(sts.parse(form('Action=GetCallerIdentity&Version=2011-06-15')), { operation: 'GetCallerIdentity', input: {} });
  });

  it('malformed form encoding: 404 MalformedQueryString', () => {
    const err = awsErrorOf(() => elb.parse(form('Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.1=%zz')));
    assert.equal(err.code, 'MalformedQueryString');
    assert.equal(err.status, 404);
  });

  it('missing Action, missing Version, unknown action', () => {
    assert.equal(awsErrorOf(() => elb.parse(form('Version=2015-12-01'))).code, 'MissingAction');
    assert.equal(awsErrorOf(() => elb.parse(form('Action=DescribeLoadBalancers'))).code, 'MissingParameter');
    const unknown = awsErrorOf(() => elb.parse(form('Action=DescribeVpcs&Version=2015-12-01')));
    assert.equal(unknown.code, 'InvalidAction');
    assert.equal(unknown.message, 'The action DescribeVpcs is not valid for this web service.');
  });

  it('wrong types and constraint violations: 400 ValidationError', () => {
    const badInt = awsErrorOf(() => elb.parse(form('Action=DescribeLoadBalancers&Version=2015-12-01&PageSize=ten')));
    assert.equal(badInt.code, 'ValidationError');
    assert.equal(badInt.status, 400);
    assert.match(badInt.message, /PageSize/);
    const badBool = awsErrorOf(() => getCodec('cloudformation').parse(form('Action=CreateStack&Version=2010-05-15&StackName=s&DisableRollback=maybe')));
    assert.equal(badBool.code, 'ValidationError');
    const missing = awsErrorOf(() => getCodec('sts').parse(form('Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fr')));
    assert.equal(missing.message, "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
    const enumErr = awsErrorOf(() => elb.parse(form('Action=CreateTargetGroup&Version=2015-12-01&Name=t&Protocol=FTP')));
    assert.match(enumErr.message, /^1 validation error detected: Value 'FTP' at 'protocol' failed to satisfy constraint: Member must satisfy enum value set: \[HTTP, HTTPS/);
  });
});

describe('awsQuery serialize', () => {
  it('writes values: booleans, numbers, timestamps, escaped text, maps', () => {
    const res = getCodec('cloudformation').serialize(
      'DescribeStacks',
      { Stacks: [{ StackName: 'a<b&c', CreationTime: 1767225600, StackStatus: 'CREATE_COMPLETE', DisableRollback: false, Outputs: [], Tags: [{ Key: 'k', Value: 'v' }] }] },
      RID,
    );
    assert.equal(
      textOf(res),
      '<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>a&lt;b&amp;c</StackName>' +
        '<CreationTime>2026-01-01T00:00:00.000Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><DisableRollback>false</DisableRollback><Outputs/>' +
        `<Tags><member><Key>k</Key><Value>v</Value></member></Tags></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>${RID}</RequestId></ResponseMetadata></DescribeStacksResponse>`,
    );
  });

  it('a value of the wrong kind is a bug: it throws (the gateway answers InternalFailure)', () => {
    assert.throws(() => elb.serialize('DescribeLoadBalancers', { LoadBalancers: 'nope' }, RID));
  });
});

describe('awsQuery errors', () => {
  it('not implemented: 400 InvalidAction with the message, never 5xx', () => {
    const res = elb.serializeError(new NotImplementedError('DescribeTrustStores is not implemented by localvpc (elasticloadbalancing 2015-12-01).'), RID, 'DescribeTrustStores');
    assert.equal(res.status, 400);
    assert.equal(
      textOf(res),
      `<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>DescribeTrustStores is not implemented by localvpc (elasticloadbalancing 2015-12-01).</Message></Error><RequestId>${RID}</RequestId></ErrorResponse>`,
    );
  });

  it('status and fault come from the model when it has them', () => {
    const busy = elb.serializeError(new AwsError('PriorRequestNotComplete', 'busy'), RID);
    assert.equal(busy.status, 429);
    const health = elb.serializeError(new AwsError('HealthUnavailable', 'down'), RID);
    assert.equal(health.status, 500);
    assert.match(textOf(health), /<Type>Receiver<\/Type>/);
    const internal = elb.serializeError(new AwsError('InternalFailure', 'bug', 500), RID);
    assert.equal(internal.status, 500);
    assert.match(textOf(internal), /<Type>Receiver<\/Type><Code>InternalFailure<\/Code>/);
  });

  it('carries the request id in header and body', () => {
    const res = getCodec('sts').serializeError(new AwsError('ExpiredTokenException', 'expired'), RID);
    assert.equal(res.headers['x-amzn-RequestId'], RID);
    assert.match(textOf(res), new RegExp(`<RequestId>${RID}</RequestId></ErrorResponse>$`));
    assert.match(textOf(res), /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
  });
});
