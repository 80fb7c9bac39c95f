/**
 * Listener certificates are ACM certificates of the same account and region that can be used:
 * issued by ACM (`ISSUED`) or imported (`IMPORTED`), read from the ACM records the ACM service
 * writes (state/records/acm.ts). Anything else answers `CertificateNotFound` with AWS's observed
 * wording `Certificate '<arn>' not found` (aws-load-balancer-controller#2581,
 * terraform-provider-aws#11334; a not-yet-issued certificate answers the same,
 * terraform-provider-aws#10510). IAM server certificates are not implemented by localvpc.
 */
import { AwsError, NotImplementedError } from '../../../kernel/errors.js';
import { ACM_KIND, type AcmCertificate } from '../../../state/records/acm.js';
import type { RecordReader } from '../../../state/store.js';

export const certificateNotFound = (arn: string) => new AwsError('CertificateNotFound', `Certificate '${arn}' not found`);

/** Resolves a certificate ARN a listener may serve; throws CertificateNotFound otherwise. */
export function usableCertificate(reader: RecordReader, region: string, arn: string | undefined): AcmCertificate {
  if (arn !== undefined && /^arn:aws:iam::\d{12}:server-certificate\//.test(arn)) {
    throw new NotImplementedError('IAM server certificates are not implemented by localvpc; use an ACM certificate (elbv2 2015-12-01).');
  }
  const cert = arn ? reader.get<AcmCertificate>(ACM_KIND.certificate, arn) : undefined;
  if (!cert || cert.region !== region || !(cert.status === 'ISSUED' || cert.type === 'IMPORTED')) throw certificateNotFound(arn ?? '');
  return cert;
}
