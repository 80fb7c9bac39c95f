/**
 * ImportCertificate (ec2-route53-acm.md §3.5): a PEM certificate with its unencrypted private
 * key and optional chain, read with node:crypto. `Type` IMPORTED, `Status` ISSUED, names from
 * the subject CN and DNS subject alternative names, `Options.CertificateTransparencyLoggingPreference`
 * DISABLED (§3.5). With `CertificateArn` the certificate is replaced in place: same ARN, tags and
 * creation time, new ImportedAt; tags may not be given then (§3.5).
 *
 * Checks, each a ValidationException (§3.5): one PEM certificate in `Certificate` (the
 * more-than-one text is observed, the not-PEM text is moto's); a private key that parses
 * (encrypted keys do not) and is of a type ACM imports (RSA 1024–4096, EC P-256/384/521, the
 * KeyAlgorithm enum) [wording infer]; the key matches the certificate
 * (X509Certificate.checkPrivateKey) [wording infer]; now within NotBefore..NotAfter (model doc;
 * moto wording); a chain made of PEM certificates.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { AwsError } from '../../kernel/errors.js';
import { ACM_KIND, type AcmCertificate } from '../../state/records/acm.js';
import type { OperationContext, OperationHandler } from '../context.js';
import { certificateFacts, pemCertificates } from './certificate-facts.js';
import { checkCertificateArn, newCertificateArn } from './common/arns.js';
import { rejectUnsupported, validationException } from './common/errors.js';
import { checkTags, mergeTags } from './common/tags.js';

interface ImportCertificateInput {
  CertificateArn?: string;
  /** Blobs arrive base64 (the json codec keeps them so). */
  Certificate?: string;
  PrivateKey?: string;
  CertificateChain?: string;
  Tags?: { Key?: string; Value?: string }[];
}

function blobText(value: string | undefined): string {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '';
}

function readCertificate(text: string): { pem: string; x509: X509Certificate } {
  const pems = pemCertificates(text);
  if (pems.length > 1) throw validationException('The certificate field contains more than one certificate. You can specify only one certificate in this field.');
  try {
    if (pems.length === 1) return { pem: pems[0]! + '\n', x509: new X509Certificate(pems[0]!) };
  } catch {
    // Falls through to the not-valid answer.
  }
  throw validationException('The certificate is not PEM-encoded or is not valid.');
}

function readPrivateKey(text: string): KeyObject {
  try {
    if (text.includes('-----BEGIN')) return createPrivateKey({ key: text, format: 'pem' });
  } catch {
    // Falls through.
  }
  throw validationException('The private key is not PEM-encoded or is not valid.');
}

function readChain(text: string): string | undefined {
  if (text === '') return undefined;
  const pems = pemCertificates(text);
  try {
    if (pems.length === 0) throw new Error('no certificate');
    for (const p of pems) new X509Certificate(p);
  } catch {
    throw validationException('The certificate chain is not PEM-encoded or is not valid.');
  }
  return pems.join('\n') + '\n';
}

function keyMatches(x509: X509Certificate, key: KeyObject): boolean {
  try {
    return key.asymmetricKeyType === x509.publicKey.asymmetricKeyType && x509.checkPrivateKey(key);
  } catch {
    return false;
  }
}

function existingFor(ctx: OperationContext, arn: string): AcmCertificate {
  checkCertificateArn(arn);
  const c = ctx.store.get<AcmCertificate>(ACM_KIND.certificate, arn);
  // The observed text on re-import has no account part (§3.5).
  if (!c || c.region !== ctx.region || !arn.includes(`:${ctx.accountId}:`)) throw new AwsError('ResourceNotFoundException', `Could not find certificate ${arn}.`);
  if (c.type !== 'IMPORTED') throw validationException(`Certificate ${arn} was not imported; only imported certificates can be reimported.`);
  return c;
}

const importCertificate: OperationHandler = (ctx, input: ImportCertificateInput) => {
  rejectUnsupported('ImportCertificate', input as Record<string, unknown>, ['CertificateArn', 'Certificate', 'PrivateKey', 'CertificateChain', 'Tags']);
  const previous = input.CertificateArn ? existingFor(ctx, input.CertificateArn) : undefined;
  if (previous && (input.Tags?.length ?? 0) > 0) throw validationException('Tags cannot be specified when reimporting a certificate.');
  const { pem, x509 } = readCertificate(blobText(input.Certificate));
  const key = readPrivateKey(blobText(input.PrivateKey));
  const chain = readChain(blobText(input.CertificateChain));
  const facts = certificateFacts(x509);
  if (!facts.keyAlgorithm) throw validationException('The certificate key is not supported. ACM imports RSA keys of 1024, 2048, 3072 or 4096 bits and EC keys on P-256, P-384 or P-521.');
  if (!keyMatches(x509, key)) throw validationException('The private key does not match the certificate.');
  const now = ctx.clock.now();
  if (facts.notAfter.getTime() < now.getTime()) throw validationException('The certificate has expired, is not valid.');
  if (facts.notBefore.getTime() > now.getTime()) throw validationException('The certificate is not in effect yet, is not valid.');
  if (facts.issuer === '') throw validationException('The certificate has no issuer.');
  if (!facts.domainName) throw validationException('The certificate has neither a subject common name nor a DNS subject alternative name.');
  const tags = mergeTags([], checkTags(input.Tags));

  const record: AcmCertificate = {
    id: previous?.id ?? newCertificateArn(ctx.region, ctx.accountId),
    region: ctx.region,
    domainName: facts.domainName,
    subjectAlternativeNames: facts.subjectAlternativeNames,
    type: 'IMPORTED',
    status: 'ISSUED',
    keyAlgorithm: facts.keyAlgorithm,
    domainValidationOptions: [],
    createdAt: previous?.createdAt ?? now.toISOString(),
    importedAt: now.toISOString(),
    notBefore: facts.notBefore.toISOString(),
    notAfter: facts.notAfter.toISOString(),
    serial: facts.serial,
    subject: facts.subject,
    issuer: facts.issuer,
    certificatePem: pem,
    ...(chain ? { certificateChainPem: chain } : {}),
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificateTransparencyLoggingPreference: 'DISABLED',
    tags: previous?.tags ?? tags,
  };
  ctx.store.transact((tx) => tx.put(ACM_KIND.certificate, record));
  return { CertificateArn: record.id };
};

export const importCertificateHandlers: Record<string, OperationHandler> = {
  ImportCertificate: importCertificate,
};
