/**
 * The ACM handlers driven by @aws-sdk/client-acm: the SDK serializes, the json codec parses, the
 * real handlers answer, the codec serializes (epoch seconds, base64 blobs, `__type`), and the SDK
 * reads the answer back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACMClient,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  GetCertificateCommand,
  ImportCertificateCommand,
  InvalidArnException,
  ListCertificatesCommand,
  RequestCertificateCommand,
  RequestInProgressException,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-acm';
import { serviceResponder, testContext } from '../../../test/helpers/context.js';
import { CLIENT_CONFIG, rejection, sdkHandler, type Exchange } from '../../protocol/sdk-harness.test.js';
import { selfSigned } from './fixtures.test.js';
import { acmService } from './index.js';

function clientFor(log: Exchange[] = []) {
  return new ACMClient({ ...CLIENT_CONFIG, requestHandler: sdkHandler(serviceResponder(acmService, testContext()), log) });
}

test('request, describe, list and delete a DNS-validated certificate through the SDK', async () => {
  const log: Exchange[] = [];
  const acm = clientFor(log);
  const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: 'app.example.org', SubjectAlternativeNames: ['*.app.example.org'], ValidationMethod: 'DNS', Tags: [{ Key: 'k', Value: 'v' }] }));
  assert.match(CertificateArn!, /^arn:aws:acm:eu-west-1:000000000000:certificate\//);
  const { Certificate: c } = await acm.send(new DescribeCertificateCommand({ CertificateArn }));
  assert.ok(c!.CreatedAt instanceof Date);
  assert.match(String(log.at(-1)!.response.body), /"CreatedAt":\d+(\.\d+)?[,}]/);
  assert.match(String(log.at(-1)!.response.body), /"KeyAlgorithm":"RSA-2048"/);
  assert.equal(c!.Status, 'PENDING_VALIDATION');
  assert.equal(c!.DomainValidationOptions!.length, 2);
  assert.equal(c!.DomainValidationOptions![1]!.ResourceRecord!.Name, c!.DomainValidationOptions![0]!.ResourceRecord!.Name);

  const pending = await rejection(acm.send(new GetCertificateCommand({ CertificateArn })));
  assert.ok(pending instanceof RequestInProgressException);
  const list = await acm.send(new ListCertificatesCommand({ CertificateStatuses: ['PENDING_VALIDATION'] }));
  assert.deepEqual(list.CertificateSummaryList!.map((s) => [s.CertificateArn, s.InUse]), [[CertificateArn, false]]);

  await acm.send(new DeleteCertificateCommand({ CertificateArn }));
  const gone = await rejection(acm.send(new DescribeCertificateCommand({ CertificateArn })));
  assert.ok(gone instanceof ResourceNotFoundException);
  assert.equal(gone.message, `Could not find certificate ${CertificateArn} in account 000000000000.`);
  assert.equal(gone.$metadata?.httpStatusCode, 400);
});

test('import with blobs and get the PEMs back through the SDK; errors keep their classes', async () => {
  const acm = clientFor();
  const cert = await selfSigned({ key: 'ec' });
  const chain = await selfSigned({ subject: 'CN=Chain CA', key: 'ec' });
  const { CertificateArn } = await acm.send(new ImportCertificateCommand({ Certificate: Buffer.from(cert.certPem), PrivateKey: Buffer.from(cert.keyPem), CertificateChain: Buffer.from(chain.certPem) }));
  const got = await acm.send(new GetCertificateCommand({ CertificateArn }));
  assert.deepEqual([got.Certificate, got.CertificateChain], [cert.certPem, chain.certPem]);
  const { Certificate: c } = await acm.send(new DescribeCertificateCommand({ CertificateArn }));
  assert.deepEqual([c!.Type, c!.KeyAlgorithm, c!.Issuer], ['IMPORTED', 'EC-prime256v1', 'Test Org']);
  assert.ok(c!.NotAfter instanceof Date && c!.NotAfter.getTime() > Date.now());

  const bad = await rejection(acm.send(new ImportCertificateCommand({ Certificate: Buffer.from('CERT123'), PrivateKey: Buffer.from('KEY123') })));
  assert.ok(bad instanceof ValidationException);
  const invalid = await rejection(acm.send(new DescribeCertificateCommand({ CertificateArn: 'arn:aws:acm:eu-west-1:000000000000:foo/bar' })));
  assert.ok(invalid instanceof InvalidArnException);
  const pattern = await rejection(acm.send(new DescribeCertificateCommand({ CertificateArn: 'not-an-arn-at-all-really' })));
  assert.ok(pattern instanceof ValidationException, 'the model pattern is checked by the codec');
});
