/**
 * The resolver: one chain of name sources (name-source.ts) shared by everything that turns a
 * name into an address, so a source added once (Route 53 private zones per VPC, load balancer
 * and endpoint names) serves both:
 * - the vantage proxies, through `resolveName` (the NameResolver of network/ec2-private-dns.ts);
 * - the DNS server on 127.0.0.1:4553 (server.ts), through `lookup`.
 *
 * Sources are asked in order against one snapshot; the first that knows the name answers.
 * When none does the answer is NXDOMAIN: localvpc sends nothing off loopback (DESIGN.md), so
 * there is no upstream to forward unknown names to, not even for public internet names.
 */
import type { NetworkSnapshot } from '../network/snapshot.js';
import { ec2PrivateNames } from './ec2-names.js';
import type { NameLookup, NameSource, NameView } from './name-source.js';
import { normalizeName } from './names.js';

/** The sources of a default resolver, in the order they are asked. */
export const DEFAULT_NAME_SOURCES: readonly NameSource[] = [ec2PrivateNames];

/** What the resolver reads: the latest network snapshot (a NetworkPlane qualifies). */
export interface SnapshotSource {
  snapshot(): NetworkSnapshot;
}

export interface Resolver {
  /** Looks `name` up as seen from `view` (any case, trailing dot optional). */
  lookup(name: string, view: NameView): NameLookup;
  /**
   * For vantage proxies: the first IPv4 address of the name in the vantage's view. It fits
   * where a NameResolver (network/ec2-private-dns.ts) goes: every Endpoint is a NameView.
   */
  readonly resolveName: (name: string, view: NameView) => string | undefined;
}

/** The lookup result when no source knows the name. */
const NOT_FOUND: NameLookup = Object.freeze({ kind: 'nxdomain', source: 'none' });

export function createResolver(network: SnapshotSource, sources: readonly NameSource[] = DEFAULT_NAME_SOURCES): Resolver {
  const lookup = (name: string, view: NameView): NameLookup => {
    const normalized = normalizeName(name);
    if (normalized === '') return NOT_FOUND;
    const snapshot = network.snapshot();
    for (const source of sources) {
      const found = source.lookup(normalized, view, snapshot);
      if (found) return found;
    }
    return NOT_FOUND;
  };
  const resolveName = (name: string, view: NameView): string | undefined => {
    const found = lookup(name, view);
    if (found.kind !== 'found') return undefined;
    return found.records.find((r) => r.type === 'A')?.address;
  };
  return { lookup, resolveName };
}
