/**
 * DescribeCertificate, GetCertificate and DeleteCertificate (ec2-route53-acm.md §3.3, §3.6).
 *
 * - GetCertificate answers the certificate and its chain as PEM text; before issuance (any
 *   status without a certificate) RequestInProgressException (§3.6).
 * - DeleteCertificate refuses while `InUseBy` is not empty: ResourceInUseException
 *   `Certificate <arn> in account <acct> is in use.` (§3.6). AWS releases a certificate a short
 *   while after its last consumer lets go; here `InUseBy` is computed from the consumers'
 *   records, so it is released at once.
 */
import { ACM_KIND } from '../../state/records/acm.js';
import type { OperationHandler } from '../context.js';
import { findCertificate } from './common/arns.js';
import { rejectUnsupported, requestInProgress, resourceInUse } from './common/errors.js';
import { certificateDetail } from './certificate-wire.js';
import { inUseBy } from './in-use.js';

const describeCertificate: OperationHandler = (ctx, input: { CertificateArn?: string }) => {
  rejectUnsupported('DescribeCertificate', input, ['CertificateArn']);
  const c = findCertificate(ctx, input.CertificateArn);
  return { Certificate: certificateDetail(c, inUseBy(ctx.store, c.id)) };
};

const getCertificate: OperationHandler = (ctx, input: { CertificateArn?: string }) => {
  rejectUnsupported('GetCertificate', input, ['CertificateArn']);
  const c = findCertificate(ctx, input.CertificateArn);
  if (c.status !== 'ISSUED' || !c.certificatePem) throw requestInProgress(c.id, c.status);
  return { Certificate: c.certificatePem, CertificateChain: c.certificateChainPem };
};

const deleteCertificate: OperationHandler = (ctx, input: { CertificateArn?: string }) => {
  rejectUnsupported('DeleteCertificate', input, ['CertificateArn']);
  const c = findCertificate(ctx, input.CertificateArn);
  if (inUseBy(ctx.store, c.id).length > 0) throw resourceInUse(c.id, ctx.accountId);
  ctx.store.transact((tx) => tx.delete(ACM_KIND.certificate, c.id));
  return {};
};

export const certificateHandlers: Record<string, OperationHandler> = {
  DescribeCertificate: describeCertificate,
  GetCertificate: getCertificate,
  DeleteCertificate: deleteCertificate,
};
