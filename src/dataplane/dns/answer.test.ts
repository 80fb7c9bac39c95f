import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as packet from 'dns-packet';
import type { DecodedPacket, OptAnswer, Packet } from 'dns-packet';
import { answerQuery, EDNS_UDP_PAYLOAD_SIZE, type QueryInView, type Transport } from './answer.js';
import type { NameLookup } from './name-source.js';
import { normalizeName } from './names.js';
import { resolveQuery } from './query.js';
import { query, rcodeOf } from './testing-client.js';

const NAME = 'ip-10-0-1-5.eu-west-1.compute.internal';
const MANY = 'many.example';

/** A view that knows NAME (one A record) and MANY (30 A records). */
const lookupName = (name: string): NameLookup => {
  const n = normalizeName(name);
  if (n === NAME) return { kind: 'found', records: [{ type: 'A', address: '10.0.1.5', ttl: 60 }], source: 'test' };
  if (n === MANY) return { kind: 'found', records: Array.from({ length: 30 }, (_, i) => ({ type: 'A' as const, address: `10.0.2.${i + 1}`, ttl: 60 })), source: 'test' };
  return { kind: 'nxdomain', source: 'none' };
};
const lookup: QueryInView = (name, type) => resolveQuery(lookupName, name, type);

function ask(message: Packet | Buffer, transport: Transport = 'udp'): DecodedPacket {
  const answered = answerQuery(Buffer.isBuffer(message) ? message : packet.encode(message), lookup, transport);
  assert.ok(answered, 'expected an answer');
  return packet.decode(answered.message);
}

test('A: NOERROR with the address, TTL 60, the id and question echoed, RD copied, RA set, AA clear', () => {
  const r = ask(query('IP-10-0-1-5.eu-west-1.Compute.Internal', 'A', { id: 4242 }));
  assert.equal(r.id, 4242);
  assert.equal(r.type, 'response');
  assert.equal(rcodeOf(r), 0);
  assert.equal(r.flag_rd, true);
  assert.equal(r.flag_ra, true);
  assert.equal(r.flag_aa, false);
  assert.equal(r.flag_tc, false);
  assert.deepEqual(r.questions, [{ name: 'IP-10-0-1-5.eu-west-1.Compute.Internal', type: 'A', class: 'IN' }]);
  assert.equal(r.answers?.length, 1);
  const a = r.answers![0]!;
  assert.equal(a.name, 'IP-10-0-1-5.eu-west-1.Compute.Internal');
  assert.equal(a.type, 'A');
  assert.equal((a as { ttl: number }).ttl, 60);
  assert.equal((a as { data: string }).data, '10.0.1.5');
  assert.deepEqual(r.authorities, []);
});

test('the summary names the question, the outcome and the source', () => {
  assert.equal(answerQuery(packet.encode(query(NAME, 'A')), lookup, 'udp')?.summary, `${NAME} A → NOERROR 1 (test)`);
  assert.equal(answerQuery(packet.encode(query('nope.example', 'A')), lookup, 'udp')?.summary, 'nope.example A → NXDOMAIN 0 (none)');
});

test('AAAA and other types for an existing name: NODATA (NOERROR, no answers)', () => {
  for (const type of ['AAAA', 'MX', 'TXT', 'CNAME', 'PTR', 'SOA'] as const) {
    const r = ask(query(NAME, type));
    assert.equal(rcodeOf(r), 0, type);
    assert.deepEqual(r.answers, [], type);
  }
});

test('ANY returns every record of the name', () => {
  const r = ask(query(NAME, 'ANY'));
  assert.equal(rcodeOf(r), 0);
  assert.deepEqual(
    r.answers?.map((a) => [a.type, (a as { data: string }).data]),
    [['A', '10.0.1.5']],
  );
});

test('an unknown name: NXDOMAIN, empty answer and authority sections, for every type', () => {
  for (const type of ['A', 'AAAA', 'MX'] as const) {
    const r = ask(query('unknown.example.com.', type));
    assert.equal(rcodeOf(r), 3, type);
    assert.deepEqual(r.answers, []);
    assert.deepEqual(r.authorities, []);
  }
  assert.equal(rcodeOf(ask(query('.', 'A'))), 3);
});

test('bytes that are not a DNS query get nothing', () => {
  const response = packet.encode({ type: 'response', id: 7, flags: 0, questions: [{ name: NAME, type: 'A', class: 'IN' }] });
  for (const bytes of [Buffer.alloc(0), Buffer.from('hello'), Buffer.from('not a dns packet at all, really not'), Buffer.alloc(12, 0xff), response, packet.encode(query(NAME, 'A')).subarray(0, 20)]) {
    assert.equal(answerQuery(bytes, lookup, 'udp'), undefined, bytes.toString('hex'));
  }
});

