import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XmlParseError, parseXml } from './xml-reader.js';

describe('parseXml', () => {
  it('reads elements, attributes, text, entities, CDATA; strips prefixes; skips declaration and comments', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><r:Root xmlns:r="urn:x" a=\'1\'><A>x &amp; y &#65;&#x42;</A><B><![CDATA[<raw>]]></B><C/><r:D>  </r:D></r:Root>\n',
    );
    assert.equal(root.name, 'Root');
    assert.deepEqual(root.attributes, { 'xmlns:r': 'urn:x', a: '1' });
    assert.deepEqual(
      root.children.map((c) => [c.name, c.text]),
      [
        ['A', 'x & y AB'],
        ['B', '<raw>'],
        ['C', ''],
        ['D', '  '],
      ],
    );
  });

  it('rejects what a request body must not carry', () => {
    const bad = [
      '',
      'text',
      '<a>',
      '<a></b>',
      '<a/><b/>',
      '<a>&ent;</a>',
      '<a>x & y</a>',
      '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
      '<a><b></a></b>',
      'junk<a/>',
      '<a/>junk',
      '<a x="1></a>',
      '<1a/>',
      '<a>&#0;</a>',
    ];
    for (const text of bad) assert.throws(() => parseXml(text), XmlParseError, JSON.stringify(text));
  });
});
