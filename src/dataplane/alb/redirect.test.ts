/**
 * Redirect actions: placeholders and the Location header (elbv2-vpc-endpoints.md §1.9, checklist 24).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageBody } from './local-reply.js';
import { redirectLocation, redirectResponse } from './redirect.js';

const FROM = { protocol: 'http' as const, host: 'shop.example.com', port: 80, path: '/cart/items', query: 'a=1&b=2' };

test('HTTP to HTTPS keeps host, path and query; the port is always named', () => {
  assert.equal(redirectLocation({ StatusCode: 'HTTP_301', Protocol: 'HTTPS', Port: '443' }, FROM), 'https://shop.example.com:443/cart/items?a=1&b=2');
});

test('every placeholder, and #{path} without its leading slash', () => {
  assert.equal(
    redirectLocation({ StatusCode: 'HTTP_302', Protocol: '#{protocol}', Host: 'new.#{host}', Port: '#{port}', Path: '/v2/#{path}', Query: 'from=#{port}&#{query}' }, FROM),
    'http://new.shop.example.com:80/v2/cart/items?from=80&a=1&b=2',
  );
  assert.equal(redirectLocation({ StatusCode: 'HTTP_301', Path: '/#{path}', Host: 'x.example.com' }, { ...FROM, query: '' }), 'http://x.example.com:80/cart/items', 'an empty query leaves no ?');
  assert.equal(redirectLocation({ StatusCode: 'HTTP_301', Query: '' , Port: '8443', Protocol: 'HTTPS'}, FROM), 'https://shop.example.com:8443/cart/items');
});

test('301 and 302 answer with the ALB page and the Location after the common headers', () => {
  const r301 = redirectResponse({ StatusCode: 'HTTP_301', Protocol: 'HTTPS' }, FROM);
  assert.equal(r301.status, 301);
  assert.equal(r301.reason, 'Moved Permanently');
  assert.deepEqual(
    r301.headers.map(([n]) => n),
    ['Server', 'Date', 'Content-Type', 'Content-Length', 'Connection', 'Location'],
  );
  assert.equal(r301.headers.find(([n]) => n === 'Location')![1], 'https://shop.example.com:80/cart/items?a=1&b=2');
  assert.equal(r301.body.toString(), pageBody(301));
  const r302 = redirectResponse({ StatusCode: 'HTTP_302', Host: 'other.example.com' }, FROM);
  assert.equal(r302.status, 302);
  assert.equal(r302.reason, 'Found');
});
