/**
 * Proxy protocol v2 headers, byte for byte against the HAProxy specification
 * (https://www.haproxy.org/download/2.9/doc/proxy-protocol.txt §2.2): a 12-byte signature, the
 * version/command byte, the family/transport byte, a big-endian length of what follows, then
 * for TCP over IPv4 the source and destination addresses followed by the source and
 * destination ports (elbv2-vpc-endpoints.md §3, checklist 36).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localHeaderV2, proxyHeaderV2 } from './proxy-protocol.js';

const SIGNATURE = '0d0a0d0a000d0a515549540a';

test('PROXY over TCP/IPv4: signature, 0x21, 0x11, length 12, addresses, then ports, all big-endian', () => {
  const header = proxyHeaderV2({ ip: '10.0.3.10', port: 51234 }, { ip: '10.0.1.4', port: 80 });
  assert.equal(header.length, 28);
  assert.equal(header.subarray(0, 12).toString('hex'), SIGNATURE);
  // The signature spells "\r\n\r\n\0\r\nQUIT\n".
  assert.equal(header.subarray(0, 12).toString('latin1'), '\r\n\r\n\0\r\nQUIT\n');
  assert.equal(header[12], 0x21, 'version 2 (high nibble), command PROXY (low nibble 1)');
  assert.equal(header[13], 0x11, 'AF_INET (high nibble 1), SOCK_STREAM (low nibble 1)');
  assert.equal(header.readUInt16BE(14), 12, 'bytes after the 16-byte fixed part');
  assert.equal(header.length, 16 + header.readUInt16BE(14));
  assert.deepEqual([...header.subarray(16, 20)], [10, 0, 3, 10], 'source address');
  assert.deepEqual([...header.subarray(20, 24)], [10, 0, 1, 4], 'destination address');
  assert.equal(header.readUInt16BE(24), 51234, 'source port');
  assert.equal(header.readUInt16BE(26), 80, 'destination port');
  assert.equal(header.toString('hex'), SIGNATURE + '21' + '11' + '000c' + '0a00030a' + '0a000104' + 'c822' + '0050');
});

test('PROXY: address bytes above 127 and the extreme ports are written unsigned', () => {
  const header = proxyHeaderV2({ ip: '192.168.255.254', port: 65535 }, { ip: '172.31.128.1', port: 0 });
  assert.equal(header.subarray(16).toString('hex'), 'c0a8fffe' + 'ac1f8001' + 'ffff' + '0000');
});

test('PROXY: each call returns a fresh buffer', () => {
  const a = proxyHeaderV2({ ip: '10.0.0.1', port: 1 }, { ip: '10.0.0.2', port: 2 });
  const b = proxyHeaderV2({ ip: '10.0.0.1', port: 1 }, { ip: '10.0.0.2', port: 2 });
  assert.notEqual(a, b);
  a[16] = 99;
  assert.equal(b[16], 10);
});

test('LOCAL (health checks): signature, 0x20, family UNSPEC 0x00, length 0, nothing else', () => {
  const header = localHeaderV2();
  assert.equal(header.length, 16);
  assert.equal(header.subarray(0, 12).toString('hex'), SIGNATURE);
  assert.equal(header[12], 0x20, 'version 2, command LOCAL (low nibble 0)');
  assert.equal(header[13], 0x00, 'AF_UNSPEC, UNSPEC');
  assert.equal(header.readUInt16BE(14), 0);
  assert.equal(header.toString('hex'), SIGNATURE + '20' + '00' + '0000');
});

test('a receiver following the spec reads back what was written', () => {
  const header = proxyHeaderV2({ ip: '10.1.2.3', port: 40000 }, { ip: '10.4.5.6', port: 8443 });
  assert.deepEqual(parse(header), { command: 'PROXY', family: 'TCP4', source: '10.1.2.3:40000', destination: '10.4.5.6:8443', consumed: 28 });
  // The header is followed by the client's bytes on the same stream.
  const stream = Buffer.concat([localHeaderV2(), Buffer.from('GET / HTTP/1.1\r\n')]);
  const local = parse(stream);
  assert.deepEqual(local, { command: 'LOCAL', family: 'UNSPEC', source: undefined, destination: undefined, consumed: 16 });
  assert.equal(stream.subarray(local.consumed).toString(), 'GET / HTTP/1.1\r\n');
});

/** A minimal reader of the binary header (spec §2.2), independent of the writer. */
function parse(buf: Buffer) {
  assert.equal(buf.subarray(0, 12).toString('hex'), SIGNATURE);
  const versionCommand = buf[12]!;
  assert.equal(versionCommand >> 4, 2, 'version 2');
  const command = (versionCommand & 0x0f) === 0 ? 'LOCAL' : (versionCommand & 0x0f) === 1 ? 'PROXY' : 'invalid';
  const family = buf[13] === 0x11 ? 'TCP4' : buf[13] === 0x00 ? 'UNSPEC' : 'other';
  const length = buf.readUInt16BE(14);
  const ip = (o: number) => [...buf.subarray(o, o + 4)].join('.');
  if (family !== 'TCP4') return { command, family, source: undefined, destination: undefined, consumed: 16 + length };
  return { command, family, source: `${ip(16)}:${buf.readUInt16BE(24)}`, destination: `${ip(20)}:${buf.readUInt16BE(26)}`, consumed: 16 + length };
}
