/**
 * Records of ACM certificates (API version 2015-12-08, ec2-route53-acm.md §3). The ACM service
 * writes them; the data plane's certificate issuer (dataplane/tls/acm-issuer.ts) completes DNS
 * validation and writes the issued certificate back through the ObservationWriter (state/ports.ts),
 * because the local CA that signs every certificate lives in the data plane (DESIGN.md, layering).
 * Listeners (ALB HTTPS) and API Gateway custom domain names read the PEMs from here.
 *
 * Keyed by the certificate ARN `arn:aws:acm:{region}:{account}:certificate/{uuid}`.
 */
import type { StoredRecord } from '../store.js';

export const ACM_KIND = {
  certificate: 'acm.certificate',
} as const;

export type CertificateStatus = 'PENDING_VALIDATION' | 'ISSUED' | 'INACTIVE' | 'EXPIRED' | 'VALIDATION_TIMED_OUT' | 'REVOKED' | 'FAILED';

/** One `DomainValidationOptions` entry: the CNAME that proves control of `domainName` (§3.4). */
export interface DomainValidation {
  readonly domainName: string;
  readonly validationDomain: string;
  readonly validationStatus: 'PENDING_VALIDATION' | 'SUCCESS' | 'FAILED';
  readonly validationMethod: 'DNS';
  /** `name` and `value` are fully qualified with a trailing dot, as ACM shows them. */
  readonly resourceRecord: { readonly name: string; readonly type: 'CNAME'; readonly value: string };
}

export interface AcmCertificate extends StoredRecord {
  /** The certificate ARN. */
  readonly id: string;
  readonly region: string;
  readonly domainName: string;
  /** The domain name first, then the other names (ACM lists the domain name as a SAN too). */
  readonly subjectAlternativeNames: readonly string[];
  readonly type: 'AMAZON_ISSUED' | 'IMPORTED';
  readonly status: CertificateStatus;
  readonly keyAlgorithm: string;
  readonly domainValidationOptions: readonly DomainValidation[];
  /** ISO 8601 times. */
  readonly createdAt: string;
  readonly issuedAt?: string;
  readonly importedAt?: string;
  readonly notBefore?: string;
  readonly notAfter?: string;
  /** Colon-separated lowercase hex, as DescribeCertificate shows `Serial`. */
  readonly serial?: string;
  readonly subject?: string;
  readonly issuer?: string;
  /** PEMs, present once ISSUED (signed by the local CA) or IMPORTED. */
  readonly certificatePem?: string;
  readonly certificateChainPem?: string;
  readonly privateKeyPem?: string;
  readonly idempotencyToken?: string;
  readonly certificateTransparencyLoggingPreference: 'ENABLED' | 'DISABLED';
  readonly tags: readonly { readonly Key: string; readonly Value?: string }[];
}
