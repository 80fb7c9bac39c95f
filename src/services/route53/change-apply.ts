/**
 * Applies a checked change batch to a working copy of one zone's record sets
 * (ec2-route53-acm.md §2.5): changes apply in order, each seeing the ones before it (DELETE then
 * CREATE of one set is fine; deleting a set twice is not), and every problem of the batch becomes
 * one InvalidChangeBatch message. The caller commits the working copy only when there are none.
 *
 * Messages ([obs] unless marked):
 * - `Tried to create resource record set [name='x.example.com.', type='A'] but it already exists`
 * - `Tried to delete resource record set [name='x.example.com.', type='A'] but it was not found`
 * - `… but the values provided do not match the current values` (DELETE must repeat every value)
 *   — with `, set-identifier='…'` inside the brackets for weighted sets [infer];
 * - `RRSet with DNS name foo.other.com. is not permitted in zone example.com.` ([moto], [infer]);
 * - `RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.`;
 * - `RRSet of type CNAME with DNS name x.example.com. is not permitted as it conflicts with other
 *   records with the same DNS name in zone example.com.` (the same sentence names the other type
 *   when a record joins an existing CNAME [infer]);
 * - the apex SOA and NS sets cannot be deleted: `A HostedZone must contain exactly one SOA
 *   record.`, `A HostedZone must contain at least one NS record for the zone itself.` [infer].
 */
import type { RecordReader } from '../../state/store.js';
import { recordSetKey, type AliasTarget, type HostedZone, type RecordType, type ResourceRecordSet } from '../../state/records/route53.js';
import { aliasProblem } from './alias-target.js';
import type { CheckedChange } from './change-input.js';
import { bareId } from './common/ids.js';
import { DnsNameError, isWildcard, isWithin, normalizeDnsName } from './common/names.js';
import { valueProblems } from './record-values.js';

/** Alias records may be any type that can hold data except these [infer: AWS lists A, AAAA, CNAME, CAA, MX, NAPTR, PTR, SPF, SRV, TXT]. */
const NO_ALIAS: readonly RecordType[] = ['SOA', 'NS', 'DS'];

function setLabel(set: Pick<ResourceRecordSet, 'name' | 'type' | 'setIdentifier'>): string {
  return `[name='${set.name}', type='${set.type}'${set.setIdentifier === undefined ? '' : `, set-identifier='${set.setIdentifier}'`}]`;
}

function sameAlias(a: AliasTarget | undefined, b: AliasTarget | undefined): boolean {
  if (!a || !b) return a === b;
  return a.hostedZoneId === b.hostedZoneId && a.dnsName === b.dnsName && a.evaluateTargetHealth === b.evaluateTargetHealth;
}

/** DELETE must name the set exactly as it is: TTL, values (in any order), alias target, weight. */
function sameContent(a: ResourceRecordSet, b: ResourceRecordSet): boolean {
  const values = (s: ResourceRecordSet) => [...s.records].sort().join('\n');
  return a.ttl === b.ttl && values(a) === values(b) && sameAlias(a.aliasTarget, b.aliasTarget) && a.weight === b.weight;
}

export class ZoneWorkingCopy {
  readonly messages: string[] = [];
  readonly sets: Map<string, ResourceRecordSet>;
  private readonly reader: RecordReader;
  private readonly zone: HostedZone;

  constructor(reader: RecordReader, zone: HostedZone, sets: readonly ResourceRecordSet[]) {
    this.reader = reader;
    this.zone = zone;
    this.sets = new Map(sets.map((s) => [s.id, s]));
  }

  apply(change: CheckedChange): void {
    const set = this.toRecordSet(change);
    if (!set) return;
    if (change.action === 'DELETE') this.delete(set);
    else this.put(set, change.action === 'CREATE');
  }

  /** The stored form of the change's set; undefined (with a message) when its names are not names. */
  private toRecordSet({ rrset }: CheckedChange): ResourceRecordSet | undefined {
    let name: string;
    let alias: AliasTarget | undefined;
    try {
      name = normalizeDnsName(rrset.Name);
      if (rrset.AliasTarget) {
        const a = rrset.AliasTarget;
        alias = { hostedZoneId: bareId(a.HostedZoneId!), dnsName: normalizeDnsName(a.DNSName!), evaluateTargetHealth: a.EvaluateTargetHealth! };
      }
    } catch (e) {
      if (!(e instanceof DnsNameError)) throw e;
      this.messages.push(e.message);
      return undefined;
    }
    if (!isWithin(name, this.zone.name)) {
      this.messages.push(`RRSet with DNS name ${name} is not permitted in zone ${this.zone.name}`);
      return undefined;
    }
    return {
      id: recordSetKey(this.zone.id, name, rrset.Type, rrset.SetIdentifier),
      zoneId: this.zone.id,
      name,
      type: rrset.Type,
      ttl: alias ? undefined : rrset.TTL,
      records: alias ? [] : (rrset.ResourceRecords ?? []).map((r) => r.Value!),
      aliasTarget: alias,
      setIdentifier: rrset.SetIdentifier,
      weight: rrset.Weight,
    };
  }

