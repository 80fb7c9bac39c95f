import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FormError, parseForm, parseMultiForm, parsePairs, requestParams } from './form.js';
import { httpRequest } from './sdk-harness.test.js';

describe('form parsing', () => {
  it('decodes percent escapes and + as space; keys without = are empty', () => {
    assert.deepEqual(parsePairs('a=1&b=x%2Fy+z&c&d='), [
      ['a', '1'],
      ['b', 'x/y z'],
      ['c', ''],
      ['d', ''],
    ]);
    assert.deepEqual(parsePairs(''), []);
    assert.deepEqual(parsePairs('&&a=1&'), [['a', '1']]);
    assert.deepEqual(parsePairs('k=%E2%9C%93'), [['k', '✓']]);
  });

  it('keeps the last of repeated keys, or all of them', () => {
    assert.equal(parseForm('a=1&a=2').get('a'), '2');
    assert.deepEqual(parseMultiForm('embed=a&embed=b').get('embed'), ['a', 'b']);
  });

  it('throws FormError on malformed escapes', () => {
    assert.throws(() => parseForm('a=%zz'), FormError);
    assert.throws(() => parseForm('a=%E2%9C'), FormError);
  });

  it('requestParams merges query string and body (body wins) and is memoized per request', () => {
    const req = httpRequest('POST', '/?Action=A&x=1', {}, 'x=2&Version=v');
    const params = requestParams(req);
    assert.deepEqual([...params], [
      ['Action', 'A'],
      ['x', '2'],
      ['Version', 'v'],
    ]);
    assert.equal(requestParams(req), params);
  });
});
