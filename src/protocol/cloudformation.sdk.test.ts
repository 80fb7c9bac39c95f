/**
 * CloudFormation (awsQuery) round trips through @aws-sdk/client-cloudformation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AwsError } from '../kernel/errors.js';
import { CLIENT_CONFIG, RID, rejection, sdkHandler, type Exchange, type Responder } from './sdk-harness.test.js';

function client(respond: Responder, log: Exchange[] = []) {
  return new CloudFormationClient({ ...CLIENT_CONFIG, requestHandler: sdkHandler(respond, log) });
}

const STACK_ID = 'arn:aws:cloudformation:eu-west-1:000000000000:stack/demo/0f1e2d3c-4b5a-4697-8a7b-6c5d4e3f2a1b';

describe('CloudFormation through the AWS SDK v3', () => {
  it('CreateStack: parameters, capabilities and tags in; StackId out', async () => {
    const log: Exchange[] = [];
    const cfn = client(() => ({ StackId: STACK_ID }), log);
    const out = await cfn.send(
      new CreateStackCommand({
        StackName: 'demo',
        TemplateBody: '{"Resources":{}}',
        Parameters: [{ ParameterKey: 'Env', ParameterValue: 'dev' }],
        Capabilities: ['CAPABILITY_IAM'],
        Tags: [{ Key: 'k', Value: 'v' }],
        TimeoutInMinutes: 5,
      }),
    );
    assert.deepEqual(log[0]!.detected, { service: 'cloudformation', region: 'eu-west-1', accessKeyId: 'test' });
    assert.deepEqual(log[0]!.parsed, {
      operation: 'CreateStack',
      input: {
        StackName: 'demo',
        TemplateBody: '{"Resources":{}}',
        Parameters: [{ ParameterKey: 'Env', ParameterValue: 'dev' }],
        TimeoutInMinutes: 5,
        Capabilities: ['CAPABILITY_IAM'],
        Tags: [{ Key: 'k', Value: 'v' }],
      },
    });
    assert.equal(out.StackId, STACK_ID);
    assert.equal(out.$metadata.requestId, RID);
  });

  it('DescribeStacks: timestamps and nested lists out', async () => {
    const created = new Date('2026-01-01T00:00:00.123Z');
    const cfn = client(() => ({ Stacks: [{ StackId: STACK_ID, StackName: 'demo', CreationTime: created, StackStatus: 'CREATE_COMPLETE', Outputs: [{ OutputKey: 'Url', OutputValue: 'https://x' }] }] }));
    const out = await cfn.send(new DescribeStacksCommand({ StackName: 'demo' }));
    assert.deepEqual(out.Stacks?.[0]?.CreationTime, created);
    assert.deepEqual(out.Stacks?.[0]?.Outputs, [{ OutputKey: 'Url', OutputValue: 'https://x' }]);
  });

  it('an operation without output answers ResponseMetadata only', async () => {
    const log: Exchange[] = [];
    const cfn = client(() => ({}), log);
    const out = await cfn.send(new DeleteStackCommand({ StackName: 'demo' }));
    assert.equal(log[0]!.response.body, `<DeleteStackResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><ResponseMetadata><RequestId>${RID}</RequestId></ResponseMetadata></DeleteStackResponse>`);
    assert.equal(out.$metadata.requestId, RID);
  });

  it('a generic error code (ValidationError) arrives by name', async () => {
    const cfn = client(() => new AwsError('ValidationError', 'Stack with id nope does not exist'));
    const err = await rejection(cfn.send(new DescribeStacksCommand({ StackName: 'nope' })));
    assert.equal(err.name, 'ValidationError');
    assert.equal(err.message, 'Stack with id nope does not exist');
  });
});
