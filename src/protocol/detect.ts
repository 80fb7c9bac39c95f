/**
 * Which service a request on the shared endpoint is for (aws-protocols.md §1), first hit wins:
 *   1. the SigV4 credential scope's service (header or presigned query), with the two shared
 *      signing names resolved: `apigateway` is apigatewayv2 when the path starts with `/v2/`;
 *      `elasticloadbalancing` is elbv2 (see below);
 *   2. the `X-Amz-Target` prefix (`CertificateManager.` → acm);
 *   3. the query protocols' `Version` (form body or query string): never `Action` alone, since
 *      EC2, ELB and CloudFormation share action names;
 *   4. the path prefix (`/v2/`, `/2013-04-01/`, API Gateway's collections).
 * The region comes from the scope, `us-east-1` when unsigned. Nothing here loads a model.
 *
 * Classic ELB (`elasticloadbalancing`, Version 2012-06-01) is not served. Its requests still go to
 * the elbv2 codec, whose Version check answers them as an unimplemented operation (400
 * InvalidAction, "… is not implemented by localvpc"), which the aws CLI and SDKs can print; an
 * undetected request could only get a generic answer that query clients cannot parse.
 */
import { FormError, requestParams } from './form.js';
import { parseSigV4 } from './sigv4.js';
import type { DetectedService, HttpRequest, ServiceId } from './types.js';

export const DEFAULT_REGION = 'us-east-1';

/** X-Amz-Target prefix → service (awsJson services). */
const TARGET_PREFIXES: Readonly<Record<string, ServiceId>> = { CertificateManager: 'acm' };

/** Query-protocol `Version` → service. */
const QUERY_VERSIONS: Readonly<Record<string, ServiceId>> = {
  '2016-11-15': 'ec2',
  '2015-12-01': 'elbv2',
  '2012-06-01': 'elbv2', // classic ELB: answered "not implemented" by the elbv2 codec
  '2010-05-15': 'cloudformation',
  '2011-06-15': 'sts',
};

/** First path segments of API Gateway v1's operations (aws-protocols.md §1 table). */
const APIGATEWAY_COLLECTIONS = new Set([
  'restapis',
  'vpclinks',
  'domainnames',
  'domainnameaccessassociations',
  'rejectdomainnameaccessassociations',
  'apikeys',
  'usageplans',
  'account',
  'tags',
  'clientcertificates',
  'sdktypes',
]);

function fromSigningName(name: string, req: HttpRequest): ServiceId | undefined {
  switch (name) {
    case 'ec2':
    case 'route53':
    case 'acm':
    case 'cloudformation':
    case 'sts':
      return name;
    case 'elasticloadbalancing':
      return 'elbv2';
    case 'apigateway':
      return req.path.startsWith('/v2/') ? 'apigatewayv2' : 'apigateway';
    default:
      return undefined;
  }
}

function fromTarget(req: HttpRequest): ServiceId | undefined {
  const target = req.headers['x-amz-target'];
  if (!target) return undefined;
  const dot = target.indexOf('.');
  const prefix = dot === -1 ? target : target.slice(0, dot);
  return Object.hasOwn(TARGET_PREFIXES, prefix) ? TARGET_PREFIXES[prefix] : undefined;
}

function fromQueryVersion(req: HttpRequest): ServiceId | undefined {
  if (req.rawQuery === '' && req.body.length === 0) return undefined;
  let version: string | undefined;
  try {
    version = requestParams(req).get('Version');
  } catch (e) {
    if (e instanceof FormError) return undefined;
    throw e;
  }
  return version !== undefined && Object.hasOwn(QUERY_VERSIONS, version) ? QUERY_VERSIONS[version] : undefined;
}

function fromPath(path: string): ServiceId | undefined {
  if (path.startsWith('/v2/')) return 'apigatewayv2';
  if (path.startsWith('/2013-04-01/')) return 'route53';
  const end = path.indexOf('/', 1);
  const first = path.slice(1, end === -1 ? undefined : end);
  return APIGATEWAY_COLLECTIONS.has(first) ? 'apigateway' : undefined;
}

/** Detects the service of a request; undefined when no supported service claims it. */
export function detectService(req: HttpRequest): DetectedService | undefined {
  const scope = parseSigV4(req);
  const service = (scope && fromSigningName(scope.service, req)) ?? fromTarget(req) ?? fromQueryVersion(req) ?? fromPath(req.path);
  if (!service) return undefined;
  return scope ? { service, region: scope.region ?? DEFAULT_REGION, accessKeyId: scope.accessKeyId } : { service, region: DEFAULT_REGION };
}
