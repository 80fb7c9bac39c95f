import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { b64, selfSigned, type TestCertificate } from './fixtures.test.js';
import { acmService } from './index.js';

let rsa: TestCertificate;
let other: TestCertificate;
let ca: TestCertificate;

before(async () => {
  [rsa, other, ca] = await Promise.all([selfSigned(), selfSigned({ subject: 'CN=other.example.com', dnsNames: ['other.example.com'], key: 'ec', serialNumber: '0a1b2c' }), selfSigned({ subject: 'O=Chain CA, CN=Chain CA' })]);
});

const importInput = (c: TestCertificate, extra: Record<string, unknown> = {}) => ({ Certificate: b64(c.certPem), PrivateKey: b64(c.keyPem), ...extra });

test('ImportCertificate: IMPORTED and ISSUED, names, subject, issuer, serial, key and usages from the certificate', async () => {
  const ctx = testContext();
  const { CertificateArn } = await call(acmService, ctx, 'ImportCertificate', importInput(rsa, { CertificateChain: b64(ca.certPem), Tags: [{ Key: 'team', Value: 'net' }] }));
  const c = (await call(acmService, ctx, 'DescribeCertificate', { CertificateArn })).Certificate;
  assert.deepEqual(
    [c.Type, c.Status, c.DomainName, c.Subject, c.Issuer, c.Serial, c.KeyAlgorithm, c.SignatureAlgorithm],
    ['IMPORTED', 'ISSUED', 'imported.example.com', 'C=AU,O=Test Org,CN=imported.example.com', 'Test Org', '03:e9', 'RSA-2048', 'SHA256WITHRSA'],
  );
  assert.deepEqual(c.SubjectAlternativeNames, ['imported.example.com', 'www.imported.example.com']);
  assert.deepEqual(c.DomainValidationOptions, [{ DomainName: 'imported.example.com' }, { DomainName: 'www.imported.example.com' }]);
  assert.deepEqual(c.KeyUsages, [{ Name: 'DIGITAL_SIGNATURE' }, { Name: 'KEY_ENCIPHERMENT' }]);
  assert.deepEqual(c.ExtendedKeyUsages, [{ Name: 'TLS_WEB_SERVER_AUTHENTICATION', OID: '1.3.6.1.5.5.7.3.1' }]);
  assert.equal(c.Options.CertificateTransparencyLoggingPreference, 'DISABLED');
  assert.ok(c.ImportedAt && c.CreatedAt && c.NotBefore && c.NotAfter);
  assert.equal(c.IssuedAt, undefined);

  const got = await call(acmService, ctx, 'GetCertificate', { CertificateArn });
  assert.equal(got.Certificate, rsa.certPem);
  assert.equal(got.CertificateChain, ca.certPem);
  assert.deepEqual((await call(acmService, ctx, 'ListTagsForCertificate', { CertificateArn })).Tags, [{ Key: 'team', Value: 'net' }]);
});

test('re-import with CertificateArn keeps the ARN, creation time and tags; tags may not be given then', async () => {
  const ctx = testContext();
  const { CertificateArn } = await call(acmService, ctx, 'ImportCertificate', importInput(rsa, { Tags: [{ Key: 'k', Value: 'v' }] }));
  const first = (await call(acmService, ctx, 'DescribeCertificate', { CertificateArn })).Certificate;
  const again = await call(acmService, ctx, 'ImportCertificate', importInput(other, { CertificateArn }));
  assert.equal(again.CertificateArn, CertificateArn);
  const c = (await call(acmService, ctx, 'DescribeCertificate', { CertificateArn })).Certificate;
  assert.deepEqual([c.DomainName, c.KeyAlgorithm, c.Serial, c.SignatureAlgorithm, c.CreatedAt], ['other.example.com', 'EC-prime256v1', '0a:1b:2c', 'SHA256WITHECDSA', first.CreatedAt]);
  assert.deepEqual((await call(acmService, ctx, 'ListTagsForCertificate', { CertificateArn })).Tags, [{ Key: 'k', Value: 'v' }]);
  assert.equal((await call(acmService, ctx, 'ListCertificates', { Includes: { keyTypes: ['RSA_2048', 'EC_prime256v1'] } })).CertificateSummaryList.length, 1);

  assert.equal((await callError(acmService, ctx, 'ImportCertificate', importInput(rsa, { CertificateArn, Tags: [{ Key: 'a', Value: 'b' }] }))).code, 'ValidationException');
  const missing = 'arn:aws:acm:eu-west-1:000000000000:certificate/46ca0328-4d4e-463d-9aa3-da5b7f3bdf69';
  const e = await callError(acmService, ctx, 'ImportCertificate', importInput(rsa, { CertificateArn: missing }));
  assert.deepEqual([e.code, e.message], ['ResourceNotFoundException', `Could not find certificate ${missing}.`]);
  const requested = (await call(acmService, ctx, 'RequestCertificate', { DomainName: 'req.example.com', ValidationMethod: 'DNS' })).CertificateArn;
  assert.equal((await callError(acmService, ctx, 'ImportCertificate', importInput(rsa, { CertificateArn: requested }))).code, 'ValidationException');
});

test('ImportCertificate refuses what ACM refuses, each a ValidationException (checklist 40)', async () => {
  const ctx = testContext();
  const expired = await selfSigned({ notBefore: new Date(Date.now() - 10 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000), key: 'ec' });
  const encrypted = createPrivateKey(rsa.keyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString();
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['not PEM', { Certificate: b64('CERT123'), PrivateKey: b64('KEY123') }, /not PEM-encoded or is not valid/],
    ['two certificates', importInput(rsa, { Certificate: b64(rsa.certPem + ca.certPem) }), /^The certificate field contains more than one certificate\. You can specify only one certificate in this field\.$/],
    ['key of another certificate', importInput(rsa, { PrivateKey: b64(ca.keyPem) }), /does not match/],
    ['EC key for an RSA certificate', importInput(rsa, { PrivateKey: b64(other.keyPem) }), /does not match/],
    ['encrypted key', importInput(rsa, { PrivateKey: b64(encrypted) }), /private key is not PEM-encoded or is not valid/],
    ['expired', importInput(expired), /has expired/],
    ['bad chain', importInput(rsa, { CertificateChain: b64('nope') }), /chain/],
  ];
  for (const [what, input, message] of cases) {
    const e = await callError(acmService, ctx, 'ImportCertificate', input);
    assert.equal(e.code, 'ValidationException', what);
    assert.match(e.message, message, what);
  }
  assert.equal((await call(acmService, ctx, 'ListCertificates', { Includes: { keyTypes: ['RSA_2048', 'EC_prime256v1'] } })).CertificateSummaryList.length, 0);
});
