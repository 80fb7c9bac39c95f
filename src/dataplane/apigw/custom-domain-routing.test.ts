import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileMappings } from './compile-domain-names.js';
import { mapBasePath } from './custom-domain-routing.js';

const route = (mappings: Parameters<typeof compileMappings>[0], path: string) => {
  const m = mapBasePath({ mappings: compileMappings(mappings) }, path);
  return m && { api: m.restApiId, stage: m.stageName, path: m.resourcePath };
};

test('longest base path wins, the base path is stripped, (none) catches the rest (§2.9 documented example)', () => {
  const set = [
    { basePath: '(none)', restApiId: 'API1', stage: 's' },
    { basePath: 'orders', restApiId: 'API2', stage: 's' },
    { basePath: 'orders/v1/items', restApiId: 'API3', stage: 's' },
    { basePath: 'orders/v2/items', restApiId: 'API4', stage: 's' },
    { basePath: 'orders/v2/items/categories', restApiId: 'API5', stage: 's' },
  ];
  assert.deepEqual(route(set, '/orders'), { api: 'API2', stage: 's', path: '/' });
  assert.deepEqual(route(set, '/orders/v1/items/123'), { api: 'API3', stage: 's', path: '/123' });
  assert.deepEqual(route(set, '/orders/v2/items/categories/5'), { api: 'API5', stage: 's', path: '/5' });
  assert.deepEqual(route(set, '/customers'), { api: 'API1', stage: 's', path: '/customers' });
  assert.deepEqual(route(set, '/'), { api: 'API1', stage: 's', path: '/' });
});

test('whole segments only: `orders` does not match /ordersX; a trailing slash still matches', () => {
  const set = [{ basePath: 'orders', restApiId: 'B', stage: 'test' }];
  assert.equal(route(set, '/ordersX/1'), undefined);
  assert.deepEqual(route(set, '/orders/'), { api: 'B', stage: 'test', path: '/' });
  assert.deepEqual(route(set, '/orders/shop/5/hats'), { api: 'B', stage: 'test', path: '/shop/5/hats' });
});

test('a mapping without a stage takes the next segment as the stage (checklist 39)', () => {
  const set = [
    { basePath: '(none)', restApiId: 'A', stage: 'dev' },
    { basePath: 'v2', restApiId: 'C' },
  ];
  assert.deepEqual(route(set, '/v2/prod/pets'), { api: 'C', stage: 'prod', path: '/pets' });
  assert.deepEqual(route(set, '/v2/prod'), { api: 'C', stage: 'prod', path: '' });
  // With a (none) mapping to stage dev, /dev/x is resource /dev/x of stage dev (403 if absent).
  assert.deepEqual(route(set, '/dev/x'), { api: 'A', stage: 'dev', path: '/dev/x' });
});

test('no mapping matches and no (none) → undefined (the caller answers 403 Forbidden)', () => {
  assert.equal(route([{ basePath: 'orders', restApiId: 'B', stage: 'test' }], '/customers'), undefined);
  assert.equal(route([], '/'), undefined);
});
