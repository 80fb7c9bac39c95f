import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Method, ResourceTree } from '../../state/records/apigateway.js';
import { compileRoutes } from './routes.js';

const method = (httpMethod: string): Method => ({ httpMethod, authorizationType: 'NONE', apiKeyRequired: false, methodResponses: {} });

let nextId = 0;
/** A resource at `path` with the given verbs. */
function resource(path: string, ...verbs: string[]): ResourceTree {
  return { resourceId: `r${nextId++}`, path, methods: Object.fromEntries(verbs.map((v) => [v, method(v)])) };
}

/** `VERB path` → `resourcePath VERB-of-method {params}` or `403`. */
function route(resources: readonly ResourceTree[], verb: string, path: string): string {
  const m = compileRoutes(resources).match(verb, path);
  if (!m) return '403';
  const params = Object.keys(m.pathParameters).length ? ` ${JSON.stringify(m.pathParameters)}` : '';
  return `${m.resource.path} ${m.method.httpMethod}${params}`;
}

test('root: `` and `/` reach `/`; a missing verb is no match (checklist 18-20)', () => {
  const api = [resource('/', 'GET'), resource('/existing', 'GET')];
  assert.equal(route(api, 'GET', ''), '/ GET');
  assert.equal(route(api, 'GET', '/'), '/ GET');
  assert.equal(route(api, 'GET', '/existing'), '/existing GET');
  assert.equal(route(api, 'POST', '/existing'), '403');
  assert.equal(route(api, 'GET', '/does-not-exist'), '403');
});

test('static beats {param} beats {greedy+}', () => {
  const api = [resource('/pets', 'GET'), resource('/pets/mine', 'GET'), resource('/pets/{id}', 'GET'), resource('/{proxy+}', 'GET')];
  assert.equal(route(api, 'GET', '/pets/mine'), '/pets/mine GET');
  assert.equal(route(api, 'GET', '/pets/7'), '/pets/{id} GET {"id":"7"}');
  assert.equal(route(api, 'GET', '/pets/7/toys'), '/{proxy+} GET {"proxy":"pets/7/toys"}');
  assert.equal(route(api, 'GET', '/pets'), '/pets GET');
});

test('checklist 21: fallback crosses static siblings to the root greedy resource', () => {
  const api = [resource('/', 'GET'), resource('/part1', 'GET'), resource('/part1/hardcoded-value', 'GET'), resource('/{param+}', 'GET')];
  assert.equal(route(api, 'GET', '/part1/random-value'), '/{param+} GET {"param":"part1/random-value"}');
  assert.equal(route(api, 'GET', '/part1/hardcoded-value'), '/part1/hardcoded-value GET');
  assert.equal(route(api, 'GET', '/part1'), '/part1 GET');
});

test('checklists 22-23: the fallback is method-aware, an explicit verb beats ANY, ANY beats a less specific resource', () => {
  const api = [resource('/test', 'POST'), resource('/test/any', 'ANY'), resource('/{proxy+}', 'OPTIONS')];
  assert.equal(route(api, 'OPTIONS', '/test'), '/{proxy+} OPTIONS {"proxy":"test"}');
  assert.equal(route(api, 'POST', '/test'), '/test POST');
  assert.equal(route(api, 'OPTIONS', '/test/any'), '/test/any ANY');
  assert.equal(route(api, 'GET', '/test/any'), '/test/any ANY');
  assert.equal(route(api, 'GET', '/test'), '403');
  const both = [resource('/x', 'ANY', 'GET')];
  assert.equal(route(both, 'GET', '/x'), '/x GET');
  assert.equal(route(both, 'PUT', '/x'), '/x ANY');
});

