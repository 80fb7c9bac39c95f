import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conditionHolds, parseConditionBlock, parseDate } from './conditions.js';

type Keys = Record<string, string | readonly string[] | undefined>;

/** Whether a whole Condition block holds for the given request keys. */
function holds(block: unknown, keys: Keys = {}, variables = true): boolean {
  const lower = new Map<string, readonly string[]>();
  for (const [k, v] of Object.entries(keys)) {
    if (v === undefined) continue;
    const list = typeof v === 'string' ? [v] : v;
    if (list.length > 0) lower.set(k.toLowerCase(), list);
  }
  return parseConditionBlock(block, 'Condition', variables).every((c) => conditionHolds(c, (k) => lower.get(k)));
}

test('String operators', () => {
  assert.equal(holds({ StringEquals: { k: 'Abc' } }, { k: 'Abc' }), true);
  assert.equal(holds({ StringEquals: { k: 'Abc' } }, { k: 'abc' }), false);
  assert.equal(holds({ StringEquals: { k: 'a*' } }, { k: 'abc' }), false, 'no wildcards in StringEquals');
  assert.equal(holds({ StringEquals: { k: 'a*' } }, { k: 'a*' }), true);
  assert.equal(holds({ StringEquals: { k: ['x', 'y'] } }, { k: 'y' }), true);
  assert.equal(holds({ StringNotEquals: { k: ['x', 'y'] } }, { k: 'y' }), false);
  assert.equal(holds({ StringNotEquals: { k: ['x', 'y'] } }, { k: 'z' }), true);
  assert.equal(holds({ StringEqualsIgnoreCase: { k: 'ABC' } }, { k: 'aBc' }), true);
  assert.equal(holds({ StringNotEqualsIgnoreCase: { k: 'ABC' } }, { k: 'aBc' }), false);
  assert.equal(holds({ StringNotEqualsIgnoreCase: { k: 'ABC' } }, { k: 'abd' }), true);
  assert.equal(holds({ StringLike: { 'aws:UserAgent': 'curl/*' } }, { 'aws:UserAgent': 'curl/8.5.0' }), true);
  assert.equal(holds({ StringLike: { 'aws:UserAgent': 'curl/?.?.?' } }, { 'aws:UserAgent': 'curl/8.5.0' }), true);
  assert.equal(holds({ StringLike: { 'aws:UserAgent': 'Curl/*' } }, { 'aws:UserAgent': 'curl/8.5.0' }), false, 'StringLike is case-sensitive');
  assert.equal(holds({ StringNotLike: { 'aws:Referer': ['https://*.example.com/*', 'https://example.com/*'] } }, { 'aws:Referer': 'https://www.example.com/a' }), false);
  assert.equal(holds({ StringNotLike: { 'aws:Referer': 'https://*.example.com/*' } }, { 'aws:Referer': 'https://evil.test/' }), true);
});

test('missing keys: positive operators fail, negated operators match, IfExists matches', () => {
  for (const op of ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'NumericEquals', 'NumericLessThan', 'DateEquals', 'DateGreaterThan', 'Bool', 'IpAddress', 'ArnEquals', 'ArnLike']) {
    const value = op.startsWith('Numeric') ? '1' : op.startsWith('Date') ? '2020-01-01T00:00:00Z' : op === 'Bool' ? 'true' : op === 'IpAddress' ? '10.0.0.0/8' : op.startsWith('Arn') ? 'arn:aws:s3:::b' : 'v';
    assert.equal(holds({ [op]: { k: value } }), false, op);
    assert.equal(holds({ [`${op}IfExists`]: { k: value } }), true, `${op}IfExists`);
  }
  for (const op of ['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'NumericNotEquals', 'DateNotEquals', 'NotIpAddress', 'ArnNotEquals', 'ArnNotLike']) {
    const value = op.startsWith('Numeric') ? '1' : op.startsWith('Date') ? '2020-01-01T00:00:00Z' : op === 'NotIpAddress' ? '10.0.0.0/8' : op.startsWith('Arn') ? 'arn:aws:s3:::b' : 'v';
    assert.equal(holds({ [op]: { k: value } }), true, op);
    assert.equal(holds({ [`${op}IfExists`]: { k: value } }), true, `${op}IfExists`);
  }
});

test('IfExists with a present key checks it', () => {
  assert.equal(holds({ StringEqualsIfExists: { k: 'a' } }, { k: 'b' }), false);
  assert.equal(holds({ StringNotEqualsIfExists: { k: 'a' } }, { k: 'a' }), false);
  assert.equal(holds({ StringNotEqualsIfExists: { k: 'a' } }, { k: 'b' }), true);
  assert.equal(holds({ NumericLessThanIfExists: { k: '5' } }, { k: '4' }), true);
  assert.equal(holds({ NumericLessThanIfExists: { k: '5' } }, { k: '6' }), false);
});

