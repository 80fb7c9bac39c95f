import { test } from 'node:test';
import assert from 'node:assert/strict';
import { valueProblem, valueProblems } from './record-values.js';

test('well-formed values of every implemented type pass', () => {
  const ok: [Parameters<typeof valueProblem>[0], string][] = [
    ['A', '192.0.2.10'],
    ['AAAA', '2001:db8::1'],
    ['CNAME', '_abc.acm-validations.aws.'],
    ['NS', 'ns-1.awsdns-01.org.'],
    ['PTR', 'host.example.org'],
    ['MX', '10 mail.example.org'],
    ['SRV', '1 10 5060 sip.example.org'],
    ['TXT', '"v=spf1 -all"'],
    ['TXT', '"part one" "part two"'],
    ['SPF', '"v=spf1 -all"'],
    ['CAA', '0 issue "amazon.com"'],
    ['SOA', 'ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400'],
    ['NAPTR', '100 10 "u" "E2U+sip" "!^.*$!sip:info@example.org!" .'],
    ['DS', '12345 13 2 ABCDEF0123'],
  ];
  for (const [type, value] of ok) assert.equal(valueProblem(type, value), undefined, `${type} ${value}`);
});

test('malformed values are refused in the FATAL problem form', () => {
  assert.equal(valueProblem('A', '192.0.2.01'), "Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '192.0.2.01''");
  assert.match(valueProblem('A', '256.1.1.1')!, /ARRDATAIllegalIPv4Address/);
  assert.match(valueProblem('CNAME', 'a..b')!, /DomainLabelEmpty \(Domain label is empty\) encountered with 'a\.\.b'/);
  assert.match(valueProblem('MX', 'mail.example.org')!, /MXRRDATAIllegalFormat/);
  assert.match(valueProblem('MX', '70000 mail.example.org')!, /MXRRDATAIllegalFormat/);
  assert.match(valueProblem('SRV', '1 10 sip.example.org')!, /SRVRRDATAIllegalFormat/);
  assert.match(valueProblem('TXT', `"${'x'.repeat(256)}"`)!, /CharacterStringTooLong/);
  assert.match(valueProblem('CAA', '0 issue amazon.com')!, /CAARRDATAIllegalFormat/);
  assert.match(valueProblem('SOA', 'ns. host. 1 2 3')!, /SOARRDATAIllegalFormat/);
  assert.deepEqual(valueProblems('A', ['10.0.0.1', '10.0.0.1']), ["Duplicate Resource Record: '10.0.0.1'"]);
});
