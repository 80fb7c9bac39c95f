/**
 * ACM (awsJson1_1) round trips through @aws-sdk/client-acm.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACMClient, DescribeCertificateCommand, ImportCertificateCommand, ListCertificatesCommand, RequestCertificateCommand, ResourceNotFoundException, ValidationException } from '@aws-sdk/client-acm';
import { AwsError, NotImplementedError } from '../kernel/errors.js';
import { CLIENT_CONFIG, RID, rejection, sdkHandler, type Exchange, type Responder } from './sdk-harness.test.js';

function client(respond: Responder, log: Exchange[] = []) {
  return new ACMClient({ ...CLIENT_CONFIG, requestHandler: sdkHandler(respond, log) });
}

const ARN = 'arn:aws:acm:eu-west-1:000000000000:certificate/0f1e2d3c-4b5a-4697-8a7b-6c5d4e3f2a1b';

describe('ACM through the AWS SDK v3', () => {
  it('RequestCertificate: X-Amz-Target dispatch, JSON in and out', async () => {
    const log: Exchange[] = [];
    const acm = client(() => ({ CertificateArn: ARN }), log);
    const out = await acm.send(
      new RequestCertificateCommand({ DomainName: 'api.example.com', ValidationMethod: 'DNS', SubjectAlternativeNames: ['*.example.com'], Tags: [{ Key: 'k', Value: 'v' }], IdempotencyToken: 'tok' }),
    );
    assert.deepEqual(log[0]!.detected, { service: 'acm', region: 'eu-west-1', accessKeyId: 'test' });
    assert.equal(log[0]!.request.headers['x-amz-target'], 'CertificateManager.RequestCertificate');
    assert.deepEqual(log[0]!.parsed, {
      operation: 'RequestCertificate',
      input: { DomainName: 'api.example.com', ValidationMethod: 'DNS', SubjectAlternativeNames: ['*.example.com'], IdempotencyToken: 'tok', Tags: [{ Key: 'k', Value: 'v' }] },
    });
    assert.equal(out.CertificateArn, ARN);
    assert.equal(out.$metadata.requestId, RID);
  });

  it('DescribeCertificate output: epoch timestamps and nested lists', async () => {
    const notBefore = new Date('2026-01-01T00:00:00Z');
    const acm = client(() => ({
      Certificate: {
        CertificateArn: ARN,
        DomainName: 'api.example.com',
        Status: 'ISSUED',
        NotBefore: notBefore,
        DomainValidationOptions: [{ DomainName: 'api.example.com', ValidationStatus: 'SUCCESS', ResourceRecord: { Name: '_x.api.example.com.', Type: 'CNAME', Value: '_y.acm-validations.aws.' } }],
        InUseBy: [],
      },
    }));
    const out = await acm.send(new DescribeCertificateCommand({ CertificateArn: ARN }));
    assert.deepEqual(out.Certificate?.NotBefore, notBefore);
    assert.equal(out.Certificate?.DomainValidationOptions?.[0]?.ResourceRecord?.Type, 'CNAME');
    assert.deepEqual(out.Certificate?.InUseBy, []);
  });

  it('blobs travel base64 (ImportCertificate)', async () => {
    const log: Exchange[] = [];
    const acm = client(() => ({ CertificateArn: ARN }), log);
    await acm.send(new ImportCertificateCommand({ Certificate: Buffer.from('CERT'), PrivateKey: Buffer.from('KEY') }));
    assert.deepEqual(log[0]!.parsed?.input, { Certificate: Buffer.from('CERT').toString('base64'), PrivateKey: Buffer.from('KEY').toString('base64') });
  });

  it('DescribeCertificate error: __type in body and header raises ResourceNotFoundException', async () => {
    const log: Exchange[] = [];
    const acm = client(() => new AwsError('ResourceNotFoundException', `Certificate with arn ${ARN} not found in account 000000000000`), log);
    const err = await rejection(acm.send(new DescribeCertificateCommand({ CertificateArn: ARN })));
    assert.ok(err instanceof ResourceNotFoundException);
    assert.equal(err.message, `Certificate with arn ${ARN} not found in account 000000000000`);
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.equal(err.$metadata?.requestId, RID);
    assert.deepEqual(JSON.parse(String(log[0]!.response.body)), { __type: 'ResourceNotFoundException', message: `Certificate with arn ${ARN} not found in account 000000000000` });
    assert.equal(log[0]!.response.headers['x-amzn-ErrorType'], 'ResourceNotFoundException');
  });

  it('v3 sends {} for a missing required member; the server answers ValidationException', async () => {
    const acm = client(() => ({}));
    const err = await rejection(acm.send(new RequestCertificateCommand({} as never)));
    assert.ok(err instanceof ValidationException);
    assert.equal(err.message, "1 validation error detected: Value null at 'domainName' failed to satisfy constraint: Member must not be null");
  });

  it('not implemented answers UnknownOperationException 400', async () => {
    const acm = client((p) => new NotImplementedError(`${p.operation} is not implemented by localvpc (acm 2015-12-08).`));
    const err = await rejection(acm.send(new ListCertificatesCommand({})));
    assert.equal(err.name, 'UnknownOperationException');
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.equal(err.message, 'ListCertificates is not implemented by localvpc (acm 2015-12-08).');
  });
});
