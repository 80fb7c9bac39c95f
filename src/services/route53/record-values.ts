/**
 * Values of non-alias record sets, checked per type before a change batch applies
 * (ec2-route53-acm.md §2.5). A bad value is one InvalidChangeBatch message:
 *
 *   Invalid Resource Record: 'FATAL problem: <Code> (<description>) encountered with '<value>''
 *
 * which is AWS's observed form for A (`ARRDATAIllegalIPv4Address (Value is not a valid IPv4
 * address)`, terraform capture), TXT/SPF (`InvalidCharacterString (Value should be enclosed in
 * quotation marks)`, external-dns#4792) and names (`DomainLabelEmpty (Domain label is empty)`).
 * The codes and descriptions for AAAA, MX, SRV, CAA, SOA, NAPTR and DS follow the same pattern
 * [infer]. Values are stored as given.
 */
import { isIPv6 } from 'node:net';
import type { RecordType } from '../../state/records/route53.js';
import { DnsNameError, parseLabels } from './common/names.js';

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
const CHARACTER_STRINGS = new RegExp(`^${QUOTED}(?:\\s*${QUOTED})*$`);
/** A TXT character-string holds at most 255 octets (RFC 1035 §3.3). */
const MAX_CHARACTER_STRING = 255;

function fatal(code: string, description: string, value: string): string {
  return `Invalid Resource Record: 'FATAL problem: ${code} (${description}) encountered with '${value}''`;
}

const u16 = (s: string | undefined): boolean => s !== undefined && /^\d{1,5}$/.test(s) && Number(s) <= 65535;
const u8 = (s: string | undefined): boolean => s !== undefined && /^\d{1,3}$/.test(s) && Number(s) <= 255;
const u32 = (s: string | undefined): boolean => s !== undefined && /^\d{1,10}$/.test(s) && Number(s) <= 4294967295;

/** undefined when `value` is a domain name; else the message. */
function domainProblem(value: string): string | undefined {
  try {
    parseLabels(value);
    return undefined;
  } catch (e) {
    if (e instanceof DnsNameError) return fatal(e.problem, e.description, value);
    throw e;
  }
}

function characterStringsProblem(value: string): string | undefined {
  if (!CHARACTER_STRINGS.test(value)) return fatal('InvalidCharacterString', 'Value should be enclosed in quotation marks', value);
  for (const m of value.matchAll(new RegExp(QUOTED, 'g'))) {
    if (m[0].length - 2 > MAX_CHARACTER_STRING) return fatal('CharacterStringTooLong', 'Value is too long', value);
  }
  return undefined;
}

/** The problem with one value of a record set of `type`, or undefined. */
export function valueProblem(type: RecordType, value: string): string | undefined {
  const fields = value.trim().split(/\s+/);
  switch (type) {
    case 'A':
      return IPV4.test(value) ? undefined : fatal('ARRDATAIllegalIPv4Address', 'Value is not a valid IPv4 address', value);
    case 'AAAA':
      return isIPv6(value) ? undefined : fatal('AAAARRDATAIllegalIPv6Address', 'Value is not a valid IPv6 address', value);
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return domainProblem(value);
    case 'MX':
      if (fields.length !== 2 || !u16(fields[0])) return fatal('MXRRDATAIllegalFormat', 'Value must be a priority and a domain name', value);
      return domainProblem(fields[1]!);
    case 'SRV':
      if (fields.length !== 4 || !u16(fields[0]) || !u16(fields[1]) || !u16(fields[2])) return fatal('SRVRRDATAIllegalFormat', 'Value must be priority, weight, port and target', value);
      return domainProblem(fields[3]!);
    case 'TXT':
    case 'SPF':
      return characterStringsProblem(value);
    case 'CAA':
      if (!/^\d{1,3}\s+[a-zA-Z0-9]+\s+"[^"]*"$/.test(value.trim()) || !u8(fields[0])) return fatal('CAARRDATAIllegalFormat', 'Value must be flags, a tag and a quoted value', value);
      return undefined;
    case 'SOA':
      if (fields.length !== 7 || !fields.slice(2).every(u32)) return fatal('SOARRDATAIllegalFormat', 'Value must be mname, rname, serial, refresh, retry, expire and minimum', value);
      return domainProblem(fields[0]!) ?? domainProblem(fields[1]!);
    case 'NAPTR':
      if (fields.length !== 6 || !u16(fields[0]) || !u16(fields[1])) return fatal('NAPTRRRDATAIllegalFormat', 'Value must be order, preference, flags, service, regexp and replacement', value);
      return undefined;
    case 'DS':
      if (fields.length !== 4 || !u16(fields[0]) || !u8(fields[1]) || !u8(fields[2]) || !/^[0-9a-fA-F]+$/.test(fields[3]!)) {
        return fatal('DSRRDATAIllegalFormat', 'Value must be key tag, algorithm, digest type and digest', value);
      }
      return undefined;
  }
}

/** Every problem with a set's values: bad values, then duplicates (`Duplicate Resource Record: '…'` [infer form]). */
export function valueProblems(type: RecordType, values: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    const p = valueProblem(type, v);
    if (p) out.push(p);
    if (seen.has(v)) out.push(`Duplicate Resource Record: '${v}'`);
    seen.add(v);
  }
  return out;
}
