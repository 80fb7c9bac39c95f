/**
 * Load balancers: CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer
 * (elbv2-vpc-endpoints.md §1.1–§1.4).
 *
 * Provisioning: the record is stored `active` and CreateLoadBalancer answers `provisioning`, so
 * the first Describe (and the SDK's LoadBalancerAvailable waiter) sees `active` (§1.3, checklist 1).
 */
import type { OperationHandler } from '../context.js';
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import { ELBV2_KIND, type Listener, type ListenerRule, type LoadBalancer, type LoadBalancerScheme, type LoadBalancerType } from '../../state/records/elbv2.js';
import { canonicalHostedZoneId, loadBalancerArn, loadBalancerDnsName } from './common/arns.js';
import { loadBalancerNotFound, rejectUnsupported, validationError } from './common/errors.js';
import { listInRegion } from './common/lookup.js';
import { checkLoadBalancerName } from './common/names.js';
import { paginate } from './common/pagination.js';
import { checkTags } from './common/tags.js';
import { defaultLoadBalancerAttributes } from './load-balancer-attributes.js';
import { createNodes, deleteNodes } from './load-balancer-nodes.js';
import { resolveSecurityGroups, resolveSubnets, type SubnetMappingInput } from './load-balancer-placement.js';
import { loadBalancerToWire } from './load-balancer-wire.js';

