/**
 * ec2Query (EC2): the awsQuery envelope with EC2's own naming and response shapes
 * (aws-protocols.md §3).
 *
 *   request   Action=CreateVpc&Version=2016-11-15&CidrBlock=…&TagSpecification.1.Tag.1.Key=Name
 *   success   <?xml…?><CreateVpcResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
 *             <requestId>…</requestId><vpc>…</vpc></CreateVpcResponse>   (no Result wrapper)
 *   error     <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
 *             (capital D in RequestID, no Type)
 *
 * The EC2 model declares no error shapes: codes are free strings (`InvalidVpcID.NotFound`) and the
 * status is the AwsError's (DryRunOperation 412). Validation follows EC2's wording: a missing
 * required parameter is `MissingParameter`, a bad value `InvalidParameterValue`, first problem only.
 */
import { AwsError } from '../kernel/errors.js';
import { loadModel, type Model } from './model.js';
import { ec2Key } from './query-input.js';
import { QUERY_UNKNOWN_OPERATION, parseQueryRequest } from './query.js';
import type { Codec, HttpRequest, HttpResponse, ParsedRequest, ServiceId } from './types.js';
import { pathParts, renderValue, type PathNode, type Violation } from './validate.js';
import { resolveWireError } from './wire-error.js';
import { writeXmlMembers } from './xml-output.js';
import { XML_DECLARATION, XmlWriter } from './xml-writer.js';

export class Ec2Codec implements Codec {
  readonly protocol = 'ec2' as const;
  private readonly service: ServiceId;
  private loaded: Model | undefined;
  private ns: string | undefined;

  constructor(service: ServiceId = 'ec2') {
    this.service = service;
  }

  private get model(): Model {
    return (this.loaded ??= loadModel(this.service));
  }

  /** The wire namespace ends in a slash although the model's `xmlNamespace` lacks it. */
  private get namespace(): string {
    if (this.ns === undefined) {
      const n = this.model.metadata.xmlNamespace ?? `http://ec2.amazonaws.com/doc/${this.model.metadata.apiVersion}`;
      this.ns = n.endsWith('/') ? n : `${n}/`;
    }
    return this.ns;
  }

  parse(req: HttpRequest): ParsedRequest {
    return parseQueryRequest(this.model, req, 'ec2', {
      conversion: (e) => new AwsError('InvalidParameterValue', `Value (${e.value}) for parameter ${e.param} is invalid. Expected ${e.expected}.`, 400),
      // EC2 reports the first problem only.
      validation: (violations) => ec2ValidationError(violations[0]!),
    });
  }

  serialize(operation: string, output: Record<string, unknown> | undefined, requestId: string): HttpResponse {
    const model = this.model;
    const op = model.operation(operation);
    if (!op) throw new Error(`${this.service} has no operation ${operation}`);
    const w = new XmlWriter();
    w.raw(XML_DECLARATION);
    w.open(`${operation}Response`, { xmlns: this.namespace });
    w.text('requestId', requestId);
    if (op.output) writeXmlMembers(w, model, model.shape(op.output.shape), output ?? {});
    w.close(`${operation}Response`);
    return { status: 200, headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }, body: w.toString() };
  }

  serializeError(error: AwsError, requestId: string): HttpResponse {
    const e = resolveWireError(undefined, error, QUERY_UNKNOWN_OPERATION);
    // EC2's code for an unexpected server failure (aws-protocols.md §8).
    const code = e.code === 'InternalFailure' ? 'InternalError' : e.code;
    const w = new XmlWriter();
    w.open('Response').open('Errors').open('Error');
    w.text('Code', code).text('Message', e.message);
    w.close('Error').close('Errors');
    w.text('RequestID', requestId);
    w.close('Response');
    return { status: e.status, headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }, body: w.toString() };
  }
}

/** `TagSpecification.1.Tag.1.Key`: the wire key of a path. */
export function ec2Path(path: PathNode | undefined): string {
  const segs: string[] = [];
  for (const part of pathParts(path)) {
    if ('member' in part) segs.push(ec2Key(part.member));
    else if ('index' in part) segs.push(String(part.index + 1));
    else segs.push(part.key);
  }
  return segs.join('.');
}

function ec2ValidationError(v: Violation): AwsError {
  const param = ec2Path(v.path);
  if (v.missing) return new AwsError('MissingParameter', `The request must contain the parameter ${param}`, 400);
  const value = v.sensitive ? '***' : renderValue(v.value);
  return new AwsError('InvalidParameterValue', `Value (${value}) for parameter ${param} is invalid. ${v.rule}`, 400);
}
