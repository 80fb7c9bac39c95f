import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileArnPattern, compilePattern, splitArn } from './wildcard.js';
import { parseAddress, parseRange, rangeContains } from './ip.js';

const opts = { variables: true, where: 'test' };

test('wildcard patterns', () => {
  const cases: [string, string, boolean][] = [
    ['*', '', true],
    ['*', 'anything:at/all', true],
    ['a*', 'a', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbd', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*a*b*c*', 'xxaxxbxxcxx', true],
    ['*a*b*c*', 'xxaxxcxxbxx', false],
    ['arn:aws:execute-api:*', 'arn:aws:execute-api:eu-west-1:0:api/s/GET/', true],
    ['abc', 'abcd', false],
    ['ab*', 'xab', false],
    ['?', 'é', true],
    ['?', '😀', true],
    ['a**b', 'ab', true],
  ];
  for (const [pattern, value, expected] of cases) assert.equal(compilePattern(pattern, opts).test(value), expected, `${pattern} ~ ${value}`);
  assert.equal(compilePattern('Execute-API:*', { ...opts, ignoreCase: true }).test('execute-api:Invoke'), true);
  assert.equal(compilePattern('Execute-API:*', opts).test('execute-api:Invoke'), false);
});

test('a long pattern with many stars stays fast', () => {
  const p = compilePattern(`${'a*'.repeat(30)}b`, opts);
  const started = Date.now();
  assert.equal(p.test('a'.repeat(5000)), false);
  assert.ok(Date.now() - started < 1000);
});

test('ARN components', () => {
  assert.deepEqual(splitArn('arn:aws:s3:::bucket/key:with:colons'), ['arn', 'aws', 's3', '', '', 'bucket/key:with:colons']);
  assert.equal(splitArn('arn:aws:s3'), undefined);
  assert.equal(compileArnPattern('arn:aws:s3:::bucket/*', opts).test('arn:aws:s3:::bucket/key:with:colons'), true);
  assert.equal(compileArnPattern('arn:*', opts).test('arn:aws:s3:::b'), false, 'fewer than six components matches nothing');
});

test('addresses and ranges', () => {
  assert.deepEqual(parseAddress('10.1.2.3'), { family: 4, value: 0x0a010203 });
  assert.deepEqual(parseAddress('::ffff:10.1.2.3'), { family: 4, value: 0x0a010203 });
  assert.deepEqual(parseAddress('::1'), { family: 6, value: 1n });
  assert.deepEqual(parseAddress('2001:db8::'), { family: 6, value: 0x20010db8n << 96n });
  assert.equal(parseAddress('1.2.3'), undefined);
  assert.equal(parseAddress('fe80::1%eth0'), undefined);
  assert.equal(parseAddress('2001:db8:::1'), undefined);
  assert.equal(parseRange('10.0.0.0/8')?.family, 4);
  assert.equal(parseRange('::/0')?.family, 6);
  assert.equal(parseRange('2001:db8::/129'), undefined);
  assert.equal(parseRange('10.0.0.0/'), undefined);
  assert.equal(rangeContains(parseRange('::/0')!, parseAddress('2001:db8::1')!), true);
  assert.equal(rangeContains(parseRange('2001:db8::1')!, parseAddress('2001:db8::2')!), false);
  assert.equal(rangeContains(parseRange('2001:db8::1')!, parseAddress('2001:0db8:0:0:0:0:0:1')!), true);
});