test('Numeric operators', () => {
  assert.equal(holds({ NumericEquals: { k: '10' } }, { k: '10.0' }), true);
  assert.equal(holds({ NumericEquals: { k: 10 } }, { k: '10' }), true);
  assert.equal(holds({ NumericNotEquals: { k: '10' } }, { k: '11' }), true);
  assert.equal(holds({ NumericLessThan: { k: '10' } }, { k: '9.5' }), true);
  assert.equal(holds({ NumericLessThan: { k: '10' } }, { k: '10' }), false);
  assert.equal(holds({ NumericLessThanEquals: { k: '10' } }, { k: '10' }), true);
  assert.equal(holds({ NumericGreaterThan: { k: '-1' } }, { k: '0' }), true);
  assert.equal(holds({ NumericGreaterThanEquals: { k: '3' } }, { k: '2' }), false);
  assert.equal(holds({ NumericEquals: { k: '10' } }, { k: 'ten' }), false, 'unreadable request value never matches');
  assert.equal(holds({ NumericNotEquals: { k: '10' } }, { k: 'ten' }), true);
});

test('Date operators take ISO 8601 and epoch seconds on either side', () => {
  const now = { 'aws:CurrentTime': '2026-03-01T12:00:00Z', 'aws:EpochTime': String(Date.parse('2026-03-01T12:00:00Z') / 1000) };
  assert.equal(holds({ DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, now), true);
  assert.equal(holds({ DateLessThan: { 'aws:CurrentTime': '2026-01-01' } }, now), false);
  assert.equal(holds({ DateLessThan: { 'aws:CurrentTime': '2026-03-01T13:00:00+02:00' } }, now), false, '13:00+02:00 is 11:00Z');
  assert.equal(holds({ DateGreaterThanEquals: { 'aws:EpochTime': '2026-03-01T12:00:00Z' } }, now), true);
  assert.equal(holds({ DateLessThanEquals: { 'aws:CurrentTime': now['aws:EpochTime'] } }, now), true);
  assert.equal(holds({ DateEquals: { 'aws:CurrentTime': '2026-03-01T12:00:00.000Z' } }, now), true);
  assert.equal(holds({ DateNotEquals: { 'aws:CurrentTime': '2026-03-01T12:00:01Z' } }, now), true);
  assert.equal(parseDate('2026-03-01T12:00:00'), Date.parse('2026-03-01T12:00:00Z'), 'no zone reads as UTC');
  assert.equal(parseDate('2026-03-01T12:00:00+0100'), Date.parse('2026-03-01T11:00:00Z'));
  assert.equal(parseDate('yesterday'), undefined);
});

test('Bool', () => {
  assert.equal(holds({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'true' }), true);
  assert.equal(holds({ Bool: { 'aws:SecureTransport': false } }, { 'aws:SecureTransport': 'false' }), true);
  assert.equal(holds({ Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': 'true' }), false);
  assert.equal(holds({ Bool: { 'aws:SecureTransport': 'True' } }, { 'aws:SecureTransport': 'true' }), true);
});

test('IpAddress and NotIpAddress, IPv4 and IPv6', () => {
  assert.equal(holds({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.9' }), true);
  assert.equal(holds({ IpAddress: { 'aws:SourceIp': '203.0.113.9' } }, { 'aws:SourceIp': '203.0.113.9' }), true, 'bare address is /32');
  assert.equal(holds({ IpAddress: { 'aws:SourceIp': '203.0.113.9' } }, { 'aws:SourceIp': '203.0.113.10' }), false);
  assert.equal(holds({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': '8.8.8.8' }), true);
  assert.equal(holds({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': '2001:db8::1' }), false, 'families never mix');
  assert.equal(holds({ IpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } }, { 'aws:SourceIp': '2001:db8:1234:5678:abcd::1' }), true);
  assert.equal(holds({ IpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } }, { 'aws:SourceIp': '2001:db8:1234:5679::1' }), false);
  assert.equal(holds({ IpAddress: { 'aws:SourceIp': '::1' } }, { 'aws:SourceIp': '::1' }), true);
  assert.equal(holds({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': 'not-an-ip' }), false);
  assert.equal(holds({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '172.16.0.0/12'] } }, { 'aws:SourceIp': '172.20.1.1' }), false);
  assert.equal(holds({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '172.16.0.0/12'] } }, { 'aws:SourceIp': '192.168.1.1' }), true);
});

test('Arn operators compare the six components separately', () => {
  const key = 'aws:SourceArn';
  const arn = 'arn:aws:execute-api:eu-west-1:000000000000:abc123defg/test/GET/pets';
  assert.equal(holds({ ArnEquals: { [key]: arn } }, { [key]: arn }), true);
  assert.equal(holds({ ArnLike: { [key]: 'arn:aws:execute-api:*:000000000000:abc123defg/*' } }, { [key]: arn }), true);
  assert.equal(holds({ ArnEquals: { [key]: 'arn:aws:execute-api:*:000000000000:*' } }, { [key]: arn }), true, 'ArnEquals takes wildcards too');
  assert.equal(holds({ ArnLike: { [key]: 'arn:aws:execute-api:eu-west-?:*:*' } }, { [key]: arn }), true);
  // `*` does not cross a component boundary: the region pattern cannot swallow the account.
  assert.equal(holds({ ArnLike: { [key]: 'arn:aws:execute-api:*:abc123defg/*' } }, { [key]: arn }), false);
  assert.equal(holds({ ArnLike: { [key]: 'arn:aws:s3:::*' } }, { [key]: arn }), false);
  assert.equal(holds({ ArnLike: { [key]: 'arn:aws:execute-api:*:*:*' } }, { [key]: 'not-an-arn' }), false);
  assert.equal(holds({ ArnNotLike: { [key]: 'arn:aws:s3:::*' } }, { [key]: arn }), true);
  assert.equal(holds({ ArnNotEquals: { [key]: arn } }, { [key]: arn }), false);
  assert.equal(holds({ ArnLike: { [key]: 'ARN:aws:execute-api:*:*:*' } }, { [key]: arn }), false, 'case-sensitive');
});

test('Null', () => {
  assert.equal(holds({ Null: { 'aws:SourceVpce': 'true' } }), true);
  assert.equal(holds({ Null: { 'aws:SourceVpce': 'true' } }, { 'aws:SourceVpce': 'vpce-1' }), false);
  assert.equal(holds({ Null: { 'aws:SourceVpce': false } }, { 'aws:SourceVpce': 'vpce-1' }), true);
  assert.equal(holds({ Null: { 'aws:SourceVpce': 'false' } }), false);
  assert.equal(holds({ Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': [] }), true, 'an empty list is absent');
});

test('ForAnyValue: some request value matches; a missing key never matches, even with IfExists', () => {
  const tags = { 'aws:TagKeys': ['Owner', 'Dept'] };
  assert.equal(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['DataClass', 'Owner'] } }, tags), true);
  assert.equal(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['DataClass'] } }, tags), false);
  assert.equal(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'Owner' } }), false);
  assert.equal(holds({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'Owner' } }), false);
  // Negated: some request value matches none of the policy values.
  assert.equal(holds({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['Owner', 'Dept'] } }, tags), false);
  assert.equal(holds({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['Owner'] } }, tags), true);
  assert.equal(holds({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['Owner'] } }), false);
  assert.equal(holds({ 'ForAnyValue:StringLike': { 'aws:TagKeys': 'D*' } }, tags), true);
});

