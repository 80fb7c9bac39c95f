/**
 * The resolver: one chain of name sources (name-source.ts) shared by everything that turns a
 * name into an address, so a source added once serves both:
 * - the vantage proxies, through `resolveName` (the NameResolver of network/ec2-private-dns.ts),
 *   which follows CNAMEs and aliases down to an IPv4 address;
 * - the DNS server on 127.0.0.1:4553 (server.ts), through `query`.
 *
 * Sources are asked in order against one network snapshot; the first that knows the name
 * answers. When none does the answer is NXDOMAIN: localvpc sends nothing off loopback
 * (DESIGN.md), so there is no upstream to forward unknown names to, not even for public
 * internet names.
 *
 * Route 53 alias record sets (ec2-route53-acm.md §2.6) are resolved here, on Route 53's side of
 * the wire: the alias answers with the target's records of its own type and TTL. A target in
 * the same zone is looked up in that zone; any other target (a load balancer, an endpoint, an API
 * Gateway domain target) is looked up as the internet sees it, so the querier's private zones
 * (an endpoint's private DNS for `*.execute-api…`) never change what an alias points at. An
 * alias whose target resolves nowhere has no records: NODATA. Alias chains end after
 * MAX_ALIAS_DEPTH hops ([infer]).
 */
import type { NetworkSnapshot } from '../network/snapshot.js';
import { ec2PrivateNames } from './ec2-names.js';
import type { DnsRecord, NameLookup, NameSource, NameView } from './name-source.js';
import { normalizeName } from './names.js';
import { resolveQuery, type QueryResult } from './query.js';

/** The sources of a default resolver, in the order they are asked. */
export const DEFAULT_NAME_SOURCES: readonly NameSource[] = [ec2PrivateNames];

/** What the resolver reads: the latest network snapshot (a NetworkPlane qualifies). */
export interface SnapshotSource {
  snapshot(): NetworkSnapshot;
}

export interface Resolver {
  /** Looks `name` up as seen from `view` (any case, trailing dot optional), aliases resolved, CNAMEs not followed. */
  lookup(name: string, view: NameView): NameLookup;
  /** Answers one question (`A`, `CNAME`, …, `ANY`) as seen from `view`, following CNAMEs (query.ts). */
  query(name: string, type: string, view: NameView): QueryResult;
  /**
   * For vantage proxies: the first IPv4 address of the name in the vantage's view, through
   * CNAMEs and aliases. It fits where a NameResolver (network/ec2-private-dns.ts) goes: every
   * Endpoint is a NameView.
   */
  readonly resolveName: (name: string, view: NameView) => string | undefined;
}

/** The lookup result when no source knows the name. */
const NOT_FOUND: NameLookup = Object.freeze({ kind: 'nxdomain', source: 'none' });
const INTERNET: NameView = Object.freeze({ kind: 'internet' });
/** [infer] Alias-to-alias hops followed before giving up. */
export const MAX_ALIAS_DEPTH = 8;

export function createResolver(network: SnapshotSource, sources: readonly NameSource[] = DEFAULT_NAME_SOURCES): Resolver {
  const ask = (name: string, view: NameView, snapshot: NetworkSnapshot): NameLookup => {
    if (name === '') return NOT_FOUND;
    for (const source of sources) {
      const found = source.lookup(name, view, snapshot);
      if (found) return found;
    }
    return NOT_FOUND;
  };
  const expand = (found: NameLookup, snapshot: NetworkSnapshot, depth: number): NameLookup => {
    if (found.kind !== 'found' || !found.aliases) return found;
    const records: DnsRecord[] = [...found.records];
    for (const alias of found.aliases) {
      if (depth >= MAX_ALIAS_DEPTH) break;
      const target = alias.within ? alias.within(alias.target) : ask(alias.target, INTERNET, snapshot);
      if (target?.kind !== 'found') continue;
      const resolved = expand(target, snapshot, depth + 1);
      if (resolved.kind === 'found') records.push(...resolved.records.filter((r) => r.type === alias.type));
    }
    const { aliases: _resolved, ...rest } = found;
    return { ...rest, records };
  };
  const lookupIn = (view: NameView, snapshot: NetworkSnapshot) => (name: string) => expand(ask(name, view, snapshot), snapshot, 0);
  const lookup = (name: string, view: NameView): NameLookup => lookupIn(view, network.snapshot())(normalizeName(name));
  const query = (name: string, type: string, view: NameView): QueryResult => resolveQuery(lookupIn(view, network.snapshot()), name, type);
  const resolveName = (name: string, view: NameView): string | undefined => {
    for (const { record } of query(name, 'A', view).answers) if (record.type === 'A') return record.address;
    return undefined;
  };
  return { lookup, query, resolveName };
}
