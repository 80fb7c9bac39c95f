/**
 * EC2 (ec2Query) round trips through @aws-sdk/client-ec2: the SDK serializes, our codec parses;
 * our codec serializes, the SDK deserializes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateVpcCommand, DeleteVpcCommand, DescribeSpotPriceHistoryCommand, DescribeVpcsCommand, EC2Client, ModifyVpcAttributeCommand, ModifyVpcEndpointCommand } from '@aws-sdk/client-ec2';
import { AwsError, NotImplementedError } from '../kernel/errors.js';
import { CLIENT_CONFIG, RID, rejection, sdkHandler, type Exchange, type Responder } from './sdk-harness.test.js';

function client(respond: Responder, log: Exchange[] = []) {
  return new EC2Client({ ...CLIENT_CONFIG, requestHandler: sdkHandler(respond, log) });
}

describe('EC2 through the AWS SDK v3', () => {
  it('CreateVpc with TagSpecifications: input parsed, output read back', async () => {
    const log: Exchange[] = [];
    const ec2 = client(() => ({
      Vpc: {
        VpcId: 'vpc-0a1b2c3d4e5f60718',
        OwnerId: '000000000000',
        State: 'pending',
        CidrBlock: '10.0.0.0/16',
        CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16', AssociationId: 'vpc-cidr-assoc-1', CidrBlockState: { State: 'associated' } }],
        Ipv6CidrBlockAssociationSet: [],
        IsDefault: false,
        Tags: [{ Key: 'Name', Value: 'demo' }],
      },
    }), log);
    const out = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'demo' }] }] }));
    assert.equal(log.length, 1);
    assert.deepEqual(log[0]!.detected, { service: 'ec2', region: 'eu-west-1', accessKeyId: 'test' });
    assert.deepEqual(log[0]!.parsed, {
      operation: 'CreateVpc',
      input: { CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'demo' }] }] },
    });
    assert.equal(out.$metadata.requestId, RID);
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.deepEqual(out.Vpc, {
      VpcId: 'vpc-0a1b2c3d4e5f60718',
      OwnerId: '000000000000',
      State: 'pending',
      CidrBlock: '10.0.0.0/16',
      CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16', AssociationId: 'vpc-cidr-assoc-1', CidrBlockState: { State: 'associated' } }],
      Ipv6CidrBlockAssociationSet: [],
      IsDefault: false,
      Tags: [{ Key: 'Name', Value: 'demo' }],
    });
  });

  it('DescribeVpcs with ids, filters and paging: lists flattened and ordered', async () => {
    const log: Exchange[] = [];
    const ec2 = client(() => ({ Vpcs: [{ VpcId: 'vpc-1', IsDefault: true }, { VpcId: 'vpc-2' }], NextToken: 'next' }), log);
    const out = await ec2.send(
      new DescribeVpcsCommand({
        VpcIds: ['vpc-1', 'vpc-2'],
        Filters: [
          { Name: 'tag:Name', Values: ['demo', 'prod'] },
          { Name: 'cidr-block', Values: ['10.0.0.0/16'] },
        ],
        MaxResults: 5,
        DryRun: false,
      }),
    );
    assert.deepEqual(log[0]!.parsed, {
      operation: 'DescribeVpcs',
      input: {
        VpcIds: ['vpc-1', 'vpc-2'],
        Filters: [
          { Name: 'tag:Name', Values: ['demo', 'prod'] },
          { Name: 'cidr-block', Values: ['10.0.0.0/16'] },
        ],
        MaxResults: 5,
        DryRun: false,
      },
    });
    assert.deepEqual(out.Vpcs, [{ VpcId: 'vpc-1', IsDefault: true }, { VpcId: 'vpc-2' }]);
    assert.equal(out.NextToken, 'next');
  });

  it('timestamps travel ISO 8601 both ways', async () => {
    const log: Exchange[] = [];
    const start = new Date('2026-01-01T00:00:00.000Z');
    const ec2 = client(() => ({ SpotPriceHistory: [{ InstanceType: 'm5.large', SpotPrice: '0.1', Timestamp: start }] }), log);
    const out = await ec2.send(new DescribeSpotPriceHistoryCommand({ StartTime: start, InstanceTypes: ['m5.large'] }));
    assert.deepEqual(log[0]!.parsed?.input, { StartTime: start, InstanceTypes: ['m5.large'] });
    assert.deepEqual(out.SpotPriceHistory?.[0]?.Timestamp, start);
  });

  it('an empty set reads back as an empty list', async () => {
    const ec2 = client(() => ({ Vpcs: [] }));
    const out = await ec2.send(new DescribeVpcsCommand({}));
    assert.deepEqual(out.Vpcs, []);
  });

  it('operations without output, nested attribute values, boolean-only results (<return>)', async () => {
    const log: Exchange[] = [];
    const ec2 = client((p) => (p.operation === 'ModifyVpcEndpoint' ? { Return: true } : {}), log);
    const none = await ec2.send(new ModifyVpcAttributeCommand({ VpcId: 'vpc-1', EnableDnsHostnames: { Value: true } }));
    assert.deepEqual(log[0]!.parsed?.input, { VpcId: 'vpc-1', EnableDnsHostnames: { Value: true } });
    assert.equal(none.$metadata.requestId, RID);
    await ec2.send(new DeleteVpcCommand({ VpcId: 'vpc-1' }));
    assert.deepEqual(log[1]!.parsed, { operation: 'DeleteVpc', input: { VpcId: 'vpc-1' } });
    const ret = await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: 'vpce-1', AddSubnetIds: ['subnet-1', 'subnet-2'], PrivateDnsEnabled: true }));
    assert.deepEqual(log[2]!.parsed?.input, { VpcEndpointId: 'vpce-1', AddSubnetIds: ['subnet-1', 'subnet-2'], PrivateDnsEnabled: true });
    assert.match(String(log[2]!.response.body), /<return>true<\/return>/);
    assert.equal(ret.Return, true);
  });

  it('an EC2 error arrives with its code, message, status and request id', async () => {
    const ec2 = client(() => new AwsError('InvalidVpcID.NotFound', "The vpc ID 'vpc-404' does not exist"));
    const err = await rejection(ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-404'] })));
    assert.equal(err.name, 'InvalidVpcID.NotFound');
    assert.equal(err.message, "The vpc ID 'vpc-404' does not exist");
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.equal(err.$metadata?.requestId, RID);
  });

  it('DryRun answers DryRunOperation (412)', async () => {
    const log: Exchange[] = [];
    const ec2 = client((p) => (p.input.DryRun === true ? new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412) : {}), log);
    const err = await rejection(ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', DryRun: true })));
    assert.equal(log[0]!.parsed?.input.DryRun, true);
    assert.equal(err.name, 'DryRunOperation');
    assert.equal(err.$metadata?.httpStatusCode, 412);
  });

  it('not implemented answers InvalidAction 400 with the message', async () => {
    const ec2 = client((p) => new NotImplementedError(`${p.operation} is not implemented by localvpc (ec2 2016-11-15).`));
    const err = await rejection(ec2.send(new DeleteVpcCommand({ VpcId: 'vpc-1' })));
    assert.equal(err.name, 'InvalidAction');
    assert.equal(err.message, 'DeleteVpc is not implemented by localvpc (ec2 2016-11-15).');
    assert.equal(err.$metadata?.httpStatusCode, 400);
  });

  it('a missing required parameter answers MissingParameter', async () => {
    const ec2 = client(() => ({}));
    const err = await rejection(ec2.send(new DeleteVpcCommand({} as never)));
    assert.equal(err.name, 'MissingParameter');
    assert.equal(err.message, 'The request must contain the parameter VpcId');
  });
});
