/**
 * Certificate ARNs: `arn:aws:acm:<region>:<account>:certificate/<uuid v4, lowercase>`
 * (ec2-route53-acm.md §3.1), and the by-ARN lookup every operation starts with.
 *
 * A string that fails the model's ARN pattern never gets here (the json codec answers
 * ValidationException). One that passes it but does not name an ACM certificate
 * (`arn:aws:acm:eu-west-1:000000000000:foo/bar`) is InvalidArnException; a certificate ARN of
 * another region or account is simply not found in this one (§3.7) [infer].
 */
import { uuid } from '../../../kernel/ids.js';
import { ACM_KIND, type AcmCertificate } from '../../../state/records/acm.js';
import type { OperationContext } from '../../context.js';
import { certificateNotFound, invalidArn, validationException } from './errors.js';

const CERTIFICATE_ARN = /^arn:aws:acm:([a-z0-9-]+):(\d{12}):certificate\/([\w-]+)$/;

export function newCertificateArn(region: string, accountId: string): string {
  return `arn:aws:acm:${region}:${accountId}:certificate/${uuid()}`;
}

/** The record `arn` names in the caller's region and account; throws ACM's errors otherwise. */
export function findCertificate(ctx: OperationContext, arn: unknown): AcmCertificate {
  if (typeof arn !== 'string' || arn === '') throw validationException("1 validation error detected: Value null at 'certificateArn' failed to satisfy constraint: Member must not be null");
  const m = CERTIFICATE_ARN.exec(arn);
  if (!m) throw invalidArn(arn);
  const record = ctx.store.get<AcmCertificate>(ACM_KIND.certificate, arn);
  if (!record || m[1] !== ctx.region || m[2] !== ctx.accountId) throw certificateNotFound(arn, ctx.accountId);
  return record;
}

/** Checks the shape of an ARN given for re-import (ImportCertificate `CertificateArn`). */
export function checkCertificateArn(arn: string): void {
  if (!CERTIFICATE_ARN.test(arn)) throw invalidArn(arn);
}
