/**
 * The ALB's own pages, byte for byte (elbv2-vpc-endpoints.md §2.4, checklist 29–31, 33).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorPage, pageBody, serialize } from './local-reply.js';

const DATE = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));

test('page bodies have the observed lengths: 400/502 122 bytes, 503 162, 504 132, 301 134', () => {
  assert.equal(Buffer.byteLength(pageBody(400)), 122);
  assert.equal(Buffer.byteLength(pageBody(502)), 122);
  assert.equal(Buffer.byteLength(pageBody(503)), 162);
  assert.equal(Buffer.byteLength(pageBody(504)), 132);
  assert.equal(Buffer.byteLength(pageBody(301)), 134);
  assert.equal(
    pageBody(503),
    '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n',
  );
  assert.equal(pageBody(463), '<html>\r\n<head><title>463</title></head>\r\n<body>\r\n<center><h1>463</h1></center>\r\n</body>\r\n</html>\r\n');
});

test('a 503 serializes exactly: status line, Server, Date, Content-Type, Content-Length, Connection keep-alive', () => {
  const bytes = serialize(errorPage(503, { now: DATE })).toString('latin1');
  assert.equal(
    bytes,
    'HTTP/1.1 503 Service Temporarily Unavailable\r\n' +
      'Server: awselb/2.0\r\n' +
      'Date: Tue, 02 Jan 2024 03:04:05 GMT\r\n' +
      'Content-Type: text/html\r\n' +
      'Content-Length: 162\r\n' +
      'Connection: keep-alive\r\n' +
      '\r\n' +
      pageBody(503),
  );
});

test('504 says Gateway Time-out, 502 Bad Gateway; 400 always closes the connection', () => {
  assert.match(serialize(errorPage(504, { now: DATE })).toString(), /^HTTP\/1\.1 504 Gateway Time-out\r\n[^]*Content-Length: 132\r\nConnection: keep-alive\r\n\r\n<html>/);
  assert.match(serialize(errorPage(502, { now: DATE })).toString(), /^HTTP\/1\.1 502 Bad Gateway\r\n[^]*Content-Length: 122\r\n/);
  assert.match(serialize(errorPage(400, { now: DATE })).toString(), /^HTTP\/1\.1 400 Bad Request\r\n[^]*Content-Length: 122\r\nConnection: close\r\n\r\n/);
  assert.match(serialize(errorPage(405)).toString(), /^HTTP\/1\.1 405 Method Not Allowed\r\n/);
  assert.match(serialize(errorPage(501)).toString(), /^HTTP\/1\.1 501 Not Implemented\r\n/);
  assert.match(serialize(errorPage(503, { close: true })).toString(), /\r\nConnection: close\r\n/);
});
