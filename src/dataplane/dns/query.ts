/**
 * One question answered the way a recursive resolver answers it from the names localvpc knows
 * (RFC 1034 §4.3.2, RFC 2308, RFC 6604), over a lookup in one view (resolver.ts):
 *
 * - The name's records of the type asked (ANY: all of them) answer it.
 * - A CNAME at the name, when another type is asked, goes into the answer and its target is
 *   looked up in the same view, and so on down the chain, up to MAX_CNAME_CHAIN links ([infer]
 *   a loop or a longer chain ends the answer where it stands). A target no source knows ends
 *   the chain with NOERROR and only the CNAMEs: localvpc forwards nothing off loopback
 *   (DESIGN.md), and a name it does not know may well exist elsewhere (`…acm-validations.aws`).
 *   A target a source says does not exist makes the answer NXDOMAIN, the CNAMEs kept (RFC 6604 §2).
 * - A name that exists without the type: NOERROR with no answer (NODATA); a name that does not
 *   exist: NXDOMAIN. Either carries the SOA of the hosted zone that said so, when one did, for
 *   the authority section (RFC 2308 §3); localvpc's synthesised names carry none.
 */
import type { DnsRecord, NameLookup, ZoneAuthority } from './name-source.js';
import { normalizeName } from './names.js';

/** A record of an answer, with its owner (lowercase, no trailing dot). */
export interface OwnedRecord {
  readonly name: string;
  readonly record: DnsRecord;
}

export interface QueryResult {
  readonly rcode: 'NOERROR' | 'NXDOMAIN';
  readonly answers: readonly OwnedRecord[];
  /** At most the SOA of the zone behind a negative answer. */
  readonly authority: readonly OwnedRecord[];
  /** The source of the last name looked up (`none` when no source knew it), for logs. */
  readonly source: string;
}

/** [infer] Links followed before giving up; BIND's limit is 16 (`max-recursion-depth`-like). */
export const MAX_CNAME_CHAIN = 16;

/** Resolves `name`/`type` (`A`, `TXT`, …, or `ANY`) with `lookup` (names already normalised). */
export function resolveQuery(lookup: (name: string) => NameLookup, name: string, type: string): QueryResult {
  const answers: OwnedRecord[] = [];
  const seen = new Set<string>();
  let current = normalizeName(name);
  for (;;) {
    seen.add(current);
    const found = lookup(current);
    if (found.kind === 'nxdomain') {
      const unknown = found.source === 'none' && answers.length > 0;
      return { rcode: unknown ? 'NOERROR' : 'NXDOMAIN', answers, authority: unknown ? [] : authorityOf(found.authority), source: found.source };
    }
    const matching = found.records.filter((r) => type === 'ANY' || r.type === type);
    if (matching.length > 0) return { rcode: 'NOERROR', answers: [...answers, ...matching.map((record) => ({ name: current, record }))], authority: [], source: found.source };
    const cname = type === 'CNAME' ? undefined : found.records.find((r) => r.type === 'CNAME');
    if (!cname || cname.type !== 'CNAME') return { rcode: 'NOERROR', answers, authority: authorityOf(found.authority), source: found.source };
    answers.push({ name: current, record: cname });
    if (seen.has(cname.target) || seen.size >= MAX_CNAME_CHAIN) return { rcode: 'NOERROR', answers, authority: [], source: found.source };
    current = cname.target;
  }
}

function authorityOf(authority: ZoneAuthority | undefined): OwnedRecord[] {
  return authority ? [{ name: authority.zone, record: authority.soa }] : [];
}