interface CreateLoadBalancerInput {
  Name?: string;
  Subnets?: string[];
  SubnetMappings?: SubnetMappingInput[];
  SecurityGroups?: string[];
  Scheme?: string;
  Tags?: { Key?: string; Value?: string }[];
  Type?: string;
  IpAddressType?: string;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const createLoadBalancer: OperationHandler = (ctx, input: CreateLoadBalancerInput) => {
  rejectUnsupported('CreateLoadBalancer', input as Record<string, unknown>, ['Name', 'Subnets', 'SubnetMappings', 'SecurityGroups', 'Scheme', 'Tags', 'Type', 'IpAddressType']);
  const name = checkLoadBalancerName(input.Name);
  const type = (input.Type ?? 'application') as LoadBalancerType;
  if (type !== 'application' && type !== 'network') throw new NotImplementedError(`Load balancers of type '${input.Type}' are not implemented by localvpc`);
  const scheme = (input.Scheme ?? 'internet-facing') as LoadBalancerScheme;
  if (scheme !== 'internal' && scheme !== 'internet-facing') throw validationError(`Scheme '${input.Scheme}' is not valid`);
  // Only ipv4 is implemented; dualstack needs IPv6 subnets localvpc does not model.
  if (input.IpAddressType !== undefined && input.IpAddressType !== 'ipv4') {
    throw new NotImplementedError(`IpAddressType '${input.IpAddressType}' is not implemented by localvpc (elbv2 2015-12-01).`);
  }
  const tags = checkTags(input.Tags);
  const placements = resolveSubnets(ctx.store, ctx.region, type, scheme, input.Subnets, input.SubnetMappings);
  const vpcId = placements[0]!.subnet.vpcId;
  const securityGroups = resolveSecurityGroups(ctx.store, ctx.region, type, vpcId, input.SecurityGroups);

  // Create* is idempotent: the same settings under an existing name return that load balancer (§1.1).
  const existing = listInRegion<LoadBalancer>(ctx.store, ELBV2_KIND.loadBalancer, ctx.region, (lb) => lb.name === name)[0];
  if (existing) {
    const same = existing.type === type && existing.scheme === scheme && sameSet(existing.zones.map((z) => z.subnetId), placements.map((p) => p.subnet.id)) && sameSet(existing.securityGroups, securityGroups);
    if (!same) throw new AwsError('DuplicateLoadBalancerName', `A load balancer with the same name '${name}' exists, but with different settings`);
    return { LoadBalancers: [loadBalancerToWire(existing)] };
  }

  const lb = ctx.store.transact((tx) => {
    const arn = loadBalancerArn(ctx.region, ctx.accountId, type, name);
    const zones = createNodes(tx, ctx, { arn, type, securityGroups }, placements);
    const record: LoadBalancer = {
      id: arn,
      region: ctx.region,
      tags,
      createdAt: ctx.clock.now().toISOString(),
      name,
      type,
      scheme,
      vpcId,
      zones,
      securityGroups,
      ipAddressType: 'ipv4',
      dnsName: loadBalancerDnsName(type, scheme, name, arn, ctx.region),
      canonicalHostedZoneId: canonicalHostedZoneId(ctx.region, type),
      state: 'active',
      attributes: defaultLoadBalancerAttributes(type, scheme),
    };
    return tx.put(ELBV2_KIND.loadBalancer, record);
  });
  return { LoadBalancers: [loadBalancerToWire(lb, 'provisioning')] };
};

const describeLoadBalancers: OperationHandler = (ctx, input: { LoadBalancerArns?: string[]; Names?: string[]; Marker?: string; PageSize?: number }) => {
  rejectUnsupported('DescribeLoadBalancers', input, ['LoadBalancerArns', 'Names', 'Marker', 'PageSize']);
  const arns = input.LoadBalancerArns ?? [];
  const names = input.Names ?? [];
  if (arns.length > 0 && names.length > 0) throw validationError('Load balancer names and load balancer ARNs cannot be specified at the same time');
  // At most 20 ARNs per call (§1.1).
  if (arns.length > 20) throw validationError('At most 20 load balancer ARNs can be specified');
  const all = listInRegion<LoadBalancer>(ctx.store, ELBV2_KIND.loadBalancer, ctx.region);
  let selected = all;
  if (arns.length > 0) {
    selected = all.filter((lb) => arns.includes(lb.id));
    if (new Set(arns).size !== selected.length) throw loadBalancerNotFound();
  } else if (names.length > 0) {
    selected = all.filter((lb) => names.includes(lb.name));
    const missing = names.filter((n) => !selected.some((lb) => lb.name === n));
    // `Load balancers '[foobar-terraform-elb]' not found` (§1.3, observed).
    if (missing.length > 0) throw new AwsError('LoadBalancerNotFound', `Load balancers '[${missing.join(', ')}]' not found`);
  }
  const { page, NextMarker } = paginate(selected, input);
  return { LoadBalancers: page.map((lb) => loadBalancerToWire(lb)), NextMarker };
};

/**
 * Deleting a missing load balancer succeeds; deleting one removes its listeners, their rules and
 * its node ENIs, not its target groups (§1.1); deletion protection refuses with `OperationNotPermitted` (§1.4).
 */
const deleteLoadBalancer: OperationHandler = (ctx, input: { LoadBalancerArn?: string }) => {
  rejectUnsupported('DeleteLoadBalancer', input, ['LoadBalancerArn']);
  if (!input.LoadBalancerArn) throw validationError('A load balancer ARN must be specified');
  const lb = ctx.store.get<LoadBalancer>(ELBV2_KIND.loadBalancer, input.LoadBalancerArn);
  if (!lb || lb.region !== ctx.region) return {};
  if (lb.attributes['deletion_protection.enabled'] === 'true') {
    throw new AwsError('OperationNotPermitted', `Load balancer '${lb.id}' cannot be deleted because deletion protection is enabled`);
  }
  ctx.store.transact((tx) => {
    for (const l of tx.list<Listener>(ELBV2_KIND.listener, (l) => l.loadBalancerArn === lb.id)) {
      for (const r of tx.list<ListenerRule>(ELBV2_KIND.rule, (r) => r.listenerArn === l.id)) tx.delete(ELBV2_KIND.rule, r.id);
      tx.delete(ELBV2_KIND.listener, l.id);
    }
    deleteNodes(tx, lb.zones);
    tx.delete(ELBV2_KIND.loadBalancer, lb.id);
  });
  return {};
};

export const loadBalancerHandlers: Record<string, OperationHandler> = {
  CreateLoadBalancer: createLoadBalancer,
  DescribeLoadBalancers: describeLoadBalancers,
  DeleteLoadBalancer: deleteLoadBalancer,
};
