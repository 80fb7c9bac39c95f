/**
 * The verified wire vectors of aws-protocols.md §9 (V1–V5: request, response, error, DryRun),
 * run in the server direction: each request must detect and parse to the given input, and each
 * output or error must serialize to the given bytes. The reference's XML is indented for reading;
 * whitespace between tags is removed before comparing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError } from '../kernel/errors.js';
import { detectService, getCodec } from './index.js';
import type { HttpRequest, HttpResponse } from './types.js';
import { parseXml, type XmlElement } from './xml-reader.js';

const RID = '8f1e2d3c-0000-4000-8000-000000000001';

function auth(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${'0'.repeat(64)}`;
}

function request(method: string, target: string, headers: Record<string, string>, body = ''): HttpRequest {
  const q = target.indexOf('?');
  return { method, path: q === -1 ? target : target.slice(0, q), rawQuery: q === -1 ? '' : target.slice(q + 1), headers, body: Buffer.from(body) };
}

function compact(xml: string): string {
  return xml.replace(/>\s+</g, '><').trim();
}

function bodyText(res: HttpResponse): string {
  return typeof res.body === 'string' ? res.body : res.body.toString('utf8');
}

/** An element as text with its children sorted by name (stable) and blank text dropped. */
function canonical(el: XmlElement): string {
  const kids = [...el.children].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const text = el.children.length > 0 ? '' : el.text;
  return `<${el.name}${JSON.stringify(el.attributes)}>${text}${kids.map(canonical).join('')}</${el.name}>`;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

describe('V1 awsQuery: ELBv2 DescribeLoadBalancers', () => {
  const req = request('POST', '/', { ...FORM, authorization: auth('elasticloadbalancing') }, 'Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.1=my-alb');

  it('request', () => {
    assert.deepEqual(detectService(req), { service: 'elbv2', region: 'us-east-1', accessKeyId: 'test' });
    assert.deepEqual(getCodec('elbv2').parse(req), { operation: 'DescribeLoadBalancers', input: { Names: ['my-alb'] } });
  });

  it('response', () => {
    const res = getCodec('elbv2').serialize(
      'DescribeLoadBalancers',
      {
        LoadBalancers: [
          {
            LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/my-alb/50dc6c495c0c9188',
            DNSName: 'internal-my-alb-1234567890.us-east-1.elb.amazonaws.com',
            CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
            CreatedTime: new Date('2026-01-01T00:00:00.000Z'),
            LoadBalancerName: 'my-alb',
            Scheme: 'internal',
            VpcId: 'vpc-0a1b2c3d4e5f60718',
            State: { Code: 'active' },
            Type: 'application',
            AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-0a1b2c3d4e5f60718', LoadBalancerAddresses: [] }],
            SecurityGroups: ['sg-0a1b2c3d4e5f60718'],
            IpAddressType: 'ipv4',
          },
        ],
      },
      RID,
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers['Content-Type'], 'text/xml');
    assert.equal(res.headers['x-amzn-RequestId'], RID);
    assert.equal(
      bodyText(res),
      compact(`<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
  <DescribeLoadBalancersResult><LoadBalancers><member>
    <LoadBalancerArn>arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/my-alb/50dc6c495c0c9188</LoadBalancerArn>
    <DNSName>internal-my-alb-1234567890.us-east-1.elb.amazonaws.com</DNSName><CanonicalHostedZoneId>Z35SXDOTRQ7X7K</CanonicalHostedZoneId>
    <CreatedTime>2026-01-01T00:00:00.000Z</CreatedTime><LoadBalancerName>my-alb</LoadBalancerName><Scheme>internal</Scheme>
    <VpcId>vpc-0a1b2c3d4e5f60718</VpcId><State><Code>active</Code></State><Type>application</Type>
    <AvailabilityZones><member><ZoneName>us-east-1a</ZoneName><SubnetId>subnet-0a1b2c3d4e5f60718</SubnetId><LoadBalancerAddresses/></member></AvailabilityZones>
    <SecurityGroups><member>sg-0a1b2c3d4e5f60718</member></SecurityGroups><IpAddressType>ipv4</IpAddressType>
  </member></LoadBalancers></DescribeLoadBalancersResult>
  <ResponseMetadata><RequestId>${RID}</RequestId></ResponseMetadata>
</DescribeLoadBalancersResponse>`),
    );
  });

  it('error', () => {
    const arn = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/nope/0123456789abcdef';
    const err = request('POST', '/', { ...FORM, authorization: auth('elasticloadbalancing') }, `Action=DescribeTargetGroups&Version=2015-12-01&TargetGroupArns.member.1=${encodeURIComponent(arn)}`);
    assert.deepEqual(getCodec('elbv2').parse(err), { operation: 'DescribeTargetGroups', input: { TargetGroupArns: [arn] } });
    const res = getCodec('elbv2').serializeError(new AwsError('TargetGroupNotFound', 'One or more target groups not found'), RID, 'DescribeTargetGroups');
    assert.equal(res.status, 400);
    assert.equal(res.headers['Content-Type'], 'text/xml');
    assert.equal(res.headers['x-amzn-RequestId'], RID);
    assert.equal(
      bodyText(res),
      `<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><Error><Type>Sender</Type><Code>TargetGroupNotFound</Code><Message>One or more target groups not found</Message></Error><RequestId>${RID}</RequestId></ErrorResponse>`,
    );
  });
});

describe('V2 ec2Query: EC2 CreateVpc', () => {
  const req = request(
    'POST',
    '/',
    { ...FORM, authorization: auth('ec2') },
    'Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0%2F16&TagSpecification.1.ResourceType=vpc&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=demo',
  );

  it('request', () => {
    assert.deepEqual(detectService(req), { service: 'ec2', region: 'us-east-1', accessKeyId: 'test' });
    assert.deepEqual(getCodec('ec2').parse(req), {
      operation: 'CreateVpc',
      input: { CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'demo' }] }] },
    });
  });

  it('response', () => {
    const res = getCodec('ec2').serialize(
      'CreateVpc',
      {
        Vpc: {
          VpcId: 'vpc-0a1b2c3d4e5f60718',
          OwnerId: '000000000000',
          State: 'pending',
          CidrBlock: '10.0.0.0/16',
          CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16', AssociationId: 'vpc-cidr-assoc-0a1b2c3d4e5f60718', CidrBlockState: { State: 'associated' } }],
          Ipv6CidrBlockAssociationSet: [],
          DhcpOptionsId: 'dopt-0a1b2c3d4e5f60718',
          InstanceTenancy: 'default',
          IsDefault: false,
          Tags: [{ Key: 'Name', Value: 'demo' }],
        },
      },
      RID,
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers['Content-Type'], 'text/xml');
    assert.equal(res.headers['x-amzn-RequestId'], RID);
    // The reference lists the vpc's children in AWS's order; ours follow the model's member order.
    // No client depends on sibling order, so compare with siblings sorted by name (stable, so list
    // items keep their order).
    const body = bodyText(res);
    assert.ok(body.startsWith('<?xml version="1.0" encoding="UTF-8"?><CreateVpcResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'));
    assert.equal(
      canonical(parseXml(body)),
      canonical(
        parseXml(`<?xml version="1.0" encoding="UTF-8"?>
<CreateVpcResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>${RID}</requestId>
  <vpc><vpcId>vpc-0a1b2c3d4e5f60718</vpcId><ownerId>000000000000</ownerId><state>pending</state><cidrBlock>10.0.0.0/16</cidrBlock>
    <cidrBlockAssociationSet><item><cidrBlock>10.0.0.0/16</cidrBlock><associationId>vpc-cidr-assoc-0a1b2c3d4e5f60718</associationId>
      <cidrBlockState><state>associated</state></cidrBlockState></item></cidrBlockAssociationSet>
    <ipv6CidrBlockAssociationSet/><dhcpOptionsId>dopt-0a1b2c3d4e5f60718</dhcpOptionsId><instanceTenancy>default</instanceTenancy>
    <isDefault>false</isDefault><tagSet><item><key>Name</key><value>demo</value></item></tagSet></vpc>
</CreateVpcResponse>`),
      ),
    );
  });

  it('error', () => {
    const err = request('POST', '/', { ...FORM, authorization: auth('ec2') }, 'Action=DescribeVpcs&Version=2016-11-15&VpcId.1=vpc-404&Filter.1.Name=tag%3AName&Filter.1.Value.1=demo&Filter.1.Value.2=prod');
    assert.deepEqual(getCodec('ec2').parse(err), { operation: 'DescribeVpcs', input: { VpcIds: ['vpc-404'], Filters: [{ Name: 'tag:Name', Values: ['demo', 'prod'] }] } });
    const res = getCodec('ec2').serializeError(new AwsError('InvalidVpcID.NotFound', "The vpc ID 'vpc-404' does not exist"), RID, 'DescribeVpcs');
    assert.equal(res.status, 400);
    assert.equal(res.headers['Content-Type'], 'text/xml');
    assert.equal(res.headers['x-amzn-RequestId'], RID);
    assert.equal(bodyText(res), `<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID 'vpc-404' does not exist</Message></Error></Errors><RequestID>${RID}</RequestID></Response>`);
  });

  it('DryRun', () => {
    const dry = request('POST', '/', { ...FORM, authorization: auth('ec2') }, 'Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0%2F16&DryRun=true');
    assert.deepEqual(getCodec('ec2').parse(dry), { operation: 'CreateVpc', input: { CidrBlock: '10.0.0.0/16', DryRun: true } });
    const res = getCodec('ec2').serializeError(new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412), RID, 'CreateVpc');
    assert.equal(res.status, 412);
    assert.equal(bodyText(res), `<Response><Errors><Error><Code>DryRunOperation</Code><Message>Request would have succeeded, but DryRun flag is set.</Message></Error></Errors><RequestID>${RID}</RequestID></Response>`);
  });
});

