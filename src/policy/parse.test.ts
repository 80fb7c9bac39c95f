import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy, PolicyParseError } from './evaluate.js';

const OK_STATEMENT = { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: '*' };

function rejects(doc: unknown, message: RegExp, notImplemented = false): void {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  assert.throws(
    () => parsePolicy(text),
    (e: unknown) => {
      assert.ok(e instanceof PolicyParseError, `expected a PolicyParseError, got ${String(e)}`);
      assert.match(e.message, message);
      assert.equal(e.notImplemented, notImplemented, e.message);
      return true;
    },
  );
}

function statement(over: Record<string, unknown>): unknown {
  const st: Record<string, unknown> = { ...OK_STATEMENT, ...over };
  for (const [k, v] of Object.entries(over)) if (v === undefined) delete st[k];
  return { Version: '2012-10-17', Statement: [st] };
}

test('well-formed documents parse: Statement as object or array, Version optional, Sid and Id kept', () => {
  const a = parsePolicy(JSON.stringify({ Statement: OK_STATEMENT }));
  assert.equal(a.version, '2008-10-17');
  assert.equal(a.statements.length, 1);
  const b = parsePolicy(JSON.stringify({ Version: '2012-10-17', Id: 'p1', Statement: [{ ...OK_STATEMENT, Sid: 's1' }, { ...OK_STATEMENT, Effect: 'Deny' }] }));
  assert.equal(b.version, '2012-10-17');
  assert.equal(b.id, 'p1');
  assert.deepEqual(b.statements.map((s) => [s.sid, s.effect]), [['s1', 'Allow'], [undefined, 'Deny']]);
});

test('not JSON, not an object, no Statement', () => {
  rejects('{"Statement": [', /not valid JSON/);
  rejects('[]', /must be a JSON object/);
  rejects('"x"', /must be a JSON object/);
  rejects({ Version: '2012-10-17' }, /no Statement/);
});

test('bad Version, unknown elements', () => {
  rejects({ Version: '2012-10-18', Statement: OK_STATEMENT }, /Version: must be/);
  rejects({ Statement: OK_STATEMENT, Extra: 1 }, /unknown element "Extra"/);
  rejects(statement({ Actions: 'x:y' }), /Statement\[0\]: unknown element "Actions"/);
  rejects({ Statement: ['x'] }, /Statement\[0\]: a statement must be an object/);
});

test('bad Effect', () => {
  rejects(statement({ Effect: 'allow' }), /Statement\[0\]\.Effect: must be "Allow" or "Deny", found "allow"/);
  rejects(statement({ Effect: undefined }), /Effect: must be "Allow" or "Deny"/);
});

test('Principal / Action / Resource: exactly one of each pair, well-formed', () => {
  rejects(statement({ Principal: undefined }), /needs a Principal or a NotPrincipal/);
  rejects(statement({ NotPrincipal: { AWS: '123456789012' } }), /has both Principal and NotPrincipal/);
  rejects(statement({ Action: undefined }), /needs a Action or a NotAction/);
  rejects(statement({ NotResource: '*' }), /has both Resource and NotResource/);
  rejects(statement({ Principal: 'someone' }), /Principal: must be "\*" or an object/);
  rejects(statement({ Principal: { Human: 'x' } }), /unknown principal type "Human"/);
  rejects(statement({ Principal: { AWS: 'arn:aws:iam::123456789012:user/*' } }), /invalid AWS principal/);
  rejects(statement({ Principal: { AWS: 'alice' } }), /invalid AWS principal "alice"/);
  rejects(statement({ Principal: { AWS: [] } }), /must not be an empty list/);
  rejects(statement({ Action: 'Invoke' }), /invalid action "Invoke"/);
  rejects(statement({ Action: ['execute-api:Invoke', 7] }), /must be a string or a list of strings/);
  rejects(statement({ Resource: 'execute-api:/*' }), /invalid resource "execute-api:\/\*"/);
});

test('Condition: unknown operators are named; bad values are refused', () => {
  rejects(statement({ Condition: { StringEqualz: { k: 'v' } } }), /unknown condition operator "StringEqualz"/);
  rejects(statement({ Condition: { 'ForSomeValues:StringEquals': { k: 'v' } } }), /unknown condition operator "ForSomeValues:StringEquals"/);
  rejects(statement({ Condition: { BinaryEquals: { k: 'QmluYXJ5' } } }), /BinaryEquals.*not implemented by localvpc/, true);
  rejects(statement({ Condition: { NullIfExists: { k: 'true' } } }), /Null takes neither IfExists nor a set qualifier/);
  rejects(statement({ Condition: { 'ForAnyValue:Null': { k: 'true' } } }), /Null takes neither/);
  rejects(statement({ Condition: { Null: { k: 'maybe' } } }), /not true or false \(Null\)/);
  rejects(statement({ Condition: { NumericLessThan: { k: 'ten' } } }), /"ten" is not a number/);
  rejects(statement({ Condition: { DateLessThan: { k: 'tomorrow' } } }), /not an ISO 8601 date/);
  rejects(statement({ Condition: { Bool: { k: 'yes' } } }), /not true or false \(Bool\)/);
  rejects(statement({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } } }), /not an IP address or CIDR block/);
  rejects(statement({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.256' } } }), /not an IP address or CIDR block/);
  rejects(statement({ Condition: { StringEquals: { k: [] } } }), /value list is empty/);
  rejects(statement({ Condition: { StringEquals: { k: { nested: 1 } } } }), /must be strings, numbers or booleans/);
  rejects(statement({ Condition: { StringEquals: 'k' } }), /must be an object of condition keys/);
  rejects(statement({ Condition: ['x'] }), /Condition must be an object/);
});

test('policy variables are refused (2012-10-17) with a not-implemented error naming where they are', () => {
  rejects(statement({ Condition: { StringNotEquals: { 'aws:SourceVpce': '${aws:SourceVpce}' } } }), /Statement\[0\]\.Condition\.StringNotEquals\.aws:SourceVpce: .*policy variables are not implemented by localvpc/, true);
  rejects(statement({ Resource: 'arn:aws:execute-api:*:${aws:PrincipalAccount}:*' }), /Statement\[0\]\.Resource: .*policy variables are not implemented by localvpc/, true);
  rejects(statement({ Resource: 'arn:aws:s3:::b/${x' }), /unterminated policy variable/);
  // Without a Version the text is literal, as IAM treats it.
  assert.doesNotThrow(() => parsePolicy(JSON.stringify({ Statement: { ...OK_STATEMENT, Resource: 'arn:aws:s3:::b/${aws:username}' } })));
});
