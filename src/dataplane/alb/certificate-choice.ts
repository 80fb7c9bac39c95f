/**
 * Which certificate an HTTPS listener presents (elbv2-vpc-endpoints.md §1.9, §8.3; ALB user
 * guide, "SSL certificates"): the client's SNI name against the names of the listener's
 * certificates (the default one and those added with AddListenerCertificates), an exact name
 * first, then a wildcard (`*.example.com` covers one label: `a.example.com`, not `example.com`
 * nor `a.b.example.com`); without SNI, or when no certificate names it, the default
 * certificate. AWS's finer tie-breaks between several matching certificates (key algorithm,
 * expiry) are not modelled: the first match in listener order wins.
 *
 * Secure contexts are built once per certificate ARN and PEM (tls/secure-contexts.ts), so
 * swapping a listener's certificates never touches connections already open.
 */
import type { ListenerCertificate } from '../lb/snapshot.js';

export function chooseCertificate(certificates: readonly ListenerCertificate[], servername: string | undefined): ListenerCertificate | undefined {
  if (servername) {
    const name = servername.toLowerCase().replace(/\.$/, '');
    const exact = certificates.find((c) => c.names.includes(name));
    if (exact) return exact;
    const wildcard = certificates.find((c) => c.names.some((n) => wildcardCovers(n, name)));
    if (wildcard) return wildcard;
  }
  return certificates.find((c) => c.isDefault);
}

/** `*.example.com` covers `a.example.com` (one label). */
export function wildcardCovers(pattern: string, name: string): boolean {
  if (!pattern.startsWith('*.')) return false;
  const dot = name.indexOf('.');
  return dot > 0 && name.slice(dot + 1) === pattern.slice(2);
}
