/**
 * RequestCertificate (ec2-route53-acm.md §3.2): a public certificate validated through DNS.
 *
 * - `ValidationMethod` defaults to EMAIL on AWS; EMAIL and HTTP validation are not implemented
 *   here, so a request must say `DNS`.
 * - The domain name is also the first subject alternative name (deduplicated, §3.2); at most 10
 *   names (ACM's default "domain names per certificate" quota) [quota: doc; error wording infer].
 * - `IdempotencyToken`: the same token within one hour (AWS time, so `--time-scale` shortens it)
 *   returns the first request's ARN (model doc).
 * - `KeyAlgorithm` defaults to RSA_2048; public certificates come in RSA_2048, EC_prime256v1 and
 *   EC_secp384r1 (ACM user guide, "key algorithms"). The API reports the requested algorithm;
 *   the certificate the local CA signs carries an ECDSA P-256 key whatever was asked
 *   (dataplane/tls/ca.ts).
 * - `Options.CertificateTransparencyLoggingPreference` defaults to ENABLED; `Options.Export`
 *   ENABLED (exportable public certificates) is not implemented.
 * - Validation starts at once: the DNS record of each name is in DescribeCertificate right away
 *   (AWS takes a few seconds to show it, §3.4; localvpc does not reproduce that delay). The data
 *   plane's issuer (dataplane/tls/acm-issuer.ts) issues once every record exists.
 */
import { ACM_KIND, type AcmCertificate } from '../../state/records/acm.js';
import type { OperationContext, OperationHandler } from '../context.js';
import { newCertificateArn } from './common/arns.js';
import { notImplemented, rejectUnsupported, validationException } from './common/errors.js';
import { checkTags, mergeTags } from './common/tags.js';
import { AwsError } from '../../kernel/errors.js';
import { dnsValidation } from './validation-record.js';

/** Names per certificate (ACM quota "Domain names per ACM certificate", default 10). */
export const MAX_NAMES = 10;
/** AWS seconds an idempotency token holds. */
export const IDEMPOTENCY_SECONDS = 3600;
/** The certificate's CN: the first domain name may not exceed 64 octets. */
const MAX_FIRST_NAME = 64;
export const PUBLIC_KEY_ALGORITHMS = ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'] as const;

interface RequestCertificateInput {
  DomainName?: string;
  ValidationMethod?: string;
  SubjectAlternativeNames?: string[];
  IdempotencyToken?: string;
  Options?: { CertificateTransparencyLoggingPreference?: 'ENABLED' | 'DISABLED'; Export?: string };
  Tags?: { Key?: string; Value?: string }[];
  KeyAlgorithm?: string;
}

function findIdempotent(ctx: OperationContext, token: string): AcmCertificate | undefined {
  const now = ctx.clock.now().getTime();
  const windowMs = ctx.clock.toRealMs(IDEMPOTENCY_SECONDS);
  return ctx.store.list<AcmCertificate>(ACM_KIND.certificate, (c) => c.region === ctx.region && c.idempotencyToken === token && now - Date.parse(c.createdAt) < windowMs)[0];
}

const requestCertificate: OperationHandler = (ctx, input: RequestCertificateInput) => {
  rejectUnsupported('RequestCertificate', input as Record<string, unknown>, ['DomainName', 'ValidationMethod', 'SubjectAlternativeNames', 'IdempotencyToken', 'Options', 'Tags', 'KeyAlgorithm']);
  const domainName = input.DomainName;
  if (typeof domainName !== 'string' || domainName === '') throw validationException("1 validation error detected: Value null at 'domainName' failed to satisfy constraint: Member must not be null");
  if (domainName.length > MAX_FIRST_NAME) throw validationException("The first domain name can't exceed 64 octets.");
  const method = input.ValidationMethod ?? 'EMAIL';
  if (method === 'EMAIL') throw notImplemented('Email validation (ValidationMethod EMAIL, which is also the default when ValidationMethod is omitted); request with ValidationMethod DNS');
  if (method !== 'DNS') throw notImplemented(`ValidationMethod ${method}`);
  const names = [...new Set([domainName, ...(input.SubjectAlternativeNames ?? [])])];
  if (names.length > MAX_NAMES) throw new AwsError('LimitExceededException', `A certificate can have at most ${MAX_NAMES} domain names; this request has ${names.length}.`);
  const options = input.Options ?? {};
  for (const key of Object.keys(options)) {
    if (key !== 'CertificateTransparencyLoggingPreference' && key !== 'Export') throw notImplemented(`The parameter Options.${key} of RequestCertificate`);
  }
  if (options.Export === 'ENABLED') throw notImplemented('Exportable public certificates (Options.Export ENABLED)');
  const keyAlgorithm = input.KeyAlgorithm ?? 'RSA_2048';
  if (!(PUBLIC_KEY_ALGORITHMS as readonly string[]).includes(keyAlgorithm)) {
    throw validationException(`Key algorithm ${keyAlgorithm} is not supported for public certificates. Supported: ${PUBLIC_KEY_ALGORITHMS.join(', ')}.`);
  }
  const tags = mergeTags([], checkTags(input.Tags));

  if (input.IdempotencyToken) {
    const earlier = findIdempotent(ctx, input.IdempotencyToken);
    if (earlier) return { CertificateArn: earlier.id };
  }
  const record: AcmCertificate = {
    id: newCertificateArn(ctx.region, ctx.accountId),
    region: ctx.region,
    domainName,
    subjectAlternativeNames: names,
    type: 'AMAZON_ISSUED',
    status: 'PENDING_VALIDATION',
    keyAlgorithm,
    domainValidationOptions: names.map((n) => dnsValidation(ctx.accountId, n)),
    createdAt: ctx.clock.now().toISOString(),
    ...(input.IdempotencyToken ? { idempotencyToken: input.IdempotencyToken } : {}),
    certificateTransparencyLoggingPreference: options.CertificateTransparencyLoggingPreference ?? 'ENABLED',
    tags,
  };
  ctx.store.transact((tx) => tx.put(ACM_KIND.certificate, record));
  return { CertificateArn: record.id };
};

export const requestCertificateHandlers: Record<string, OperationHandler> = {
  RequestCertificate: requestCertificate,
};
