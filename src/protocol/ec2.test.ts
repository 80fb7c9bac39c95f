/**
 * ec2Query codec: key naming, typing and EC2's error wording.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError, NotImplementedError } from '../kernel/errors.js';
import { getCodec } from './index.js';
import { RID, awsErrorOf, httpRequest, textOf } from './sdk-harness.test.js';

const ec2 = getCodec('ec2');
const form = (body: string) => httpRequest('POST', '/', {}, `Version=2016-11-15&${body}`);

describe('ec2Query parse', () => {
  it('names keys by queryName, else capitalised locationName, else member name', () => {
    const parsed = ec2.parse(
      form(
        'Action=RunInstances&ImageId=ami-1&MinCount=1&MaxCount=2&NetworkInterface.1.DeviceIndex=0&NetworkInterface.1.SubnetId=subnet-1' +
          '&NetworkInterface.1.PrivateIpAddresses.1.PrivateIpAddress=10.0.0.5&NetworkInterface.1.PrivateIpAddresses.1.Primary=true&NetworkInterface.1.SecurityGroupId.1=sg-1',
      ),
    );
    assert.deepEqual(parsed.input, {
      ImageId: 'ami-1',
      MinCount: 1,
      MaxCount: 2,
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-1', PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.5', Primary: true }], Groups: ['sg-1'] }],
    });
  });

  it('reads IpPermissions with nested ranges', () => {
    const parsed = ec2.parse(
      form('Action=AuthorizeSecurityGroupIngress&GroupId=sg-1&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=80&IpPermissions.1.ToPort=80&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0%2F8&IpPermissions.1.IpRanges.1.Description=d'),
    );
    assert.deepEqual(parsed.input, { GroupId: 'sg-1', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'd' }] }] });
  });

  it('missing required parameter: MissingParameter with the wire name', () => {
    const err = awsErrorOf(() => ec2.parse(form('Action=CreateSubnet&CidrBlock=10.0.0.0%2F24')));
    assert.equal(err.code, 'MissingParameter');
    assert.equal(err.message, 'The request must contain the parameter VpcId');
    const nested = awsErrorOf(() => ec2.parse(form('Action=ModifyManagedPrefixList&PrefixListId=pl-1&AddEntry.1.Cidr=10.0.0.0%2F8&AddEntry.2.Description=d')));
    assert.equal(nested.message, 'The request must contain the parameter AddEntry.2.Cidr');
  });

  it('bad values: InvalidParameterValue (type, enum, range)', () => {
    const notInt = awsErrorOf(() => ec2.parse(form('Action=DescribeVpcs&MaxResults=ten')));
    assert.equal(notInt.code, 'InvalidParameterValue');
    assert.equal(notInt.message, 'Value (ten) for parameter MaxResults is invalid. Expected an integer.');
    const range = awsErrorOf(() => ec2.parse(form('Action=DescribeVpcs&MaxResults=2')));
    assert.equal(range.message, 'Value (2) for parameter MaxResults is invalid. Member must have value greater than or equal to 5');
    const enumErr = awsErrorOf(() => ec2.parse(form('Action=CreateVpc&CidrBlock=10.0.0.0%2F16&InstanceTenancy=shared')));
    assert.equal(enumErr.message, 'Value (shared) for parameter InstanceTenancy is invalid. Member must satisfy enum value set: [default, dedicated, host]');
    assert.equal(awsErrorOf(() => ec2.parse(form('Action=CreateVpc&DryRun=perhaps'))).code, 'InvalidParameterValue');
  });

  it('unknown action, malformed body', () => {
    const unknown = awsErrorOf(() => ec2.parse(form('Action=DescribeLoadBalancers')));
    assert.equal(unknown.code, 'InvalidAction');
    assert.equal(unknown.message, 'The action DescribeLoadBalancers is not valid for this web service.');
    assert.equal(awsErrorOf(() => ec2.parse(form('Action=DescribeVpcs&VpcId.1=%'))).code, 'MalformedQueryString');
  });
});

describe('ec2Query errors', () => {
  it('not implemented: 400 InvalidAction in the Response/Errors shape', () => {
    const res = ec2.serializeError(new NotImplementedError('CreateTransitGateway is not implemented by localvpc (ec2 2016-11-15).'), RID, 'CreateTransitGateway');
    assert.equal(res.status, 400);
    assert.equal(res.headers['x-amzn-RequestId'], RID);
    assert.equal(
      textOf(res),
      `<Response><Errors><Error><Code>InvalidAction</Code><Message>CreateTransitGateway is not implemented by localvpc (ec2 2016-11-15).</Message></Error></Errors><RequestID>${RID}</RequestID></Response>`,
    );
  });

  it('an unexpected failure is InternalError 500', () => {
    const res = ec2.serializeError(new AwsError('InternalFailure', 'bug', 500), RID);
    assert.equal(res.status, 500);
    assert.match(textOf(res), /<Code>InternalError<\/Code>/);
  });

  it('success carries the lower-case requestId and no Result wrapper', () => {
    const res = ec2.serialize('DeleteVpc', {}, RID);
    assert.equal(textOf(res), `<?xml version="1.0" encoding="UTF-8"?><DeleteVpcResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${RID}</requestId></DeleteVpcResponse>`);
  });
});
