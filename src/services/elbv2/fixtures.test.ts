/**
 * Test kit for the ELBv2 handler tests (no tests of its own): a context over a fresh store with
 * a clock the test moves, a VPC with two subnets in two zones, and shorthands for the common calls.
 */
import { testContext, call } from '../../../test/helpers/context.js';
import { ACM_KIND, type AcmCertificate } from '../../state/records/acm.js';
import { Ec2Fixture } from '../../state/views/testing-fixtures.js';
import type { OperationContext } from '../context.js';
import type { Clock } from '../../kernel/clock.js';
import { elbv2Service } from './index.js';

export interface World {
  ctx: OperationContext;
  ec2: Ec2Fixture;
  vpcId: string;
  subnetA: string;
  subnetB: string;
  /** Moves the clock forward by `seconds`. */
  advance(seconds: number): void;
  call(operation: string, input?: Record<string, unknown>): Promise<any>;
}

export function world(): World {
  let offset = 0;
  const base = testContext();
  const clock: Clock = { ...base.clock, now: () => new Date(Date.now() + offset) };
  const ctx: OperationContext = { ...base, clock };
  const ec2 = new Ec2Fixture(ctx.store, ctx.region);
  const vpc = ec2.vpc('10.0.0.0/16');
  const a = ec2.subnet(vpc, '10.0.1.0/24', 'eu-west-1a');
  const b = ec2.subnet(vpc, '10.0.2.0/24', 'eu-west-1b');
  return {
    ctx,
    ec2,
    vpcId: vpc.id,
    subnetA: a.id,
    subnetB: b.id,
    advance: (s) => {
      offset += s * 1000;
    },
    call: (operation, input = {}) => call(elbv2Service, ctx, operation, input),
  };
}

/** An internal NLB in both subnets; resolves to its LoadBalancer output. */
export async function internalNlb(w: World, name = 'my-nlb'): Promise<any> {
  const out = await w.call('CreateLoadBalancer', { Name: name, Type: 'network', Scheme: 'internal', Subnets: [w.subnetA, w.subnetB] });
  return out.LoadBalancers[0];
}

export async function tcpTargetGroup(w: World, name = 'tcp-tg', extra: Record<string, unknown> = {}): Promise<any> {
  const out = await w.call('CreateTargetGroup', { Name: name, Protocol: 'TCP', Port: 80, VpcId: w.vpcId, ...extra });
  return out.TargetGroups[0];
}

let certificates = 0;

/**
 * An ACM certificate record put straight into the store (what the ACM service would have written);
 * `ISSUED` by default. Resolves to its ARN.
 */
export function acmCertificate(w: World, over: Partial<AcmCertificate> = {}): string {
  const region = over.region ?? w.ctx.region;
  const id = `arn:aws:acm:${region}:${w.ctx.accountId}:certificate/00000000-0000-4000-8000-${String(++certificates).padStart(12, '0')}`;
  const record: AcmCertificate = {
    id,
    region,
    domainName: 'app.example.com',
    subjectAlternativeNames: ['app.example.com'],
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    keyAlgorithm: 'RSA_2048',
    domainValidationOptions: [],
    createdAt: new Date().toISOString(),
    certificateTransparencyLoggingPreference: 'ENABLED',
    tags: [],
    ...over,
  };
  w.ctx.store.transact((tx) => tx.put(ACM_KIND.certificate, { ...record, id }));
  return id;
}

/** An internal ALB in both subnets, an HTTP target group and an HTTP:80 listener forwarding to it. */
export async function httpAlb(w: World, name = 'alb'): Promise<{ lb: any; tg: any; listener: any }> {
  const lb = (await w.call('CreateLoadBalancer', { Name: name, Scheme: 'internal', Subnets: [w.subnetA, w.subnetB] })).LoadBalancers[0];
  const tg = (await w.call('CreateTargetGroup', { Name: `${name}-tg`, Protocol: 'HTTP', Port: 80, VpcId: w.vpcId, TargetType: 'ip' })).TargetGroups[0];
  const listener = (await w.call('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })).Listeners[0];
  return { lb, tg, listener };
}