test('other opcodes: NOTIMP; zero or two questions: FORMERR; class CH: REFUSED', () => {
  const notify = packet.encode(query(NAME, 'A'));
  notify.writeUInt16BE(notify.readUInt16BE(2) | (4 << 11), 2); // opcode NOTIFY
  const n = ask(notify);
  assert.equal(rcodeOf(n), 4);
  assert.equal(((n.flags ?? 0) >> 11) & 0xf, 4, 'the opcode is copied');

  assert.equal(rcodeOf(ask({ type: 'query', id: 1, flags: packet.RECURSION_DESIRED, questions: [] })), 1);
  const two = ask({ ...query(NAME, 'A'), questions: [{ name: NAME, type: 'A' }, { name: NAME, type: 'AAAA' }] });
  assert.equal(rcodeOf(two), 1);
  assert.deepEqual(two.answers, []);

  const chaos = ask({ ...query('version.bind', 'TXT'), questions: [{ name: 'version.bind', type: 'TXT', class: 'CH' }] });
  assert.equal(rcodeOf(chaos), 5);
});

test('EDNS: an OPT in gets an OPT out advertising 1232 bytes; version 1 gets BADVERS', () => {
  const r = ask(query(NAME, 'A', { edns: true }));
  assert.equal(rcodeOf(r), 0);
  const opt = r.additionals?.find((a): a is OptAnswer => a.type === 'OPT');
  assert.equal(opt?.udpPayloadSize, EDNS_UDP_PAYLOAD_SIZE);
  assert.equal(opt?.extendedRcode, 0);
  assert.deepEqual(ask(query(NAME, 'A')).additionals, [], 'no OPT without EDNS');

  const v1 = query(NAME, 'A', { edns: true });
  (v1.additionals![0] as OptAnswer).ednsVersion = 1;
  const bad = ask(v1);
  const badOpt = bad.additionals?.find((a): a is OptAnswer => a.type === 'OPT');
  assert.equal(badOpt?.extendedRcode, 1, 'BADVERS = 16: 1 in the OPT');
  assert.equal(rcodeOf(bad), 0, '… and 0 in the header');
  assert.deepEqual(bad.answers, []);
});

test('UDP answers over 512 bytes (no EDNS) are truncated; TCP and EDNS carry them whole', () => {
  const udp = ask(query(MANY, 'A'), 'udp');
  assert.equal(udp.flag_tc, true);
  assert.deepEqual(udp.answers, []);
  assert.equal(udp.questions?.[0]?.name, MANY);
  const tcp = ask(query(MANY, 'A'), 'tcp');
  assert.equal(tcp.flag_tc, false);
  assert.equal(tcp.answers?.length, 30);
  const edns = ask(query(MANY, 'A', { edns: true }), 'udp');
  assert.equal(edns.flag_tc, false);
  assert.equal(edns.answers?.length, 30);
});

/** A zone's worth of records of every type Route 53 stores, behind one name each. */
const ZONE_SOA = { type: 'SOA', mname: 'ns-1.awsdns-01.com', rname: 'awsdns-hostmaster.amazon.com', serial: 1, refresh: 7200, retry: 900, expire: 1209600, minimum: 86400, ttl: 900 } as const;
const zoneLookup = (name: string): NameLookup => {
  const authority = { zone: 'example.com', soa: ZONE_SOA };
  const records: Record<string, NameLookup & { kind: 'found' }> = {
    'www.example.com': { kind: 'found', records: [{ type: 'CNAME', target: 'app.example.com', ttl: 300 }], source: 'zone', authority },
    'app.example.com': { kind: 'found', records: [{ type: 'A', address: '10.0.1.7', ttl: 30 }], source: 'zone', authority },
    'text.example.com': { kind: 'found', records: [{ type: 'TXT', strings: ['v=spf1 -all', 'caf\u00c3\u00a9 "quoted"'], ttl: 300 }], source: 'zone', authority },
    'example.com': {
      kind: 'found',
      records: [
        ZONE_SOA,
        { type: 'NS', target: 'ns-1.awsdns-01.com', ttl: 172800 },
        { type: 'MX', preference: 10, exchange: 'mail.example.com', ttl: 300 },
        { type: 'SPF', strings: ['v=spf1 include:amazonses.com ~all'], ttl: 300 },
        { type: 'CAA', flags: 0, tag: 'issue', value: 'amazon.com', ttl: 300 },
      ],
      source: 'zone',
      authority,
    },
    '_sip._tcp.example.com': { kind: 'found', records: [{ type: 'SRV', priority: 1, weight: 10, port: 5060, target: 'sip.example.com', ttl: 300 }], source: 'zone', authority },
    'naptr.example.com': { kind: 'found', records: [{ type: 'NAPTR', order: 100, preference: 50, flags: 'u', services: 'E2U+sip', regexp: '!^.*$!sip:x@example.com!', replacement: '', ttl: 300 }], source: 'zone', authority },
    'sub.example.com': { kind: 'found', records: [{ type: 'DS', keyTag: 12345, algorithm: 13, digestType: 2, digest: 'ab12', ttl: 300 }], source: 'zone', authority },
    '5.1.0.10.in-addr.arpa': { kind: 'found', records: [{ type: 'PTR', target: 'app.example.com', ttl: 300 }], source: 'zone' },
  };
  const n = normalizeName(name);
  return records[n] ?? (n.endsWith('.example.com') ? { kind: 'nxdomain', source: 'zone', authority } : { kind: 'nxdomain', source: 'none' });
};
const askZone = (name: string, type: Parameters<typeof query>[1]) => {
  const answered = answerQuery(packet.encode(query(name, type)), (n, t) => resolveQuery(zoneLookup, n, t), 'udp');
  assert.ok(answered);
  return packet.decode(answered.message);
};
const dataOf = (r: DecodedPacket) => r.answers?.map((a) => [a.name, a.type, (a as { ttl: number }).ttl, (a as { data: unknown }).data]);

