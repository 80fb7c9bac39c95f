/**
 * The mapping-template subset localvpc renders (apigateway-rest.md §2.7, §2.7b) and the
 * parameter-mapping expressions (`method.request.header.X`, `'literal'`, ...; §1.6).
 *
 * Supported references, in plain (`$a.b`), quiet (`$!a.b`) and formal (`${a.b}`, `$!{a.b}`) form:
 * `$context.<a>[.<b>]`, `$stageVariables.<name>`, `$input.body`, `$input.json('<jsonpath>')`,
 * `$input.path('<jsonpath>')`, `$input.params()` / `$input.params('<name>')`, and `$util.`
 * `escapeJavaScript`, `urlEncode`, `urlDecode`, `base64Encode`, `base64Decode`. A reference to
 * anything else renders as empty text. `##` and `#* *#` comments and `#[[ ]]#` unparsed blocks
 * are honoured; every directive (`#set`, `#if`, `#foreach`, ...) throws
 * {@link UnsupportedTemplateError} (the caller answers 500).
 *
 * Identifier syntax follows Velocity 1.x (letters, digits, `-`, `_`; starts with a letter), the
 * engine API Gateway templates are written for [inf].
 */
import type { HeaderPair } from './headers.js';

// ---------------------------------------------------------------------------------------------
// Variables

export interface TemplateIdentity {
  readonly sourceIp: string;
  readonly userAgent: string;
  /** Private APIs: the VPC endpoint the request came through, and its VPC. */
  readonly vpceId?: string;
  readonly vpcId?: string;
}

/** `$context.error.*` in gateway-response templates (§2.2). */
export interface TemplateErrorContext {
  readonly message: string;
  /** The message as a JSON string literal, quotes included (§2.2 default template). */
  readonly messageString: string;
  readonly responseType: string;
}

/** `$context` (§2.7b lists the fields of the Lambda proxy `requestContext`, the same set). */
export interface TemplateContext {
  readonly requestId: string;
  readonly extendedRequestId: string;
  readonly apiId: string;
  readonly stage: string;
  /** Absent before routing picked a resource (e.g. in a Missing Authentication Token response). */
  readonly resourceId?: string;
  readonly resourcePath?: string;
  readonly httpMethod: string;
  /** The request path including the stage, e.g. `/test/pets/1`. */
  readonly path: string;
  /** e.g. `HTTP/1.1`. */
  readonly protocol: string;
  /** CLF time, e.g. `09/Apr/2015:12:34:56 +0000`. */
  readonly requestTime: string;
  readonly requestTimeEpoch: number;
  readonly domainName: string;
  /** The first label of `domainName`. */
  readonly domainPrefix?: string;
  readonly accountId: string;
  readonly identity: TemplateIdentity;
  readonly error?: TemplateErrorContext;
}

export interface TemplateParams {
  /** URL-decoded path parameters of the matched resource. */
  readonly path: Readonly<Record<string, string>>;
  /** Decoded query pairs in request order, repeats kept ({@link parseQueryString}). */
  readonly querystring: readonly HeaderPair[];
  /** Raw client headers. */
  readonly header: readonly HeaderPair[];
}

export interface TemplateInput {
  /** The request body as text. */
  readonly body: string;
  readonly params: TemplateParams;
}

export interface TemplateVariables {
  readonly context: TemplateContext;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly input: TemplateInput;
}

// ---------------------------------------------------------------------------------------------
// Errors (the caller maps each to a response)

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** A directive or JSONPath form localvpc does not implement: the caller answers 500. */
export class UnsupportedTemplateError extends TemplateError {
  override name = 'UnsupportedTemplateError';
}

/**
 * The request body is not JSON although the template reads it with `$input.json`/`$input.path`.
 * AWS answers 400 with a message starting `Could not parse request body into json:` [inf].
 */
export class TemplateBodyError extends TemplateError {
  override name = 'TemplateBodyError';
}

// ---------------------------------------------------------------------------------------------
// Lookups shared with parameter mappings

/** The last value of `name` in `pairs` (repeated query keys and headers: last one wins [inf]). */
function lastValue(pairs: readonly HeaderPair[], name: string): string | undefined {
  for (let i = pairs.length - 1; i >= 0; i--) if (pairs[i]![0] === name) return pairs[i]![1];
  return undefined;
}

/**
 * A header value by name. §2.5 says header names are matched case-sensitively [doc]; HTTP/2
 * clients send lower-case names, so an exact match is tried first and a case-insensitive one
 * second [inf].
 */
