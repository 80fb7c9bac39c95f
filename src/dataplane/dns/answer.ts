/**
 * One DNS query in, one response out (RFC 1035 §4.1), without sockets: server.ts feeds it the
 * messages it receives over UDP and TCP.
 *
 * - A query with one question of class IN is answered in the querier's view (query.ts): the
 *   records of the type asked (ANY: all of them), CNAME chains followed within localvpc's own
 *   names; a name that exists without that type is NODATA (NOERROR, empty answer section, e.g.
 *   AAAA for an EC2 private name, which has no IPv6 form); a name that does not exist is
 *   NXDOMAIN. A negative answer from a hosted zone carries the zone's SOA in the authority
 *   section (RFC 2308 §3); localvpc's synthesised names carry none, and resolvers then cache
 *   the negative answer for a short default time (RFC 2308 §5).
 * - Owner names keep the question's spelling (resolvers using 0x20 mixed case compare it);
 *   names further down a CNAME chain are lowercase.
 * - Flags as a recursive resolver sets them, the role of the Route 53 Resolver at VPC base+2
 *   (ec2-route53-acm.md §2.10): RA set, RD and CD copied, AA clear.
 * - Other opcodes: NOTIMP. Zero or several questions: FORMERR. Another class (CH, HS): REFUSED.
 * - EDNS (RFC 6891): a query with an OPT record gets one back advertising 1232 bytes (the DNS
 *   flag day 2020 size); an EDNS version above 0 gets BADVERS. UDP answers larger than the
 *   querier accepts (512 bytes without EDNS) are truncated (TC) so it retries over TCP.
 * - Bytes that do not decode, and responses (QR set), get nothing: the caller drops the
 *   datagram or closes the TCP connection.
 */
import * as packet from 'dns-packet';
import type { Answer, DecodedPacket, OptAnswer, Packet, Question } from 'dns-packet';
import type { DnsRecord } from './name-source.js';
import { normalizeName } from './names.js';
import type { OwnedRecord, QueryResult } from './query.js';

export type Transport = 'udp' | 'tcp';

/** Answers a question in the querier's view (resolver.ts `query`, bound to one view). */
export type QueryInView = (name: string, type: string) => QueryResult;

export interface Answered {
  /** The encoded response, without TCP's length prefix. */
  readonly message: Buffer;
  /** For logs: `ip-10-0-1-5.eu-west-1.compute.internal A → NOERROR 1`. */
  readonly summary: string;
}

