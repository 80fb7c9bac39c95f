/**
 * restXml (Route 53) (aws-protocols.md §5).
 *
 *   request   method + requestUri template (trailing slashes ignored); labels, query and header
 *             members bound by name; the other members in an XML body whose root is the input's
 *             locationName (`CreateHostedZoneRequest`)
 *   success   status from `http.responseCode`, `Location` and other header members, body
 *             `<?xml…?><OutputShapeName xmlns=ns>…</OutputShapeName>` with wrapped lists
 *   error     `<ErrorResponse xmlns=ns><Error><Type/><Code/><Message/></Error><RequestId/>`
 *
 * Route 53 ids travel prefixed (`/hostedzone/Z…`); clients strip the prefix but the server is
 * lenient and strips it again from every ResourceId/ChangeId value (labels, query, body,
 * AliasTarget.HostedZoneId).
 *
 * InvalidChangeBatch is written in the standard ErrorResponse envelope with
 * `<Code>InvalidChangeBatch</Code>`, and its `messages` as `<Messages><Message>…` inside `<Error>`.
 * Route 53 used to answer with an `<InvalidChangeBatch>` root element; it has sent the standard
 * envelope since 2024 (aws/aws-sdk-kotlin#1435), and neither botocore nor v3 can read the error
 * code from the old root (botocore gets code '', v3 'Unknown').
 *
 * Error codes: bad XML is MalformedInput, wrong types and constraint violations InvalidInput,
 * a path that matches no route 404 and "not implemented" 400, both with code InvalidAction.
 */
import { AwsError } from '../kernel/errors.js';
import { loadModel, type Model, type Shape } from './model.js';
import { ConversionError } from './query-input.js';
import { readBoundMembers, writeBoundMembers, type StringNormalizer } from './rest-bindings.js';
import { RestRouter, routeRequest } from './rest-routes.js';
import type { Codec, HttpRequest, HttpResponse, ParsedRequest, ServiceId } from './types.js';
import { coralMessage, validateInput } from './validate.js';
import { resolveWireError, safeModel } from './wire-error.js';
import { xmlErrorResponse } from './xml-error.js';
import { readXmlStructure } from './xml-input.js';
import { writeXmlMembers } from './xml-output.js';
import { XmlParseError, parseXml } from './xml-reader.js';
import { XML_DECLARATION, XmlWriter } from './xml-writer.js';

export const REST_XML_UNKNOWN_OPERATION = 'InvalidAction';

const ROUTE53_ID_PREFIX = /^\/(hostedzone|change|delegationset)\//;
const ROUTE53_ID_SHAPES = new Set(['ResourceId', 'ChangeId', 'DelegationSetId']);

/** Per-service string leniency (botocore handlers.py `fix_route53_ids`, @aws-sdk/middleware-sdk-route53). */
const NORMALIZERS: Partial<Record<ServiceId, StringNormalizer>> = {
  route53: (shapeName, value) => (ROUTE53_ID_SHAPES.has(shapeName) ? value.replace(ROUTE53_ID_PREFIX, '') : value),
};

export class RestXmlCodec implements Codec {
  readonly protocol = 'rest-xml' as const;
  private readonly service: ServiceId;
  private readonly normalize: StringNormalizer | undefined;
  private loaded: Model | undefined;
  private routerCache: RestRouter | undefined;
  private ns: string | undefined;

  constructor(service: ServiceId) {
    this.service = service;
    this.normalize = NORMALIZERS[service];
  }

  private get model(): Model {
    return (this.loaded ??= loadModel(this.service));
  }

  private get router(): RestRouter {
    return (this.routerCache ??= new RestRouter(this.model));
  }

  /** The model has no service-level namespace for restXml; the operations' input namespace is it. */
  private get namespace(): string {
    if (this.ns === undefined) {
      const model = this.model;
      const fromOp = Object.values(model.doc.operations).find((o) => o.input?.xmlNamespace)?.input?.xmlNamespace?.uri;
      this.ns = model.metadata.xmlNamespace ?? fromOp ?? `https://${model.metadata.endpointPrefix}.amazonaws.com/doc/${model.metadata.apiVersion}/`;
    }
    return this.ns;
  }

  parse(req: HttpRequest): ParsedRequest {
    const model = this.model;
    const { match, query } = routeRequest(this.router, model, req, 'InvalidInput', REST_XML_UNKNOWN_OPERATION);
    const operation = match.operation;
    const op = model.operation(operation)!;
    if (!op.input) return { operation, input: {} };
    const shape = model.shape(op.input.shape);
    let input: Record<string, unknown>;
    try {
      input = this.readBody(model, shape, op.input.locationName ?? op.input.shape, req.body);
      readBoundMembers(model, shape, { labels: match.labels, query, headers: req.headers, literalQueryKeys: match.literalQueryKeys }, input, this.normalize);
    } catch (e) {
      if (e instanceof ConversionError) throw new AwsError('InvalidInput', e.message, 400);
      throw e;
    }
    const violations = validateInput(model, shape, input);
    if (violations.length > 0) throw new AwsError('InvalidInput', coralMessage(violations), 400);
    return { operation, input };
  }

  private readBody(model: Model, shape: Shape, rootName: string, body: Buffer): Record<string, unknown> {
    if (body.length === 0) return {};
    let root;
    try {
      root = parseXml(body.toString('utf8'));
    } catch (e) {
      if (e instanceof XmlParseError) throw new AwsError('MalformedInput', `The XML you provided was not well-formed: ${e.message}.`, 400);
      throw e;
    }
    if (root.name !== rootName) throw new AwsError('MalformedInput', `${root.name} is not valid, expected ${rootName}`, 400);
    return readXmlStructure(model, shape, root, '', this.normalize);
  }

  serialize(operation: string, output: Record<string, unknown> | undefined, requestId: string): HttpResponse {
    const model = this.model;
    const op = model.operation(operation);
    if (!op) throw new Error(`${this.service} has no operation ${operation}`);
    const headers: Record<string, string> = { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId };
    let status = op.http.responseCode ?? 200;
    if (!op.output) return { status, headers, body: '' };
    const shape = model.shape(op.output.shape);
    const value = output ?? {};
    status = writeBoundMembers(model, shape, value, headers) ?? status;
    const root = op.output.locationName ?? op.output.shape;
    const w = new XmlWriter();
    w.raw(XML_DECLARATION);
    w.open(root, { xmlns: this.namespace });
    writeXmlMembers(w, model, shape, value);
    w.close(root);
    return { status, headers, body: w.toString() };
  }

  serializeError(error: AwsError, requestId: string): HttpResponse {
    const model = safeModel(() => this.model);
    const e = resolveWireError(model, error, REST_XML_UNKNOWN_OPERATION);
    let namespace: string | undefined;
    try {
      namespace = model ? this.namespace : undefined;
    } catch {
      namespace = undefined;
    }
    const body = xmlErrorResponse(model, e, namespace, requestId);
    return { status: e.status, headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }, body };
  }
}
