/**
 * A certificate record as DescribeCertificate (`CertificateDetail`) and ListCertificates
 * (`CertificateSummary`) show it (ec2-route53-acm.md §3.3, §3.6; [snap] LS-ACM).
 *
 * - Pending: `Subject` `CN=<domain>`, `Issuer` `Amazon`, `SignatureAlgorithm` `SHA256WITHRSA`,
 *   empty key usages, no NotBefore/NotAfter/Serial/IssuedAt (§3.3, as AWS shows them).
 * - Issued and imported: everything else comes from the certificate itself (certificate-facts.ts).
 *   The local CA signs with ECDSA, so an issued certificate says `SHA256WITHECDSA` where AWS's
 *   would say `SHA256WITHRSA`: localvpc reports the certificate it actually serves.
 * - `KeyAlgorithm` goes out with a hyphen (`RSA-2048`) although requests and filters use
 *   `RSA_2048` ([snap], [obs] aws-sdk-js#2133); `EC-prime256v1` by the same rule [infer].
 * - `RenewalEligibility`: ELIGIBLE for an issued ACM certificate that is in use (managed renewal
 *   needs an association), else INELIGIBLE ([snap] shows INELIGIBLE when unused; rest [infer]).
 * - Imported certificates list each name as a `DomainValidationOptions` entry with only
 *   `DomainName` (§3.5).
 */
import type { AcmCertificate } from '../../state/records/acm.js';
import { factsOfPem, type CertificateFacts } from './certificate-facts.js';

const facts = new WeakMap<AcmCertificate, CertificateFacts | undefined>();

/** The certificate's X.509 facts, parsed once per stored record (records are immutable). */
function factsOf(c: AcmCertificate): CertificateFacts | undefined {
  if (!facts.has(c)) facts.set(c, factsOfPem(c.certificatePem));
  return facts.get(c);
}

export function keyAlgorithmToWire(keyAlgorithm: string): string {
  return keyAlgorithm.replace('_', '-');
}

function renewalEligibility(c: AcmCertificate, inUse: boolean): string {
  return c.type === 'AMAZON_ISSUED' && c.status === 'ISSUED' && inUse ? 'ELIGIBLE' : 'INELIGIBLE';
}

function domainValidationOptions(c: AcmCertificate): Record<string, unknown>[] {
  if (c.type === 'IMPORTED') return c.subjectAlternativeNames.map((n) => ({ DomainName: n }));
  return c.domainValidationOptions.map((v) => ({
    DomainName: v.domainName,
    ValidationDomain: v.validationDomain,
    ValidationStatus: v.validationStatus,
    ResourceRecord: { Name: v.resourceRecord.name, Type: v.resourceRecord.type, Value: v.resourceRecord.value },
    ValidationMethod: v.validationMethod,
  }));
}

export function certificateDetail(c: AcmCertificate, inUseBy: readonly string[]): Record<string, unknown> {
  const f = factsOf(c);
  return {
    CertificateArn: c.id,
    DomainName: c.domainName,
    SubjectAlternativeNames: [...c.subjectAlternativeNames],
    DomainValidationOptions: domainValidationOptions(c),
    Serial: c.serial ?? f?.serial,
    Subject: c.subject ?? f?.subject ?? `CN=${c.domainName}`,
    Issuer: c.issuer ?? f?.issuer ?? 'Amazon',
    CreatedAt: c.createdAt,
    IssuedAt: c.issuedAt,
    ImportedAt: c.importedAt,
    Status: c.status,
    NotBefore: c.notBefore,
    NotAfter: c.notAfter,
    KeyAlgorithm: keyAlgorithmToWire(c.keyAlgorithm),
    SignatureAlgorithm: f?.signatureAlgorithm ?? 'SHA256WITHRSA',
    InUseBy: [...inUseBy],
    Type: c.type,
    KeyUsages: (f?.keyUsages ?? []).map((Name) => ({ Name })),
    ExtendedKeyUsages: f?.extendedKeyUsages ?? [],
    RenewalEligibility: renewalEligibility(c, inUseBy.length > 0),
    Options: { CertificateTransparencyLoggingPreference: c.certificateTransparencyLoggingPreference, Export: 'DISABLED' },
  };
}

/** ListCertificates lists at most this many names per summary (the model's DomainList max). */
const SUMMARY_NAMES = 100;

export function certificateSummary(c: AcmCertificate, inUse: boolean): Record<string, unknown> {
  const f = factsOf(c);
  return {
    CertificateArn: c.id,
    DomainName: c.domainName,
    SubjectAlternativeNameSummaries: c.subjectAlternativeNames.slice(0, SUMMARY_NAMES),
    HasAdditionalSubjectAlternativeNames: c.subjectAlternativeNames.length > SUMMARY_NAMES,
    Status: c.status,
    Type: c.type,
    KeyAlgorithm: keyAlgorithmToWire(c.keyAlgorithm),
    KeyUsages: f?.keyUsages ?? [],
    ExtendedKeyUsages: (f?.extendedKeyUsages ?? []).map((e) => e.Name),
    InUse: inUse,
    RenewalEligibility: renewalEligibility(c, inUse),
    NotBefore: c.notBefore,
    NotAfter: c.notAfter,
    CreatedAt: c.createdAt,
    IssuedAt: c.issuedAt,
    ImportedAt: c.importedAt,
  };
}