describe('V3 restJson1: API Gateway CreateRestApi', () => {
  it('request', () => {
    const req = request('POST', '/restapis', { 'content-type': 'application/json', accept: 'application/json', authorization: auth('apigateway') }, '{"name": "demo", "endpointConfiguration": {"types": ["REGIONAL"]}}');
    assert.deepEqual(detectService(req), { service: 'apigateway', region: 'us-east-1', accessKeyId: 'test' });
    assert.deepEqual(getCodec('apigateway').parse(req), { operation: 'CreateRestApi', input: { name: 'demo', endpointConfiguration: { types: ['REGIONAL'] } } });
  });

  it('response', () => {
    const res = getCodec('apigateway').serialize(
      'CreateRestApi',
      {
        id: 'a1b2c3d4e5',
        name: 'demo',
        createdDate: new Date(1767225600 * 1000),
        apiKeySource: 'HEADER',
        endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'ipv4' },
        disableExecuteApiEndpoint: false,
        rootResourceId: 'f6g7h8i9j0',
      },
      RID,
    );
    assert.equal(res.status, 201);
    assert.equal(res.headers['Content-Type'], 'application/json');
    assert.equal(res.headers['x-amzn-RequestId'], RID);
    assert.equal(
      bodyText(res),
      '{"id":"a1b2c3d4e5","name":"demo","createdDate":1767225600,"apiKeySource":"HEADER","endpointConfiguration":{"types":["REGIONAL"],"ipAddressType":"ipv4"},"disableExecuteApiEndpoint":false,"rootResourceId":"f6g7h8i9j0"}',
    );
  });

  it('list', () => {
    const req = request('GET', '/restapis?limit=25', { authorization: auth('apigateway') });
    assert.deepEqual(getCodec('apigateway').parse(req), { operation: 'GetRestApis', input: { limit: 25 } });
    const res = getCodec('apigateway').serialize('GetRestApis', { items: [{ id: 'a1b2c3d4e5', name: 'demo', createdDate: 1767225600 }] }, RID);
    assert.equal(res.status, 200);
    assert.equal(bodyText(res), '{"item":[{"id":"a1b2c3d4e5","name":"demo","createdDate":1767225600}]}');
  });

  it('error', () => {
    const req = request('GET', '/restapis/nope', { authorization: auth('apigateway') });
    assert.deepEqual(getCodec('apigateway').parse(req), { operation: 'GetRestApi', input: { restApiId: 'nope' } });
    const res = getCodec('apigateway').serializeError(new AwsError('NotFoundException', 'Invalid API identifier specified 000000000000:nope', 404), RID, 'GetRestApi');
    assert.equal(res.status, 404);
    assert.equal(res.headers['Content-Type'], 'application/json');
    assert.equal(res.headers['x-amzn-ErrorType'], 'NotFoundException');
    assert.equal(res.headers['x-amzn-RequestId'], RID);
    assert.equal(bodyText(res), '{"message":"Invalid API identifier specified 000000000000:nope"}');
  });
});