/** Response codes (RFC 1035 §4.1.1, RFC 6891 §9). */
const RCODE = { NOERROR: 0, FORMERR: 1, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
type Rcode = keyof typeof RCODE;

/** The UDP payload size localvpc advertises and the most it sends over UDP. */
export const EDNS_UDP_PAYLOAD_SIZE = 1232;
/** What a querier without EDNS accepts over UDP (RFC 1035 §4.2.1). */
const CLASSIC_UDP_SIZE = 512;
const OPCODE_QUERY = 0;

export function answerQuery(message: Buffer, ask: QueryInView, transport: Transport): Answered | undefined {
  let query: DecodedPacket;
  try {
    query = packet.decode(message);
  } catch {
    return undefined;
  }
  if (query.flag_qr) return undefined;
  const flags = query.flags ?? 0;
  const opcode = (flags >> 11) & 0xf;
  const questions = query.questions ?? [];
  const opts = (query.additionals ?? []).filter((a): a is OptAnswer => a.type === 'OPT');
  const opt = opts[0];
  const reply = (rcode: Rcode, answers: Answer[] = [], extendedRcode = 0, authorities: Answer[] = []): Packet => ({
    type: 'response',
    id: query.id ?? 0,
    flags: (opcode << 11) | (flags & (packet.RECURSION_DESIRED | packet.CHECKING_DISABLED)) | packet.RECURSION_AVAILABLE | RCODE[rcode],
    questions: questions.map(echo),
    answers,
    authorities,
    additionals: opt ? [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_PAYLOAD_SIZE, extendedRcode, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] : [],
  });

  const question = questions[0];
  let response: Packet;
  let summary: string;
  if (opcode !== OPCODE_QUERY) {
    [response, summary] = [reply('NOTIMP'), `opcode ${opcode} → NOTIMP`];
  } else if (questions.length !== 1 || opts.length > 1 || !question) {
    [response, summary] = [reply('FORMERR'), `${questions.length} questions, ${opts.length} OPT records → FORMERR`];
  } else if (opt && opt.ednsVersion > 0) {
    // BADVERS is extended rcode 16: 1 in the OPT's upper bits, 0 in the header (RFC 6891 §6.1.3).
    [response, summary] = [reply('NOERROR', [], 1), `EDNS version ${opt.ednsVersion} → BADVERS`];
  } else if (question.class !== undefined && question.class !== 'IN' && question.class !== 'ANY') {
    [response, summary] = [reply('REFUSED'), `${question.name} class ${question.class} → REFUSED`];
  } else {
    const type: string = question.type; // dns-packet decodes 255 as 'ANY', which its types omit
    const result = ask(question.name, type);
    const asked = normalizeName(question.name);
    const owner = (name: string) => (name === asked ? question.name : name);
    const answers = result.answers.map((a) => toAnswer(owner(a.name), a.record));
    const authority = result.authority.map((a: OwnedRecord) => toAnswer(owner(a.name), a.record));
    [response, summary] = [reply(result.rcode, answers, 0, authority), `${question.name} ${question.type} → ${result.rcode} ${answers.length} (${result.source})`];
  }
  return { message: encodeWithin(response, transport === 'tcp' ? 0xffff : udpLimit(opt)), summary };
}

/** The largest UDP response the querier takes: 512 without EDNS, else what its OPT says (at least 512, at most ours). */
function udpLimit(opt: OptAnswer | undefined): number {
  if (!opt) return CLASSIC_UDP_SIZE;
  return Math.min(Math.max(opt.udpPayloadSize, CLASSIC_UDP_SIZE), EDNS_UDP_PAYLOAD_SIZE);
}

/** Encodes `response`; when it exceeds `limit`, sends the header, question and OPT with TC set instead (RFC 2181 §9). */
function encodeWithin(response: Packet, limit: number): Buffer {
  const full = packet.encode(response);
  if (full.length <= limit) return full;
  return packet.encode({ ...response, flags: (response.flags ?? 0) | packet.TRUNCATED_RESPONSE, answers: [], authorities: [] });
}

/** The question as asked, name in its original case (resolvers using 0x20 mixed case compare it). */
function echo(q: Question): Question {
  return { name: q.name, type: q.type, class: q.class ?? 'IN' };
}

/** A record in dns-packet's form; TXT/SPF strings go out byte for byte (latin1). */
function toAnswer(name: string, record: DnsRecord): Answer {
  const base = { name, class: 'IN' as const, ttl: record.ttl };
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return { ...base, type: record.type, data: record.address };
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return { ...base, type: record.type, data: record.target };
    case 'TXT':
      return { ...base, type: 'TXT', data: record.strings.map((s) => Buffer.from(s, 'latin1')) };
    case 'SPF':
      // Type 99 has TXT's RDATA (RFC 7208 §3.1); dns-packet writes unknown types from raw bytes.
      return { ...base, type: 'SPF', data: Buffer.concat(record.strings.map((s) => Buffer.concat([Buffer.from([s.length]), Buffer.from(s, 'latin1')]))) } as unknown as Answer;
    case 'MX':
      return { ...base, type: 'MX', data: { preference: record.preference, exchange: record.exchange } };
    case 'SOA': {
      const { type: _type, ttl: _ttl, ...data } = record;
      return { ...base, type: 'SOA', data };
    }
    case 'SRV':
      return { ...base, type: 'SRV', data: { priority: record.priority, weight: record.weight, port: record.port, target: record.target } };
    case 'CAA':
      return { ...base, type: 'CAA', data: { flags: record.flags, tag: record.tag as 'issue', value: record.value } };
    case 'NAPTR':
      return { ...base, type: 'NAPTR', data: { order: record.order, preference: record.preference, flags: record.flags, services: record.services, regexp: record.regexp, replacement: record.replacement } };
    case 'DS':
      return { ...base, type: 'DS', data: { keyTag: record.keyTag, algorithm: record.algorithm, digestType: record.digestType, digest: Buffer.from(record.digest, 'hex') } };
  }
}