test('ForAllValues: every request value matches; a missing key matches', () => {
  const tags = { 'aws:TagKeys': ['Owner', 'Dept'] };
  assert.equal(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Owner', 'Dept', 'Extra'] } }, tags), true);
  assert.equal(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Owner'] } }, tags), false);
  assert.equal(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Owner'] } }), true);
  assert.equal(holds({ 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } }, { 'aws:TagKeys': ['key2:audit'] }), true);
  assert.equal(holds({ 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } }, { 'aws:TagKeys': ['key1:hr', 'key2:x'] }), false);
  assert.equal(holds({ 'forallvalues:stringequals': { 'aws:TagKeys': ['Owner', 'Dept'] } }, tags), true, 'operator names in any case');
});

test('a multivalued key without a set qualifier: positive = any value matches, negated = none does', () => {
  const tags = { 'aws:TagKeys': ['Owner', 'Dept'] };
  assert.equal(holds({ StringEquals: { 'aws:TagKeys': 'Dept' } }, tags), true);
  assert.equal(holds({ StringNotEquals: { 'aws:TagKeys': 'Dept' } }, tags), false);
  assert.equal(holds({ StringNotEquals: { 'aws:TagKeys': 'Other' } }, tags), true);
});

test('policy variables: escapes are literal characters, other variables are refused; Version 2008 takes ${...} literally', () => {
  assert.equal(holds({ StringEquals: { k: 'a${*}b${?}${$}' } }, { k: 'a*b?$' }), true);
  assert.equal(holds({ StringLike: { k: 'a${*}*' } }, { k: 'a*xyz' }), true);
  assert.equal(holds({ StringLike: { k: 'a${*}*' } }, { k: 'abxyz' }), false);
  assert.throws(() => holds({ StringEquals: { 'aws:SourceVpce': '${aws:SourceVpce}' } }), /policy variables are not implemented by localvpc/);
  assert.throws(() => holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:iam::${aws:PrincipalAccount}:*' } }), /policy variables are not implemented by localvpc/);
  assert.throws(() => holds({ Bool: { k: '${aws:SecureTransport}' } }), /policy variables are not implemented by localvpc/);
  assert.equal(holds({ StringEquals: { k: '${aws:username}' } }, { k: '${aws:username}' }, false), true);
});
