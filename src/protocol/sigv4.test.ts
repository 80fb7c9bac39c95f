import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAuthorizationHeader, parseSigV4 } from './sigv4.js';
import { httpRequest } from './sdk-harness.test.js';

describe('parseSigV4', () => {
  it('reads the header form', () => {
    const scope = parseSigV4(
      httpRequest('POST', '/', { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/elasticloadbalancing/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=abc' }),
    );
    assert.deepEqual(scope, { algorithm: 'AWS4-HMAC-SHA256', accessKeyId: 'AKIDEXAMPLE', date: '20260101', region: 'eu-west-1', service: 'elasticloadbalancing' });
  });

  it('tolerates missing spaces after commas', () => {
    const scope = parseAuthorizationHeader('AWS4-HMAC-SHA256 SignedHeaders=host,Credential=k/20260101/us-west-2/ec2/aws4_request,Signature=x');
    assert.equal(scope?.service, 'ec2');
    assert.equal(scope?.region, 'us-west-2');
  });

  it('reads SigV4a: no region in the scope, first of X-Amz-Region-Set unless a wildcard', () => {
    const header = 'AWS4-ECDSA-P256-SHA256 Credential=k/20260101/sts/aws4_request, SignedHeaders=host;x-amz-region-set, Signature=x';
    assert.deepEqual(parseSigV4(httpRequest('POST', '/', { authorization: header, 'x-amz-region-set': 'eu-central-1,us-east-1' })), {
      algorithm: 'AWS4-ECDSA-P256-SHA256',
      accessKeyId: 'k',
      date: '20260101',
      region: 'eu-central-1',
      service: 'sts',
    });
    assert.equal(parseSigV4(httpRequest('POST', '/', { authorization: header, 'x-amz-region-set': '*' }))?.region, undefined);
    assert.equal(parseSigV4(httpRequest('POST', '/', { authorization: header }))?.service, 'sts');
  });

  it('reads the presigned query form', () => {
    const scope = parseSigV4(
      httpRequest('GET', '/?Action=DescribeVpcs&Version=2016-11-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260101%2Fap-south-1%2Fec2%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=abc'),
    );
    assert.deepEqual(scope, { algorithm: 'AWS4-HMAC-SHA256', accessKeyId: 'AKID', date: '20260101', region: 'ap-south-1', service: 'ec2' });
  });

  it('ignores unsigned requests, other schemes and malformed scopes', () => {
    assert.equal(parseSigV4(httpRequest('GET', '/')), undefined);
    assert.equal(parseSigV4(httpRequest('GET', '/', { authorization: 'Bearer abc' })), undefined);
    assert.equal(parseSigV4(httpRequest('GET', '/', { authorization: 'AWS4-HMAC-SHA256 Credential=garbage' })), undefined);
    assert.equal(parseSigV4(httpRequest('GET', '/', { authorization: 'AWS4-HMAC-SHA256 Credential=k/d/r/s/not_aws4' })), undefined);
    assert.equal(parseSigV4(httpRequest('GET', '/?X-Amz-Credential=%zz')), undefined);
  });
});
