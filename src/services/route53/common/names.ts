/**
 * DNS names as Route 53 stores and shows them (ec2-route53-acm.md §2.9, DomainNameFormat.html):
 * fully qualified with a trailing dot, letters lowercase, every character other than `a-z`, `0-9`,
 * `-` and `_` written as a `\ooo` octal escape (`*.example.com` → `\052.example.com.`). Input may
 * omit the trailing dot and may use `\ooo` or `\X` escapes itself; both spellings name the same
 * record.
 *
 * Limits (RFC 1035): a label holds at most 63 octets and a name at most 255 on the wire.
 */

/** A name that cannot be a DNS name; `fatal()` is Route 53's wording for it. */
export class DnsNameError extends Error {
  readonly problem: string;
  readonly description: string;
  readonly text: string;

  constructor(problem: string, description: string, text: string) {
    super(`FATAL problem: ${problem} (${description}) encountered with '${text}'`);
    this.problem = problem;
    this.description = description;
    this.text = text;
  }
}

const MAX_LABEL = 63;
const MAX_NAME = 255;

/** The octets of each label; throws DnsNameError. The root (`.`) and empty labels are refused. */
export function parseLabels(input: string): number[][] {
  const labels: number[][] = [[]];
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    const current = labels[labels.length - 1]!;
    if (c === '\\') {
      const octal = /^[0-7]{3}/.exec(input.slice(i + 1))?.[0];
      if (octal !== undefined && parseInt(octal, 8) <= 255) {
        current.push(parseInt(octal, 8));
        i += 3;
      } else if (i + 1 < input.length) {
        current.push(input.charCodeAt(i + 1));
        i += 1;
      } else {
        // Wording [infer]: a lone trailing backslash escapes nothing.
        throw new DnsNameError('InvalidEscape', 'Escape character at end of name', input);
      }
      continue;
    }
    if (c === '.') {
      labels.push([]);
      continue;
    }
    const code = input.charCodeAt(i);
    // Route 53 wants printable ASCII; other characters must be escaped or Punycoded. Wording [infer].
    if (code < 0x21 || code > 0x7e) throw new DnsNameError('InvalidCharacter', 'Character is not allowed in a domain name', input);
    current.push(code);
  }
  if (labels.length > 1 && labels[labels.length - 1]!.length === 0) labels.pop();
  // `DomainLabelEmpty (Domain label is empty)` is AWS's text (§2.5, [obs]); the others [infer].
  if (labels.some((l) => l.length === 0)) throw new DnsNameError('DomainLabelEmpty', 'Domain label is empty', input);
  if (labels.some((l) => l.length > MAX_LABEL)) throw new DnsNameError('DomainLabelTooLong', 'Domain label is too long', input);
  if (labels.reduce((n, l) => n + l.length + 1, 1) > MAX_NAME) throw new DnsNameError('DomainNameTooLong', 'Domain name is too long', input);
  return labels;
}

function isPlain(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x5f;
}

function encodeLabel(octets: readonly number[]): string {
  let out = '';
  for (let code of octets) {
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    out += isPlain(code) ? String.fromCharCode(code) : `\\${code.toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** The stored form of a name: `API.Example.com` → `api.example.com.`; throws DnsNameError. */
export function normalizeDnsName(input: string): string {
  return `${parseLabels(input).map(encodeLabel).join('.')}.`;
}

/** The name without its trailing dot (for messages that quote a name as given). */
export function withoutTrailingDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Sort key with the labels reversed: `www.example.com.` → `com.example.www.` (§2.3, §2.8). */
export function reversedName(name: string): string {
  return `${withoutTrailingDot(name).split('.').reverse().join('.')}.`;
}

/** Stored names only: whether `name` is `zone` or lies under it. */
export function isWithin(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** Stored names only: a wildcard is `*` as the whole leftmost label (§2.9). */
export function isWildcard(name: string): boolean {
  return name.startsWith('\\052.');
}

/** Compares ASCII strings by code unit (Route 53 sorts in ASCII order). */
export function asciiCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
