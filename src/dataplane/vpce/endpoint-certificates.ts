/**
 * The certificate an `execute-api` interface endpoint presents, one per region, issued by the
 * local CA on first use: `*.execute-api.{region}.amazonaws.com` and
 * `execute-api.{region}.amazonaws.com` (what clients with private DNS call, apigateway-rest.md
 * §3), plus `*.execute-api.{region}.vpce.amazonaws.com`, which the documented curl examples
 * against the endpoint's own names imply (§3 [inf]). It is also what a client that sends no SNI
 * gets (an ALB health-checking or forwarding to the endpoint's IPs sends none).
 */
import type { SecureContextOptions } from 'node:tls';
import type { LocalCa } from '../tls/ca.js';

export function endpointCertificateNames(region: string): string[] {
  return [`*.execute-api.${region}.amazonaws.com`, `execute-api.${region}.amazonaws.com`, `*.execute-api.${region}.vpce.amazonaws.com`];
}

export class EndpointCertificates {
  private readonly byRegion = new Map<string, Promise<SecureContextOptions>>();

  constructor(private readonly ca: () => Promise<LocalCa>) {}

  /** The region's key and certificate chain (issued once; a failed issue is retried next time). */
  forRegion(region: string): Promise<SecureContextOptions> {
    let credentials = this.byRegion.get(region);
    if (!credentials) {
      credentials = this.ca().then(async (ca) => {
        const cert = await ca.issue(endpointCertificateNames(region));
        return { cert: cert.certPem + cert.chainPem, key: cert.keyPem };
      });
      credentials.catch(() => this.byRegion.delete(region));
      this.byRegion.set(region, credentials);
    }
    return credentials;
  }
}
