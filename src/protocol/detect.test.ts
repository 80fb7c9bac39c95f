import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectService } from './detect.js';
import { getCodec } from './index.js';
import { awsErrorOf, httpRequest } from './sdk-harness.test.js';

function auth(service: string, region = 'eu-west-1'): Record<string, string> {
  return { authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=x` };
}

describe('detectService', () => {
  it('uses the credential scope first, with its region and key', () => {
    assert.deepEqual(detectService(httpRequest('POST', '/', auth('ec2'), 'Action=DescribeVpcs&Version=2016-11-15')), { service: 'ec2', region: 'eu-west-1', accessKeyId: 'test' });
    assert.equal(detectService(httpRequest('POST', '/', auth('cloudformation'), 'Action=DescribeStacks&Version=2010-05-15'))?.service, 'cloudformation');
    assert.equal(detectService(httpRequest('POST', '/', auth('sts'), 'Action=GetCallerIdentity&Version=2011-06-15'))?.service, 'sts');
    assert.equal(detectService(httpRequest('POST', '/', { ...auth('acm'), 'x-amz-target': 'CertificateManager.ListCertificates' }, '{}'))?.service, 'acm');
    assert.equal(detectService(httpRequest('GET', '/2013-04-01/hostedzone', auth('route53', 'eu-west-1')))?.region, 'eu-west-1');
  });

  it('resolves the shared signing names: apigateway by /v2/, elasticloadbalancing to elbv2', () => {
    assert.equal(detectService(httpRequest('GET', '/restapis', auth('apigateway')))?.service, 'apigateway');
    assert.equal(detectService(httpRequest('GET', '/v2/apis', auth('apigateway')))?.service, 'apigatewayv2');
    assert.equal(detectService(httpRequest('POST', '/', auth('elasticloadbalancing'), 'Action=DescribeLoadBalancers&Version=2015-12-01'))?.service, 'elbv2');
  });

  it('classic ELB (2012-06-01) reaches the elbv2 codec, which answers it as not implemented', () => {
    const req = httpRequest('POST', '/', auth('elasticloadbalancing'), 'Action=DescribeLoadBalancers&Version=2012-06-01');
    assert.equal(detectService(req)?.service, 'elbv2');
    const err = awsErrorOf(() => getCodec('elbv2').parse(req));
    assert.equal(err.code, 'InvalidAction');
    assert.equal(err.status, 400);
    assert.match(err.message, /DescribeLoadBalancers \(API version 2012-06-01\) is not implemented by localvpc/);
  });

  it('unsigned: X-Amz-Target, then Version (body or query string), then the path; region us-east-1', () => {
    assert.deepEqual(detectService(httpRequest('POST', '/', { 'x-amz-target': 'CertificateManager.RequestCertificate' }, '{}')), { service: 'acm', region: 'us-east-1' });
    assert.equal(detectService(httpRequest('POST', '/', {}, 'Action=DescribeVpcs&Version=2016-11-15'))?.service, 'ec2');
    assert.equal(detectService(httpRequest('POST', '/', {}, 'Action=DescribeTags&Version=2015-12-01'))?.service, 'elbv2');
    assert.equal(detectService(httpRequest('POST', '/', {}, 'Action=DescribeTags&Version=2016-11-15'))?.service, 'ec2');
    assert.equal(detectService(httpRequest('GET', '/?Action=GetCallerIdentity&Version=2011-06-15'))?.service, 'sts');
    assert.equal(detectService(httpRequest('GET', '/?Action=DescribeStacks&Version=2010-05-15'))?.service, 'cloudformation');
    assert.equal(detectService(httpRequest('GET', '/v2/apis'))?.service, 'apigatewayv2');
    assert.equal(detectService(httpRequest('GET', '/2013-04-01/hostedzone'))?.service, 'route53');
    for (const p of ['/restapis', '/restapis/abc/resources', '/vpclinks', '/domainnames/x', '/apikeys', '/usageplans', '/account', '/tags/arn', '/clientcertificates', '/sdktypes', '/domainnameaccessassociations', '/rejectdomainnameaccessassociations']) {
      assert.equal(detectService(httpRequest('GET', p))?.service, 'apigateway', p);
    }
  });

  it('never routes on Action alone, and claims nothing it does not serve', () => {
    assert.equal(detectService(httpRequest('POST', '/', {}, 'Action=DescribeLoadBalancers')), undefined);
    assert.equal(detectService(httpRequest('POST', '/', {}, 'Action=X&Version=1999-01-01')), undefined);
    assert.equal(detectService(httpRequest('GET', '/')), undefined);
    assert.equal(detectService(httpRequest('GET', '/_localvpc/health')), undefined);
    assert.equal(detectService(httpRequest('POST', '/', { 'x-amz-target': 'TrentService.ListKeys' }, '{}')), undefined);
    assert.equal(detectService(httpRequest('POST', '/', {}, '%zz=1')), undefined);
  });

  it('an unknown signing name falls through to the other rules', () => {
    assert.equal(detectService(httpRequest('POST', '/', auth('s3'), 'Action=DescribeVpcs&Version=2016-11-15'))?.service, 'ec2');
    assert.equal(detectService(httpRequest('GET', '/bucket/key', auth('s3'))), undefined);
  });
});
