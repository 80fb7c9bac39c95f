/**
 * ListResourceRecordSets (ec2-route53-acm.md §2.8): record sets sorted by name with the labels
 * reversed (ASCII, `com.example.www.`), then by type (the apex comes out A < NS < SOA), then by
 * SetIdentifier. `name`/`type`/`identifier` start the page at the first set at or after that
 * position (a wildcard may be named `*` or `\052`); `type` needs `name` and `identifier` needs
 * `type` (InvalidInput, wording [infer]). 100 per page by default, at most 300; `NextRecordName`,
 * `NextRecordType` and `NextRecordIdentifier` name the next page's first set.
 */
import type { OperationHandler } from '../context.js';
import type { ResourceRecordSet } from '../../state/records/route53.js';
import { invalidInput } from './common/errors.js';
import { DnsNameError, asciiCompare, normalizeDnsName, reversedName } from './common/names.js';
import { pageSize } from './common/paging.js';
import { mustGetZone, recordSetsOf } from './common/zones.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 300;

/** A record set on the wire; alias sets have neither TTL nor ResourceRecords. */
export function recordSetWire(set: ResourceRecordSet): Record<string, unknown> {
  return {
    Name: set.name,
    Type: set.type,
    SetIdentifier: set.setIdentifier,
    Weight: set.weight,
    TTL: set.ttl,
    ResourceRecords: set.aliasTarget ? undefined : set.records.map((Value) => ({ Value })),
    AliasTarget: set.aliasTarget
      ? { HostedZoneId: set.aliasTarget.hostedZoneId, DNSName: set.aliasTarget.dnsName, EvaluateTargetHealth: set.aliasTarget.evaluateTargetHealth }
      : undefined,
  };
}

type Position = readonly [name: string, type: string, identifier: string];

function positionOf(set: ResourceRecordSet): Position {
  return [reversedName(set.name), set.type, set.setIdentifier ?? ''];
}

function comparePositions(a: Position, b: Position): number {
  return asciiCompare(a[0], b[0]) || asciiCompare(a[1], b[1]) || asciiCompare(a[2], b[2]);
}

export function sortRecordSets(sets: readonly ResourceRecordSet[]): ResourceRecordSet[] {
  return [...sets].sort((a, b) => comparePositions(positionOf(a), positionOf(b)));
}

interface ListInput {
  HostedZoneId: string;
  StartRecordName?: string;
  StartRecordType?: string;
  StartRecordIdentifier?: string;
  MaxItems?: string;
}

const listResourceRecordSets: OperationHandler = (ctx, input: ListInput) => {
  const zone = mustGetZone(ctx.store, input.HostedZoneId);
  const { size, echo } = pageSize(input.MaxItems, DEFAULT_PAGE, MAX_PAGE);
  if (input.StartRecordType !== undefined && input.StartRecordName === undefined) throw invalidInput('The input is not valid: a record type (type) was given without a record name (name).');
  if (input.StartRecordIdentifier !== undefined && input.StartRecordType === undefined) {
    throw invalidInput('The input is not valid: a set identifier (identifier) was given without a record type (type).');
  }
  const sets = sortRecordSets(recordSetsOf(ctx.store, zone.id));
  let from = 0;
  if (input.StartRecordName !== undefined) {
    let name: string;
    try {
      name = normalizeDnsName(input.StartRecordName);
    } catch (e) {
      if (e instanceof DnsNameError) throw invalidInput(e.message);
      throw e;
    }
    const start: Position = [reversedName(name), input.StartRecordType ?? '', input.StartRecordIdentifier ?? ''];
    const at = sets.findIndex((s) => comparePositions(positionOf(s), start) >= 0);
    from = at < 0 ? sets.length : at;
  }
  const page = sets.slice(from, from + size);
  const next = sets[from + size];
  return {
    ResourceRecordSets: page.map(recordSetWire),
    IsTruncated: next !== undefined,
    NextRecordName: next?.name,
    NextRecordType: next?.type,
    NextRecordIdentifier: next?.setIdentifier,
    MaxItems: echo,
  };
};

export const recordSetListHandlers: Record<string, OperationHandler> = { ListResourceRecordSets: listResourceRecordSets };
