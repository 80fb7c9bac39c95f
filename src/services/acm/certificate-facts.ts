/**
 * What DescribeCertificate shows of a certificate's X.509 content (ec2-route53-acm.md §3.3,
 * §3.5), read with node:crypto:
 *
 * - `Subject`: the subject's attributes joined by commas, `C=AU,ST=Some-State,…,CN=localhost`
 *   ([snap] LS-ACM test_import_certificate).
 * - `Issuer`: the issuer's organisation (`Amazon`, `LocalStack Org` in the snapshots), else its
 *   common name [infer].
 * - `Serial`: lowercase hex bytes separated by colons, `03:e9` ([snap]).
 * - `KeyAlgorithm`: the model enum (`RSA_2048`, `EC_prime256v1`, …); Describe writes it with a
 *   hyphen (certificate-wire.ts).
 * - `KeyUsages` / `ExtendedKeyUsages` from the extensions (der.ts for the key usage bits).
 */
import { X509Certificate } from 'node:crypto';
import { keyUsagesOf, signatureAlgorithmOf } from './der.js';
import { acmIssuer, acmSubject, distinguishedNameAttributes, formatSerial } from '../../kernel/certificate-text.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The PEM certificate blocks in `text`, in order. */
export function pemCertificates(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? [];
}

/** Extended key usage OIDs named as ACM's ExtendedKeyUsageName enum (§3.3 gives the first two). */
const EKU_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'TLS_WEB_SERVER_AUTHENTICATION',
  '1.3.6.1.5.5.7.3.2': 'TLS_WEB_CLIENT_AUTHENTICATION',
  '1.3.6.1.5.5.7.3.3': 'CODE_SIGNING',
  '1.3.6.1.5.5.7.3.4': 'EMAIL_PROTECTION',
  '1.3.6.1.5.5.7.3.5': 'IPSEC_END_SYSTEM',
  '1.3.6.1.5.5.7.3.6': 'IPSEC_TUNNEL',
  '1.3.6.1.5.5.7.3.7': 'IPSEC_USER',
  '1.3.6.1.5.5.7.3.8': 'TIME_STAMPING',
  '1.3.6.1.5.5.7.3.9': 'OCSP_SIGNING',
  '2.5.29.37.0': 'ANY',
};

export interface CertificateFacts {
  /** The subject CN, else the first DNS name. */
  readonly domainName: string | undefined;
  /** The domain name first, then the DNS subject alternative names (deduplicated). */
  readonly subjectAlternativeNames: string[];
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyAlgorithm: string | undefined;
  readonly signatureAlgorithm: string | undefined;
  readonly keyUsages: string[];
  readonly extendedKeyUsages: { Name: string; OID: string }[];
}

function keyAlgorithmOf(x: X509Certificate): string | undefined {
  const key = x.publicKey;
  if (key.asymmetricKeyType === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength;
    return bits === 1024 || bits === 2048 || bits === 3072 || bits === 4096 ? `RSA_${bits}` : undefined;
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    return curve === 'prime256v1' || curve === 'secp384r1' || curve === 'secp521r1' ? `EC_${curve}` : undefined;
  }
  return undefined;
}

function dnsNames(x: X509Certificate): string[] {
  return (x.subjectAltName ?? '')
    .split(', ')
    .filter((e) => e.startsWith('DNS:'))
    .map((e) => e.slice(4));
}

export function certificateFacts(x: X509Certificate): CertificateFacts {
  const subject = distinguishedNameAttributes(x.subject);
  const cn = subject.find(([k]) => k === 'CN')?.[1];
  const dns = dnsNames(x);
  const domainName = cn ?? dns[0];
  const ekus = (x.keyUsage ?? []).map((o) => ({ Name: EKU_NAMES[o] ?? 'CUSTOM', OID: o }));
  return {
    domainName,
    subjectAlternativeNames: [...new Set([...(domainName ? [domainName] : []), ...dns])],
    subject: acmSubject(x.subject),
    issuer: acmIssuer(x.issuer),
    serial: formatSerial(x.serialNumber),
    notBefore: new Date(Date.parse(x.validFrom)),
    notAfter: new Date(Date.parse(x.validTo)),
    keyAlgorithm: keyAlgorithmOf(x),
    signatureAlgorithm: signatureAlgorithmOf(x.raw),
    keyUsages: keyUsagesOf(x.raw),
    extendedKeyUsages: ekus,
  };
}

/** Facts of a stored PEM, or undefined when there is none (pending) or it does not parse. */
export function factsOfPem(pem: string | undefined): CertificateFacts | undefined {
  if (!pem) return undefined;
  try {
    return certificateFacts(new X509Certificate(pem));
  } catch {
    return undefined;
  }
}
