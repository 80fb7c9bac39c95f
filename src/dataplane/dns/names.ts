/**
 * DNS names as the resolver compares them: case-insensitive (RFC 4343) and with the trailing
 * dot of a fully qualified name optional, as Route 53 takes them (ec2-route53-acm.md §2.9).
 */

/** `normalizeName` lowercases ASCII letters and drops one trailing dot: `Ip-10-0-1-5.EC2.internal.` → `ip-10-0-1-5.ec2.internal`. */
export function normalizeName(name: string): string {
  const lower = name.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * A name as Route 53 stores it (`\052.example.com.`: characters outside `a-z0-9-_` as `\` and
 * three octal digits, §2.9) in the resolver's form: unescaped, lowercase, no trailing dot
 * (`*.example.com`).
 */
export function fromRoute53Name(name: string): string {
  return normalizeName(name.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))));
}

/** `isSubdomainOf('a.b.example.com', 'example.com')` — true for the name itself too. */
export function isSubdomainOf(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** The name one label up: `b.example.com` for `a.b.example.com`; undefined for a single label. */
export function parentOf(name: string): string | undefined {
  const dot = name.indexOf('.');
  return dot < 0 ? undefined : name.slice(dot + 1);
}