test('a CNAME chain: the CNAME under the asked spelling, then the target A with its own TTL', () => {
  const r = askZone('WWW.example.com', 'A');
  assert.equal(rcodeOf(r), 0);
  assert.deepEqual(dataOf(r), [
    ['WWW.example.com', 'CNAME', 300, 'app.example.com'],
    ['app.example.com', 'A', 30, '10.0.1.7'],
  ]);
  assert.deepEqual(dataOf(askZone('www.example.com', 'CNAME')), [['www.example.com', 'CNAME', 300, 'app.example.com']], 'asked for the CNAME itself: not followed');
});

test('TXT strings go out byte for byte; SPF as type 99 with TXT RDATA', () => {
  const txt = askZone('text.example.com', 'TXT');
  assert.deepEqual(
    (txt.answers![0] as { data: Buffer[] }).data.map((b) => b.toString('utf8')),
    ['v=spf1 -all', 'café "quoted"'],
  );
  const spf = askZone('example.com', 'SPF' as never);
  const raw = (spf.answers![0] as unknown as { type: string; data: Buffer }).data;
  assert.equal((spf.answers![0] as { type: string }).type, 'SPF');
  assert.equal(raw[0], 'v=spf1 include:amazonses.com ~all'.length);
  assert.equal(raw.subarray(1).toString(), 'v=spf1 include:amazonses.com ~all');
});

test('MX, NS, SOA, CAA, SRV, NAPTR, DS and PTR encode as dns-packet decodes them', () => {
  assert.deepEqual((askZone('example.com', 'MX').answers![0] as { data: unknown }).data, { preference: 10, exchange: 'mail.example.com' });
  assert.deepEqual((askZone('example.com', 'NS').answers![0] as { data: unknown }).data, 'ns-1.awsdns-01.com');
  assert.deepEqual((askZone('example.com', 'SOA').answers![0] as { data: unknown }).data, {
    mname: 'ns-1.awsdns-01.com',
    rname: 'awsdns-hostmaster.amazon.com',
    serial: 1,
    refresh: 7200,
    retry: 900,
    expire: 1209600,
    minimum: 86400,
  });
  assert.deepEqual((askZone('example.com', 'CAA').answers![0] as { data: unknown }).data, { flags: 0, tag: 'issue', value: 'amazon.com', issuerCritical: false });
  assert.deepEqual((askZone('_sip._tcp.example.com', 'SRV').answers![0] as { data: unknown }).data, { priority: 1, weight: 10, port: 5060, target: 'sip.example.com' });
  assert.deepEqual((askZone('naptr.example.com', 'NAPTR').answers![0] as { data: unknown }).data, {
    order: 100,
    preference: 50,
    flags: 'u',
    services: 'E2U+sip',
    regexp: '!^.*$!sip:x@example.com!',
    replacement: '.',
  });
  const ds = (askZone('sub.example.com', 'DS').answers![0] as { data: { digest: Buffer; keyTag: number } }).data;
  assert.equal(ds.keyTag, 12345);
  assert.equal(ds.digest.toString('hex'), 'ab12');
  assert.deepEqual((askZone('5.1.0.10.in-addr.arpa', 'PTR').answers![0] as { data: unknown }).data, 'app.example.com');
  assert.equal(askZone('example.com', 'ANY').answers?.length, 5);
});

test("a hosted zone's NXDOMAIN and NODATA carry its SOA in the authority section; synthesised names none", () => {
  const nx = askZone('nope.example.com', 'A');
  assert.equal(rcodeOf(nx), 3);
  assert.deepEqual(nx.answers, []);
  assert.deepEqual(
    nx.authorities?.map((a) => [a.name, a.type, (a as { ttl: number }).ttl]),
    [['example.com', 'SOA', 900]],
  );
  const nodata = askZone('app.example.com', 'AAAA');
  assert.equal(rcodeOf(nodata), 0);
  assert.deepEqual(nodata.answers, []);
  assert.equal(nodata.authorities?.[0]?.type, 'SOA');
  assert.deepEqual(askZone('ip-10-0-1-5.eu-west-1.compute.internal', 'A').authorities, []);
});
