/**
 * Route 53 record values (ResourceRecord.Value, as stored in ResourceRecordSet.records) read
 * into DNS records, per type, in the formats of the Route 53 developer guide's "Supported DNS
 * record types" (ec2-route53-acm.md §2.5):
 *
 * - A `192.0.2.1`; AAAA `2001:db8::1`; CNAME, NS, PTR a domain name;
 * - MX `10 mail.example.com`; SRV `1 10 5269 xmpp.example.com`;
 * - TXT and SPF one or more quoted strings, `"v=spf1 -all" "second"`, with `\"`, `\\` and
 *   `\ooo` (three octal digits) escapes inside the quotes;
 * - SOA `ns-2048.awsdns-64.net hostmaster.awsdns.com 1 7200 900 1209600 86400`;
 * - CAA `0 issue "amazon.com"`; NAPTR `100 50 "u" "E2U+sip" "!^.*$!sip:x@example.com!" .`;
 *   DS `12345 13 2 <hex digest>`.
 *
 * The route53 service validates values when they are written; a value this module cannot read
 * anyway is reported as undefined, and the compiler leaves it out (names-snapshot.ts logs it).
 */
import net from 'node:net';
import type { RecordType } from '../../state/records/route53.js';
import type { DnsRecord } from './name-source.js';
import { fromRoute53Name } from './names.js';

export function parseRecordValue(type: RecordType, value: string, ttl: number): DnsRecord | undefined {
  const text = value.trim();
  switch (type) {
    case 'A':
      return net.isIPv4(text) ? { type, address: text, ttl } : undefined;
    case 'AAAA':
      return net.isIPv6(text) ? { type, address: text, ttl } : undefined;
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return text === '' || /\s/.test(text) ? undefined : { type, target: fromRoute53Name(text), ttl };
    case 'TXT':
    case 'SPF': {
      const strings = tokens(text);
      return strings && strings.length > 0 && strings.every((s) => s.length <= 255) ? { type, strings, ttl } : undefined;
    }
    case 'MX': {
      const [preference, exchange, ...rest] = text.split(/\s+/);
      const p = uint(preference, 0xffff);
      return p === undefined || !exchange || rest.length > 0 ? undefined : { type, preference: p, exchange: fromRoute53Name(exchange), ttl };
    }
    case 'SRV': {
      const [priority, weight, port, target, ...rest] = text.split(/\s+/);
      const [a, b, c] = [uint(priority, 0xffff), uint(weight, 0xffff), uint(port, 0xffff)];
      return a === undefined || b === undefined || c === undefined || !target || rest.length > 0 ? undefined : { type, priority: a, weight: b, port: c, target: fromRoute53Name(target), ttl };
    }
    case 'SOA': {
      const [mname, rname, ...numbers] = text.split(/\s+/);
      const n = numbers.map((x) => uint(x, 0xffffffff));
      if (!mname || !rname || n.length !== 5 || n.some((x) => x === undefined)) return undefined;
      const [serial, refresh, retry, expire, minimum] = n as number[];
      return { type, mname: fromRoute53Name(mname), rname: fromRoute53Name(rname), serial: serial!, refresh: refresh!, retry: retry!, expire: expire!, minimum: minimum!, ttl };
    }
    case 'CAA': {
      const m = /^(\d+)\s+([A-Za-z0-9]+)\s+(.+)$/.exec(text);
      const flags = uint(m?.[1], 0xff);
      const value = m ? tokens(m[3]!) : undefined;
      return flags === undefined || !value || value.length !== 1 ? undefined : { type, flags, tag: m![2]!.toLowerCase(), value: value[0]!, ttl };
    }
    case 'NAPTR': {
      const parts = tokens(text);
      if (!parts || parts.length !== 6) return undefined;
      const [order, preference] = [uint(parts[0], 0xffff), uint(parts[1], 0xffff)];
      if (order === undefined || preference === undefined) return undefined;
      return { type, order, preference, flags: parts[2]!, services: parts[3]!, regexp: parts[4]!, replacement: parts[5] === '.' ? '' : fromRoute53Name(parts[5]!), ttl };
    }
    case 'DS': {
      const [keyTag, algorithm, digestType, digest, ...rest] = text.split(/\s+/);
      const [a, b, c] = [uint(keyTag, 0xffff), uint(algorithm, 0xff), uint(digestType, 0xff)];
      return a === undefined || b === undefined || c === undefined || !digest || !/^([0-9a-fA-F]{2})+$/.test(digest) || rest.length > 0
        ? undefined
        : { type, keyTag: a, algorithm: b, digestType: c, digest: digest.toLowerCase(), ttl };
    }
  }
}

function uint(text: string | undefined, max: number): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

/**
 * Splits presentation text into character strings: quoted (escapes `\"`, `\\`, `\ooo`) or bare
 * words. Characters come out one byte each (latin1): text outside ASCII as its UTF-8 bytes.
 * Undefined for an unterminated quote or a bad escape.
 */
function tokens(text: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const quoted = text[i] === '"';
    if (quoted) i++;
    let current = '';
    let closed = !quoted;
    while (i < text.length) {
      const c = text[i]!;
      if (quoted && c === '"') {
        closed = true;
        i++;
        break;
      }
      if (!quoted && /\s/.test(c)) break;
      if (c === '\\') {
        const octal = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4));
        if (octal) {
          current += String.fromCharCode(parseInt(octal[0], 8) & 0xff);
          i += 4;
          continue;
        }
        if (i + 1 >= text.length) return undefined;
        const escaped = String.fromCodePoint(text.codePointAt(i + 1)!);
        current += bytes(escaped);
        i += 1 + escaped.length;
        continue;
      }
      const char = String.fromCodePoint(text.codePointAt(i)!);
      current += bytes(char);
      i += char.length;
    }
    if (!closed) return undefined;
    out.push(current);
  }
  return out;
}

/** A character (one code point) as its UTF-8 bytes, one latin1 character per byte. */
function bytes(c: string): string {
  return c.charCodeAt(0) < 0x80 ? c : Buffer.from(c, 'utf8').toString('latin1');
}
