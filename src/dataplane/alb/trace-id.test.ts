/**
 * X-Amzn-Trace-Id toward targets (elbv2-vpc-endpoints.md §2.2, checklist 27).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { traceHeader, traceId } from './trace-id.js';

const NOW = new Date(Date.UTC(2024, 0, 1));
const ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

test('a new Root carries the epoch seconds in 8 hex digits and 24 random hex digits', () => {
  const id = traceId(NOW);
  assert.match(id, ID);
  assert.equal(id.slice(2, 10), (NOW.getTime() / 1000).toString(16));
  assert.notEqual(traceId(NOW), id);
  assert.match(traceHeader(undefined, NOW), /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
});

test('an incoming Root is kept with its fields; Self goes in front, replacing an incoming Self', () => {
  const out = traceHeader('Root=1-5759e988-bd862e3fe1be46a994272793;CalledFrom=app', NOW);
  assert.match(out, /^Self=1-[0-9a-f]{8}-[0-9a-f]{24};Root=1-5759e988-bd862e3fe1be46a994272793;CalledFrom=app$/);
  const again = traceHeader('Self=1-00000000-000000000000000000000000;Root=1-5759e988-bd862e3fe1be46a994272793', NOW);
  assert.match(again, /^Self=1-[0-9a-f]{8}-[0-9a-f]{24};Root=1-5759e988-bd862e3fe1be46a994272793$/);
  assert.ok(!again.includes('Self=1-00000000-'));
});

test('without Root a fresh Root goes in front; over 7 KB the header is replaced', () => {
  assert.match(traceHeader('CalledFrom=app', NOW), /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};CalledFrom=app$/);
  assert.match(traceHeader(`Root=1-5759e988-bd862e3fe1be46a994272793;x=${'a'.repeat(8000)}`, NOW), /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
});
