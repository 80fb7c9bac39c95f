/**
 * The ACM issuer over a real local CA (temp dir) and an in-memory store: certificates are
 * requested through the ACM service, Route 53 records are written straight into the store.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClock, type Clock } from '../../kernel/clock.js';
import { silentLogger } from '../../kernel/log.js';
import { acmService } from '../../services/acm/index.js';
import { ACM_KIND, type AcmCertificate } from '../../state/records/acm.js';
import { ROUTE53_KIND, recordSetKey, type HostedZone, type ResourceRecordSet } from '../../state/records/route53.js';
import { observationWriter } from '../../state/ports.js';
import { Store } from '../../state/store.js';
import { call, testContext } from '../../../test/helpers/context.js';
import { eventually } from '../../../test/helpers/eventually.js';
import { AcmIssuer } from './acm-issuer.js';
import { CA_COMMON_NAME, LocalCa } from './ca.js';

let dir: string;
let ca: LocalCa;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'localvpc-acm-issuer-'));
  ca = await LocalCa.open(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function world(clock: Clock = createClock(1)) {
  const store = Store.open(':memory:');
  const ctx = testContext({ store });
  const issuer = new AcmIssuer({ store, writer: observationWriter(store), ca: async () => ca, clock, logger: silentLogger });
  const cert = (arn: string) => store.get<AcmCertificate>(ACM_KIND.certificate, arn)!;
  const request = async (DomainName: string, SubjectAlternativeNames?: string[]) =>
    (await call(acmService, ctx, 'RequestCertificate', { DomainName, SubjectAlternativeNames, ValidationMethod: 'DNS' })).CertificateArn as string;
  const zone = (id: string, name: string, privateZone: boolean) => {
    const z: HostedZone = { id, name, callerReference: id, privateZone, vpcs: privateZone ? [{ vpcId: 'vpc-0123456789abcdef0', vpcRegion: 'eu-west-1' }] : [], nameServers: [], createdAt: new Date().toISOString(), tags: [] };
    store.transact((tx) => tx.put(ROUTE53_KIND.hostedZone, z));
  };
  const cname = (zoneId: string, name: string, value: string) => {
    const r: ResourceRecordSet = { id: recordSetKey(zoneId, name, 'CNAME'), zoneId, name, type: 'CNAME', ttl: 300, records: [value] };
    store.transact((tx) => tx.put(ROUTE53_KIND.recordSet, r));
  };
  /** Writes the validation CNAME of every name of the certificate into `zoneId`. */
  const validate = (arn: string, zoneId: string, names?: string[]) => {
    for (const v of cert(arn).domainValidationOptions) if (!names || names.includes(v.domainName)) cname(zoneId, v.resourceRecord.name, v.resourceRecord.value);
  };
  return { store, ctx, issuer, cert, request, zone, cname, validate };
}

test('PENDING_VALIDATION → ISSUED once the CNAME is in a public zone; the local CA signs every name', async () => {
  const w = world();
  const arn = await w.request('app.example.org', ['*.app.example.org']);
  w.zone('Z0PUBLIC1', 'example.org.', false);
  w.validate(arn, 'Z0PUBLIC1');
  const c = await eventually(() => {
    const r = w.cert(arn);
    assert.equal(r.status, 'ISSUED');
    return r;
  });
  assert.deepEqual(c.domainValidationOptions.map((v) => v.validationStatus), ['SUCCESS', 'SUCCESS']);
  const x = new X509Certificate(c.certificatePem!);
  assert.equal(x.subjectAltName, 'DNS:app.example.org, DNS:*.app.example.org');
  assert.equal(x.subject, 'CN=app.example.org');
  assert.equal(x.issuer, `CN=${CA_COMMON_NAME}`);
  assert.ok(x.checkIssued(new X509Certificate(ca.certPem)) && x.verify(new X509Certificate(ca.certPem).publicKey));
  assert.ok(x.checkPrivateKey(createPrivateKey(c.privateKeyPem!)));
  assert.equal(c.certificateChainPem, ca.certPem);
  assert.deepEqual([c.subject, c.issuer], ['CN=app.example.org', CA_COMMON_NAME]);
  assert.match(c.serial!, /^[0-9a-f]{2}(:[0-9a-f]{2})*$/);
  assert.equal(c.serial!.replaceAll(':', '').replace(/^0+/, ''), x.serialNumber.toLowerCase().replace(/^0+/, ''));
  assert.deepEqual([c.notBefore, c.notAfter], [new Date(x.validFrom).toISOString(), new Date(x.validTo).toISOString()]);

  const d = (await call(acmService, w.ctx, 'DescribeCertificate', { CertificateArn: arn })).Certificate;
  assert.deepEqual([d.Status, d.Issuer, d.KeyUsages, d.ExtendedKeyUsages.map((e: { Name: string }) => e.Name)], ['ISSUED', CA_COMMON_NAME, [{ Name: 'DIGITAL_SIGNATURE' }, { Name: 'KEY_ENCIPHERMENT' }], ['TLS_WEB_SERVER_AUTHENTICATION', 'TLS_WEB_CLIENT_AUTHENTICATION']]);
  assert.ok(d.IssuedAt && d.NotBefore && d.NotAfter && d.Serial);
  const got = await call(acmService, w.ctx, 'GetCertificate', { CertificateArn: arn });
  assert.deepEqual([got.Certificate, got.CertificateChain], [c.certificatePem, ca.certPem]);
  await w.issuer.close();
});

