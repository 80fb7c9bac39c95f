/**
 * awsJson1_1 (ACM): `POST /` with `X-Amz-Target: CertificateManager.<Op>` and a JSON body keyed by
 * member name (aws-protocols.md §6).
 *
 *   success  200 application/x-amz-json-1.1, JSON body (`{}` when the output is empty)
 *   error    status, `x-amzn-ErrorType: <Code>` and body `{"__type":"<Code>","message":"…"}`
 *
 * `__type` goes in the body AND the header: botocore reads only the body, v3 prefers the header.
 * An unknown target is 400 UnknownOperationException, as AWS answers (§6).
 */
import { AwsError } from '../kernel/errors.js';
import { JsonTypeError, readJsonStructure, writeJsonStructure } from './json-value.js';
import { loadModel, type Model, type Shape } from './model.js';
import type { Codec, HttpRequest, HttpResponse, ParsedRequest, ServiceId } from './types.js';
import { coralMessage, validateInput } from './validate.js';
import { isEnvelopeMember, resolveWireError, safeModel } from './wire-error.js';

export const JSON_UNKNOWN_OPERATION = 'UnknownOperationException';

export class JsonCodec implements Codec {
  readonly protocol = 'json' as const;
  private readonly service: ServiceId;
  private loaded: Model | undefined;

  constructor(service: ServiceId) {
    this.service = service;
  }

  private get model(): Model {
    return (this.loaded ??= loadModel(this.service));
  }

  private get contentType(): string {
    return `application/x-amz-json-${this.model.metadata.jsonVersion ?? '1.1'}`;
  }

  parse(req: HttpRequest): ParsedRequest {
    const model = this.model;
    const target = req.headers['x-amz-target'];
    if (!target) throw new AwsError(JSON_UNKNOWN_OPERATION, 'The request has no X-Amz-Target header.', 400);
    const dot = target.lastIndexOf('.');
    const prefix = dot === -1 ? '' : target.slice(0, dot);
    const operation = target.slice(dot + 1);
    const op = prefix === model.metadata.targetPrefix ? model.operation(operation) : undefined;
    if (!op) throw new AwsError(JSON_UNKNOWN_OPERATION, `${target} is not an operation of ${model.metadata.targetPrefix}.`, 400);
    if (!op.input) return { operation, input: {} };
    const shape = model.shape(op.input.shape);
    const input = readJsonBody(model, shape, req.body);
    const violations = validateInput(model, shape, input);
    if (violations.length > 0) throw new AwsError('ValidationException', coralMessage(violations), 400);
    return { operation, input };
  }

  serialize(operation: string, output: Record<string, unknown> | undefined, requestId: string): HttpResponse {
    const model = this.model;
    const op = model.operation(operation);
    if (!op) throw new Error(`${this.service} has no operation ${operation}`);
    const body = op.output ? JSON.stringify(writeJsonStructure(model, model.shape(op.output.shape), output ?? {}, false)) : '{}';
    return { status: 200, headers: { 'Content-Type': this.contentType, 'x-amzn-RequestId': requestId }, body };
  }

  serializeError(error: AwsError, requestId: string): HttpResponse {
    const model = safeModel(() => this.model);
    const e = resolveWireError(model, error, JSON_UNKNOWN_OPERATION);
    const body: Record<string, unknown> = { __type: e.code, message: e.message };
    if (model && e.shape && e.extra) {
      try {
        const extra = writeJsonStructure(model, e.shape, e.extra, false);
        for (const [k, v] of Object.entries(extra)) if (!isEnvelopeMember(k)) body[k] = v;
      } catch {
        // An extra of the wrong kind is dropped rather than failing the error response.
      }
    }
    const contentType = model ? this.contentType : 'application/x-amz-json-1.1';
    return { status: e.status, headers: { 'Content-Type': contentType, 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': e.code }, body: JSON.stringify(body) };
  }
}

/** Parses a JSON request body (empty means `{}`) into the input shape; SerializationException when it is not JSON of the right types. */
export function readJsonBody(model: Model, shape: Shape, body: Buffer, bodyOnly = false): Record<string, unknown> {
  const text = body.toString('utf8');
  let doc: unknown = {};
  if (text.trim() !== '') {
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new AwsError('SerializationException', `The request body is not valid JSON: ${(e as Error).message}`, 400);
    }
  }
  try {
    return readJsonStructure(model, shape, doc, '', bodyOnly);
  } catch (e) {
    if (e instanceof JsonTypeError) throw new AwsError('SerializationException', e.message, 400);
    throw e;
  }
}
