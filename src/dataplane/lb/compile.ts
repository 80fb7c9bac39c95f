/**
 * `compileLoadBalancing` turns the ELBv2 records into an LbSnapshot, using the network
 * snapshot for what EC2 owns (node host addresses, instance addresses and states) and the ACM
 * records for the certificates of HTTPS listeners. Pure apart from reading: the same records,
 * network and clock give the same snapshot.
 *
 * ALB listeners carry their rules (rule-conditions.ts), and a target group that only a rule
 * forwards to still counts as used by the rule's load balancer (`TargetGroup.LoadBalancerArns`,
 * health checks, elbv2-vpc-endpoints.md §1.5, §2.5).
 */
import { cidrContainsIp, parseIp } from '../../kernel/cidr.js';
import type { Clock } from '../../kernel/clock.js';
import { ACM_KIND, type AcmCertificate } from '../../state/records/acm.js';
import { KIND, type Instance } from '../../state/records/ec2.js';
import {
  ELBV2_KIND,
  type Listener,
  type ListenerRule,
  type LoadBalancer,
  type TargetGroup,
  type TargetHealthRecord,
  type TargetRegistration,
} from '../../state/records/elbv2.js';
import type { RecordReader } from '../../state/store.js';
import { drainEndsAt, forwardedTargetGroups } from '../../state/views/load-balancing.js';
import { hostAddressFor } from '../network/host-address.js';
import type { NetworkSnapshot } from '../network/snapshot.js';
import { compileRule, defaultRule } from './rule-conditions.js';
import type { LbSnapshot, ListenerCertificate, ListenerEntry, LoadBalancerEntry, NodeEntry, RuleEntry, TargetEntry, TargetGroupEntry } from './snapshot.js';
import { pemWithChain } from '../tls/secure-contexts.js';

export function compileLoadBalancing(reader: RecordReader, network: NetworkSnapshot, clock: Pick<Clock, 'toRealMs'>, now: number, generation = 0): LbSnapshot {
  const listenersByLb = new Map<string, Listener[]>();
  const lbsByTg = new Map<string, Set<string>>();
  const useTargetGroups = (lbArn: string, actions: Pick<Listener, 'defaultActions'>) => {
    for (const tg of forwardedTargetGroups(actions)) {
      const set = lbsByTg.get(tg) ?? new Set<string>();
      set.add(lbArn);
      lbsByTg.set(tg, set);
    }
  };
  const allListeners = reader.list<Listener>(ELBV2_KIND.listener).sort((a, b) => a.port - b.port);
  const lbOfListener = new Map<string, string>();
  for (const l of allListeners) {
    push(listenersByLb, l.loadBalancerArn, l);
    lbOfListener.set(l.id, l.loadBalancerArn);
    useTargetGroups(l.loadBalancerArn, l);
  }
  const rulesByListener = new Map<string, ListenerRule[]>();
  for (const r of reader.list<ListenerRule>(ELBV2_KIND.rule)) {
    const lbArn = lbOfListener.get(r.listenerArn);
    if (lbArn === undefined) continue;
    push(rulesByListener, r.listenerArn, r);
    useTargetGroups(lbArn, { defaultActions: r.actions });
  }

  const loadBalancers = new Map<string, LoadBalancerEntry>();
  const byDnsName = new Map<string, LoadBalancerEntry>();
  for (const lb of reader.list<LoadBalancer>(ELBV2_KIND.loadBalancer)) {
    const vpc = network.vpcs.get(lb.vpcId);
    const nodes: NodeEntry[] = lb.zones.map((z) =>
      Object.freeze({
        zoneName: z.zoneName,
        subnetId: z.subnetId,
        networkInterfaceId: z.networkInterfaceId,
        privateIp: z.privateIpAddress,
        hostAddress: vpc ? hostAddressFor(vpc.blocks, z.privateIpAddress) : undefined,
      }),
    );
    const listeners: ListenerEntry[] = (listenersByLb.get(lb.id) ?? []).map((l) => listenerEntry(reader, lb.type, l, rulesByListener.get(l.id) ?? []));
    const entry: LoadBalancerEntry = Object.freeze({
      arn: lb.id,
      name: lb.name,
      region: lb.region,
      type: lb.type,
      scheme: lb.scheme,
      vpcId: lb.vpcId,
      state: lb.state,
      dnsName: lb.dnsName,
      securityGroups: lb.securityGroups,
      nodes: Object.freeze(nodes),
      listeners: Object.freeze(listeners),
      attributes: lb.attributes,
    });
    loadBalancers.set(lb.id, entry);
    byDnsName.set(lb.dnsName.toLowerCase(), entry);
  }

  const registrations = new Map<string, TargetRegistration[]>();
  for (const r of reader.list<TargetRegistration>(ELBV2_KIND.target)) push(registrations, r.targetGroupArn, r);

  const targetGroups = new Map<string, TargetGroupEntry>();
  for (const tg of reader.list<TargetGroup>(ELBV2_KIND.targetGroup)) {
    const targets: TargetEntry[] = [];
    const regs = (registrations.get(tg.id) ?? []).sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.id.localeCompare(b.id));
    for (const reg of regs) {
      const ends = drainEndsAt(reg, tg, clock);
      if (ends !== undefined && ends <= now) continue;
      targets.push(Object.freeze(targetEntry(reader, network, tg, reg, ends)));
    }
    targetGroups.set(
      tg.id,
      Object.freeze({
        arn: tg.id,
        name: tg.name,
        region: tg.region,
        protocol: tg.protocol,
        port: tg.port,
        vpcId: tg.vpcId,
        targetType: tg.targetType,
        healthCheck: tg.healthCheck,
        attributes: tg.attributes,
        loadBalancerArns: Object.freeze([...(lbsByTg.get(tg.id) ?? [])].filter((arn) => loadBalancers.has(arn))),
        targets: Object.freeze(targets),
      }),
    );
  }
  return Object.freeze({ generation, loadBalancers, targetGroups, byDnsName });
}

