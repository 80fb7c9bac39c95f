/**
 * A minimal, fast XML text builder for response bodies (query, ec2 and restXml). It writes no
 * whitespace between elements, like AWS.
 */

// Control characters are matched on purpose: XML 1.0 cannot carry them.
/* eslint-disable no-control-regex */
const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const TEXT_SPECIAL_G = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const ATTR_SPECIAL = /[&<>"'\r\n\t\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const ATTR_SPECIAL_G = /[&<>"'\r\n\t\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
/* eslint-enable no-control-regex */

function replacement(ch: string): string {
  switch (ch) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case "'":
      return '&apos;';
    case '\r':
      return '&#13;';
    case '\n':
      return '&#10;';
    case '\t':
      return '&#9;';
    default:
      // Control characters are not allowed in XML 1.0 even as references; drop them.
      return '';
  }
}

/** Escapes element content (quotes stay literal, as AWS writes them: `The vpc ID 'vpc-404' …`). */
export function escapeXml(text: string): string {
  return TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIAL_G, replacement) : text;
}

/** Escapes an attribute value (quotes and whitespace characters too). */
export function escapeXmlAttribute(text: string): string {
  return ATTR_SPECIAL.test(text) ? text.replace(ATTR_SPECIAL_G, replacement) : text;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export class XmlWriter {
  private readonly parts: string[] = [];

  raw(text: string): this {
    this.parts.push(text);
    return this;
  }

  /** `<name attr="v">` (attributes written in the given order, undefined ones skipped). */
  open(name: string, attrs?: Readonly<Record<string, string | undefined>>): this {
    this.parts.push(attrs ? `<${name}${attributes(attrs)}>` : `<${name}>`);
    return this;
  }

  close(name: string): this {
    this.parts.push(`</${name}>`);
    return this;
  }

  /** `<name/>`. */
  empty(name: string, attrs?: Readonly<Record<string, string | undefined>>): this {
    this.parts.push(attrs ? `<${name}${attributes(attrs)}/>` : `<${name}/>`);
    return this;
  }

  /** `<name>text</name>`, text escaped. */
  text(name: string, text: string): this {
    this.parts.push(`<${name}>${escapeXml(text)}</${name}>`);
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}

function attributes(attrs: Readonly<Record<string, string | undefined>>): string {
  let s = '';
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) s += ` ${k}="${escapeXmlAttribute(v)}"`;
  return s;
}
