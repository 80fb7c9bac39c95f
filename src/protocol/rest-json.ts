/**
 * restJson1 (API Gateway v1 and v2) (aws-protocols.md §4).
 *
 *   request   method + requestUri template; labels, query and header members bound by name; the
 *             other members as one JSON object, or a `payload` member sent raw (PutRestApi `body`)
 *   success   status from `http.responseCode` (201 creates, 202 deletes), JSON body; no body when
 *             the operation has no output
 *   error     status from the error shape, `x-amzn-ErrorType: NotFoundException`,
 *             body `{"message":"…"}`
 *
 * Error codes: wrong types are SerializationException, constraint violations ValidationException
 * (§8; body members are named `<op>Input.<member>` in the message, URI members are not), a path
 * that matches no route 404 UnknownOperationException, "not implemented" 400 with the same code.
 */
import { AwsError } from '../kernel/errors.js';
import { readJsonBody } from './json.js';
import { writeJsonStructure } from './json-value.js';
import { loadModel, type Model, type Shape } from './model.js';
import { lowerFirst } from './names.js';
import { ConversionError } from './query-input.js';
import { readBoundMembers, writeBoundMembers } from './rest-bindings.js';
import { RestRouter, routeRequest } from './rest-routes.js';
import type { Codec, HttpRequest, HttpResponse, ParsedRequest, ServiceId } from './types.js';
import { coralMessage, coralPath, topMember, validateInput } from './validate.js';
import { isEnvelopeMember, resolveWireError, safeModel } from './wire-error.js';

export const REST_JSON_UNKNOWN_OPERATION = 'UnknownOperationException';

export class RestJsonCodec implements Codec {
  readonly protocol = 'rest-json' as const;
  private readonly service: ServiceId;
  private loaded: Model | undefined;
  private routerCache: RestRouter | undefined;

  constructor(service: ServiceId) {
    this.service = service;
  }

  private get model(): Model {
    return (this.loaded ??= loadModel(this.service));
  }

  private get router(): RestRouter {
    return (this.routerCache ??= new RestRouter(this.model));
  }

  parse(req: HttpRequest): ParsedRequest {
    const model = this.model;
    const { match, query } = routeRequest(this.router, model, req, 'SerializationException', REST_JSON_UNKNOWN_OPERATION);
    const operation = match.operation;
    const op = model.operation(operation)!;
    if (!op.input) return { operation, input: {} };
    const shape = model.shape(op.input.shape);
    const input = readPayload(model, shape, req.body);
    try {
      readBoundMembers(model, shape, { labels: match.labels, query, headers: req.headers, literalQueryKeys: match.literalQueryKeys }, input);
    } catch (e) {
      if (e instanceof ConversionError) throw new AwsError('SerializationException', e.message, 400);
      throw e;
    }
    const violations = validateInput(model, shape, input);
    if (violations.length > 0) {
      const prefix = `${lowerFirst(operation)}Input.`;
      const message = coralMessage(violations, (path) => (topMember(path)?.ref.location ? '' : prefix) + coralPath(path));
      throw new AwsError('ValidationException', message, 400);
    }
    return { operation, input };
  }

  serialize(operation: string, output: Record<string, unknown> | undefined, requestId: string): HttpResponse {
    const model = this.model;
    const op = model.operation(operation);
    if (!op) throw new Error(`${this.service} has no operation ${operation}`);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId };
    let status = op.http.responseCode ?? 200;
    if (!op.output) return { status, headers, body: '' };
    const shape = model.shape(op.output.shape);
    const value = output ?? {};
    status = writeBoundMembers(model, shape, value, headers) ?? status;
    return { status, headers, body: writePayload(model, shape, value) };
  }

  serializeError(error: AwsError, requestId: string): HttpResponse {
    const model = safeModel(() => this.model);
    const e = resolveWireError(model, error, REST_JSON_UNKNOWN_OPERATION);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': e.code };
    const body: Record<string, unknown> = { message: e.message };
    if (model && e.shape && e.extra) {
      try {
        writeBoundMembers(model, e.shape, e.extra, headers);
        const extra = writeJsonStructure(model, e.shape, e.extra, true);
        for (const [k, v] of Object.entries(extra)) if (!isEnvelopeMember(k)) body[k] = v;
      } catch {
        // An extra of the wrong kind is dropped rather than failing the error response.
      }
    }
    return { status: e.status, headers, body: JSON.stringify(body) };
  }
}

/** Reads the body: the payload member raw (blob → base64, string → text, structure → JSON), else the JSON body members. */
function readPayload(model: Model, shape: Shape, body: Buffer): Record<string, unknown> {
  const payload = shape.payload ? model.members(shape).find((m) => m.name === shape.payload) : undefined;
  if (!payload) return readJsonBody(model, shape, body, true);
  const input: Record<string, unknown> = {};
  if (body.length === 0) return input;
  switch (payload.shape.type) {
    case 'blob':
      input[payload.name] = body.toString('base64');
      break;
    case 'string':
      input[payload.name] = body.toString('utf8');
      break;
    default:
      input[payload.name] = readJsonBody(model, payload.shape, body);
  }
  return input;
}

function writePayload(model: Model, shape: Shape, value: Record<string, unknown>): string | Buffer {
  const payload = shape.payload ? model.members(shape).find((m) => m.name === shape.payload) : undefined;
  if (!payload) return JSON.stringify(writeJsonStructure(model, shape, value, true));
  const v = value[payload.name];
  if (v === undefined || v === null) return '';
  switch (payload.shape.type) {
    case 'blob':
      if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      return Buffer.from(String(v), 'base64');
    case 'string':
      return String(v);
    default:
      return JSON.stringify(writeJsonStructure(model, payload.shape, v as Record<string, unknown>, false));
  }
}