function listenerEntry(reader: RecordReader, type: LoadBalancer['type'], l: Listener, rules: readonly ListenerRule[]): ListenerEntry {
  const issues: string[] = [];
  const certificateArns = [...l.certificates.map((c) => c.CertificateArn), ...(l.additionalCertificateArns ?? [])];
  let compiled: RuleEntry[] = [];
  if (type === 'application') {
    compiled = [...rules].sort((a, b) => a.priority - b.priority).map((r) => compileRule(r, issues));
    compiled.push(defaultRule(l));
  }
  const certificates: ListenerCertificate[] = [];
  if (l.protocol === 'HTTPS' || l.protocol === 'TLS') {
    certificateArns.forEach((arn, i) => {
      const cert = listenerCertificate(reader, arn, i === 0, issues);
      if (cert && !certificates.some((c) => c.arn === arn)) certificates.push(cert);
    });
  }
  return Object.freeze({
    arn: l.id,
    port: l.port,
    protocol: l.protocol,
    defaultActions: l.defaultActions,
    targetGroupArn: forwardedTargetGroups(l)[0],
    certificateArns: Object.freeze(certificateArns),
    rules: Object.freeze(compiled),
    certificates: Object.freeze(certificates),
    issues: Object.freeze(issues),
  });
}

/** An ACM certificate a listener can serve: ISSUED (Amazon-issued or imported) with its PEMs. */
function listenerCertificate(reader: RecordReader, arn: string, isDefault: boolean, issues: string[]): ListenerCertificate | undefined {
  const record = reader.get<AcmCertificate>(ACM_KIND.certificate, arn);
  if (!record) {
    issues.push(`certificate ${arn} does not exist; not served`);
    return undefined;
  }
  if (record.status !== 'ISSUED' || !record.certificatePem || !record.privateKeyPem) {
    issues.push(`certificate ${arn} is ${record.status}, not ISSUED; not served`);
    return undefined;
  }
  return Object.freeze({
    arn,
    isDefault,
    certificatePem: pemWithChain(record.certificatePem, record.certificateChainPem),
    privateKeyPem: record.privateKeyPem,
    names: Object.freeze([...new Set([record.domainName, ...record.subjectAlternativeNames].map((n) => n.toLowerCase()))]),
  });
}

function targetEntry(reader: RecordReader, network: NetworkSnapshot, tg: TargetGroup, reg: TargetRegistration, drainEnds: number | undefined): TargetEntry {
  let ip: string | undefined = reg.targetId;
  let zone = reg.availabilityZone;
  let instanceState: string | undefined;
  if (tg.targetType === 'instance') {
    const instance = network.instances.get(reg.targetId);
    ip = instance?.privateIpAddress;
    instanceState = instance?.state;
    zone ??= reader.get<Instance>(KIND.instance, reg.targetId)?.availabilityZone;
  } else if (zone === undefined) {
    const n = parseIp(reg.targetId);
    const subnet = n === undefined ? undefined : [...network.subnets.values()].find((s) => s.vpcId === tg.vpcId && cidrContainsIp(s.network, n));
    zone = subnet ? reader.get<{ id: string; availabilityZone: string }>(KIND.subnet, subnet.id)?.availabilityZone : undefined;
  }
  const health = reader.get<TargetHealthRecord>(ELBV2_KIND.targetHealth, reg.id);
  return {
    key: reg.id,
    targetId: reg.targetId,
    port: reg.port,
    ip,
    availabilityZone: zone,
    instanceState,
    draining: drainEnds !== undefined,
    drainEndsAt: drainEnds,
    observed: health ? { state: health.state, reason: health.reason, description: health.description } : undefined,
  };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
