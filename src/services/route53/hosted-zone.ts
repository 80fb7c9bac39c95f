/**
 * Hosted zones: CreateHostedZone, GetHostedZone, DeleteHostedZone, UpdateHostedZoneComment and
 * GetHostedZoneCount (ec2-route53-acm.md §2.1–§2.3).
 *
 * - A zone is private when the request names a VPC; `HostedZoneConfig.PrivateZone` may say so too,
 *   but a request where it contradicts the VPC (private without a VPC, public with one) is refused
 *   rather than guessed at [infer wording].
 * - CreateHostedZone answers 201 with `Location`, the zone (ResourceRecordSetCount 2: the apex SOA
 *   and NS sets it creates), a PENDING ChangeInfo, and the DelegationSet (public) or the VPC
 *   (private).
 * - Public zones named `example.com` or under it are refused as AWS does
 *   (`InvalidDomainName: payments-dev.example.com is reserved by AWS!`, [obs] in several deploy
 *   logs); private zones may use the name [infer: the observations are all public zones].
 */
import { AwsError } from '../../kernel/errors.js';
import type { OperationContext, OperationHandler } from '../context.js';
import { ROUTE53_KIND, type HostedZone, type HostedZoneVpc, type ResourceRecordSet } from '../../state/records/route53.js';
import { callerReferenceUsed, useCallerReference } from './common/caller-references.js';
import { changeInfoWire, recordChange } from './common/changes.js';
import { invalidDomainName, invalidInput, notImplemented, rejectUnsupported } from './common/errors.js';
import { freshZoneId } from './common/ids.js';
import { apexRecordSets, publicNameServers, PRIVATE_NAME_SERVERS } from './common/name-servers.js';
import { DnsNameError, isWithin, normalizeDnsName, withoutTrailingDot } from './common/names.js';
import { assertNoConflictingDomain, mustFindVpc, type VpcInput } from './common/vpcs.js';
import { hostedZoneWire, mustGetZone, recordSetsOf, vpcWire } from './common/zones.js';

const LOCATION_BASE = 'https://route53.amazonaws.com/2013-04-01/hostedzone/';

interface CreateHostedZoneInput {
  Name: string;
  CallerReference: string;
  HostedZoneConfig?: { Comment?: string; PrivateZone?: boolean };
  VPC?: VpcInput;
  DelegationSetId?: string;
}

/** The stored name of a new zone; InvalidDomainName for names that cannot be zones. */
export function zoneName(input: string): string {
  let name: string;
  try {
    name = normalizeDnsName(input ?? '');
  } catch (e) {
    if (e instanceof DnsNameError) throw invalidDomainName(e.message);
    throw e;
  }
  // A top-level domain cannot be a hosted zone (§2.2, [model]); wording [infer].
  if (name.split('.').length <= 2) throw invalidDomainName(`${withoutTrailingDot(name)} is a top-level domain and cannot be used as a hosted zone name.`);
  return name;
}

function isReservedPublicName(name: string): boolean {
  return isWithin(name, 'example.com.');
}

/** The DelegationSet or VPCs part of a zone's Get answer. */
export function zoneExtras(zone: HostedZone): Record<string, unknown> {
  return zone.privateZone ? { VPCs: zone.vpcs.map(vpcWire) } : { DelegationSet: { NameServers: [...zone.nameServers] } };
}

