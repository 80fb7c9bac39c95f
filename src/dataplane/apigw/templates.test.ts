import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseMockStatus,
  parseQueryString,
  renderTemplate,
  resolveMappingExpression,
  TemplateBodyError,
  TemplateError,
  UnsupportedTemplateError,
  type TemplateVariables,
} from './templates.js';

function vars(body = '', overrides: Partial<TemplateVariables['input']['params']> = {}): TemplateVariables {
  return {
    context: {
      requestId: 'req-1',
      extendedRequestId: 'Zk3mQFf3oAMEb_Q=',
      apiId: 'abc123defg',
      stage: 'test',
      resourceId: 'r1',
      resourcePath: '/pets/{id}',
      httpMethod: 'POST',
      path: '/test/pets/7',
      protocol: 'HTTP/1.1',
      requestTime: '09/Apr/2015:12:34:56 +0000',
      requestTimeEpoch: 1428582896000,
      domainName: 'abc123defg.execute-api.us-east-1.amazonaws.com',
      accountId: '123456789012',
      identity: { sourceIp: '10.0.0.9', userAgent: 'curl/8' },
    },
    stageVariables: { env: 'dev' },
    input: {
      body,
      params: {
        path: { id: '7' },
        querystring: [['q', '1'], ['q', '2'], ['id', 'from-query']],
        header: [['X-Token', 'abc'], ['Accept', '*/*']],
        ...overrides,
      },
    },
  };
}

const render = (template: string, v = vars()): string => renderTemplate(template, v);

test('$context, $stageVariables, formal and quiet forms', () => {
  assert.equal(render('$context.requestId|$context.identity.sourceIp|$context.requestTimeEpoch'), 'req-1|10.0.0.9|1428582896000');
  assert.equal(render('${context.stage}x $!{context.apiId} $!context.httpMethod'), 'testx abc123defg POST');
  assert.equal(render('"$stageVariables.env"'), '"dev"');
  assert.equal(render('[$stageVariables.missing][$context.nothing.here][$nobody][$!nobody]'), '[][][][]');
});

test('text that is not a reference stays as it is', () => {
  assert.equal(render('cost: $5, $ alone, $!, ${, {$context.stage}, end$'), 'cost: $5, $ alone, $!, ${, {test}, end$');
  assert.equal(render('{"color": "#fff", "n": "#1"}'), '{"color": "#fff", "n": "#1"}');
  assert.equal(render('$context.stage.'), 'test.');
  assert.equal(render('${context.stage'), '${context.stage');
});

test('$input.body; an empty body reads as {}', () => {
  assert.equal(render('$input.body', vars('{"a":1}')), '{"a":1}');
  assert.equal(render('$input.body', vars('')), '{}');
});

test('$input.json: JSON text of $, $.a.b, $.a[0], ["k"]', () => {
  const v = vars('{"a":{"b":"x\\"y","list":[{"c":5},2]},"n":1.5,"t":true}');
  assert.equal(render("$input.json('$')", v), '{"a":{"b":"x\\"y","list":[{"c":5},2]},"n":1.5,"t":true}');
  assert.equal(render("$input.json('$.a.b')", v), '"x\\"y"');
  assert.equal(render("$input.json('$.a.list[0]')", v), '{"c":5}');
  assert.equal(render("$input.json(\"$['n']\")", v), '1.5');
  assert.equal(render("[$input.json('$.missing')]", v), '[]');
  assert.equal(render("$input.json('$')", vars('')), '{}');
});

test('$input.path: the value, printed VTL-style', () => {
  const v = vars('{"a":1,"b":[{"c":5}],"s":"text","o":{"k":"v","z":null}}');
  assert.equal(render("$input.path('$.s')", v), 'text');
  assert.equal(render("$input.path('$.a')", v), '1');
  assert.equal(render("$input.path('$.b')", v), '[{"c":5}]');
  assert.equal(render("$input.path('$').b", v), '[{"c":5}]');
  assert.equal(render("$input.path('$.o')", v), '{k=v, z=null}');
  assert.equal(render("$input.path('$.o').get('k') $input.path('$.b').size() $input.path('$.s').length()", v), 'v 1 4');
  assert.equal(render("$input.path('$.b')[0].c", v), '5');
});

test('non-JSON bodies read as JSON give TemplateBodyError; unsupported JSONPath is UnsupportedTemplateError', () => {
  assert.throws(() => render("$input.json('$')", vars('not json')), (e) => e instanceof TemplateBodyError && /^Could not parse request body into json:/.test(e.message));
  assert.equal(render('$input.body', vars('not json')), 'not json');
  assert.throws(() => render("$input.json('$..a')", vars('{}')), UnsupportedTemplateError);
  assert.throws(() => render("$input.json('$.a[*]')", vars('{}')), UnsupportedTemplateError);
});

test('$input.params: path, then querystring (last repeat), then header; params() maps all', () => {
  assert.equal(render("$input.params('id')"), '7');
  assert.equal(render("$input.params('q')"), '2');
  assert.equal(render("$input.params('X-Token') $input.params('x-token')"), 'abc abc');
  assert.equal(render("[$input.params('nope')]"), '[]');
  assert.equal(render("$input.params().path.id $input.params().querystring.q $input.params().header.get('Accept')"), '7 2 */*');
});

