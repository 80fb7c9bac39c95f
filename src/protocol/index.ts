/**
 * The protocol layer's public surface: service detection, SigV4 scope parsing, and one codec per
 * service, each driven by that service's model (loaded on first use).
 */
import { Ec2Codec } from './ec2.js';
import { JsonCodec } from './json.js';
import { loadModel } from './model.js';
import { QueryCodec } from './query.js';
import { RestJsonCodec } from './rest-json.js';
import { RestXmlCodec } from './rest-xml.js';
import type { Codec, ProtocolName, ServiceId } from './types.js';

export type { Codec, DetectedService, HttpRequest, HttpResponse, ParsedRequest, ProtocolName, ServiceId } from './types.js';
export { detectService, DEFAULT_REGION } from './detect.js';
export { parseSigV4, type SigV4Scope } from './sigv4.js';
export { loadModel, type Model } from './model.js';

/** Each service's protocol and API version, as its model's metadata states (kept here so that asking does not load a model). */
const SERVICES: Readonly<Record<ServiceId, { readonly protocol: ProtocolName; readonly version: string }>> = {
  ec2: { protocol: 'ec2', version: '2016-11-15' },
  elbv2: { protocol: 'query', version: '2015-12-01' },
  apigateway: { protocol: 'rest-json', version: '2015-07-09' },
  apigatewayv2: { protocol: 'rest-json', version: '2018-11-29' },
  route53: { protocol: 'rest-xml', version: '2013-04-01' },
  acm: { protocol: 'json', version: '2015-12-08' },
  cloudformation: { protocol: 'query', version: '2010-05-15' },
  sts: { protocol: 'query', version: '2011-06-15' },
};

export const SERVICE_IDS = Object.keys(SERVICES) as ServiceId[];

export function protocolOf(service: ServiceId): ProtocolName {
  return SERVICES[service].protocol;
}

export function serviceVersion(service: ServiceId): string {
  return SERVICES[service].version;
}

const codecs = new Map<ServiceId, Codec>();

/** The codec of a service, created once; its model loads on the first parse or serialize. */
export function getCodec(service: ServiceId): Codec {
  let codec = codecs.get(service);
  if (!codec) {
    codec = createCodec(service);
    codecs.set(service, codec);
  }
  return codec;
}

function createCodec(service: ServiceId): Codec {
  switch (protocolOf(service)) {
    case 'query':
      return new QueryCodec(service);
    case 'ec2':
      return new Ec2Codec(service);
    case 'rest-json':
      return new RestJsonCodec(service);
    case 'rest-xml':
      return new RestXmlCodec(service);
    case 'json':
      return new JsonCodec(service);
  }
}

/** True when the service's model has the operation (implemented by localvpc or not). */
export function operationExists(service: ServiceId, operation: string): boolean {
  return loadModel(service).operation(operation) !== undefined;
}

/** Every operation name of a service's model. */
export function operationNames(service: ServiceId): string[] {
  return Object.keys(loadModel(service).doc.operations);
}
