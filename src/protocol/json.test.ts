/**
 * awsJson1_1 codec (ACM): target dispatch, body typing and error shapes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError, NotImplementedError } from '../kernel/errors.js';
import { getCodec } from './index.js';
import { RID, awsErrorOf, httpRequest, textOf } from './sdk-harness.test.js';

const acm = getCodec('acm');
const call = (op: string, body: string) => httpRequest('POST', '/', { 'x-amz-target': `CertificateManager.${op}`, 'content-type': 'application/x-amz-json-1.1' }, body);

describe('awsJson1_1 parse', () => {
  it('accepts an empty body for an operation without required members', () => {
    assert.deepEqual(acm.parse(call('ListCertificates', '')), { operation: 'ListCertificates', input: {} });
    assert.deepEqual(acm.parse(call('ListCertificates', '{"MaxItems":10,"CertificateStatuses":["ISSUED"]}')).input, { CertificateStatuses: ['ISSUED'], MaxItems: 10 });
  });

  it('missing, unknown or foreign targets: 400 UnknownOperationException', () => {
    for (const target of [undefined, 'CertificateManager.Nope', 'TrentService.ListKeys', 'ListCertificates']) {
      const headers: Record<string, string> = target ? { 'x-amz-target': target } : {};
      const err = awsErrorOf(() => acm.parse(httpRequest('POST', '/', headers, '{}')));
      assert.equal(err.code, 'UnknownOperationException', String(target));
      assert.equal(err.status, 400);
    }
  });

  it('malformed JSON, non-object bodies, wrong types: 400 SerializationException', () => {
    for (const body of ['{', '[]', 'null', '{"CertificateArn": 5}', '{"CertificateArn": "a", "x": }']) {
      const err = awsErrorOf(() => acm.parse(call('DescribeCertificate', body)));
      assert.equal(err.code, 'SerializationException', body);
    }
    assert.match(awsErrorOf(() => acm.parse(call('DescribeCertificate', '{"CertificateArn": 5}'))).message, /^class java\.lang\.Integer can not be converted to an String/);
  });

  it('constraint violations: 400 ValidationException', () => {
    const err = awsErrorOf(() => acm.parse(call('RequestCertificate', '{"DomainName":"no_dots","ValidationMethod":"POST"}')));
    assert.equal(err.code, 'ValidationException');
    assert.match(err.message, /^2 validation errors detected: Value 'no_dots' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: .*; Value 'POST' at 'validationMethod' failed to satisfy constraint: Member must satisfy enum value set: \[EMAIL, DNS, HTTP\]$/);
  });
});

describe('awsJson1_1 serialize and errors', () => {
  it('epoch-second timestamps; `{}` for an empty output', () => {
    assert.equal(textOf(acm.serialize('GetAccountConfiguration', { ExpiryEvents: { DaysBeforeExpiry: 45 } }, RID)), '{"ExpiryEvents":{"DaysBeforeExpiry":45}}');
    assert.equal(textOf(acm.serialize('DeleteCertificate', {}, RID)), '{}');
    assert.equal(textOf(acm.serialize('DescribeCertificate', { Certificate: { CertificateArn: 'a', CreatedAt: new Date(1767225600500) } }, RID)), '{"Certificate":{"CertificateArn":"a","CreatedAt":1767225600.5}}');
  });

  it('not implemented: 400 UnknownOperationException with __type and header', () => {
    const res = acm.serializeError(new NotImplementedError('ExportCertificate is not implemented by localvpc (acm 2015-12-08).'), RID);
    assert.equal(res.status, 400);
    assert.equal(res.headers['x-amzn-ErrorType'], 'UnknownOperationException');
    assert.equal(res.headers['x-amzn-RequestId'], RID);
    assert.deepEqual(JSON.parse(textOf(res)), { __type: 'UnknownOperationException', message: 'ExportCertificate is not implemented by localvpc (acm 2015-12-08).' });
  });

  it('statuses: client errors 400, server failures 500; extra members in the body', () => {
    assert.equal(acm.serializeError(new AwsError('InvalidArnException', 'x'), RID).status, 400);
    assert.equal(acm.serializeError(new AwsError('InternalFailure', 'x', 500), RID).status, 500);
    const throttled = acm.serializeError(new AwsError('ThrottlingException', 'slow down', 400, { throttlingReasons: [{ reason: 'r', resource: 'x' }] }), RID);
    assert.deepEqual(JSON.parse(textOf(throttled)), { __type: 'ThrottlingException', message: 'slow down', throttlingReasons: [{ reason: 'r', resource: 'x' }] });
  });
});
