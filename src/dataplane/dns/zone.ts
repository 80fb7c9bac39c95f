/**
 * A hosted zone compiled for answering (names-snapshot.ts builds them), and how a name is
 * found in one:
 *
 * - A name that owns record sets answers them; a name that owns none but has names below it
 *   (an empty non-terminal: `b.example.com` when only `a.b.example.com` exists) exists with no
 *   records (NODATA), as does the apex.
 * - Wildcards (ec2-route53-acm.md §2.9; RFC 4592 §3.3.1): `*.example.com` answers a name below
 *   the zone only when the name does not exist and its closest existing ancestor is
 *   `example.com`. So the apex never matches its own wildcard, a name with any record of its own
 *   (of any type) never falls back to the wildcard, `x.b.example.com` is NXDOMAIN when
 *   `b.example.com` exists and has no `*.b.example.com`, and `*.b.example.com` wins over
 *   `*.example.com` below `b`.
 * - Anything else under the apex: NXDOMAIN, with the zone's SOA for the authority section.
 * - Public zones only: NS record sets below the apex delegate that subtree (RFC 1034 §4.3.2);
 *   the parent zone's data there is not the answer ([infer] a recursive resolver would follow
 *   the referral off this machine, which localvpc never does), so the name is left to the
 *   sources after the hosted zones. A delegated sub-zone hosted here answers anyway: the most
 *   specific zone is chosen before this (hosted-zone-names.ts).
 *
 * Record sets that share a name and type but carry a SetIdentifier are weighted sets: one is
 * picked per lookup with probability weight/total (a weight of 0 only when all are 0;
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-weighted.html).
 */
import type { RecordType } from '../../state/records/route53.js';
import type { AliasReference, DnsRecord, NameLookup, ZoneAuthority } from './name-source.js';
import { isSubdomainOf, parentOf } from './names.js';

export interface RecordSetEntry {
  readonly type: RecordType;
  readonly records: readonly DnsRecord[];
  /** Alias sets: the target, resolved per lookup by the resolver. */
  readonly alias?: { readonly target: string; readonly hostedZoneId: string };
  readonly setIdentifier?: string;
  readonly weight?: number;
}

export interface CompiledZone {
  readonly id: string;
  /** The apex, lowercase without the trailing dot. */
  readonly name: string;
  /** `route53-private`, `route53-public`, or `vpce-private-dns` for an endpoint's hidden zone. */
  readonly source: string;
  readonly privateZone: boolean;
  readonly createdAt: string;
  /** Record sets by owner name (`*.example.com` for a wildcard). */
  readonly nodes: ReadonlyMap<string, readonly RecordSetEntry[]>;
  readonly emptyNonTerminals: ReadonlySet<string>;
  /** Owners of NS sets below the apex. */
  readonly delegations: ReadonlySet<string>;
  readonly authority: ZoneAuthority;
}

type Match = { readonly kind: 'found'; readonly sets: readonly RecordSetEntry[] } | { readonly kind: 'nxdomain' } | { readonly kind: 'delegated' };

/** Finds `name` (a subdomain of the zone, or its apex) in `zone`. */
export function matchInZone(zone: CompiledZone, name: string): Match {
  if (!zone.privateZone && zone.delegations.size > 0) {
    for (let n: string | undefined = name; n !== undefined && n !== zone.name; n = parentOf(n)) {
      if (zone.delegations.has(n)) return { kind: 'delegated' };
    }
  }
  const own = zone.nodes.get(name);
  if (own) return { kind: 'found', sets: own };
  if (name === zone.name || zone.emptyNonTerminals.has(name)) return { kind: 'found', sets: [] };
  let encloser = parentOf(name);
  while (encloser !== undefined && encloser !== zone.name && !zone.nodes.has(encloser) && !zone.emptyNonTerminals.has(encloser)) encloser = parentOf(encloser);
  const wildcard = encloser === undefined ? undefined : zone.nodes.get(`*.${encloser}`);
  return wildcard ? { kind: 'found', sets: wildcard } : { kind: 'nxdomain' };
}

/**
 * The zone's answer for `name` as a NameLookup: undefined when the name is delegated away.
 * Aliases to another record of this zone resolve inside this zone only.
 */
export function lookupInZone(zone: CompiledZone, name: string, random: () => number = Math.random): NameLookup | undefined {
  const match = matchInZone(zone, name);
  if (match.kind === 'delegated') return undefined;
  if (match.kind === 'nxdomain') return { kind: 'nxdomain', source: zone.source, authority: zone.authority };
  const records: DnsRecord[] = [];
  const aliases: AliasReference[] = [];
  for (const set of pickWeighted(match.sets, random)) {
    if (!set.alias) {
      records.push(...set.records);
      continue;
    }
    const sameZone = set.alias.hostedZoneId === zone.id;
    aliases.push({
      type: set.type,
      target: set.alias.target,
      ...(sameZone ? { within: (target: string) => (isSubdomainOf(target, zone.name) ? lookupInZone(zone, target, random) : undefined) } : {}),
    });
  }
  return { kind: 'found', records, source: zone.source, ...(aliases.length > 0 ? { aliases } : {}), authority: zone.authority };
}

/** One set per type: the only one, or a weighted pick among sets with a SetIdentifier. */
function pickWeighted(sets: readonly RecordSetEntry[], random: () => number): RecordSetEntry[] {
  const byType = new Map<string, RecordSetEntry[]>();
  for (const set of sets) {
    const group = byType.get(set.type);
    if (group) group.push(set);
    else byType.set(set.type, [set]);
  }
  const picked: RecordSetEntry[] = [];
  for (const group of byType.values()) {
    if (group.length === 1) {
      picked.push(group[0]!);
      continue;
    }
    const total = group.reduce((sum, s) => sum + (s.weight ?? 0), 0);
    let point = random() * (total > 0 ? total : group.length);
    const chosen = group.find((s) => (point -= total > 0 ? (s.weight ?? 0) : 1) < 0) ?? group.filter((s) => total === 0 || (s.weight ?? 0) > 0).at(-1)!;
    picked.push(chosen);
  }
  return picked;
}
