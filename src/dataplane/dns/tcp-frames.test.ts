import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frame, TcpFrameReader } from './tcp-frames.js';

test('whole messages come out however the bytes are split or joined', () => {
  const a = Buffer.from('first message');
  const b = Buffer.from('second');
  const c = Buffer.alloc(0);
  const stream = Buffer.concat([frame(a), frame(b), frame(c)]);
  for (let cut = 0; cut <= stream.length; cut++) {
    const reader = new TcpFrameReader();
    const out = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))];
    assert.deepEqual(out, [a, b, c], `cut at ${cut}`);
    assert.equal(reader.buffered, 0);
  }
  const reader = new TcpFrameReader();
  const out: Buffer[] = [];
  for (const byte of stream) out.push(...reader.push(Buffer.from([byte])));
  assert.deepEqual(out, [a, b, c], 'one byte at a time');
});

test('an unfinished message waits for the rest', () => {
  const reader = new TcpFrameReader();
  assert.deepEqual(reader.push(Buffer.from([0x00, 0x05, 0x61])), []);
  assert.equal(reader.buffered, 3);
  assert.deepEqual(reader.push(Buffer.from('bcde')), [Buffer.from('abcde')]);
});

test('frame prefixes the length and refuses more than 65535 bytes', () => {
  assert.deepEqual(frame(Buffer.from('ab')), Buffer.from([0, 2, 0x61, 0x62]));
  assert.equal(frame(Buffer.alloc(0xffff)).length, 0x10001);
  assert.throws(() => frame(Buffer.alloc(0x10000)), /at most 65535/);
});
