import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DnsNameError, isWithin, normalizeDnsName, reversedName } from './names.js';

test('names are lowercased, fully qualified and escaped as Route 53 shows them (§2.9)', () => {
  assert.equal(normalizeDnsName('API.Example.com'), 'api.example.com.');
  assert.equal(normalizeDnsName('api.example.com.'), 'api.example.com.');
  assert.equal(normalizeDnsName('*.example.com'), '\\052.example.com.');
  assert.equal(normalizeDnsName('\\052.example.com.'), '\\052.example.com.');
  assert.equal(normalizeDnsName('_acme-challenge.Example.com'), '_acme-challenge.example.com.');
  assert.equal(normalizeDnsName('a\\.b.example.com'), 'a\\056b.example.com.');
  assert.equal(normalizeDnsName('\\101pi.example.com'), 'api.example.com.');
});

test('empty labels, over-long labels and stray characters are refused with Route 53 wording', () => {
  assert.throws(() => normalizeDnsName('example.org..'), (e: unknown) => {
    assert.ok(e instanceof DnsNameError);
    assert.equal(e.message, "FATAL problem: DomainLabelEmpty (Domain label is empty) encountered with 'example.org..'");
    return true;
  });
  assert.throws(() => normalizeDnsName('.'), DnsNameError);
  assert.throws(() => normalizeDnsName(''), DnsNameError);
  assert.throws(() => normalizeDnsName(`${'a'.repeat(64)}.com`), /DomainLabelTooLong/);
  assert.throws(() => normalizeDnsName('a b.com'), /InvalidCharacter/);
  assert.throws(() => normalizeDnsName('exämple.com'), /InvalidCharacter/);
});

test('reversed-label sort keys and zone membership', () => {
  assert.equal(reversedName('www.example.com.'), 'com.example.www.');
  assert.ok(reversedName('example.com.') < reversedName('a.example.com.'));
  assert.ok(isWithin('a.example.com.', 'example.com.'));
  assert.ok(isWithin('example.com.', 'example.com.'));
  assert.ok(!isWithin('badexample.com.', 'example.com.'));
});
