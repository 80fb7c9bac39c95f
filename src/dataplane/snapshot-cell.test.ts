import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../kernel/log.js';
import { SnapshotCell } from './snapshot-cell.js';

const log = createLogger('test', 'error');

test('a burst of marks costs one recompile at the end of the microtask batch; listeners hear it', async () => {
  let compiles = 0;
  const cell = new SnapshotCell((g) => (compiles++, { g }), log, 'thing');
  const heard: number[] = [];
  cell.onSnapshot((s) => heard.push(s.g));
  assert.equal(cell.get().g, 1);
  cell.markStale();
  cell.markStale();
  cell.markStale();
  await Promise.resolve();
  await Promise.resolve();
  assert.equal(compiles, 2);
  assert.deepEqual(heard, [2]);
  cell.close();
});

test('a read right after a mark recompiles at once; a failed compile keeps the previous snapshot', () => {
  let fail = false;
  const cell = new SnapshotCell((g) => {
    if (fail) throw new Error('inconsistent');
    return { g };
  }, log, 'thing');
  cell.markStale();
  assert.equal(cell.get().g, 2);
  fail = true;
  cell.markStale();
  assert.equal(cell.get().g, 2);
  cell.close();
});

test('after close, marks do nothing', async () => {
  let compiles = 0;
  const cell = new SnapshotCell(() => ++compiles, log, 'thing');
  cell.close();
  cell.markStale();
  await Promise.resolve();
  assert.equal(cell.get(), 1);
});
