/** CreateResource/UpdateResource/DeleteResource rules (apigateway-rest.md §1.4, checklist 5-8). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apigatewayService as svc } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';

async function setup() {
  const ctx = testContext();
  const api = await call(svc, ctx, 'CreateRestApi', { name: 'a' });
  const add = (parentId: string, pathPart: string) => call(svc, ctx, 'CreateResource', { restApiId: api.id, parentId, pathPart });
  const addErr = (parentId: string, pathPart: string) => callError(svc, ctx, 'CreateResource', { restApiId: api.id, parentId, pathPart });
  return { ctx, api, root: api.rootResourceId as string, add, addErr };
}

test('greedy, sibling and duplicate rules with AWS messages', async () => {
  const { root, add, addErr } = await setup();
  const proxy = await add(root, '{proxy+}');
  assert.equal(proxy.path, '/{proxy+}');
  const child = await addErr(proxy.id, 'x');
  assert.equal(child.code, 'BadRequestException');
  assert.equal(child.message, 'Cannot create a child of a resource with a greedy path variable: {proxy+}');
  const sib = await addErr(root, '{id}');
  assert.equal(sib.message, 'A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed');
  const parent = await add(root, 'parent');
  assert.equal(parent.path, '/parent');
  const pets = await add(parent.id, 'pets');
  assert.equal(pets.path, '/parent/pets');
  const dup = await addErr(parent.id, 'pets');
  assert.equal(dup.code, 'ConflictException');
  assert.equal(dup.status, 409);
  assert.equal(dup.message, 'Another resource with the same parent already has this name: pets');
  const v = await add(parent.id, '{child}');
  assert.equal((await add(v.id, '{proxy+}')).path, '/parent/{child}/{proxy+}');
  assert.equal((await addErr(root, 'x{id}')).code, 'BadRequestException');
  assert.equal((await addErr('nope00', 'x')).message, 'Invalid Resource identifier specified');
});

test('UpdateResource: rename and move recompute paths; root and cycles refused', async () => {
  const { ctx, api, root, add } = await setup();
  const a = await add(root, 'a');
  const b = await add(a.id, 'b');
  const c = await add(b.id, 'c');
  const upd = (resourceId: string, path: string, value: string) => call(svc, ctx, 'UpdateResource', { restApiId: api.id, resourceId, patchOperations: [{ op: 'replace', path, value }] });
  const updErr = (resourceId: string, path: string, value: string) => callError(svc, ctx, 'UpdateResource', { restApiId: api.id, resourceId, patchOperations: [{ op: 'replace', path, value }] });
  assert.equal((await upd(a.id, '/pathPart', 'z')).path, '/z');
  assert.equal((await call(svc, ctx, 'GetResource', { restApiId: api.id, resourceId: c.id })).path, '/z/b/c');
  assert.equal((await upd(c.id, '/parentId', root)).path, '/c');
  assert.equal((await updErr(root, '/pathPart', 'x')).message, 'Root resource cannot update its pathPart.');
  assert.equal((await updErr(root, '/parentId', a.id)).message, 'Root resource cannot update its parentId.');
  assert.equal((await updErr(a.id, '/parentId', b.id)).message, 'Resources cannot be cyclical.');
});

test('DeleteResource deletes descendants', async () => {
  const { ctx, api, root, add } = await setup();
  const a = await add(root, 'a');
  const b = await add(a.id, 'b');
  await add(b.id, 'c');
  await add(root, 'keep');
  await call(svc, ctx, 'DeleteResource', { restApiId: api.id, resourceId: a.id });
  const left = await call(svc, ctx, 'GetResources', { restApiId: api.id });
  assert.deepEqual(left.items.map((r: { path: string }) => r.path).sort(), ['/', '/keep']);
  assert.equal((await callError(svc, ctx, 'GetResource', { restApiId: api.id, resourceId: b.id })).message, 'Invalid Resource identifier specified');
});
