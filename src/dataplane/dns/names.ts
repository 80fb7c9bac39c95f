/**
 * DNS names as the resolver compares them: case-insensitive (RFC 4343) and with the trailing
 * dot of a fully qualified name optional, as Route 53 takes them (ec2-route53-acm.md §2.9).
 */

/** `normalizeName` lowercases ASCII letters and drops one trailing dot: `Ip-10-0-1-5.EC2.internal.` → `ip-10-0-1-5.ec2.internal`. */
export function normalizeName(name: string): string {
  const lower = name.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}
