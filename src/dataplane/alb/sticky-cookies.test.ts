/**
 * Stickiness cookies (elbv2-vpc-endpoints.md §2.1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSticky, encodeSticky, readCookie, stickyCookies } from './sticky-cookies.js';

test('values round-trip and foreign values decode to nothing', () => {
  const subject = 'arn:aws:elasticloadbalancing:eu-west-1:000000000000:targetgroup/web/0123456789abcdef|10.0.1.10|8080';
  const value = encodeSticky(subject);
  assert.match(value, /^[A-Za-z0-9+/]+=*$/);
  assert.equal(decodeSticky(value), subject);
  assert.equal(decodeSticky('Zm9vYmFy'), undefined);
  assert.equal(decodeSticky('not base64!'), undefined);
  assert.equal(decodeSticky(undefined), undefined);
});

test('cookies carry Expires and Path; the CORS twin adds SameSite=None; Secure', () => {
  const now = new Date(Date.UTC(2024, 0, 1));
  const [plain, cors] = stickyCookies('AWSALB', 'AWSALBCORS', 'x', 86400, now);
  const value = encodeSticky('x');
  assert.equal(plain, `AWSALB=${value}; Expires=Tue, 02 Jan 2024 00:00:00 GMT; Path=/`);
  assert.equal(cors, `AWSALBCORS=${value}; Expires=Tue, 02 Jan 2024 00:00:00 GMT; Path=/; SameSite=None; Secure`);
});

test('readCookie finds a cookie among several headers and pairs', () => {
  const raw = ['Host', 'h', 'Cookie', 'a=1; AWSALBCORS=zz', 'cookie', 'AWSALB=abc==; b=2'];
  assert.equal(readCookie(raw, 'AWSALB'), 'abc==');
  assert.equal(readCookie(raw, 'AWSALBCORS'), 'zz');
  assert.equal(readCookie(raw, 'missing'), undefined);
});
