/**
 * Headers toward targets (elbv2-vpc-endpoints.md §2.2, checklist 26–28).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { targetHost, upstreamHeaders, xffAddressCount, type ForwardFacts } from './request-headers.js';

const FACTS: ForwardFacts = { clientIp: '10.0.3.10', clientPort: 50123, protocol: 'http', listenerPort: 80, nodeIp: '10.0.1.4', attributes: {}, now: new Date() };

function headers(raw: string[], over: Partial<ForwardFacts> = {}): Map<string, string[]> {
  const flat = upstreamHeaders(raw, { ...FACTS, ...over });
  const out = new Map<string, string[]>();
  for (let i = 0; i < flat.length; i += 2) out.set(flat[i]!.toLowerCase(), [...(out.get(flat[i]!.toLowerCase()) ?? []), flat[i + 1]!]);
  return out;
}

test('append (default): the peer goes after what the client sent, all occurrences joined', () => {
  assert.deepEqual(headers(['Host', 'a.example.com']).get('x-forwarded-for'), ['10.0.3.10']);
  assert.deepEqual(headers(['Host', 'a', 'X-Forwarded-For', '1.1.1.1, 2.2.2.2', 'x-forwarded-for', '3.3.3.3']).get('x-forwarded-for'), ['1.1.1.1, 2.2.2.2, 3.3.3.3, 10.0.3.10']);
  assert.deepEqual(headers(['Host', 'a'], { attributes: { 'routing.http.xff_client_port.enabled': 'true' } }).get('x-forwarded-for'), ['10.0.3.10:50123']);
  assert.deepEqual(headers(['Host', 'a'], { clientIp: '2001:db8::1', attributes: { 'routing.http.xff_client_port.enabled': 'true' } }).get('x-forwarded-for'), ['[2001:db8::1]:50123']);
});

test('preserve leaves X-Forwarded-For as sent (the client port setting does not apply); remove drops it', () => {
  const preserve = { 'routing.http.xff_header_processing.mode': 'preserve', 'routing.http.xff_client_port.enabled': 'true' };
  assert.deepEqual(headers(['Host', 'a', 'X-Forwarded-For', '1.1.1.1'], { attributes: preserve }).get('x-forwarded-for'), ['1.1.1.1']);
  assert.equal(headers(['Host', 'a'], { attributes: preserve }).get('x-forwarded-for'), undefined);
  assert.equal(headers(['Host', 'a', 'X-Forwarded-For', '1.1.1.1'], { attributes: { 'routing.http.xff_header_processing.mode': 'remove' } }).get('x-forwarded-for'), undefined);
});

test('X-Forwarded-Proto and -Port replace what the client sent; hop-by-hop headers and Expect go', () => {
  const h = headers(['Host', 'a', 'X-Forwarded-Proto', 'https', 'X-Forwarded-Port', '1', 'Connection', 'keep-alive, X-Hop', 'X-Hop', '1', 'Keep-Alive', 'timeout=5', 'Expect', '100-continue', 'X-Custom', 'kept'], { protocol: 'https', listenerPort: 8443 });
  assert.deepEqual(h.get('x-forwarded-proto'), ['https']);
  assert.deepEqual(h.get('x-forwarded-port'), ['8443']);
  for (const gone of ['connection', 'x-hop', 'keep-alive', 'expect']) assert.equal(h.get(gone), undefined, gone);
  assert.deepEqual(h.get('x-custom'), ['kept']);
  assert.match(h.get('x-amzn-trace-id')![0]!, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
});

test('Host: the listener port is appended unless it is the protocol default or preserve is on', () => {
  const facts = { attributes: {}, protocol: 'http' as const, listenerPort: 80, nodeIp: '10.0.1.4' };
  assert.equal(targetHost('www.example.com', facts), 'www.example.com');
  assert.equal(targetHost('www.example.com:8080', facts), 'www.example.com');
  assert.equal(targetHost('www.example.com', { ...facts, listenerPort: 8443, protocol: 'https' }), 'www.example.com:8443');
  assert.equal(targetHost('www.example.com', { ...facts, listenerPort: 443, protocol: 'https' }), 'www.example.com');
  assert.equal(targetHost('www.example.com:9', { ...facts, attributes: { 'routing.http.preserve_host_header.enabled': 'true' } }), 'www.example.com:9');
  assert.equal(targetHost(undefined, facts), '10.0.1.4');
  assert.deepEqual(headers(['host', 'www.example.com']).get('host'), ['www.example.com']);
});

test('invalid header names are dropped only when asked; TLS headers only when asked', () => {
  assert.deepEqual(headers(['Host', 'a', 'X_Under', '1']).get('x_under'), ['1']);
  assert.equal(headers(['Host', 'a', 'X_Under', '1'], { attributes: { 'routing.http.drop_invalid_header_fields.enabled': 'true' } }).get('x_under'), undefined);
  const tls = { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' };
  assert.equal(headers(['Host', 'a'], { tls }).get('x-amzn-tls-version'), undefined);
  const on = headers(['Host', 'a', 'X-Amzn-Tls-Version', 'forged'], { tls, attributes: { 'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': 'true' } });
  assert.deepEqual(on.get('x-amzn-tls-version'), ['TLSv1.3']);
  assert.deepEqual(on.get('x-amzn-tls-cipher-suite'), ['TLS_AES_256_GCM_SHA384']);
});

test('X-Forwarded-For addresses are counted over every occurrence', () => {
  assert.equal(xffAddressCount(['X-Forwarded-For', 'a, b', 'x-forwarded-for', 'c', 'Host', 'h']), 3);
  assert.equal(xffAddressCount([]), 0);
});
