/**
 * awsQuery (ELBv2, CloudFormation, STS): form-encoded requests, XML responses
 * (aws-protocols.md §2).
 *
 *   request   POST /  Action=<Op>&Version=<apiVersion>&Names.member.1=a   (or the same in a GET query)
 *   success   200 <OpResponse xmlns=ns><OpResult>…</OpResult><ResponseMetadata><RequestId>…
 *   error     <ErrorResponse xmlns=ns><Error><Type/><Code/><Message/></Error><RequestId/>
 *
 * The `<OpResult>` wrapper is always written when the operation has an output, even an empty one:
 * botocore raises KeyError without it. Operations with no output at all (CloudFormation
 * DeleteStack) answer with ResponseMetadata only.
 */
import { AwsError } from '../kernel/errors.js';
import { FormError, requestParams } from './form.js';
import { loadModel, type Model } from './model.js';
import { ConversionError, buildParamTree, readQueryInput, type QueryDialect } from './query-input.js';
import type { Codec, HttpRequest, HttpResponse, ParsedRequest, ServiceId } from './types.js';
import { coralMessage, validateInput, type Violation } from './validate.js';
import { resolveWireError, safeModel } from './wire-error.js';
import { xmlErrorResponse } from './xml-error.js';
import { writeXmlMembers } from './xml-output.js';
import { XmlWriter } from './xml-writer.js';

/** The awsQuery answer for an action the service does not have, and for "not implemented". */
export const QUERY_UNKNOWN_OPERATION = 'InvalidAction';

export class QueryCodec implements Codec {
  readonly protocol = 'query' as const;
  private readonly service: ServiceId;
  private loaded: Model | undefined;

  constructor(service: ServiceId) {
    this.service = service;
  }

  private get model(): Model {
    return (this.loaded ??= loadModel(this.service));
  }

  parse(req: HttpRequest): ParsedRequest {
    return parseQueryRequest(this.model, req, 'query', {
      conversion: (e) => new AwsError('ValidationError', e.message, 400),
      validation: (violations) => new AwsError('ValidationError', coralMessage(violations), 400),
    });
  }

  serialize(operation: string, output: Record<string, unknown> | undefined, requestId: string): HttpResponse {
    const model = this.model;
    const op = model.operation(operation);
    if (!op) throw new Error(`${this.service} has no operation ${operation}`);
    const w = new XmlWriter();
    w.open(`${operation}Response`, { xmlns: model.metadata.xmlNamespace });
    if (op.output) {
      const wrapper = op.output.resultWrapper ?? `${operation}Result`;
      w.open(wrapper);
      writeXmlMembers(w, model, model.shape(op.output.shape), output ?? {});
      w.close(wrapper);
    }
    w.open('ResponseMetadata').text('RequestId', requestId).close('ResponseMetadata');
    w.close(`${operation}Response`);
    return { status: 200, headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }, body: w.toString() };
  }

  serializeError(error: AwsError, requestId: string): HttpResponse {
    const model = safeModel(() => this.model);
    const e = resolveWireError(model, error, QUERY_UNKNOWN_OPERATION);
    const body = xmlErrorResponse(model, e, model?.metadata.xmlNamespace, requestId);
    return { status: e.status, headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }, body };
  }
}

/**
 * Reads `Action` and `Version` (shared by awsQuery and ec2Query). A Version other than the
 * model's (classic ELB's 2012-06-01 signed as `elasticloadbalancing`) is not served here.
 */
export function readEnvelope(req: HttpRequest, model: Model): { action: string; params: Map<string, string> } {
  let params: Map<string, string>;
  try {
    params = requestParams(req);
  } catch (e) {
    // AWS's common error for a query string it cannot parse (CommonErrors: MalformedQueryString, 404).
    if (e instanceof FormError) throw new AwsError('MalformedQueryString', `The request could not be parsed: ${e.message}.`, 404);
    throw e;
  }
  const action = params.get('Action');
  if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action.', 400);
  const version = params.get('Version');
  if (!version) throw new AwsError('MissingParameter', 'The request must contain the parameter Version.', 400);
  if (version !== model.metadata.apiVersion) {
    throw new AwsError(
      QUERY_UNKNOWN_OPERATION,
      `${action} (API version ${version}) is not implemented by localvpc: it serves ${model.metadata.endpointPrefix} API version ${model.metadata.apiVersion} only.`,
      400,
    );
  }
  return { action, params };
}

/** How a dialect words a rejected request: a value of the wrong type, or constraint violations. */
export interface QueryErrorWording {
  conversion(e: ConversionError): AwsError;
  validation(violations: readonly Violation[]): AwsError;
}

/**
 * Parses one awsQuery or ec2Query request: the Action/Version envelope, the operation, the input
 * tree, typing and validation. The dialects differ in key names (query-input.ts) and in the
 * wording of rejections, which each codec supplies.
 */
export function parseQueryRequest(model: Model, req: HttpRequest, dialect: QueryDialect, wording: QueryErrorWording): ParsedRequest {
  const { action, params } = readEnvelope(req, model);
  const op = model.operation(action);
  if (!op) throw new AwsError(QUERY_UNKNOWN_OPERATION, `The action ${action} is not valid for this web service.`, 400);
  if (!op.input) return { operation: action, input: {} };
  const shape = model.shape(op.input.shape);
  let input: Record<string, unknown>;
  try {
    input = readQueryInput(model, shape, buildParamTree(params), dialect);
  } catch (e) {
    if (e instanceof ConversionError) throw wording.conversion(e);
    throw e;
  }
  const violations = validateInput(model, shape, input);
  if (violations.length > 0) throw wording.validation(violations);
  return { operation: action, input };
}
