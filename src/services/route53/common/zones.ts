/**
 * Reading hosted zones and their record sets, and the zone's wire shapes
 * (ec2-route53-acm.md §2.2, §2.3).
 */
import type { RecordReader } from '../../../state/store.js';
import { ROUTE53_KIND, type HostedZone, type ResourceRecordSet } from '../../../state/records/route53.js';
import { noSuchHostedZone } from './errors.js';
import { bareId, zoneIdOnWire } from './ids.js';
import { PRIVATE_NAME_SERVERS } from './name-servers.js';

export function mustGetZone(reader: RecordReader, id: string): HostedZone {
  const bare = bareId(id ?? '');
  const zone = reader.get<HostedZone>(ROUTE53_KIND.hostedZone, bare);
  if (!zone) throw noSuchHostedZone(bare);
  return zone;
}

export function recordSetsOf(reader: RecordReader, zoneId: string): ResourceRecordSet[] {
  return reader.list<ResourceRecordSet>(ROUTE53_KIND.recordSet, (r) => r.zoneId === zoneId);
}

/** The servers the zone's apex NS and SOA name: the delegation set, or the fixed private set. */
export function zoneNameServers(zone: HostedZone): readonly string[] {
  return zone.privateZone ? PRIVATE_NAME_SERVERS : zone.nameServers;
}

/** `HostedZone` on the wire. */
export function hostedZoneWire(reader: RecordReader, zone: HostedZone): Record<string, unknown> {
  return {
    Id: zoneIdOnWire(zone.id),
    Name: zone.name,
    CallerReference: zone.callerReference,
    Config: { Comment: zone.comment, PrivateZone: zone.privateZone },
    ResourceRecordSetCount: recordSetsOf(reader, zone.id).length,
  };
}

export function vpcWire(vpc: { vpcId: string; vpcRegion: string }): Record<string, unknown> {
  return { VPCId: vpc.vpcId, VPCRegion: vpc.vpcRegion };
}
