/**
 * One DNS query in, one response out (RFC 1035 §4.1), without sockets: server.ts feeds it the
 * messages it receives over UDP and TCP.
 *
 * - A query with one question of class IN is looked up in the querier's view: a name that
 *   exists answers the records of the type asked (ANY: all of them) or none at all (NODATA:
 *   NOERROR with an empty answer section, e.g. AAAA for an EC2 private name, which has no IPv6
 *   form); a name that does not exist is NXDOMAIN. No SOA goes into the authority section:
 *   localvpc holds no zone for the names it synthesises, and resolvers then cache the negative
 *   answer for a short default time (RFC 2308 §5).
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
import type { DnsRecord, NameLookup } from './name-source.js';

export type Transport = 'udp' | 'tcp';

/** Looks a name up in the querier's view (resolver.ts, bound to one view). */
export type LookupInView = (name: string) => NameLookup;

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

export function answerQuery(message: Buffer, lookup: LookupInView, transport: Transport): Answered | undefined {
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
  const reply = (rcode: Rcode, answers: Answer[] = [], extendedRcode = 0): Packet => ({
    type: 'response',
    id: query.id ?? 0,
    flags: (opcode << 11) | (flags & (packet.RECURSION_DESIRED | packet.CHECKING_DISABLED)) | packet.RECURSION_AVAILABLE | RCODE[rcode],
    questions: questions.map(echo),
    answers,
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
    const found = lookup(question.name);
    const type: string = question.type; // dns-packet decodes 255 as 'ANY', which its types omit
    const answers = found.kind === 'found' ? found.records.filter((r) => type === 'ANY' || r.type === type).map((r) => toAnswer(question.name, r)) : [];
    const rcode: Rcode = found.kind === 'found' ? 'NOERROR' : 'NXDOMAIN';
    [response, summary] = [reply(rcode, answers), `${question.name} ${question.type} → ${rcode} ${answers.length} (${found.source})`];
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

function toAnswer(name: string, record: DnsRecord): Answer {
  return { name, type: record.type, class: 'IN', ttl: record.ttl, data: record.address };
}
