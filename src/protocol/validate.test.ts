import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadModel } from './model.js';
import { coralMessage, compilePattern, validateInput } from './validate.js';

describe('validateInput', () => {
  it('reports missing required members, ranges and patterns in AWS wording, in model order', () => {
    const sts = loadModel('sts');
    const shape = sts.shape('AssumeRoleRequest');
    assert.equal(
      coralMessage(validateInput(sts, shape, { RoleSessionName: 'a b', DurationSeconds: 60 })),
      "3 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; " +
        "Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; " +
        "Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    assert.equal(
      coralMessage(validateInput(sts, shape, { RoleArn: 'arn:aws:iam::000000000000:role/r', RoleSessionName: 'x' })),
      "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
  });

  it('a list of structures reports `list.N.member.field`', () => {
    const elb = loadModel('elbv2');
    const v = validateInput(elb, elb.shape('AddTagsInput'), { ResourceArns: ['arn'], Tags: [{ Key: 'ok' }, { Value: 'v' }] });
    assert.equal(coralMessage(v), "1 validation error detected: Value null at 'tags.2.member.key' failed to satisfy constraint: Member must not be null");
  });

  it('valid input has no violations', () => {
    const ec2 = loadModel('ec2');
    assert.deepEqual(validateInput(ec2, ec2.shape('DescribeVpcsRequest'), { MaxResults: 5, Filters: [{ Name: 'a', Values: ['b'] }] }), []);
  });
});

describe('compilePattern', () => {
  it('anchors Java patterns and compiles JS-compatible ones', () => {
    assert.ok(compilePattern('[\\w+=,.@-]*')!.test('abc@x'));
    assert.ok(!compilePattern('[\\w+=,.@-]*')!.test('a b'));
    assert.ok(compilePattern('^(2|4|5)\\d\\d$')!.test('404'));
    assert.ok(compilePattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*')!.test('héllo world'));
    assert.ok(compilePattern('[\\w+=,.@\\:-]*')!.test('a:b'));
    assert.ok(compilePattern('\\p{ASCII}+')!.test('abc'));
  });

  it('skips patterns that are not plain JS regexes', () => {
    assert.equal(compilePattern('^arn:aws([a-z-]+)?:ec2:[a-z\\d-]+:\\d{12}:placement-group/^.{1,255}$'), null);
    assert.equal(compilePattern('[a-z&&[^b]]'), null);
    assert.equal(compilePattern('(?i)abc'), null);
    assert.equal(compilePattern('a++'), null);
  });
});
