/**
 * The name sources behind the resolver (resolver.ts): each one knows one family of names and
 * answers them per view, the way the Route 53 Resolver gives every VPC its own view of DNS
 * (DESIGN.md, network model; ec2-route53-acm.md §2.10).
 *
 * Sources, in the order the data plane asks them (dataplane.ts; hosted-zone-names.ts says why):
 * private hosted zones of the view's VPC (with the hidden zones of endpoint private DNS), EC2
 * private names (ec2-names.ts), public hosted zones, then the names AWS publishes for the
 * resources localvpc runs (aws-service-names.ts, endpoint-names.ts).
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

/** SOA data (RFC 1035 §3.3.13); names lowercase without the trailing dot. */
export interface SoaData {
  readonly mname: string;
  readonly rname: string;
  readonly serial: number;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  readonly minimum: number;
}

/**
 * One resource record of an answer, with its TTL in seconds. Domain names inside records are
 * lowercase without the trailing dot; TXT/SPF strings hold one byte per character (latin1), so
 * `\ddd` escapes of any byte survive.
 */
export type DnsRecord =
  | { readonly type: 'A' | 'AAAA'; readonly address: string; readonly ttl: number }
  | { readonly type: 'CNAME' | 'NS' | 'PTR'; readonly target: string; readonly ttl: number }
  | { readonly type: 'TXT' | 'SPF'; readonly strings: readonly string[]; readonly ttl: number }
  | { readonly type: 'MX'; readonly preference: number; readonly exchange: string; readonly ttl: number }
  | ({ readonly type: 'SOA'; readonly ttl: number } & SoaData)
  | { readonly type: 'SRV'; readonly priority: number; readonly weight: number; readonly port: number; readonly target: string; readonly ttl: number }
  | { readonly type: 'CAA'; readonly flags: number; readonly tag: string; readonly value: string; readonly ttl: number }
  | {
      readonly type: 'NAPTR';
      readonly order: number;
      readonly preference: number;
      readonly flags: string;
      readonly services: string;
      readonly regexp: string;
      readonly replacement: string;
      readonly ttl: number;
    }
  | { readonly type: 'DS'; readonly keyTag: number; readonly algorithm: number; readonly digestType: number; readonly digest: string; readonly ttl: number };

export type DnsRecordType = DnsRecord['type'];

/**
 * A Route 53 alias record set (ec2-route53-acm.md §2.6): the resolver answers it with the
 * target's records of the same type, under the alias's own name, with the target's TTL.
 */
export interface AliasReference {
  readonly type: DnsRecordType;
  /** Lowercase, no trailing dot; a `dualstack.` prefix is left to the ELB source. */
  readonly target: string;
  /**
   * Set when the target is another record of the same hosted zone: looks a name up in that zone
   * only. Absent: the target is an AWS resource (load balancer, endpoint, API Gateway domain),
   * whose public name is looked up as the internet sees it: Route 53 resolves an alias on its
   * own side, so a querier's private zones never change the answer.
   */
  readonly within?: (name: string) => NameLookup | undefined;
}

/** The zone a negative answer comes from: its SOA goes into the authority section (RFC 2308 §3). */
export interface ZoneAuthority {
  /** The zone apex, lowercase without the trailing dot. */
  readonly zone: string;
  readonly soa: Extract<DnsRecord, { type: 'SOA' }>;
}

/**
 * What a source says about a name in a view.
 * - `found`: the name exists; `records` holds every record it has, of any type (possibly none
 *   of the type asked for: that is NODATA, not NXDOMAIN); `aliases` the alias record sets the
 *   resolver still has to resolve.
 * - `nxdomain`: the name falls in this source's namespace for the view and does not exist.
 *   The chain stops there: a private hosted zone that matches the suffix hides the public
 *   name (ec2-route53-acm.md §2.10, "no fallback to the public zone").
 * `authority` is set by hosted zones.
 */
export type NameLookup =
  | {
      readonly kind: 'found';
      readonly records: readonly DnsRecord[];
      readonly source: string;
      readonly aliases?: readonly AliasReference[];
      readonly authority?: ZoneAuthority;
    }
  | { readonly kind: 'nxdomain'; readonly source: string; readonly authority?: ZoneAuthority };

export interface NameSource {
  /** For logs: `ec2-private-dns`, `route53-private`, … */
  readonly name: string;
  /**
   * Looks up `name` (lowercase, no trailing dot) in `view`. Undefined when the name is not this
   * source's business in this view, so the next source is asked. Synchronous: sources answer
   * from in-memory snapshots, never from the store (DESIGN.md, hot paths).
   */
  lookup(name: string, view: NameView, snapshot: NetworkSnapshot): NameLookup | undefined;
}
