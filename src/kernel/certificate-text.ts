/**
 * How ACM's DescribeCertificate writes an X.509 certificate's names and serial
 * (ec2-route53-acm.md §3.3, §3.5): `Subject` as `C=AU,O=…,CN=…`, `Issuer` as the issuer's
 * organisation (else its common name) [infer], `Serial` as colon-separated lowercase hex pairs.
 * Shared by the ACM service (imported certificates) and the data plane's issuer (issued ones).
 * Inputs are node:crypto X509Certificate's `subject`/`issuer` (one `K=V` per line) and
 * `serialNumber` (hex).
 */

/** `K=V` lines as pairs, in order. */
export function distinguishedNameAttributes(dn: string): [string, string][] {
  return dn
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const eq = line.indexOf('=');
      return [line.slice(0, eq), line.slice(eq + 1)];
    });
}

/** `Subject`: the attributes joined with commas. */
export function acmSubject(dn: string): string {
  return distinguishedNameAttributes(dn)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** `Issuer`: the organisation, else the common name. */
export function acmIssuer(dn: string): string {
  const a = distinguishedNameAttributes(dn);
  return a.find(([k]) => k === 'O')?.[1] ?? a.find(([k]) => k === 'CN')?.[1] ?? '';
}

/** `03E9` → `03:e9`. */
export function formatSerial(hex: string): string {
  const h = hex.toLowerCase().replace(/[^0-9a-f]/g, '');
  const even = h.length % 2 ? `0${h}` : h;
  return even.match(/../g)?.join(':') ?? '';
}