  private delete(set: ResourceRecordSet): void {
    const current = this.sets.get(set.id);
    if (!current) {
      this.messages.push(`Tried to delete resource record set ${setLabel(set)} but it was not found`);
      return;
    }
    if (!sameContent(current, set)) {
      this.messages.push(`Tried to delete resource record set ${setLabel(set)} but the values provided do not match the current values`);
      return;
    }
    if (set.name === this.zone.name && set.setIdentifier === undefined && set.type === 'SOA') {
      this.messages.push('A HostedZone must contain exactly one SOA record.');
      return;
    }
    if (set.name === this.zone.name && set.setIdentifier === undefined && set.type === 'NS') {
      this.messages.push('A HostedZone must contain at least one NS record for the zone itself.');
      return;
    }
    this.sets.delete(set.id);
  }

  private put(set: ResourceRecordSet, create: boolean): void {
    if (create && this.sets.has(set.id)) {
      this.messages.push(`Tried to create resource record set ${setLabel(set)} but it already exists`);
      return;
    }
    const problems = this.problemsOf(set);
    if (problems.length > 0) {
      this.messages.push(...problems);
      return;
    }
    this.sets.set(set.id, set);
  }

  private problemsOf(set: ResourceRecordSet): string[] {
    const { zone } = this;
    const problems: string[] = [];
    const apex = set.name === zone.name;
    if (set.aliasTarget) {
      if (NO_ALIAS.includes(set.type)) problems.push(`RRSet of type ${set.type} with DNS name ${set.name} cannot be an alias record in zone ${zone.name}`); // [infer]
      else {
        const p = aliasProblem({ reader: this.reader, zone, sets: this.sets }, set.name, set.type, set.aliasTarget);
        if (p) problems.push(p);
      }
    } else {
      problems.push(...valueProblems(set.type, set.records));
      // Wordings [infer] for the next three rules.
      if (set.type === 'CNAME' && set.records.length > 1) problems.push(`RRSet of type CNAME with DNS name ${set.name} can have only one resource record in zone ${zone.name}`);
      if (set.type === 'SOA' && set.records.length > 1) problems.push('A HostedZone must contain exactly one SOA record.');
    }
    if (set.type === 'SOA' && (!apex || set.setIdentifier !== undefined)) problems.push(`RRSet of type SOA with DNS name ${set.name} is not permitted; the SOA record belongs at apex in zone ${zone.name}`);
    if (set.type === 'NS' && isWildcard(set.name)) problems.push(`RRSet of type NS with DNS name ${set.name} is not permitted; NS records cannot be wildcards in zone ${zone.name}`);
    if (set.type === 'CNAME' && apex) problems.push(`RRSet of type CNAME with DNS name ${set.name} is not permitted at apex in zone ${zone.name}`);

    const others = [...this.sets.values()].filter((s) => s.name === set.name && s.id !== set.id);
    if ((set.type === 'CNAME' && others.some((s) => s.type !== 'CNAME')) || (set.type !== 'CNAME' && others.some((s) => s.type === 'CNAME'))) {
      if (!(set.type === 'CNAME' && apex)) {
        problems.push(`RRSet of type ${set.type} with DNS name ${set.name} is not permitted as it conflicts with other records with the same DNS name in zone ${zone.name}`);
      }
    }
    // Simple and weighted sets cannot share a name and type [infer wording].
    const sameType = others.filter((s) => s.type === set.type);
    if (set.setIdentifier !== undefined && sameType.some((s) => s.setIdentifier === undefined)) {
      problems.push(`RRSet with DNS name ${set.name}, type ${set.type} and SetIdentifier ${set.setIdentifier} cannot be created because a non-weighted set exists with the same name and type`);
    }
    if (set.setIdentifier === undefined && sameType.some((s) => s.setIdentifier !== undefined)) {
      problems.push(`RRSet with DNS name ${set.name} and type ${set.type} cannot be created because a weighted set exists with the same name and type`);
    }
    return problems;
  }
}
