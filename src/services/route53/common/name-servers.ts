/**
 * Name servers and the apex records every new zone gets (ec2-route53-acm.md §2.2, SOA-NSrecords.html):
 *
 * - a public zone's delegation set: four servers, one each under `.com`, `.net`, `.org`, `.co.uk`,
 *   shaped `ns-<n>.awsdns-<nn>.<tld>`; `<n>` lies in 0–511 (.com), 512–1023 (.net), 1024–1535
 *   (.org), 1536–2047 (.co.uk), and `<nn>` is `(n mod 512) / 8` on two digits (every observed
 *   server fits, e.g. `ns-1283.awsdns-32.org`, `ns-866.awsdns-44.net`) [infer];
 * - a private zone answers with the fixed set `ns-0.awsdns-00.com`, `ns-512.awsdns-00.net`,
 *   `ns-1024.awsdns-00.org`, `ns-1536.awsdns-00.co.uk`;
 * - the apex NS set (TTL 172800) lists them with trailing dots, the apex SOA (TTL 900) reads
 *   `<first ns>. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`.
 */
import { randomInt } from 'node:crypto';
import { recordSetKey, type ResourceRecordSet } from '../../../state/records/route53.js';

const TLDS = ['com', 'net', 'org', 'co.uk'] as const;

export const NS_TTL = 172800;
export const SOA_TTL = 900;

function server(n: number, tld: string): string {
  return `ns-${n}.awsdns-${String(Math.floor((n % 512) / 8)).padStart(2, '0')}.${tld}`;
}

/** A fresh public delegation set (no trailing dots, as DelegationSet.NameServers shows them). */
export function publicNameServers(): string[] {
  return TLDS.map((tld, i) => server(i * 512 + randomInt(512), tld));
}

export const PRIVATE_NAME_SERVERS: readonly string[] = TLDS.map((tld, i) => server(i * 512, tld));

/** The SOA and NS sets created with a zone. */
export function apexRecordSets(zoneId: string, zoneName: string, nameServers: readonly string[]): ResourceRecordSet[] {
  const ns: ResourceRecordSet = {
    id: recordSetKey(zoneId, zoneName, 'NS'),
    zoneId,
    name: zoneName,
    type: 'NS',
    ttl: NS_TTL,
    records: nameServers.map((s) => `${s}.`),
  };
  const soa: ResourceRecordSet = {
    id: recordSetKey(zoneId, zoneName, 'SOA'),
    zoneId,
    name: zoneName,
    type: 'SOA',
    ttl: SOA_TTL,
    records: [`${nameServers[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`],
  };
  return [ns, soa];
}
