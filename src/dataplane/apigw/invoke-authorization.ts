/**
 * Who may invoke: the API's resource policy (from the serving deployment), the VPC endpoint
 * policy of the endpoint a request came through, and a PRIVATE custom domain's policy
 * (apigateway-rest.md §2.8, §3; checklist 34–35). Every caller is `anonymous` here (localvpc
 * verifies no SigV4 signatures), evaluated for `execute-api:Invoke` by src/policy.
 *
 * Combination, IAM's order for one request ("Policy evaluation logic"): an explicit Deny in any
 * policy wins, then every policy that applies must allow:
 * 1. explicit deny in the endpoint policy → `… with an explicit deny in a VPC endpoint policy`;
 * 2. explicit deny in the resource policy → `… with an explicit deny` (§2.2 [doc] KC403);
 * 3. no Allow in the endpoint policy → `… because no VPC endpoint policy allows the
 *    execute-api:Invoke action`;
 * 4. no Allow in the resource policy → `User: anonymous is not authorized to perform:
 *    execute-api:Invoke on resource: {arn}` (§2.2 [obs]). A PRIVATE API without a resource
 *    policy fails every call this way (§2.8 [doc]); other APIs without one are open.
 * The endpoint-policy wordings are IAM's documented access-denied message forms for VPC endpoint
 * policies; that API Gateway uses them is [infer]. ARNs in messages show the account masked to
 * its last four digits (`********0000`, §2.2 [obs]).
 *
 * Condition keys (§2.8 [doc]): `aws:SourceIp`, `aws:SecureTransport`, `aws:UserAgent`,
 * `aws:Referer`, `aws:CurrentTime`, `aws:EpochTime`; through an endpoint also `aws:SourceVpce`
 * (the endpoint id), `aws:SourceVpc` (the endpoint's VPC) and `aws:VpcSourceIp`. Through an
 * endpoint the source address is the caller's private address as the endpoint sees it: for an
 * ALB in front of the endpoint, the ALB node's address.
 */
import type { IncomingMessage } from 'node:http';
import { ACCOUNT_ID } from '../../kernel/ids.js';
import { evaluatePolicy, type PolicyDecision, type RequestContext } from '../../policy/evaluate.js';
import type { ParsedPolicy, VpcEndpointEntry } from './snapshot.js';

export type ConditionKeys = RequestContext['conditionKeys'];

const INVOKE = 'execute-api:Invoke';
const IMPLICIT_DENY: PolicyDecision = { effect: 'Deny', explicit: false };

export function conditionKeys(req: IncomingMessage, sourceIp: string | undefined, vpce: VpcEndpointEntry | undefined): ConditionKeys {
  const now = Date.now();
  return {
    'aws:SourceIp': sourceIp ?? '127.0.0.1',
    'aws:SecureTransport': 'encrypted' in req.socket ? 'true' : 'false',
    'aws:UserAgent': req.headers['user-agent'],
    'aws:Referer': req.headers.referer,
    'aws:CurrentTime': new Date(now).toISOString(),
    'aws:EpochTime': String(Math.floor(now / 1000)),
    ...(vpce ? { 'aws:SourceVpce': vpce.id, 'aws:SourceVpc': vpce.vpcId, 'aws:VpcSourceIp': sourceIp } : {}),
  };
}

/** `execute-api:Invoke` on `resource` for an anonymous caller; a policy localvpc cannot read allows nothing [infer]. */
export function decideInvoke(policy: ParsedPolicy, resource: string, keys: ConditionKeys): PolicyDecision {
  if (policy instanceof Error) return IMPLICIT_DENY;
  return evaluatePolicy(policy, { principal: { type: 'anonymous' }, action: INVOKE, resource, conditionKeys: keys });
}

/** `arn:aws:execute-api:{region}:{account}:{api}/{stage}/{VERB}/{path}` (§2.8), the root ending in `/`. */
export function methodArn(region: string, apiId: string, stage: string, verb: string, resourcePath: string): string {
  return `arn:aws:execute-api:${region}:${ACCOUNT_ID}:${apiId}/${stage}/${verb}/${resourcePath.replace(/^\//, '')}`;
}

/** `arn:aws:execute-api:{region}:{account}:/domainnames/{name}+{id}`, the resource of a private domain's policy (§1.10). */
export function domainArn(region: string, domainName: string, domainNameId: string | undefined): string {
  return `arn:aws:execute-api:${region}:${ACCOUNT_ID}:/domainnames/${domainName}${domainNameId ? `+${domainNameId}` : ''}`;
}

function notAuthorized(resource: string, suffix = ''): string {
  const masked = resource.replace(`:${ACCOUNT_ID}:`, `:********${ACCOUNT_ID.slice(-4)}:`);
  return `User: anonymous is not authorized to perform: ${INVOKE} on resource: ${masked}${suffix}`;
}

export interface InvokePolicies {
  /** The deployment's resource policy; undefined when it has none. */
  readonly resourcePolicy: ParsedPolicy | undefined;
  /** Whether a missing resource policy denies (PRIVATE APIs, §2.8). */
  readonly resourcePolicyRequired: boolean;
  /** The endpoint policy when the request came through a VPC endpoint. */
  readonly endpointPolicy: ParsedPolicy | undefined;
}

/** The denial message, or undefined when the call is allowed. */
export function invokeDenial(policies: InvokePolicies, resource: string, keys: () => ConditionKeys): string | undefined {
  const { resourcePolicy, endpointPolicy } = policies;
  if (!resourcePolicy && !endpointPolicy) return policies.resourcePolicyRequired ? notAuthorized(resource) : undefined;
  const k = keys();
  const endpoint = endpointPolicy ? decideInvoke(endpointPolicy, resource, k) : undefined;
  const own = resourcePolicy ? decideInvoke(resourcePolicy, resource, k) : policies.resourcePolicyRequired ? IMPLICIT_DENY : undefined;
  if (endpoint?.effect === 'Deny' && endpoint.explicit) return notAuthorized(resource, ' with an explicit deny in a VPC endpoint policy');
  if (own?.effect === 'Deny' && own.explicit) return notAuthorized(resource, ' with an explicit deny');
  if (endpoint?.effect === 'Deny') return notAuthorized(resource, ` because no VPC endpoint policy allows the ${INVOKE} action`);
  if (own?.effect === 'Deny') return notAuthorized(resource);
  return undefined;
}

/**
 * A PRIVATE custom domain's own policy, for a call through an endpoint with an access
 * association (§3 [doc]: association, domain policy, then the API's policy). A domain without a
 * policy admits nothing; the message names the domain ARN like an API denial names the method
 * ARN [infer].
 */
export function domainDenial(policy: ParsedPolicy | undefined, resource: string, keys: ConditionKeys): string | undefined {
  const decision = policy ? decideInvoke(policy, resource, keys) : IMPLICIT_DENY;
  if (decision.effect === 'Allow') return undefined;
  return notAuthorized(resource, decision.explicit ? ' with an explicit deny' : '');
}