export function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  const exact = lastValue(headers, name);
  if (exact !== undefined) return exact;
  const wanted = name.toLowerCase();
  for (let i = headers.length - 1; i >= 0; i--) if (headers[i]![0].toLowerCase() === wanted) return headers[i]![1];
  return undefined;
}

/** `a=1&b=%20x&a=2` → `[['a','1'],['b',' x'],['a','2']]` (form decoding: `+` is a space). */
/**
 * Template parameters whose query pairs are parsed on first use: most requests (HTTP_PROXY
 * without query mappings) never read them.
 */
export function lazyParams(path: Readonly<Record<string, string>>, rawQuery: string, header: readonly HeaderPair[]): TemplateParams {
  let querystring: HeaderPair[] | undefined;
  return {
    path,
    header,
    get querystring() {
      return (querystring ??= parseQueryString(rawQuery));
    },
  };
}

export function parseQueryString(raw: string): HeaderPair[] {
  const out: HeaderPair[] = [];
  if (raw.startsWith('?')) raw = raw.slice(1);
  if (raw === '') return out;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    out.push([formDecode(key), formDecode(value)]);
  }
  return out;
}

function formDecode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

function objectProperty(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** `a.b` walked over plain objects (`$context.identity.sourceIp`, `context.identity.sourceIp`). */
function dottedProperty(root: unknown, dotted: string): unknown {
  let value = root;
  for (const key of dotted.split('.')) {
    value = objectProperty(value, key);
    if (value === undefined) return undefined;
  }
  return value;
}

/**
 * The value of a parameter-mapping source expression (§1.6 [doc]): `'literal'`,
 * `method.request.path.X`, `method.request.querystring.X`, `method.request.header.X`,
 * `stageVariables.X`, `context.X[.Y]`. `undefined` when the source has no value (the mapping is
 * then skipped) or the expression is not one of these.
 */
export function resolveMappingExpression(expression: string, vars: TemplateVariables): string | undefined {
  if (expression.length >= 2 && expression.startsWith("'") && expression.endsWith("'")) return expression.slice(1, -1);
  const params = vars.input.params;
  const after = (prefix: string): string | undefined => (expression.startsWith(prefix) ? expression.slice(prefix.length) : undefined);
  let name: string | undefined;
  if ((name = after('method.request.path.')) !== undefined) return objectProperty(params.path, name) as string | undefined;
  if ((name = after('method.request.querystring.')) !== undefined) return lastValue(params.querystring, name);
  if ((name = after('method.request.header.')) !== undefined) return headerValue(params.header, name);
  if ((name = after('stageVariables.')) !== undefined) return objectProperty(vars.stageVariables, name) as string | undefined;
  if ((name = after('context.')) !== undefined) {
    const value = dottedProperty(vars.context, name);
    return value === undefined || value === null || typeof value === 'object' ? undefined : String(value);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Parsing

type Node = string | Reference;

interface Reference {
  readonly source: string;
  readonly root: string;
  readonly steps: readonly Step[];
}

type Step =
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Argument[] }
  | { readonly kind: 'index'; readonly arg: Argument };

type Argument =
  | { readonly kind: 'value'; readonly value: string | number | boolean }
  | { readonly kind: 'reference'; readonly reference: Reference }
  | { readonly kind: 'interpolated'; readonly nodes: readonly Node[] };

/** Velocity 1.x directive names [inf]; `#name` for any other name is plain text. */
const DIRECTIVES = new Set([
  'set', 'if', 'elseif', 'else', 'end', 'foreach', 'break', 'stop', 'macro', 'parse', 'include', 'evaluate', 'define',
]);

const isLetter = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentifierPart = (c: string | undefined): boolean => isLetter(c) || isDigit(c) || c === '-' || c === '_';

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseNodes(): Node[] {
    const nodes: Node[] = [];
    let literal = '';
    const { text } = this;
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (c === '$') {
        const start = this.pos;
        const reference = this.reference();
        if (reference) {
          if (literal) nodes.push(literal);
          literal = '';
          nodes.push(reference);
        } else {
          this.pos = start + 1;
          literal += '$';
        }
      } else if (c === '#') {
        literal += this.hash();
      } else {
        literal += c;
        this.pos++;
      }
    }
    if (literal) nodes.push(literal);
    return nodes;
  }

  /** Handles a `#`: comments vanish, `#[[...]]#` is literal, directives throw. Returns the text to emit. */
  private hash(): string {
    const { text } = this;
    const next = text[this.pos + 1];
    if (next === '#') {
      const eol = text.indexOf('\n', this.pos);
      this.pos = eol < 0 ? text.length : eol + 1;
      return '';
    }
    if (next === '*') {
      const close = text.indexOf('*#', this.pos + 2);
      this.pos = close < 0 ? text.length : close + 2;
      return '';
    }
    if (next === '[' && text[this.pos + 2] === '[') {
      const close = text.indexOf(']]#', this.pos + 3);
      const end = close < 0 ? text.length : close;
      const raw = text.slice(this.pos + 3, end);
      this.pos = close < 0 ? text.length : close + 3;
      return raw;
    }
    let p = this.pos + 1;
    if (text[p] === '{') p++; // the braced form #{if}
    const at = text[p] === '@';
    if (at) p++;
    let name = '';
    while (isLetter(text[p])) name += text[p++];
    if (at ? name !== '' : DIRECTIVES.has(name)) {
      throw new UnsupportedTemplateError(`mapping template directive #${at ? '@' : ''}${name} is not implemented by localvpc`);
    }
    this.pos++;
    return '#';
  }

  private identifier(): string | undefined {
    const { text } = this;
    if (!isLetter(text[this.pos])) return undefined;
    const start = this.pos;
    while (isIdentifierPart(text[this.pos])) this.pos++;
    return text.slice(start, this.pos);
  }

  /** Parses a reference at `$`; `undefined` (position unspecified) when the text is not one. */
  private reference(): Reference | undefined {
    const { text } = this;
    const start = this.pos;
    this.pos++;
    if (text[this.pos] === '!') this.pos++;
    const formal = text[this.pos] === '{';
    if (formal) this.pos++;
    const root = this.identifier();
    if (root === undefined) return undefined;
    const steps: Step[] = [];
    for (;;) {
      const c = text[this.pos];
      if (c === '.' && isLetter(text[this.pos + 1])) {
        this.pos++;
        const name = this.identifier()!;
        if (text[this.pos] === '(') steps.push({ kind: 'call', name, args: this.argumentList() });
        else steps.push({ kind: 'property', name });
      } else if (c === '[') {
        const save = this.pos;
        this.pos++;
        this.whitespace();
        const arg = this.argument();
        this.whitespace();
        if (arg && text[this.pos] === ']') {
          this.pos++;
          steps.push({ kind: 'index', arg });
        } else {
          this.pos = save;
          break;
        }
      } else {
        break;
      }
    }
    if (formal) {
      if (text[this.pos] !== '}') return undefined;
      this.pos++;
    }
    return { source: text.slice(start, this.pos), root, steps };
  }

  private whitespace(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  /** `( arg, arg )` at `(`; a malformed list is a template error. */
  private argumentList(): Argument[] {
    const open = this.pos;
    this.pos++;
    const args: Argument[] = [];
    this.whitespace();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return args;
    }
    for (;;) {
      this.whitespace();
      const arg = this.argument();
      this.whitespace();
      if (!arg) break;
      args.push(arg);
      const c = this.text[this.pos];
      this.pos++;
      if (c === ')') return args;
      if (c !== ',') break;
    }
    throw new TemplateError(`mapping template: malformed argument list at ${JSON.stringify(this.text.slice(open, open + 40))}`);
  }

  private argument(): Argument | undefined {
    const { text } = this;
    const c = text[this.pos];
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, this.pos + 1);
      if (close < 0) return undefined;
      const body = text.slice(this.pos + 1, close);
      this.pos = close + 1;
      // Velocity interpolates double-quoted string literals, not single-quoted ones.
      return c === "'" ? { kind: 'value', value: body } : { kind: 'interpolated', nodes: new Parser(body).parseNodes() };
    }
    if (c === '$') {
      const reference = this.reference();
      return reference ? { kind: 'reference', reference } : undefined;
    }
    const number = /^-?\d+(\.\d+)?/.exec(text.slice(this.pos, this.pos + 32));
    if (number) {
      this.pos += number[0].length;
      return { kind: 'value', value: Number(number[0]) };
    }
    for (const word of ['true', 'false'] as const) {
      if (text.startsWith(word, this.pos) && !isIdentifierPart(text[this.pos + word.length])) {
        this.pos += word.length;
        return { kind: 'value', value: word === 'true' };
      }
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// JSONPath (the `$`, `.name`, `['name']`, `[n]` subset)

type PathStep = string | number;

function parseJsonPath(path: string): PathStep[] {
  const unsupported = (): never => {
    throw new UnsupportedTemplateError(`JSONPath expression '${path}' is not supported by localvpc`);
  };
  const trimmed = path.trim();
  if (!trimmed.startsWith('$')) unsupported();
  const steps: PathStep[] = [];
  let p = 1;
  while (p < trimmed.length) {
    if (trimmed[p] === '.') {
      p++;
      const start = p;
      while (p < trimmed.length && trimmed[p] !== '.' && trimmed[p] !== '[') p++;
      const name = trimmed.slice(start, p);
      if (name === '' || name === '*') unsupported();
      steps.push(name);
    } else if (trimmed[p] === '[') {
      const close = trimmed.indexOf(']', p);
      if (close < 0) unsupported();
      const inner = trimmed.slice(p + 1, close).trim();
      p = close + 1;
      if (/^\d+$/.test(inner)) steps.push(Number(inner));
      else if (/^'[^']*'$/.test(inner) || /^"[^"]*"$/.test(inner)) steps.push(inner.slice(1, -1));
      else unsupported();
    } else {
      unsupported();
    }
  }
  return steps;
}

function selectJsonPath(document: unknown, path: string): unknown {
  let value = document;
  for (const step of parseJsonPath(path)) {
    if (typeof step === 'number') value = Array.isArray(value) ? value[step] : undefined;
    else value = objectProperty(value, step);
    if (value === undefined) return undefined;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// $input and $util

class InputVariable {
  private parsed: { value: unknown } | undefined;
  constructor(private readonly input: TemplateInput) {}

  /** An empty body reads as `{}` (LSX template_mapping.py, recorded behaviour [inf]). */
  body(): string {
    return this.input.body === '' ? '{}' : this.input.body;
  }

  private document(): unknown {
    if (!this.parsed) {
      const text = this.input.body.trim();
      if (text === '') {
        this.parsed = { value: {} };
      } else {
        try {
          this.parsed = { value: JSON.parse(text) as unknown };
        } catch (err) {
          throw new TemplateBodyError(`Could not parse request body into json: ${(err as Error).message}`);
        }
      }
    }
    return this.parsed.value;
  }

  /** The JSON text of the selection; a missing selection renders empty [inf]. */
  json(path: string): string {
    const value = selectJsonPath(this.document(), path === '' ? '$' : path);
    return value === undefined ? '' : JSON.stringify(value);
  }

  path(path: string): unknown {
    return selectJsonPath(this.document(), path);
  }

  /** `params('x')`: path, then querystring, then header (AWS mapping template reference); `params()`: all three as maps. */
  params(name?: string): unknown {
    const { params } = this.input;
    if (name === undefined) {
      return { path: { ...params.path }, querystring: Object.fromEntries(params.querystring), header: Object.fromEntries(params.header) };
    }
    return objectProperty(params.path, name) ?? lastValue(params.querystring, name) ?? headerValue(params.header, name) ?? '';
  }
}

/** Java `URLEncoder.encode(s, "UTF-8")`: keeps `A-Za-z0-9.-*_`, space → `+`, rest `%XX` [inf]. */
function javaUrlEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (isLetter(c) || isDigit(c) || c === '.' || c === '-' || c === '*' || c === '_') out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Java `URLDecoder.decode(s, "UTF-8")`: `+` → space, `%XX` → byte; malformed escapes are an error [inf]. */
function javaUrlDecode(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '+') bytes.push(0x20);
    else if (c === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new TemplateError(`$util.urlDecode: malformed escape in ${JSON.stringify(text)}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * `$util.escapeJavaScript`: JavaScript string escaping as Apache Commons Lang's
 * `StringEscapeUtils.escapeJavaScript` does it. AWS documents that it turns `'` into `\'` [doc:
 * API Gateway mapping template reference]; the rest (`"`, `\`, `/`, control characters, non-ASCII
 * as `\uXXXX`) is the Commons Lang behaviour [inf].
 */
function escapeJavaScript(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = text.charCodeAt(i);
    switch (c) {
      case '\b': out += '\\b'; continue;
      case '\n': out += '\\n'; continue;
      case '\t': out += '\\t'; continue;
      case '\f': out += '\\f'; continue;
      case '\r': out += '\\r'; continue;
      case "'": out += "\\'"; continue;
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '/': out += '\\/'; continue;
    }
    if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

const UTIL_FUNCTIONS: Readonly<Record<string, (text: string) => string>> = {
  escapeJavaScript,
  urlEncode: javaUrlEncode,
  urlDecode: javaUrlDecode,
  base64Encode: (text) => Buffer.from(text, 'utf8').toString('base64'),
  base64Decode: (text) => Buffer.from(text, 'base64').toString('utf8'),
};

const UTIL = Symbol('util');

// ---------------------------------------------------------------------------------------------
// Evaluation

/**
 * A value as VTL prints it: strings as-is; lists as JSON text; maps in Java's `{k=v, k2=v2}` form
 * with lists inside them as JSON (LSX template_mapping.py VTLJsonDict/VTLJsonList, built against
 * recorded AWS output [inf]); nothing → empty text.
 */
function toText(value: unknown, nested = false): string {
  if (value === undefined || value === null) return nested ? 'null' : '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'object' && !(value instanceof InputVariable)) {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${toText(v, true)}`).join(', ')}}`;
  }
  return '';
}

class Evaluator {
  private readonly input: InputVariable;
  constructor(private readonly vars: TemplateVariables) {
    this.input = new InputVariable(vars.input);
  }

  render(nodes: readonly Node[]): string {
    let out = '';
    for (const node of nodes) out += typeof node === 'string' ? node : toText(this.reference(node));
    return out;
  }

  private argument(arg: Argument): unknown {
    if (arg.kind === 'value') return arg.value;
    if (arg.kind === 'reference') return this.reference(arg.reference);
    return this.render(arg.nodes);
  }

  private reference(reference: Reference): unknown {
    let value: unknown;
    switch (reference.root) {
      case 'context': value = this.vars.context; break;
      case 'stageVariables': value = this.vars.stageVariables; break;
      case 'input': value = this.input; break;
      case 'util': value = UTIL; break;
      default: return undefined;
    }
    for (const step of reference.steps) {
      value = this.step(value, step);
      if (value === undefined) return undefined;
    }
    return value;
  }

  private step(value: unknown, step: Step): unknown {
    if (step.kind === 'index') {
      const key = this.argument(step.arg);
      if (Array.isArray(value)) return typeof key === 'number' ? value[key] : undefined;
      return typeof key === 'string' ? objectProperty(value, key) : undefined;
    }
    if (step.kind === 'property') {
      if (value === this.input) return step.name === 'body' ? this.input.body() : undefined;
      return value === UTIL ? undefined : objectProperty(value, step.name);
    }
    const args = step.args.map((arg) => this.argument(arg));
    const text = (i: number): string => toText(args[i]);
    if (value === UTIL) {
      const known = Object.prototype.hasOwnProperty.call(UTIL_FUNCTIONS, step.name);
      return known && args.length === 1 ? UTIL_FUNCTIONS[step.name]!(text(0)) : undefined;
    }
    if (value === this.input) {
      if (step.name === 'json' && args.length <= 1) return this.input.json(args.length ? text(0) : '$');
      if (step.name === 'path' && args.length === 1) return this.input.path(text(0));
      if (step.name === 'params' && args.length <= 1) return this.input.params(args.length ? text(0) : undefined);
      return undefined;
    }
    // The few Java methods templates call on plain values.
    if (step.name === 'get' && args.length === 1) {
      const key = typeof args[0] === 'number' ? args[0] : text(0);
      return this.step(value, { kind: 'index', arg: { kind: 'value', value: key } });
    }
    if (step.name === 'size' && args.length === 0) {
      if (Array.isArray(value)) return value.length;
      return value !== null && typeof value === 'object' ? Object.keys(value).length : undefined;
    }
    if (step.name === 'length' && args.length === 0) return typeof value === 'string' ? value.length : undefined;
    if (step.name === 'toString' && args.length === 0) return toText(value);
    return undefined;
  }
}

/**
 * Renders a mapping template. Throws {@link UnsupportedTemplateError} for directives and JSONPath
 * beyond the supported subset, {@link TemplateBodyError} when the template reads a non-JSON body
 * as JSON, {@link TemplateError} for malformed syntax.
 */
export function renderTemplate(template: string, vars: TemplateVariables): string {
  return new Evaluator(vars).render(new Parser(template).parseNodes());
}

/** Rejects `{"statusCode": "200"}` and out-of-range codes; AWS wants an integer [inf] (LSX integrations/mock.py). */
const asStatus = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599 ? value : undefined;

/** `statusCode: 200` in CDK's non-JSON `{statusCode: 200}`, key optionally quoted. */
const LOOSE_STATUS = /(?:^|[{,\s])(["']?)statusCode\1\s*:\s*(\d+)\s*(?=[,}\s]|$)/;

/**
 * The status a MOCK integration answers with: the integer `statusCode` of its rendered request
 * template (§2.7b [inf]), accepting JSON and the non-JSON `{statusCode: 200}` CDK writes.
 * `undefined` → the caller answers 500.
 */
export function parseMockStatus(rendered: string): number | undefined {
  const text = rendered.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return asStatus(objectProperty(parsed, 'statusCode'));
  } catch {
    const match = LOOSE_STATUS.exec(text);
    return match ? asStatus(Number(match[2])) : undefined;
  }
}
