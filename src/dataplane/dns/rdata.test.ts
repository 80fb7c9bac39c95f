/** Route 53 record values read into DNS records, per type (rdata.ts; ec2-route53-acm.md §2.5). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRecordValue } from './rdata.js';
import { fromRoute53Name } from './names.js';

test('A and AAAA: addresses, anything else rejected', () => {
  assert.deepEqual(parseRecordValue('A', '192.0.2.1', 300), { type: 'A', address: '192.0.2.1', ttl: 300 });
  assert.deepEqual(parseRecordValue('AAAA', '2001:db8::1', 60), { type: 'AAAA', address: '2001:db8::1', ttl: 60 });
  for (const bad of ['192.0.2.256', 'example.com', '', '2001:db8::1']) assert.equal(parseRecordValue('A', bad, 1), undefined, bad);
  assert.equal(parseRecordValue('AAAA', '192.0.2.1', 1), undefined);
});

test('CNAME, NS, PTR: a name, lowercase without the trailing dot', () => {
  assert.deepEqual(parseRecordValue('CNAME', 'App.Example.com.', 300), { type: 'CNAME', target: 'app.example.com', ttl: 300 });
  assert.deepEqual(parseRecordValue('NS', 'ns-1.awsdns-01.com', 172800), { type: 'NS', target: 'ns-1.awsdns-01.com', ttl: 172800 });
  assert.deepEqual(parseRecordValue('PTR', 'host.example.com.', 300), { type: 'PTR', target: 'host.example.com', ttl: 300 });
  assert.equal(parseRecordValue('CNAME', 'two words', 300), undefined);
});

test('TXT and SPF: quoted strings with escapes, several per value, bytes kept', () => {
  assert.deepEqual(parseRecordValue('TXT', '"v=spf1 -all"', 300), { type: 'TXT', strings: ['v=spf1 -all'], ttl: 300 });
  assert.deepEqual(parseRecordValue('TXT', '"one" "two \\"quoted\\" \\\\ back"', 300), { type: 'TXT', strings: ['one', 'two "quoted" \\ back'], ttl: 300 });
  assert.deepEqual(parseRecordValue('TXT', '"tab\\011end"', 300), { type: 'TXT', strings: ['tab\tend'], ttl: 300 }, 'octal escape');
  assert.deepEqual(parseRecordValue('TXT', '"caf\u00e9"', 300), { type: 'TXT', strings: ['caf\u00c3\u00a9'], ttl: 300 }, 'UTF-8 bytes, one per character');
  assert.deepEqual(parseRecordValue('SPF', '"v=spf1 include:amazonses.com ~all"', 300), { type: 'SPF', strings: ['v=spf1 include:amazonses.com ~all'], ttl: 300 });
  assert.equal(parseRecordValue('TXT', '"unterminated', 300), undefined);
  assert.equal(parseRecordValue('TXT', `"${'x'.repeat(256)}"`, 300), undefined, 'a character string holds at most 255 bytes');
});

test('MX, SRV, SOA, CAA, NAPTR, DS', () => {
  assert.deepEqual(parseRecordValue('MX', '10 Mail.Example.com.', 300), { type: 'MX', preference: 10, exchange: 'mail.example.com', ttl: 300 });
  assert.deepEqual(parseRecordValue('SRV', '1 10 5269 xmpp.example.com.', 300), { type: 'SRV', priority: 1, weight: 10, port: 5269, target: 'xmpp.example.com', ttl: 300 });
  assert.deepEqual(parseRecordValue('SOA', 'ns-2048.awsdns-64.net. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400', 900), {
    type: 'SOA',
    mname: 'ns-2048.awsdns-64.net',
    rname: 'awsdns-hostmaster.amazon.com',
    serial: 1,
    refresh: 7200,
    retry: 900,
    expire: 1209600,
    minimum: 86400,
    ttl: 900,
  });
  assert.deepEqual(parseRecordValue('CAA', '0 issue "amazon.com"', 300), { type: 'CAA', flags: 0, tag: 'issue', value: 'amazon.com', ttl: 300 });
  assert.deepEqual(parseRecordValue('NAPTR', '100 50 "u" "E2U+sip" "!^.*$!sip:x@example.com!" .', 300), {
    type: 'NAPTR',
    order: 100,
    preference: 50,
    flags: 'u',
    services: 'E2U+sip',
    regexp: '!^.*$!sip:x@example.com!',
    replacement: '',
    ttl: 300,
  });
  assert.deepEqual(parseRecordValue('DS', '12345 13 2 AB12', 300), { type: 'DS', keyTag: 12345, algorithm: 13, digestType: 2, digest: 'ab12', ttl: 300 });
  for (const [type, bad] of [
    ['MX', 'mail.example.com'],
    ['MX', '70000 mail.example.com'],
    ['SRV', '1 10 mail.example.com'],
    ['SOA', 'ns. host. 1 2 3'],
    ['CAA', 'issue amazon.com'],
    ['DS', '1 2 3 xyz'],
  ] as const) {
    assert.equal(parseRecordValue(type, bad, 300), undefined, `${type} ${bad}`);
  }
});

test('Route 53 names unescape: \\052 is the wildcard label', () => {
  assert.equal(fromRoute53Name('\\052.Example.com.'), '*.example.com');
  assert.equal(fromRoute53Name('a\\100b.example.com.'), 'a@b.example.com');
});
