/**
 * IAM wildcard patterns: `*` matches any run of characters (including none, and including `/`
 * and `:`), `?` matches exactly one character. Used by Action/Resource elements and by the
 * StringLike and Arn* condition operators.
 *
 * Policy variables: in a policy whose Version is `2012-10-17`, `${...}` is a policy variable.
 * The three escapes `${*}`, `${?}` and `${$}` stand for a literal `*`, `?` and `$` (IAM User
 * Guide, "IAM policy elements: Variables and tags", special characters). Every other variable
 * is refused at parse time: localvpc does not substitute them, and leaving one in place would
 * silently compare against its literal text. Without a Version (or with `2008-10-17`) `${...}`
 * is plain text, as IAM treats it (IAM User Guide, "IAM JSON policy elements: Version").
 */
import { PolicyParseError } from './errors.js';

const STAR = -1;
const QMARK = -2;

/** Parse options shared by every place that reads a string that may hold wildcards/variables. */
export interface TextOptions {
  /** True when the policy's Version is 2012-10-17 (policy variables are recognised). */
  readonly variables: boolean;
  /** Where the text sits in the document, for error messages. */
  readonly where: string;
}

export interface Pattern {
  /** The text as written in the policy. */
  readonly source: string;
  test(value: string): boolean;
}

/** Code points of `text`, with `*`/`?` turned into STAR/QMARK when `wildcards` is set. */
function units(text: string, wildcards: boolean, options: TextOptions): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (options.variables && text.startsWith('${', i)) {
      const end = text.indexOf('}', i + 2);
      if (end < 0) {
        throw new PolicyParseError(`${options.where}: unterminated policy variable in ${JSON.stringify(text)}`);
      }
      const name = text.slice(i + 2, end);
      if (name === '*' || name === '?' || name === '$') {
        out.push(name.codePointAt(0)!);
        i = end + 1;
        continue;
      }
      throw new PolicyParseError(
        `${options.where}: ${JSON.stringify(text)} uses the policy variable \${${name}}; policy variables are not implemented by localvpc`,
        { notImplemented: true },
      );
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (wildcards && cp === 42) out.push(STAR);
    else if (wildcards && cp === 63) out.push(QMARK);
    else out.push(cp);
    i += width;
  }
  return out;
}

/** The literal text a value stands for (escapes resolved), for the exact-match operators. */
export function literalText(text: string, options: TextOptions): string {
  return String.fromCodePoint(...units(text, false, options));
}

function codePoints(value: string): number[] {
  const out: number[] = [];
  for (const ch of value) out.push(ch.codePointAt(0)!);
  return out;
}

/** Classic linear-space wildcard match with backtracking to the last `*`. */
function matchUnits(pattern: readonly number[], value: readonly number[]): boolean {
  let p = 0;
  let v = 0;
  let starP = -1;
  let starV = 0;
  while (v < value.length) {
    const u = pattern[p];
    if (p < pattern.length && (u === QMARK || u === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && u === STAR) {
      starP = p++;
      starV = v;
    } else if (starP >= 0) {
      p = starP + 1;
      v = ++starV;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === STAR) p++;
  return p === pattern.length;
}

/**
 * Compiles a wildcard pattern. `ignoreCase` lowercases both sides (actions are matched
 * case-insensitively, resources and StringLike values case-sensitively).
 */
export function compilePattern(text: string, options: TextOptions & { readonly ignoreCase?: boolean }): Pattern {
  const ignoreCase = options.ignoreCase ?? false;
  const raw = units(text, true, options);
  const pattern = ignoreCase ? raw.flatMap((u) => (u < 0 ? [u] : codePoints(String.fromCodePoint(u).toLowerCase()))) : raw;
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  if (!pattern.includes(STAR) && !pattern.includes(QMARK)) {
    const literal = String.fromCodePoint(...pattern);
    return { source: text, test: (value) => fold(value) === literal };
  }
  if (pattern.length === 1 && pattern[0] === STAR) return { source: text, test: () => true };
  return { source: text, test: (value) => matchUnits(pattern, codePoints(fold(value))) };
}

/**
 * ARN patterns for the Arn* condition operators: "Each of the six colon-delimited components of
 * the ARN is checked separately and each can include multi-character match wildcards (*) or
 * single-character match wildcards (?)" (IAM User Guide, "IAM JSON policy elements: Condition
 * operators", ARN condition operators). The sixth component is everything after the fifth
 * colon. A value with fewer than six components matches nothing (as
 * @cloud-copilot/iam-simulate evaluates it; [inf]).
 */
export function compileArnPattern(text: string, options: TextOptions): Pattern {
  units(text, true, options); // refuses policy variables before the colons of `${aws:...}` split them
  const parts = splitArn(text);
  if (!parts) return { source: text, test: () => false };
  const compiled = parts.map((p) => compilePattern(p, options));
  return {
    source: text,
    test: (value) => {
      const actual = splitArn(value);
      return actual !== undefined && compiled.every((c, i) => c.test(actual[i]!));
    },
  };
}

/** `arn:partition:service:region:account:resource` → its six components; undefined if fewer. */
export function splitArn(text: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let n = 0; n < 5; n++) {
    const colon = text.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  parts.push(text.slice(start));
  return parts;
}
