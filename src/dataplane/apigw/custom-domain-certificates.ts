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
import tls from 'node:tls';
import { domainRoutes } from './host-routing.js';
import type { ApiGwSnapshot, DomainCertificate } from './snapshot.js';

export type CertificateScope = { readonly kind: 'public' } | { readonly kind: 'private'; readonly region: string };

export class CustomDomainCertificates {
  /** By certificate ARN; replaced when the PEM changes (a re-import). */
  private readonly contexts = new Map<string, { readonly pem: string; readonly context: tls.SecureContext }>();

  /** The SecureContext for `servername` in `scope`, or undefined when no custom domain there has a certificate. */
  contextFor(snapshot: ApiGwSnapshot, servername: string, scope: CertificateScope): tls.SecureContext | undefined {
    const name = servername.toLowerCase().replace(/\.$/, '');
    const domains = snapshot.domainNames.get(name);
    if (!domains) return undefined;
    const domain = domains.find((d) => domainRoutes(d) && d.certificate !== undefined && (scope.kind === 'public' ? d.endpointType !== 'PRIVATE' : d.endpointType === 'PRIVATE' && d.region === scope.region));
    return domain?.certificate ? this.context(domain.certificate) : undefined;
  }

  private context(cert: DomainCertificate): tls.SecureContext | undefined {
    const cached = this.contexts.get(cert.arn);
    if (cached && cached.pem === cert.certificatePem) return cached.context;
    let context: tls.SecureContext;
    try {
      context = tls.createSecureContext({ cert: cert.certificatePem + cert.certificateChainPem, key: cert.privateKeyPem });
    } catch {
      // An imported certificate whose key does not fit: the listener's own certificate answers.
      return undefined;
    }
    this.contexts.set(cert.arn, { pem: cert.certificatePem, context });
    return context;
  }
}
