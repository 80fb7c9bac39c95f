/**
 * The certificates execute-api listeners present for custom domain names, picked by SNI: the
 * domain's ACM certificate (`regionalCertificateArn` for REGIONAL, `certificateArn` for EDGE and
 * PRIVATE; apigateway-rest.md §1.10), once ACM issued it (state/records/acm.ts).
 *
 * - The public front door presents REGIONAL and EDGE domains' certificates.
 * - An `execute-api` VPC endpoint presents a PRIVATE domain's certificate for a PRIVATE domain of
 *   its region (§3: clients call `https://private.example.com` through the endpoint).
 *
 * A name without a certificate (yet) gets the listener's execute-api certificate, which a client
 * checking names refuses, as with AWS before the certificate is in place.
 */
import type tls from 'node:tls';
import { SecureContexts } from '../tls/secure-contexts.js';
import { domainRoutes } from './host-routing.js';
import type { ApiGwSnapshot } from './snapshot.js';

export type CertificateScope = { readonly kind: 'public' } | { readonly kind: 'private'; readonly region: string };

export class CustomDomainCertificates {
  /**
   * `report` hears of a certificate Node refuses (an imported key that does not fit); that name
   * then gets the listener's execute-api certificate.
   */
  private readonly contexts: SecureContexts;

  constructor(report: (arn: string, error: string) => void = () => {}) {
    this.contexts = new SecureContexts(report);
  }

  /** The SecureContext for `servername` in `scope`, or undefined when no custom domain there has a certificate. */
  contextFor(snapshot: ApiGwSnapshot, servername: string, scope: CertificateScope): tls.SecureContext | undefined {
    const name = servername.toLowerCase().replace(/\.$/, '');
    const domains = snapshot.domainNames.get(name);
    if (!domains) return undefined;
    const domain = domains.find((d) => domainRoutes(d) && d.certificate !== undefined && (scope.kind === 'public' ? d.endpointType !== 'PRIVATE' : d.endpointType === 'PRIVATE' && d.region === scope.region));
    return domain?.certificate ? this.contexts.get(domain.certificate) : undefined;
  }
}
