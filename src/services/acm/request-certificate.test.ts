import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClock } from '../../kernel/clock.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { acmService } from './index.js';

const ARN = /^arn:aws:acm:eu-west-1:000000000000:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('RequestCertificate (DNS) → PENDING_VALIDATION with one CNAME per name, the wildcard sharing its base name (checklist 39)', async () => {
  const ctx = testContext();
  const { CertificateArn } = await call(acmService, ctx, 'RequestCertificate', { DomainName: 'app.example.org', SubjectAlternativeNames: ['*.app.example.org'], ValidationMethod: 'DNS' });
  assert.match(CertificateArn, ARN);
  const { Certificate: c } = await call(acmService, ctx, 'DescribeCertificate', { CertificateArn });
  assert.equal(c.Status, 'PENDING_VALIDATION');
  assert.equal(c.Type, 'AMAZON_ISSUED');
  assert.equal(c.KeyAlgorithm, 'RSA-2048');
  assert.equal(c.DomainName, 'app.example.org');
  assert.deepEqual(c.SubjectAlternativeNames, ['app.example.org', '*.app.example.org']);
  assert.equal(c.Subject, 'CN=app.example.org');
  assert.equal(c.Issuer, 'Amazon');
  assert.equal(c.SignatureAlgorithm, 'SHA256WITHRSA');
  assert.deepEqual([c.KeyUsages, c.ExtendedKeyUsages, c.InUseBy], [[], [], []]);
  assert.equal(c.RenewalEligibility, 'INELIGIBLE');
  assert.deepEqual(c.Options, { CertificateTransparencyLoggingPreference: 'ENABLED', Export: 'DISABLED' });
  for (const absent of ['NotBefore', 'NotAfter', 'Serial', 'IssuedAt', 'ImportedAt']) assert.equal(c[absent], undefined, absent);
  assert.ok(typeof c.CreatedAt === 'string');

  const [plain, wildcard] = c.DomainValidationOptions;
  assert.deepEqual(
    [plain.DomainName, plain.ValidationDomain, plain.ValidationMethod, plain.ValidationStatus, wildcard.DomainName, wildcard.ValidationDomain],
    ['app.example.org', 'app.example.org', 'DNS', 'PENDING_VALIDATION', '*.app.example.org', '*.app.example.org'],
  );
  assert.match(plain.ResourceRecord.Name, /^_[0-9a-f]{32}\.app\.example\.org\.$/);
  assert.match(plain.ResourceRecord.Value, /^_[0-9a-f]{32}\.[a-z]{10}\.acm-validations\.aws\.$/);
  assert.equal(plain.ResourceRecord.Type, 'CNAME');
  assert.deepEqual(wildcard.ResourceRecord, plain.ResourceRecord, 'the wildcard validates through its base name');
});

test('the same name gets the same validation record in a new request; another name gets another', async () => {
  const ctx = testContext();
  const record = async (DomainName: string) => {
    const { CertificateArn } = await call(acmService, ctx, 'RequestCertificate', { DomainName, ValidationMethod: 'DNS' });
    return (await call(acmService, ctx, 'DescribeCertificate', { CertificateArn })).Certificate.DomainValidationOptions[0].ResourceRecord;
  };
  const first = await record('api.example.com');
  assert.deepEqual(await record('api.example.com'), first);
  assert.notEqual((await record('web.example.com')).Name.split('.')[0], first.Name.split('.')[0]);
});

test('IdempotencyToken returns the same ARN within an hour, a new one after it or with another token', async () => {
  const ctx = testContext();
  const input = { DomainName: 'idem.example.com', ValidationMethod: 'DNS', IdempotencyToken: 'tok1' };
  const a = (await call(acmService, ctx, 'RequestCertificate', input)).CertificateArn;
  assert.equal((await call(acmService, ctx, 'RequestCertificate', input)).CertificateArn, a);
  assert.notEqual((await call(acmService, ctx, 'RequestCertificate', { ...input, IdempotencyToken: 'tok2' })).CertificateArn, a);
  const later = { ...ctx, clock: { ...createClock(1), now: () => new Date(Date.now() + 3601_000) } };
  assert.notEqual((await call(acmService, later, 'RequestCertificate', input)).CertificateArn, a);
});

test('EMAIL (also the default) and HTTP validation, private CAs and exportable certificates are not implemented', async () => {
  const ctx = testContext();
  for (const input of [
    { DomainName: 'a.example.com' },
    { DomainName: 'a.example.com', ValidationMethod: 'EMAIL' },
    { DomainName: 'a.example.com', ValidationMethod: 'HTTP' },
    { DomainName: 'a.example.com', ValidationMethod: 'DNS', CertificateAuthorityArn: 'arn:aws:acm-pca:eu-west-1:000000000000:certificate-authority/x' },
    { DomainName: 'a.example.com', ValidationMethod: 'DNS', Options: { Export: 'ENABLED' } },
  ]) {
    const e = await callError(acmService, ctx, 'RequestCertificate', input);
    assert.equal(e.code, 'NotImplemented', JSON.stringify(input));
    assert.match(e.message, /not implemented by localvpc \(acm 2015-12-08\)/);
  }
  assert.equal((await call(acmService, ctx, 'ListCertificates', {})).CertificateSummaryList.length, 0, 'nothing was created');
});

test('RequestCertificate limits: 10 names, a 64-octet first name, public key algorithms, reserved tag keys', async () => {
  const ctx = testContext();
  const sans = Array.from({ length: 10 }, (_, i) => `n${i}.example.com`);
  assert.equal((await callError(acmService, ctx, 'RequestCertificate', { DomainName: 'x.example.com', ValidationMethod: 'DNS', SubjectAlternativeNames: sans })).code, 'LimitExceededException');
  const long = `${'a'.repeat(53)}.example.com`;
  const e = await callError(acmService, ctx, 'RequestCertificate', { DomainName: long, ValidationMethod: 'DNS' });
  assert.deepEqual([e.code, e.message], ['ValidationException', "The first domain name can't exceed 64 octets."]);
  assert.equal((await callError(acmService, ctx, 'RequestCertificate', { DomainName: 'x.example.com', ValidationMethod: 'DNS', KeyAlgorithm: 'RSA_4096' })).code, 'ValidationException');
  assert.equal((await callError(acmService, ctx, 'RequestCertificate', { DomainName: 'x.example.com', ValidationMethod: 'DNS', Tags: [{ Key: 'aws:cloudformation:stack-name', Value: 's' }] })).code, 'InvalidTagException');

  const ec = (await call(acmService, ctx, 'RequestCertificate', { DomainName: 'ec.example.com', ValidationMethod: 'DNS', KeyAlgorithm: 'EC_prime256v1', Options: { CertificateTransparencyLoggingPreference: 'DISABLED' } })).CertificateArn;
  const c = (await call(acmService, ctx, 'DescribeCertificate', { CertificateArn: ec })).Certificate;
  assert.deepEqual([c.KeyAlgorithm, c.Options.CertificateTransparencyLoggingPreference], ['EC-prime256v1', 'DISABLED']);
});
