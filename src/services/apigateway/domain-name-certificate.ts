/**
 * The ACM certificate of a custom domain name (apigateway-rest.md §1.10; ec2-route53-acm.md §3),
 * read from the ACM records in the store. Checks, in order:
 * 1. an ACM certificate ARN (ACM is the only supported source, BOTO DomainName.certificateArn);
 * 2. in us-east-1 for EDGE, in the request's region for REGIONAL and PRIVATE:
 *    `Invalid certificate ARN: {arn}. Certificate must be in '{region}'.` [obs]
 *    (serverless-domain-manager#64, #49);
 * 3. owned by this account: `The certificate provided must be owned by the account creating the
 *    domain.` [obs] (aws-cdk#10529);
 * 4. existing: `The provided certificate does not exist.` [obs] (aws-cdk#3612);
 * 5. ISSUED (Amazon-issued after validation, or imported) [infer wording];
 * 6. covering the domain name by an exact or a one-label wildcard SAN. For EDGE AWS answers
 *    `Unable to associate certificate {arn} with CloudFront. ...` [obs]
 *    (serverless-domain-manager#161); the REGIONAL/PRIVATE wording is [infer].
 */
import type { RecordReader } from '../../state/store.js';
import { ACM_KIND, type AcmCertificate } from '../../state/records/acm.js';
import type { EndpointType } from '../../state/records/apigateway.js';
import { badRequest } from './common/errors.js';

const ACM_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[A-Za-z0-9-]+$/;

/** Edge-optimized names are served by CloudFront, whose certificates live in us-east-1. */
export const EDGE_CERTIFICATE_REGION = 'us-east-1';

/** Whether `pattern` (a certificate name, possibly `*.parent`) covers `name`; both lowercase. */
export function certificateNameCovers(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (!pattern.startsWith('*.')) return false;
  const dot = name.indexOf('.');
  return dot > 0 && name.slice(dot + 1) === pattern.slice(2);
}

export interface CertificateCheck {
  readonly region: string;
  readonly accountId: string;
  readonly endpointType: EndpointType;
  /** Lowercase. */
  readonly domainName: string;
}

/** Returns the certificate record after the checks above; throws BadRequestException otherwise. */
export function mustUseCertificate(reader: RecordReader, arn: string, c: CertificateCheck): AcmCertificate {
  const m = ACM_ARN.exec(arn);
  if (!m) throw badRequest(`Invalid certificate ARN: ${arn}`); // [infer]
  const want = c.endpointType === 'EDGE' ? EDGE_CERTIFICATE_REGION : c.region;
  if (m[1] !== want) throw badRequest(`Invalid certificate ARN: ${arn}. Certificate must be in '${want}'.`);
  if (m[2] !== c.accountId) throw badRequest('The certificate provided must be owned by the account creating the domain.');
  const cert = reader.get<AcmCertificate>(ACM_KIND.certificate, arn);
  if (!cert || cert.region !== want) throw badRequest('The provided certificate does not exist.');
  if (cert.status !== 'ISSUED') throw badRequest(`Certificate ${arn} is not issued (status ${cert.status}).`); // [infer]
  const names = [cert.domainName, ...cert.subjectAlternativeNames].map((n) => n.toLowerCase());
  if (!names.some((n) => certificateNameCovers(n, c.domainName))) {
    if (c.endpointType === 'EDGE') {
      throw badRequest(
        `Unable to associate certificate ${arn} with CloudFront. This error may prevent the domain name ${c.domainName} from being used in API Gateway for up to 40 minutes. ` +
          "Please ensure the certificate domain name matches the requested domain name, and that this user has permission to call cloudfront:UpdateDistribution on '*' resources.",
      );
    }
    throw badRequest(`The certificate ${arn} does not cover the domain name ${c.domainName}.`); // [infer]
  }
  return cert;
}
