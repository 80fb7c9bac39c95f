/**
 * A small, strict XML reader for restXml request bodies (Route 53). It builds a plain element tree
 * and rejects what a request body has no business carrying: DOCTYPE declarations (so no entity
 * expansion), unknown entities, mismatched or unclosed tags, text outside the root.
 *
 * Namespaces are not resolved: element names are reduced to their local part (`r:Name` → `Name`),
 * as botocore's parsers do; `xmlns` attributes are kept as plain attributes.
 */

export interface XmlElement {
  /** Local name, prefix removed. */
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  /** The element's direct text (character data and CDATA), entities decoded. */
  text: string;
}

export class XmlParseError extends Error {}

const NAME = /^[A-Za-z_:\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*$/;
const ATTR = /\s*([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/y;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new XmlParseError('bare & in character data');
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff)) throw new XmlParseError(`invalid character reference ${whole}`);
      return String.fromCodePoint(code);
    }
    const v = PREDEFINED[ref];
    if (v === undefined) throw new XmlParseError(`undefined entity ${whole}`);
    return v;
  });
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i === -1 ? qname : qname.slice(i + 1);
}

function isBlank(text: string): boolean {
  return /^\s*$/.test(text);
}

/** Parses a whole document and returns its root element. */
export function parseXml(input: string): XmlElement {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const stack: Array<{ el: XmlElement; qname: string }> = [];
  let root: XmlElement | undefined;
  let pos = 0;
  const len = text.length;

  const until = (marker: string, what: string): number => {
    const i = text.indexOf(marker, pos);
    if (i === -1) throw new XmlParseError(`unterminated ${what}`);
    return i;
  };

  while (pos < len) {
    const lt = text.indexOf('<', pos);
    const chunkEnd = lt === -1 ? len : lt;
    if (chunkEnd > pos) {
      const chunk = text.slice(pos, chunkEnd);
      const top = stack[stack.length - 1];
      if (top) top.el.text += decodeEntities(chunk);
      else if (!isBlank(chunk)) throw new XmlParseError('text outside the root element');
      pos = chunkEnd;
      continue;
    }
    // text[pos] === '<'
    if (text.startsWith('<!--', pos)) {
      pos = until('-->', 'comment') + 3;
    } else if (text.startsWith('<![CDATA[', pos)) {
      const end = until(']]>', 'CDATA section');
      const top = stack[stack.length - 1];
      if (!top) throw new XmlParseError('CDATA outside the root element');
      top.el.text += text.slice(pos + 9, end);
      pos = end + 3;
    } else if (text.startsWith('<?', pos)) {
      pos = until('?>', 'processing instruction') + 2;
    } else if (text.startsWith('<!', pos)) {
      throw new XmlParseError('DOCTYPE and other declarations are not accepted');
    } else if (text.startsWith('</', pos)) {
      const end = until('>', 'end tag');
      const qname = text.slice(pos + 2, end).trim();
      const top = stack.pop();
      if (!top || top.qname !== qname) throw new XmlParseError(`unexpected end tag </${qname}>`);
      pos = end + 1;
    } else {
      pos = readStartTag();
    }
  }
  if (stack.length > 0) throw new XmlParseError(`unclosed element <${stack[stack.length - 1]!.qname}>`);
  if (!root) throw new XmlParseError('no root element');
  return root;

  function readStartTag(): number {
    let i = pos + 1;
    while (i < len && !/[\s/>]/.test(text[i]!)) i++;
    const qname = text.slice(pos + 1, i);
    if (!NAME.test(qname)) throw new XmlParseError(`invalid element name '${qname.slice(0, 50)}'`);
    const attributes: Record<string, string> = {};
    for (;;) {
      ATTR.lastIndex = i;
      const m = ATTR.exec(text);
      if (!m) break;
      attributes[m[1]!] = decodeEntities(m[3] ?? m[4] ?? '');
      i = ATTR.lastIndex;
    }
    while (i < len && /\s/.test(text[i]!)) i++;
    let selfClosing = false;
    if (text[i] === '/') {
      selfClosing = true;
      i++;
    }
    if (text[i] !== '>') throw new XmlParseError(`malformed start tag <${qname}`);
    const el: XmlElement = { name: localName(qname), attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.el.children.push(el);
    else if (root) throw new XmlParseError('more than one root element');
    else root = el;
    if (!selfClosing) stack.push({ el, qname });
    return i + 1;
  }
}
