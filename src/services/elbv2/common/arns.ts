/**
 * ELBv2 ARNs, DNS names and hosted zones (elbv2-vpc-endpoints.md §1.2).
 */
import { hexId } from '../../../kernel/ids.js';
import { createHash, randomInt } from 'node:crypto';

const PREFIX = (region: string, account: string) => `arn:aws:elasticloadbalancing:${region}:${account}`;

/** `…:loadbalancer/net/NAME/ID16` (NLB) or `…/app/NAME/ID16` (ALB); ID16 is 16 lowercase hex. */
export function loadBalancerArn(region: string, account: string, type: 'application' | 'network', name: string): string {
  return `${PREFIX(region, account)}:loadbalancer/${type === 'network' ? 'net' : 'app'}/${name}/${hexId(16)}`;
}

/** `…:targetgroup/NAME/ID16`. */
export function targetGroupArn(region: string, account: string, name: string): string {
  return `${PREFIX(region, account)}:targetgroup/${name}/${hexId(16)}`;
}

/** `…:listener/app|net/LBNAME/LBID16/LISTENERID16`, built from the LB ARN. */
export function listenerArn(lbArn: string): string {
  return `${lbArn.replace(':loadbalancer/', ':listener/')}/${hexId(16)}`;
}

/** `…:listener-rule/app|net/LBNAME/LBID16/LISTENERID16/RULEID16`, built from the listener ARN (§1.2). */
export function ruleArn(listenerArn: string): string {
  return `${listenerArn.replace(':listener/', ':listener-rule/')}/${hexId(16)}`;
}

/**
 * The default rule's ARN. The default rule is not stored (it is the listener's default actions),
 * so its id is derived from the listener ARN: the same listener always shows the same rule ARN.
 */
export function defaultRuleArn(listenerArn: string): string {
  const id = createHash('sha256').update(`default-rule|${listenerArn}`).digest('hex').slice(0, 16);
  return `${listenerArn.replace(':listener/', ':listener-rule/')}/${id}`;
}

/** The listener ARN a rule ARN belongs to, or undefined when `arn` is not a rule ARN. */
export function listenerArnOfRule(arn: string): string | undefined {
  if (resourceKindOf(arn) !== 'listener-rule') return undefined;
  return arn.slice(0, arn.lastIndexOf('/')).replace(':listener-rule/', ':listener/');
}

/** The last ARN segment (the 16-hex id). */
export function arnId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** `app/NAME/ID16` or `net/NAME/ID16`: what node ENI descriptions carry after `ELB `. */
export function loadBalancerResourceSuffix(lbArn: string): string {
  return lbArn.slice(lbArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
}

export type ElbResourceKind = 'loadbalancer' | 'targetgroup' | 'listener' | 'listener-rule';

/** The resource type of an ELBv2 ARN, or undefined when it is not one. */
export function resourceKindOf(arn: string): ElbResourceKind | undefined {
  const m = /^arn:aws:elasticloadbalancing:[^:]+:\d{12}:(loadbalancer|targetgroup|listener|listener-rule)\//.exec(arn);
  return m ? (m[1] as ElbResourceKind) : undefined;
}

/**
 * DNS names: NLB `NAME-ID16.elb.REGION.amazonaws.com` (the ARN's id, region after `elb`; internal
 * NLBs get no `internal-` prefix, an [infer] of the reference); ALB `NAME-N.REGION.elb.amazonaws.com`
 * with N a decimal number of up to 10 digits, prefixed `internal-` for internal ALBs.
 */
export function loadBalancerDnsName(type: 'application' | 'network', scheme: 'internal' | 'internet-facing', name: string, arn: string, region: string): string {
  if (type === 'network') return `${name}-${arnId(arn)}.elb.${region}.amazonaws.com`;
  const digits = String(randomInt(100_000_000, 2_147_483_647));
  return `${scheme === 'internal' ? 'internal-' : ''}${name}-${digits}.${region}.elb.amazonaws.com`;
}

/**
 * CanonicalHostedZoneId per region and type. The first four regions are from the reference
 * (§1.2, docs.aws.amazon.com/general/latest/gr/elb.html); the others are the same table's values
 * as commonly used in Route 53 alias configurations, not in the reference — verify before relying.
 */
const HOSTED_ZONES: Record<string, { application?: string; network?: string }> = {
  'us-east-1': { application: 'Z35SXDOTRQ7X7K', network: 'Z26RNL4JYFTOTI' },
  'us-east-2': { application: 'Z3AADJGX6KTTL2', network: 'ZLMOA37VPKANP' },
  'us-west-2': { application: 'Z1H1FL5HABSF5', network: 'Z18D5FSROUN65G' },
  'eu-west-1': { application: 'Z32O12XQLNTSW2', network: 'Z2IFOLAFXWLO4F' },
  'us-west-1': { application: 'Z368ELLRRE2KJ0', network: 'Z24FKFUX50B4VW' },
  'eu-central-1': { application: 'Z215JYRZR1TBD5', network: 'Z3F0SRJ5LGBH90' },
  'eu-west-2': { application: 'ZHURV8PSTC4K8', network: 'ZD4D7Y8KGAS4G' },
  'ap-southeast-1': { application: 'Z1LMS91P8CMLE5', network: 'ZKVM4W9LS7TM' },
  'ap-southeast-2': { application: 'Z1GM3OXH4ZPM65', network: 'ZCT6FZBF4DROD' },
  'ap-northeast-1': { application: 'Z14GRHDCWA56QT', network: 'Z31USIVHYNEOWT' },
};

/** Regions outside the table fall back to us-east-1's zones (localvpc choice; no AWS source). */
export function canonicalHostedZoneId(region: string, type: 'application' | 'network'): string {
  return HOSTED_ZONES[region]?.[type] ?? HOSTED_ZONES['us-east-1']![type]!;
}
