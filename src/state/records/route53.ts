/**
 * Records of Route 53 (API version 2013-04-01, ec2-route53-acm.md §2). Route 53 is global: its
 * records carry no region. The route53 service writes them; the data plane's resolver answers
 * from them (private zones in the views of their associated VPCs, public zones everywhere), and
 * the ACM certificate issuer looks for validation records in them.
 *
 * - `hostedZone`: keyed by the bare zone id (`Z` + 13–32 uppercase alphanumerics, no `/hostedzone/`).
 * - `recordSet`: keyed `recordSetKey(zoneId, name, type, setIdentifier)`; names are stored
 *   normalised (lowercase, trailing dot, `\052` for a leading `*` as Route 53 shows it, §2.9).
 * - `change`: keyed by the bare change id (`C…`, no `/change/`).
 */
import type { StoredRecord } from '../store.js';

export const ROUTE53_KIND = {
  hostedZone: 'route53.hosted-zone',
  recordSet: 'route53.record-set',
  change: 'route53.change',
} as const;

export interface HostedZoneVpc {
  readonly vpcId: string;
  readonly vpcRegion: string;
}

export interface HostedZone extends StoredRecord {
  readonly id: string;
  /** Fully qualified, lowercase, trailing dot: `example.com.`. */
  readonly name: string;
  readonly callerReference: string;
  readonly comment?: string;
  readonly privateZone: boolean;
  /** Private zones only: the VPCs whose resolver answers from this zone (§2.4). */
  readonly vpcs: readonly HostedZoneVpc[];
  /** Public zones only: the delegation set's four name servers. */
  readonly nameServers: readonly string[];
  readonly delegationSetId?: string;
  readonly createdAt: string;
  readonly tags: readonly { readonly Key: string; readonly Value?: string }[];
}

export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'MX' | 'NS' | 'SOA' | 'SRV' | 'PTR' | 'SPF' | 'CAA' | 'NAPTR' | 'DS';

export interface AliasTarget {
  readonly hostedZoneId: string;
  /** Lowercase with a trailing dot, as Route 53 shows it. */
  readonly dnsName: string;
  readonly evaluateTargetHealth: boolean;
}

export interface ResourceRecordSet extends StoredRecord {
  readonly zoneId: string;
  readonly name: string;
  readonly type: RecordType;
  /** Absent for alias records. */
  readonly ttl?: number;
  /** Values as given (TXT values keep their quotes). Empty for alias records. */
  readonly records: readonly string[];
  readonly aliasTarget?: AliasTarget;
  readonly setIdentifier?: string;
  readonly weight?: number;
}

export interface Route53Change extends StoredRecord {
  readonly status: 'PENDING' | 'INSYNC';
  readonly submittedAt: string;
  readonly comment?: string;
}

export function recordSetKey(zoneId: string, name: string, type: string, setIdentifier?: string): string {
  return `${zoneId}|${name}|${type}|${setIdentifier ?? ''}`;
}