test('$util functions, with nested references and interpolated double-quoted strings', () => {
  const tricky = vars(`it's a "q" / \u00e9 \u2028\u0001`);
  assert.equal(render('$util.escapeJavaScript($input.body)', tricky), `it\\'s a \\"q\\" \\/ \\u00E9 \\u2028\\u0001`);
  assert.equal(render(`$util.escapeJavaScript('a\nb\tc\\\\')`), 'a\\nb\\tc\\\\\\\\');
  assert.equal(render("$util.urlEncode('a b&c=d/\u00e9*~')"), 'a+b%26c%3Dd%2F%C3%A9*%7E');
  assert.equal(render("$util.urlDecode('a+b%26c%C3%A9')"), 'a b&c\u00e9');
  assert.equal(render("$util.base64Encode('h\u00e9llo')"), 'aMOpbGxv');
  assert.equal(render("$util.base64Decode('aMOpbGxv')"), 'h\u00e9llo');
  assert.equal(render('$util.base64Encode($input.body)', vars('{"a":1}')), 'eyJhIjoxfQ==');
  assert.equal(render('$util.urlEncode("$context.stage/$stageVariables.env")'), 'test%2Fdev');
  assert.equal(render("$util.escapeJavaScript($input.params('q'))"), '2');
  assert.equal(render("[$util.nothing('x')][$util.toString()]"), '[][]');
  assert.throws(() => render("$util.urlDecode('%zz')"), TemplateError);
});

test('directives throw UnsupportedTemplateError naming the directive; comments and #[[ ]]# are honoured', () => {
  for (const directive of ['set', 'if', 'foreach', 'end', 'else', 'elseif', 'macro', 'parse', 'include', 'stop', 'break', 'evaluate', 'define']) {
    assert.throws(
      () => render(`x #${directive}($a = 1) y`),
      (e) => e instanceof UnsupportedTemplateError && e.message === `mapping template directive #${directive} is not implemented by localvpc`,
    );
  }
  assert.throws(() => render('#{if}(true)yes#{end}'), /directive #if is not/);
  assert.throws(() => render('#@block()x#end'), /directive #@block is not/);
  assert.equal(render('a ## comment $context.stage\nb #* block\n #set *# c'), 'a b  c');
  assert.equal(render('#[[ $context.stage #set ]]# $context.stage'), ' $context.stage #set  test');
  assert.equal(render('#endpoint #settings #ifx'), '#endpoint #settings #ifx');
});

test('malformed argument lists are template errors', () => {
  assert.throws(() => render("$input.json('$'"), TemplateError);
  assert.throws(() => render('$util.urlEncode(foo)'), TemplateError);
});

test('resolveMappingExpression: literal, method.request.*, stageVariables, context', () => {
  const v = vars();
  assert.equal(resolveMappingExpression("'static value'", v), 'static value');
  assert.equal(resolveMappingExpression("''", v), '');
  assert.equal(resolveMappingExpression('method.request.path.id', v), '7');
  assert.equal(resolveMappingExpression('method.request.querystring.q', v), '2');
  assert.equal(resolveMappingExpression('method.request.header.x-token', v), 'abc');
  assert.equal(resolveMappingExpression('method.request.header.Missing', v), undefined);
  assert.equal(resolveMappingExpression('stageVariables.env', v), 'dev');
  assert.equal(resolveMappingExpression('stageVariables.toString', v), undefined);
  assert.equal(resolveMappingExpression('context.identity.sourceIp', v), '10.0.0.9');
  assert.equal(resolveMappingExpression('context.requestTimeEpoch', v), '1428582896000');
  assert.equal(resolveMappingExpression('context.identity', v), undefined);
  assert.equal(resolveMappingExpression('method.request.body', v), undefined);
});

test('parseQueryString keeps order and repeats, decodes + and %', () => {
  assert.deepEqual(parseQueryString('?a=1&b=x+y%21&a=2&flag&&e='), [['a', '1'], ['b', 'x y!'], ['a', '2'], ['flag', ''], ['e', '']]);
  assert.deepEqual(parseQueryString(''), []);
  assert.deepEqual(parseQueryString('bad=%zz'), [['bad', '%zz']]);
});

test('parseMockStatus: JSON and CDK `{statusCode: 200}`; anything else is undefined', () => {
  assert.equal(parseMockStatus('{"statusCode": 200}'), 200);
  assert.equal(parseMockStatus('  {\n  "statusCode" : 404, "x": 1 }\n'), 404);
  assert.equal(parseMockStatus('{statusCode: 200}'), 200);
  assert.equal(parseMockStatus("{ 'statusCode': 201 }"), 201);
  assert.equal(parseMockStatus('{"statusCode": "200"}'), undefined);
  assert.equal(parseMockStatus('{"statusCode": 200.5}'), undefined);
  assert.equal(parseMockStatus('{"statusCode": 42}'), undefined);
  assert.equal(parseMockStatus('{"other": 1}'), undefined);
  assert.equal(parseMockStatus('{myStatusCode: 200}'), undefined);
  assert.equal(parseMockStatus(''), undefined);
  assert.equal(parseMockStatus('statusCode: 200'), undefined);
});