describe('V4 restXml: Route 53 CreateHostedZone', () => {
  it('request (no Content-Type)', () => {
    const req = request(
      'POST',
      '/2013-04-01/hostedzone',
      { authorization: auth('route53') },
      '<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>example.com</Name><CallerReference>ref-1</CallerReference></CreateHostedZoneRequest>',
    );
    assert.deepEqual(detectService(req), { service: 'route53', region: 'us-east-1', accessKeyId: 'test' });
    assert.deepEqual(getCodec('route53').parse(req), { operation: 'CreateHostedZone', input: { Name: 'example.com', CallerReference: 'ref-1' } });
  });

  it('response', () => {
    const res = getCodec('route53').serialize(
      'CreateHostedZone',
      {
        HostedZone: { Id: '/hostedzone/Z0123456789ABCDEFGHIJ', Name: 'example.com.', CallerReference: 'ref-1', Config: { PrivateZone: false }, ResourceRecordSetCount: 2 },
        ChangeInfo: { Id: '/change/C0123456789ABCDEFGHIJ', Status: 'PENDING', SubmittedAt: '2026-01-01T00:00:00Z' },
        DelegationSet: { NameServers: ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.net'] },
        Location: 'https://route53.amazonaws.com/2013-04-01/hostedzone/Z0123456789ABCDEFGHIJ',
      },
      RID,
    );
    assert.equal(res.status, 201);
    assert.equal(res.headers['Content-Type'], 'text/xml');
    assert.equal(res.headers['Location'], 'https://route53.amazonaws.com/2013-04-01/hostedzone/Z0123456789ABCDEFGHIJ');
    assert.equal(res.headers['x-amzn-RequestId'], RID);
    assert.equal(
      bodyText(res),
      compact(`<?xml version="1.0" encoding="UTF-8"?>
<CreateHostedZoneResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
  <HostedZone><Id>/hostedzone/Z0123456789ABCDEFGHIJ</Id><Name>example.com.</Name><CallerReference>ref-1</CallerReference>
    <Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount></HostedZone>
  <ChangeInfo><Id>/change/C0123456789ABCDEFGHIJ</Id><Status>PENDING</Status><SubmittedAt>2026-01-01T00:00:00.000Z</SubmittedAt></ChangeInfo>
  <DelegationSet><NameServers><NameServer>ns-1.awsdns-01.org</NameServer><NameServer>ns-2.awsdns-02.net</NameServer></NameServers></DelegationSet>
</CreateHostedZoneResponse>`),
    );
  });

  it('error', () => {
    const req = request('GET', '/2013-04-01/hostedzone/ZNOPE', { authorization: auth('route53') });
    assert.deepEqual(getCodec('route53').parse(req), { operation: 'GetHostedZone', input: { Id: 'ZNOPE' } });
    const res = getCodec('route53').serializeError(new AwsError('NoSuchHostedZone', 'No hosted zone found with ID: ZNOPE'), RID, 'GetHostedZone');
    assert.equal(res.status, 404);
    assert.equal(res.headers['Content-Type'], 'text/xml');
    assert.equal(
      bodyText(res),
      `<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: ZNOPE</Message></Error><RequestId>${RID}</RequestId></ErrorResponse>`,
    );
  });
});

describe('V5 awsJson1_1: ACM RequestCertificate', () => {
  it('request', () => {
    const req = request(
      'POST',
      '/',
      { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CertificateManager.RequestCertificate', authorization: auth('acm') },
      '{"DomainName": "api.example.com", "ValidationMethod": "DNS"}',
    );
    assert.deepEqual(detectService(req), { service: 'acm', region: 'us-east-1', accessKeyId: 'test' });
    assert.deepEqual(getCodec('acm').parse(req), { operation: 'RequestCertificate', input: { DomainName: 'api.example.com', ValidationMethod: 'DNS' } });
  });

  it('response', () => {
    const res = getCodec('acm').serialize('RequestCertificate', { CertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/0f1e2d3c-4b5a-4697-8a7b-6c5d4e3f2a1b' }, RID);
    assert.equal(res.status, 200);
    assert.equal(res.headers['Content-Type'], 'application/x-amz-json-1.1');
    assert.equal(res.headers['x-amzn-RequestId'], RID);
    assert.equal(bodyText(res), '{"CertificateArn":"arn:aws:acm:us-east-1:000000000000:certificate/0f1e2d3c-4b5a-4697-8a7b-6c5d4e3f2a1b"}');
  });

  it('error', () => {
    const arn = 'arn:aws:acm:us-east-1:000000000000:certificate/nope';
    const req = request('POST', '/', { 'x-amz-target': 'CertificateManager.DescribeCertificate', authorization: auth('acm') }, JSON.stringify({ CertificateArn: arn }));
    assert.deepEqual(getCodec('acm').parse(req), { operation: 'DescribeCertificate', input: { CertificateArn: arn } });
    const res = getCodec('acm').serializeError(new AwsError('ResourceNotFoundException', `Certificate with arn ${arn} not found in account 000000000000`), RID, 'DescribeCertificate');
    assert.equal(res.status, 400);
    assert.equal(res.headers['Content-Type'], 'application/x-amz-json-1.1');
    assert.equal(res.headers['x-amzn-ErrorType'], 'ResourceNotFoundException');
    assert.equal(bodyText(res), `{"__type":"ResourceNotFoundException","message":"Certificate with arn ${arn} not found in account 000000000000"}`);
  });
});
