/**
 * The shape checks of a ChangeResourceRecordSets request, done before anything is applied
 * (ec2-route53-acm.md §2.5). A malformed change makes the whole request InvalidInput with AWS's
 * text (`Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords],
 * or TrafficPolicyInstanceId], but found none in Change with [Action=CREATE, Name=x.example.com,
 * Type=A, SetIdentifier=null]`, [obs] several captures; the name is quoted as given).
 *
 * Routing policies: simple and weighted are implemented. Latency (Region), geolocation, failover,
 * multivalue answer, IP-based (CidrRoutingConfig), geoproximity, health checks and traffic
 * policies answer "not implemented" rather than being stored and ignored; so do the record types
 * TLSA, SSHFP, SVCB and HTTPS.
 */
import type { RecordType } from '../../state/records/route53.js';
import { invalidInput, notImplemented, rejectUnsupported } from './common/errors.js';

export interface ResourceRecordSetInput {
  Name?: string;
  Type?: string;
  SetIdentifier?: string;
  Weight?: number;
  TTL?: number;
  ResourceRecords?: { Value?: string }[];
  AliasTarget?: { HostedZoneId?: string; DNSName?: string; EvaluateTargetHealth?: boolean };
  [other: string]: unknown;
}

export interface ChangeInput {
  Action?: string;
  ResourceRecordSet?: ResourceRecordSetInput;
}

export type ChangeAction = 'CREATE' | 'DELETE' | 'UPSERT';

/** A change that passed the shape checks. */
export interface CheckedChange {
  readonly action: ChangeAction;
  readonly rrset: ResourceRecordSetInput & { Name: string; Type: RecordType };
}

const ACTIONS: readonly string[] = ['CREATE', 'DELETE', 'UPSERT'];
const RECORD_TYPES: readonly string[] = ['SOA', 'A', 'TXT', 'NS', 'CNAME', 'MX', 'NAPTR', 'PTR', 'SRV', 'SPF', 'AAAA', 'CAA', 'DS'];
const UNIMPLEMENTED_TYPES: readonly string[] = ['TLSA', 'SSHFP', 'SVCB', 'HTTPS'];

/** Members that select a routing policy or feature localvpc does not implement. */
const UNIMPLEMENTED_MEMBERS: Readonly<Record<string, string>> = {
  Region: 'Latency routing (ResourceRecordSet.Region)',
  GeoLocation: 'Geolocation routing (ResourceRecordSet.GeoLocation)',
  Failover: 'Failover routing (ResourceRecordSet.Failover)',
  MultiValueAnswer: 'Multivalue answer routing (ResourceRecordSet.MultiValueAnswer)',
  CidrRoutingConfig: 'IP-based routing (ResourceRecordSet.CidrRoutingConfig)',
  GeoProximityLocation: 'Geoproximity routing (ResourceRecordSet.GeoProximityLocation)',
  HealthCheckId: 'Health checks (ResourceRecordSet.HealthCheckId)',
  TrafficPolicyInstanceId: 'Traffic policies (ResourceRecordSet.TrafficPolicyInstanceId)',
};

const SUPPORTED_MEMBERS = ['Name', 'Type', 'SetIdentifier', 'Weight', 'TTL', 'ResourceRecords', 'AliasTarget'];

/** `[Action=CREATE, Name=x, Type=A, SetIdentifier=null]`, as AWS quotes a change. */
export function describeChange(action: string, rrset: ResourceRecordSetInput): string {
  return `[Action=${action}, Name=${rrset.Name}, Type=${rrset.Type}, SetIdentifier=${rrset.SetIdentifier ?? 'null'}]`;
}

export function checkChange(change: ChangeInput): CheckedChange {
  rejectUnsupported('ChangeResourceRecordSets', change as Record<string, unknown>, ['Action', 'ResourceRecordSet'], 'ChangeBatch.Changes.member.');
  const { Action: action, ResourceRecordSet: rrset } = change;
  // Wordings [infer] for the members the codec already requires; they only reach here from in-process callers.
  if (!action || !ACTIONS.includes(action)) throw invalidInput(`Invalid request: Action must be one of [CREATE, DELETE, UPSERT], got '${action ?? ''}'`);
  if (!rrset || !rrset.Name || !rrset.Type) throw invalidInput('Invalid request: a change needs a ResourceRecordSet with Name and Type');
  for (const [member, what] of Object.entries(UNIMPLEMENTED_MEMBERS)) if (rrset[member] !== undefined) throw notImplemented(what);
  rejectUnsupported('ChangeResourceRecordSets', rrset, SUPPORTED_MEMBERS, 'ResourceRecordSet.');
  if (UNIMPLEMENTED_TYPES.includes(rrset.Type)) throw notImplemented(`Record type ${rrset.Type}`);
  if (!RECORD_TYPES.includes(rrset.Type)) throw invalidInput(`Invalid request: unknown record type '${rrset.Type}'`);

  const where = describeChange(action, rrset);
  const hasValues = rrset.TTL !== undefined && (rrset.ResourceRecords?.length ?? 0) > 0;
  const hasAlias = rrset.AliasTarget !== undefined;
  const exactlyOne = 'Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found';
  if (hasAlias && (rrset.TTL !== undefined || (rrset.ResourceRecords?.length ?? 0) > 0)) throw invalidInput(`${exactlyOne} more than one in Change with ${where}`);
  if (!hasAlias && !hasValues) throw invalidInput(`${exactlyOne} none in Change with ${where}`);
  if (hasAlias) {
    const a = rrset.AliasTarget!;
    rejectUnsupported('ChangeResourceRecordSets', a as Record<string, unknown>, ['HostedZoneId', 'DNSName', 'EvaluateTargetHealth'], 'AliasTarget.');
    if (!a.HostedZoneId || !a.DNSName || a.EvaluateTargetHealth === undefined) {
      throw invalidInput(`Invalid request: AliasTarget needs HostedZoneId, DNSName and EvaluateTargetHealth in Change with ${where}`); // [infer]
    }
  }
  if (rrset.ResourceRecords?.some((r) => typeof r?.Value !== 'string')) throw invalidInput(`Invalid request: every ResourceRecord needs a Value in Change with ${where}`); // [infer]
  // The model's ranges (TTL 0–2147483647 seconds, Weight 0–255); the codec checks them on the wire, this covers in-process callers. [infer wording]
  if (rrset.TTL !== undefined && !(Number.isInteger(rrset.TTL) && rrset.TTL >= 0 && rrset.TTL <= 2147483647)) throw invalidInput(`Invalid request: TTL must be between 0 and 2147483647 in Change with ${where}`);
  if (rrset.Weight !== undefined && !(Number.isInteger(rrset.Weight) && rrset.Weight >= 0 && rrset.Weight <= 255)) throw invalidInput(`Invalid request: Weight must be between 0 and 255 in Change with ${where}`);
  // Weighted sets carry both SetIdentifier and Weight; wordings [infer], shaped like the one above.
  if (rrset.SetIdentifier !== undefined && rrset.Weight === undefined) {
    throw invalidInput(`Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found none in Change with ${where}`);
  }
  if (rrset.Weight !== undefined && rrset.SetIdentifier === undefined) throw invalidInput(`Invalid request: Missing field 'SetIdentifier' in Change with ${where}`);
  return { action: action as ChangeAction, rrset: rrset as CheckedChange['rrset'] };
}
