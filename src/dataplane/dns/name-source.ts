/**
 * The name sources behind the resolver (resolver.ts): each one knows one family of names and
 * answers them per view, the way the Route 53 Resolver gives every VPC its own view of DNS
 * (DESIGN.md, network model; ec2-route53-acm.md §2.10).
 *
 * Sources today: EC2 private DNS names (ec2-names.ts). Route 53 hosted zones (private zones per
 * associated VPC, then public zones), load balancer, endpoint and execute-api names plug in as
 * further sources, in the order the Route 53 Resolver consults them.
 */
import type { NetworkSnapshot } from '../network/snapshot.js';

/**
 * Where a query comes from, as the resolver sees it. Every Endpoint of reachability.ts is a
 * NameView, so the vantage proxy and the DNS server ask with the same value; the DNS server
 * builds one from the query's source address (view.ts), where the address need not be an ENI's
 * or lie in a subnet, hence the optional `ip`.
 */
export type NameView =
  | { readonly kind: 'vpc'; readonly vpcId: string; readonly ip?: string | undefined }
  | { readonly kind: 'customer-network'; readonly vpnConnectionId: string; readonly ip?: string | undefined }
  | { readonly kind: 'internet' };

/** One resource record of an answer: an address with its TTL in seconds. */
export type DnsRecord = { readonly type: 'A'; readonly address: string; readonly ttl: number } | { readonly type: 'AAAA'; readonly address: string; readonly ttl: number };

/**
 * What a source says about a name in a view.
 * - `found`: the name exists; `records` holds every record it has, of any type (possibly none
 *   of the type asked for: that is NODATA, not NXDOMAIN).
 * - `nxdomain`: the name falls in this source's namespace for the view and does not exist.
 *   The chain stops there: a private hosted zone that matches the suffix hides the public
 *   name (ec2-route53-acm.md §2.10, "no fallback to the public zone").
 */
export type NameLookup = { readonly kind: 'found'; readonly records: readonly DnsRecord[]; readonly source: string } | { readonly kind: 'nxdomain'; readonly source: string };

export interface NameSource {
  /** For logs: `ec2-private-dns`, `route53-private`, … */
  readonly name: string;
  /**
   * Looks up `name` (lowercase, no trailing dot) in `view`. Undefined when the name is not this
   * source's business in this view, so the next source is asked. Synchronous: sources answer
   * from the in-memory snapshot, never from the store (DESIGN.md, hot paths).
   */
  lookup(name: string, view: NameView, snapshot: NetworkSnapshot): NameLookup | undefined;
}
