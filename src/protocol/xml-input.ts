/**
 * Reads a restXml request body (an XmlElement tree) into a typed input structure
 * (aws-protocols.md §5): members are elements named by their locationName, else their name;
 * wrapped lists hold one element per item (`<Changes><Change>…`), whatever the item element is
 * called; flattened lists repeat the member's element; maps are `<entry><key/><value/></entry>`.
 * Scalars convert as in the query protocols (ConversionError on bad text).
 */
import type { MemberRef, Model, Shape } from './model.js';
import { ConversionError, readScalar } from './query-input.js';
import type { StringNormalizer } from './rest-bindings.js';
import { setEntry } from './safe-object.js';
import type { XmlElement } from './xml-reader.js';

function elementName(shape: Shape, ref: MemberRef, name: string): string {
  if (shape.type === 'list' && (ref.flattened || shape.flattened) && shape.member?.locationName) return shape.member.locationName;
  return ref.locationName ?? name;
}

function childrenByName(el: XmlElement): Map<string, XmlElement[]> {
  const m = new Map<string, XmlElement[]>();
  for (const c of el.children) {
    const list = m.get(c.name);
    if (list) list.push(c);
    else m.set(c.name, [c]);
  }
  return m;
}

/** Reads the body members of a structure from an element. */
export function readXmlStructure(model: Model, shape: Shape, el: XmlElement, path: string, normalize?: StringNormalizer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const children = childrenByName(el);
  for (const m of model.members(shape)) {
    if (m.ref.location) continue;
    const name = elementName(m.shape, m.ref, m.name);
    const where = path === '' ? name : `${path}.${name}`;
    if (m.ref.xmlAttribute) {
      const v = el.attributes[name];
      if (v !== undefined) out[m.name] = scalar(m.shape, m.shapeName, v, where, normalize);
      continue;
    }
    const found = children.get(name);
    if (!found) continue;
    if (m.shape.type === 'list' && (m.ref.flattened || m.shape.flattened)) {
      const item = model.shape(m.shape.member!.shape);
      out[m.name] = found.map((c, i) => readXmlValue(model, item, m.shape.member!.shape, c, `${where}.${i + 1}`, normalize));
    } else out[m.name] = readXmlValue(model, m.shape, m.shapeName, found[0]!, where, normalize);
  }
  return out;
}

function scalar(shape: Shape, shapeName: string, text: string, where: string, normalize?: StringNormalizer): unknown {
  return readScalar(shape, normalize && shape.type === 'string' ? normalize(shapeName, text) : text, where);
}

function readXmlValue(model: Model, shape: Shape, shapeName: string, el: XmlElement, path: string, normalize?: StringNormalizer): unknown {
  switch (shape.type) {
    case 'structure':
      return readXmlStructure(model, shape, el, path, normalize);
    case 'list': {
      const itemShapeName = shape.member!.shape;
      const item = model.shape(itemShapeName);
      return el.children.map((c, i) => readXmlValue(model, item, itemShapeName, c, `${path}.${i + 1}`, normalize));
    }
    case 'map': {
      const keyName = shape.key!.locationName ?? 'key';
      const valueName = shape.value!.locationName ?? 'value';
      const valueShape = model.shape(shape.value!.shape);
      const out: Record<string, unknown> = {};
      for (const entry of el.children) {
        const k = entry.children.find((c) => c.name === keyName);
        const v = entry.children.find((c) => c.name === valueName);
        if (!k) throw new ConversionError(`${path}.${entry.name}`, '', `a <${keyName}> element`);
        setEntry(out, k.text, v ? readXmlValue(model, valueShape, shape.value!.shape, v, `${path}.${k.text}`, normalize) : undefined);
      }
      return out;
    }
    default:
      if (el.children.length > 0) throw new ConversionError(path, `<${el.children[0]!.name}>`, `text, not elements`);
      return scalar(shape, shapeName, el.text, path, normalize);
  }
}