const createHostedZone: OperationHandler = (ctx, input: CreateHostedZoneInput) => {
  if (input.DelegationSetId !== undefined) throw notImplemented('The parameter DelegationSetId of CreateHostedZone (reusable delegation sets)');
  rejectUnsupported('CreateHostedZone', input as unknown as Record<string, unknown>, ['Name', 'CallerReference', 'HostedZoneConfig', 'VPC']);
  if (input.HostedZoneConfig) rejectUnsupported('CreateHostedZone', input.HostedZoneConfig, ['Comment', 'PrivateZone'], 'HostedZoneConfig.');
  if (!input.CallerReference) throw invalidInput('Invalid request: CallerReference is required.'); // [infer]; the codec checks first
  const name = zoneName(input.Name);
  const privateZone = input.VPC !== undefined;
  const flag = input.HostedZoneConfig?.PrivateZone;
  // Wording [infer].
  if (flag === true && !privateZone) throw invalidInput('Invalid request: a private hosted zone requires a VPC.');
  if (flag === false && privateZone) throw invalidInput('Invalid request: a VPC can only be specified for a private hosted zone.');
  if (!privateZone && isReservedPublicName(name)) throw invalidDomainName(`${withoutTrailingDot(name)} is reserved by AWS!`);

  return ctx.store.transact((tx) => {
    if (callerReferenceUsed(tx, input.CallerReference)) {
      throw new AwsError('HostedZoneAlreadyExists', 'A hosted zone has already been created with the specified caller reference.', 409);
    }
    let vpc: HostedZoneVpc | undefined;
    if (input.VPC) {
      rejectUnsupported('CreateHostedZone', input.VPC as Record<string, unknown>, ['VPCId', 'VPCRegion'], 'VPC.');
      vpc = mustFindVpc(tx, input.VPC);
      assertNoConflictingDomain(tx, vpc, name);
    }
    const id = freshZoneId((z) => tx.get(ROUTE53_KIND.hostedZone, z) !== undefined);
    const zone: HostedZone = {
      id,
      name,
      callerReference: input.CallerReference,
      comment: input.HostedZoneConfig?.Comment,
      privateZone,
      vpcs: vpc ? [vpc] : [],
      nameServers: privateZone ? [] : publicNameServers(),
      createdAt: ctx.clock.now().toISOString(),
      tags: [],
    };
    tx.put(ROUTE53_KIND.hostedZone, zone);
    for (const set of apexRecordSets(id, name, privateZone ? PRIVATE_NAME_SERVERS : zone.nameServers)) tx.put(ROUTE53_KIND.recordSet, set);
    useCallerReference(tx, input.CallerReference, id);
    const change = recordChange(ctx, tx);
    return {
      HostedZone: hostedZoneWire(tx, zone),
      ChangeInfo: changeInfoWire(change, 'PENDING'),
      DelegationSet: privateZone ? undefined : { NameServers: [...zone.nameServers] },
      VPC: vpc ? vpcWire(vpc) : undefined,
      Location: `${LOCATION_BASE}${id}`,
    };
  });
};

const getHostedZone: OperationHandler = (ctx, input: { Id: string }) => {
  const zone = mustGetZone(ctx.store, input.Id);
  return { HostedZone: hostedZoneWire(ctx.store, zone), ...zoneExtras(zone) };
};

/** Only the apex SOA and NS sets may remain when a zone is deleted (§2.3). */
function isApexSoaOrNs(zone: HostedZone, set: ResourceRecordSet): boolean {
  return set.name === zone.name && (set.type === 'SOA' || set.type === 'NS') && set.setIdentifier === undefined;
}

const deleteHostedZone: OperationHandler = (ctx: OperationContext, input: { Id: string }) =>
  ctx.store.transact((tx) => {
    const zone = mustGetZone(tx, input.Id);
    const sets = recordSetsOf(tx, zone.id);
    if (sets.some((s) => !isApexSoaOrNs(zone, s))) {
      // [moto] text; AWS's model documents the condition.
      throw new AwsError('HostedZoneNotEmpty', 'The hosted zone contains resource records that are not SOA or NS records.', 400);
    }
    for (const s of sets) tx.delete(ROUTE53_KIND.recordSet, s.id);
    tx.delete(ROUTE53_KIND.hostedZone, zone.id);
    return { ChangeInfo: changeInfoWire(recordChange(ctx, tx), 'PENDING') };
  });

/** Without a Comment the zone's comment is removed (UpdateHostedZoneComment docs). */
const updateHostedZoneComment: OperationHandler = (ctx, input: { Id: string; Comment?: string }) =>
  ctx.store.transact((tx) => {
    const zone = mustGetZone(tx, input.Id);
    const updated: HostedZone = { ...zone, comment: input.Comment };
    tx.put(ROUTE53_KIND.hostedZone, updated);
    return { HostedZone: hostedZoneWire(tx, updated) };
  });

const getHostedZoneCount: OperationHandler = (ctx) => ({ HostedZoneCount: ctx.store.list(ROUTE53_KIND.hostedZone).length });

export const hostedZoneHandlers: Record<string, OperationHandler> = {
  CreateHostedZone: createHostedZone,
  GetHostedZone: getHostedZone,
  DeleteHostedZone: deleteHostedZone,
  UpdateHostedZoneComment: updateHostedZoneComment,
  GetHostedZoneCount: getHostedZoneCount,
};