test('nothing is issued without the record, with another value, or with the record only in a private zone', async () => {
  const w = world();
  const arn = await w.request('api.example.net');
  const v = w.cert(arn).domainValidationOptions[0]!;
  w.zone('Z0PRIVATE', 'example.net.', true);
  w.zone('Z0PUBLIC2', 'example.net.', false);
  await w.issuer.reconcile();
  assert.equal(w.cert(arn).status, 'PENDING_VALIDATION', 'no record');
  w.cname('Z0PRIVATE', v.resourceRecord.name, v.resourceRecord.value);
  w.cname('Z0PUBLIC2', v.resourceRecord.name, '_0000.wrongvalue.acm-validations.aws.');
  await w.issuer.reconcile();
  const still = w.cert(arn);
  assert.equal(still.status, 'PENDING_VALIDATION', 'private zone or wrong value');
  assert.equal(still.domainValidationOptions[0]!.validationStatus, 'PENDING_VALIDATION');
  assert.equal(still.certificatePem, undefined);
  // The control: the right value in the public zone issues.
  w.cname('Z0PUBLIC2', v.resourceRecord.name, v.resourceRecord.value);
  await eventually(() => assert.equal(w.cert(arn).status, 'ISSUED'));
  await w.issuer.close();
});

test('each name turns SUCCESS on its own; names compare without case, trailing dot or escapes', async () => {
  const w = world();
  const arn = await w.request('www.example.com', ['api.example.io']);
  w.zone('Z0COM', 'example.com.', false);
  w.zone('Z0IO', 'example.io.', false);
  const [www, api] = w.cert(arn).domainValidationOptions;
  w.cname('Z0COM', www!.resourceRecord.name.toUpperCase().replace(/\.$/, ''), www!.resourceRecord.value.replace(/\.$/, ''));
  await eventually(() => assert.deepEqual(w.cert(arn).domainValidationOptions.map((v) => v.validationStatus), ['SUCCESS', 'PENDING_VALIDATION']));
  assert.equal(w.cert(arn).status, 'PENDING_VALIDATION');
  w.cname('Z0IO', api!.resourceRecord.name.replace('_', '\\137'), api!.resourceRecord.value);
  await eventually(() => assert.equal(w.cert(arn).status, 'ISSUED'));
  assert.equal(new X509Certificate(w.cert(arn).certificatePem!).subjectAltName, 'DNS:www.example.com, DNS:api.example.io');
  await w.issuer.close();
});

test('at start-up, reconcile issues what was validated while the issuer was not running', async () => {
  const w = world();
  await w.issuer.close();
  const arn = await w.request('boot.example.org');
  w.zone('Z0BOOT', 'example.org.', false);
  w.validate(arn, 'Z0BOOT');
  assert.equal(w.cert(arn).status, 'PENDING_VALIDATION');
  const issuer = new AcmIssuer({ store: w.store, writer: observationWriter(w.store), ca: async () => ca, clock: createClock(1), logger: silentLogger });
  await issuer.reconcile();
  assert.equal(w.cert(arn).status, 'ISSUED');
  await issuer.close();
});

test('validation times out after 72 AWS hours (time-scaled): VALIDATION_TIMED_OUT, pending names FAILED', async () => {
  // 72 AWS hours at a time scale of 5e6 are about 52 real milliseconds.
  const w = world(createClock(5e6));
  const arn = await w.request('late.example.org', ['ok.example.com']);
  w.zone('Z0OK', 'example.com.', false);
  w.validate(arn, 'Z0OK', ['ok.example.com']);
  await eventually(() => assert.equal(w.cert(arn).status, 'VALIDATION_TIMED_OUT'));
  assert.deepEqual(w.cert(arn).domainValidationOptions.map((v) => v.validationStatus), ['FAILED', 'SUCCESS']);
  // A record that arrives afterwards changes nothing.
  w.zone('Z0LATE', 'example.org.', false);
  w.validate(arn, 'Z0LATE');
  await w.issuer.reconcile();
  assert.equal(w.cert(arn).status, 'VALIDATION_TIMED_OUT');
  await w.issuer.close();
});