test('checklist 24: a greedy resource does not serve its parent path', () => {
  const api = [resource('/'), resource('/{proxy+}', 'ANY')];
  assert.equal(route(api, 'GET', '/'), '403');
  assert.equal(route(api, 'GET', ''), '403');
  assert.equal(route(api, 'GET', '/a/b'), '/{proxy+} ANY {"proxy":"a/b"}');
  const nested = [resource('/api', 'GET'), resource('/api/{proxy+}', 'GET')];
  assert.equal(route(nested, 'GET', '/api'), '/api GET');
  assert.equal(route(nested, 'GET', '/api/'), '/api GET');
  assert.equal(route(nested, 'GET', '/api/x'), '/api/{proxy+} GET {"proxy":"x"}');
});

test('{param} takes exactly one non-empty segment; greedy takes the rest', () => {
  const api = [resource('/a/{id}', 'GET'), resource('/a/{id}/b', 'GET')];
  assert.equal(route(api, 'GET', '/a//b'), '403');
  assert.equal(route(api, 'GET', '/a/1/b'), '/a/{id}/b GET {"id":"1"}');
  assert.equal(route(api, 'GET', '/a/1/b/c'), '403');
  assert.equal(route(api, 'GET', '/a'), '403');
});

test('parameters from several levels, deeper ones backtracked when a branch fails', () => {
  const api = [resource('/{a}/x/{b}', 'GET'), resource('/{a}/{proxy+}', 'GET')];
  assert.equal(route(api, 'GET', '/1/x/2'), '/{a}/x/{b} GET {"a":"1","b":"2"}');
  assert.equal(route(api, 'GET', '/1/x/2/3'), '/{a}/{proxy+} GET {"a":"1","proxy":"x/2/3"}');
  assert.equal(route(api, 'POST', '/1/x/2'), '403');
});

test('trailing slashes reach the resource without them', () => {
  const api = [resource('/pets', 'GET'), resource('/pets/{id}', 'GET')];
  assert.equal(route(api, 'GET', '/pets/'), '/pets GET');
  assert.equal(route(api, 'GET', '/pets/1/'), '/pets/{id} GET {"id":"1"}');
});

test('path parameters are URL-decoded per segment; greedy values keep `/` between segments', () => {
  const api = [resource('/s/{name}', 'GET'), resource('/g/{rest+}', 'GET'), resource('/caf\u00e9', 'GET')];
  assert.equal(route(api, 'GET', '/s/a%20b'), '/s/{name} GET {"name":"a b"}');
  assert.equal(route(api, 'GET', '/s/a%2Fb'), '/s/{name} GET {"name":"a/b"}');
  assert.equal(route(api, 'GET', '/g/x%20y/z'), '/g/{rest+} GET {"rest":"x y/z"}');
  assert.equal(route(api, 'GET', '/s/%E0%A4%A'), '/s/{name} GET {"name":"%E0%A4%A"}');
  assert.equal(route(api, 'GET', '/caf%C3%A9'), '/caf\u00e9 GET');
});

test('HEAD is not implied by GET; ANY covers the seven verbs and nothing else', () => {
  assert.equal(route([resource('/r', 'GET')], 'HEAD', '/r'), '403');
  const any = [resource('/r', 'ANY')];
  for (const verb of ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']) assert.equal(route(any, verb, '/r'), '/r ANY');
  assert.equal(route(any, 'TRACE', '/r'), '403');
  assert.equal(route(any, 'get', '/r'), '403');
});

test('static segments are case-sensitive; Object.prototype names are not verbs or segments', () => {
  const api = [resource('/Pets', 'GET')];
  assert.equal(route(api, 'GET', '/pets'), '403');
  assert.equal(route(api, 'constructor', '/Pets'), '403');
  assert.equal(route(api, 'GET', '/constructor'), '403');
});

test('a greedy part that is not last is ignored; resources listed child-first still work', () => {
  const api = [resource('/a/b', 'GET'), resource('/{p+}/x', 'GET'), resource('/a', 'GET')];
  assert.equal(route(api, 'GET', '/a/b'), '/a/b GET');
  assert.equal(route(api, 'GET', '/a'), '/a GET');
  assert.equal(route(api, 'GET', '/q/x'), '403');
});
