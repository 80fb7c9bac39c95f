/**
 * The protocol layer's contract with the gateway. A codec turns an HTTP request into an
 * operation name and a plain input object, and an output object (or an AwsError) back into an
 * HTTP response, in one AWS wire protocol, driven entirely by the service model.
 *
 * Plain objects use the model's member names (`CidrBlock`, `TagSpecifications`, `Vpc.VpcId`),
 * whatever the wire names are. Scalars are typed by the model: strings, numbers, booleans,
 * timestamps as `Date` (codecs also accept ISO strings and epoch numbers on output), blobs as
 * base64 strings, lists as arrays, maps as objects.
 */
import type { AwsError } from '../kernel/errors.js';

export interface HttpRequest {
  readonly method: string;
  /** Raw path, percent-encoded as received, without the query string. */
  readonly path: string;
  /** Raw query string without the leading `?` ('' when absent). */
  readonly rawQuery: string;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export type ProtocolName = 'query' | 'ec2' | 'rest-json' | 'rest-xml' | 'json';

/** Service ids as botocore names them. */
export type ServiceId = 'ec2' | 'elbv2' | 'apigateway' | 'apigatewayv2' | 'route53' | 'acm' | 'cloudformation' | 'sts';

export interface DetectedService {
  readonly service: ServiceId;
  /** From the SigV4 credential scope; `us-east-1` for unsigned requests. */
  readonly region: string;
  /** Access key id from the credential scope, when signed. */
  readonly accessKeyId?: string;
}

export interface ParsedRequest {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

export interface Codec {
  readonly protocol: ProtocolName;
  /** Throws AwsError (validation, serialization, unknown operation) in this protocol's terms. */
  parse(req: HttpRequest): ParsedRequest;
  serialize(operation: string, output: Record<string, unknown> | undefined, requestId: string): HttpResponse;
  /** `operation` is undefined when the request could not be parsed that far. */
  serializeError(error: AwsError, requestId: string, operation?: string): HttpResponse;
}
