/**
 * ELBv2 (awsQuery) round trips through @aws-sdk/client-elastic-load-balancing-v2.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AddTagsCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AwsError, NotImplementedError } from '../kernel/errors.js';
import { CLIENT_CONFIG, RID, rejection, sdkHandler, type Exchange, type Responder } from './sdk-harness.test.js';

function client(respond: Responder, log: Exchange[] = []) {
  return new ElasticLoadBalancingV2Client({ ...CLIENT_CONFIG, requestHandler: sdkHandler(respond, log) });
}

const TG_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:000000000000:targetgroup/tg/0123456789abcdef';

describe('ELBv2 through the AWS SDK v3', () => {
  it('CreateTargetGroup with Matcher and Tags', async () => {
    const log: Exchange[] = [];
    const elb = client(
      () => ({
        TargetGroups: [
          {
            TargetGroupArn: TG_ARN,
            TargetGroupName: 'tg',
            Protocol: 'HTTPS',
            Port: 443,
            HealthCheckEnabled: true,
            HealthCheckIntervalSeconds: 30,
            Matcher: { HttpCode: '200,403' },
            LoadBalancerArns: [],
            TargetType: 'ip',
          },
        ],
      }),
      log,
    );
    const out = await elb.send(
      new CreateTargetGroupCommand({
        Name: 'tg',
        Protocol: 'HTTPS',
        Port: 443,
        VpcId: 'vpc-1',
        TargetType: 'ip',
        HealthCheckProtocol: 'HTTPS',
        HealthCheckIntervalSeconds: 30,
        HealthCheckEnabled: true,
        Matcher: { HttpCode: '200,403' },
        Tags: [{ Key: 'a', Value: '1' }, { Key: 'b' }],
      }),
    );
    assert.deepEqual(log[0]!.detected, { service: 'elbv2', region: 'eu-west-1', accessKeyId: 'test' });
    assert.deepEqual(log[0]!.parsed, {
      operation: 'CreateTargetGroup',
      input: {
        Name: 'tg',
        Protocol: 'HTTPS',
        Port: 443,
        VpcId: 'vpc-1',
        HealthCheckProtocol: 'HTTPS',
        HealthCheckEnabled: true,
        HealthCheckIntervalSeconds: 30,
        Matcher: { HttpCode: '200,403' },
        TargetType: 'ip',
        Tags: [{ Key: 'a', Value: '1' }, { Key: 'b' }],
      },
    });
    assert.equal(out.$metadata.requestId, RID);
    assert.deepEqual(out.TargetGroups, [
      {
        TargetGroupArn: TG_ARN,
        TargetGroupName: 'tg',
        Protocol: 'HTTPS',
        Port: 443,
        HealthCheckEnabled: true,
        HealthCheckIntervalSeconds: 30,
        Matcher: { HttpCode: '200,403' },
        LoadBalancerArns: [],
        TargetType: 'ip',
      },
    ]);
  });

  it('an empty list is sent as `Names=` and parsed as []; an empty result list reads back as []', async () => {
    const log: Exchange[] = [];
    const elb = client(() => ({ TargetGroups: [] }), log);
    const out = await elb.send(new DescribeTargetGroupsCommand({ Names: [] }));
    assert.match(log[0]!.request.body.toString(), /(^|&)Names=(&|$)/);
    assert.deepEqual(log[0]!.parsed?.input, { Names: [] });
    assert.deepEqual(out.TargetGroups, []);
  });

  it('an empty output still has its <OpResult> wrapper', async () => {
    const log: Exchange[] = [];
    const elb = client(() => ({}), log);
    const out = await elb.send(new AddTagsCommand({ ResourceArns: [TG_ARN], Tags: [{ Key: 'k', Value: 'v' }] }));
    assert.match(String(log[0]!.response.body), /<AddTagsResult><\/AddTagsResult>/);
    assert.equal(out.$metadata.requestId, RID);
  });

  it('CreateRule: nested lists and a map (entry.N.key/value)', async () => {
    const log: Exchange[] = [];
    const elb = client(() => ({ Rules: [] }), log);
    await elb.send(
      new CreateRuleCommand({
        ListenerArn: 'arn:l',
        Priority: 10,
        Conditions: [{ Field: 'path-pattern', Values: ['/a', '/b'] }],
        Actions: [
          {
            Type: 'authenticate-oidc',
            Order: 1,
            AuthenticateOidcConfig: {
              Issuer: 'https://issuer',
              AuthorizationEndpoint: 'https://auth',
              TokenEndpoint: 'https://token',
              UserInfoEndpoint: 'https://user',
              ClientId: 'id',
              AuthenticationRequestExtraParams: { display: 'page', prompt: 'login' },
            },
          },
          { Type: 'forward', Order: 2, TargetGroupArn: TG_ARN },
        ],
      }),
    );
    assert.deepEqual(log[0]!.parsed?.input, {
      ListenerArn: 'arn:l',
      Conditions: [{ Field: 'path-pattern', Values: ['/a', '/b'] }],
      Priority: 10,
      Actions: [
        {
          Type: 'authenticate-oidc',
          AuthenticateOidcConfig: {
            Issuer: 'https://issuer',
            AuthorizationEndpoint: 'https://auth',
            TokenEndpoint: 'https://token',
            UserInfoEndpoint: 'https://user',
            ClientId: 'id',
            AuthenticationRequestExtraParams: { display: 'page', prompt: 'login' },
          },
          Order: 1,
        },
        { Type: 'forward', TargetGroupArn: TG_ARN, Order: 2 },
      ],
    });
  });

  it('DescribeTargetGroups error: code TargetGroupNotFound raises TargetGroupNotFoundException', async () => {
    const log: Exchange[] = [];
    const elb = client(() => new AwsError('TargetGroupNotFound', 'One or more target groups not found'), log);
    const err = await rejection(elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [TG_ARN] })));
    assert.ok(err instanceof TargetGroupNotFoundException);
    assert.equal(err.name, 'TargetGroupNotFoundException');
    assert.equal(err.message, 'One or more target groups not found');
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.equal(err.$metadata?.requestId, RID);
    assert.match(String(log[0]!.response.body), /<Code>TargetGroupNotFound<\/Code>/);
  });

  it('a service that throws the shape name still sends the wire code', async () => {
    const elb = client(() => new AwsError('TargetGroupNotFoundException', 'nope'));
    const err = await rejection(elb.send(new DescribeTargetGroupsCommand({})));
    assert.ok(err instanceof TargetGroupNotFoundException);
  });

  it('constraint violations answer ValidationError in AWS wording', async () => {
    const elb = client(() => ({}));
    const err = await rejection(elb.send(new CreateTargetGroupCommand({ Name: 'tg', Protocol: 'FTP' as never, Port: 70000 })));
    assert.equal(err.name, 'ValidationError');
    assert.equal(
      err.message,
      "2 validation errors detected: Value 'FTP' at 'protocol' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, GENEVE, QUIC, TCP_QUIC]; " +
        "Value '70000' at 'port' failed to satisfy constraint: Member must have value less than or equal to 65535",
    );
    const missing = await rejection(elb.send(new CreateTargetGroupCommand({} as never)));
    assert.equal(missing.name, 'ValidationError');
    assert.equal(missing.message, "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
  });

  it('not implemented answers InvalidAction 400', async () => {
    const elb = client((p) => new NotImplementedError(`${p.operation} is not implemented by localvpc (elbv2 2015-12-01).`));
    const err = await rejection(elb.send(new DescribeTargetGroupsCommand({})));
    assert.equal(err.name, 'InvalidAction');
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.equal(err.message, 'DescribeTargetGroups is not implemented by localvpc (elbv2 2015-12-01).');
  });
});
