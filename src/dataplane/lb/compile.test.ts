/**
 * compileLoadBalancing: ELBv2 records (built through the real handlers) and a network snapshot
 * in, an immutable LbSnapshot out. Wire 170 is this file's (no sockets are opened here).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClock } from '../../kernel/clock.js';
import { KIND } from '../../state/records/ec2.js';
import { ACM_KIND, type AcmCertificate } from '../../state/records/acm.js';
import { ELBV2_KIND, type Listener, type ListenerRule, type LoadBalancer, type TargetRegistration } from '../../state/records/elbv2.js';
import { compileNetwork } from '../network/compile.js';
import { compileLoadBalancing } from './compile.js';
import { balancer, lbWorld, setHealth, webInstance } from './fixtures.test.js';

const WIRE = 170;

test('load balancers: nodes on the VPC wire, listeners by port, DNS names keyed lower-case, frozen', async () => {
  const w = lbWorld(WIRE);
  const nlb = await balancer(w, { name: 'Web-NLB', listenerPort: 443 });
  await w.call('CreateListener', { LoadBalancerArn: nlb.lbArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: nlb.tgArn }] });
  const record = w.store.get<LoadBalancer>(ELBV2_KIND.loadBalancer, nlb.lbArn)!;

  const snapshot = compileLoadBalancing(w.store, compileNetwork(w.store), createClock(1), Date.now(), 7);
  assert.equal(snapshot.generation, 7);
  assert.equal(w.compile().generation, 0, 'a standalone compile is generation 0');
  const lb = snapshot.loadBalancers.get(nlb.lbArn)!;
  assert.equal(lb.arn, nlb.lbArn);
  assert.equal(lb.name, 'Web-NLB');
  assert.equal(lb.region, 'eu-west-1');
  assert.equal(lb.type, 'network');
  assert.equal(lb.scheme, 'internal');
  assert.equal(lb.vpcId, w.vpcId);
  assert.equal(lb.state, 'active');
  assert.equal(lb.dnsName, nlb.dnsName);
  assert.deepEqual(lb.securityGroups, []);
  assert.equal(lb.attributes['load_balancing.cross_zone.enabled'], 'false');
  assert.deepEqual(
    lb.nodes.map((n) => ({ ...n })),
    record.zones.map((z) => ({ zoneName: z.zoneName, subnetId: z.subnetId, networkInterfaceId: z.networkInterfaceId, privateIp: z.privateIpAddress, hostAddress: w.host(z.privateIpAddress) })),
  );
  assert.deepEqual(
    lb.nodes.map((n) => [n.zoneName, n.privateIp, n.hostAddress]),
    [
      ['eu-west-1a', '10.0.1.4', `127.${WIRE}.1.4`],
      ['eu-west-1b', '10.0.2.4', `127.${WIRE}.2.4`],
    ],
  );
  // Listeners sorted by port whatever the order they were created in.
  assert.deepEqual(
    lb.listeners.map((l) => [l.port, l.protocol, l.targetGroupArn, l.certificateArns]),
    [
      [80, 'TCP', nlb.tgArn, []],
      [443, 'TCP', nlb.tgArn, []],
    ],
  );
  assert.equal(lb.listeners[1]!.arn, nlb.listenerArn);
  assert.deepEqual(lb.listeners[0]!.defaultActions[0]!.Type, 'forward');

  assert.notEqual(nlb.dnsName, nlb.dnsName.toLowerCase(), 'the name has upper-case letters');
  assert.equal(snapshot.byDnsName.get(nlb.dnsName.toLowerCase()), lb);
  assert.equal(snapshot.byDnsName.get(nlb.dnsName), undefined);

  for (const frozen of [snapshot, lb, lb.nodes, lb.nodes[0], lb.listeners, lb.listeners[0], snapshot.targetGroups.get(nlb.tgArn), snapshot.targetGroups.get(nlb.tgArn)!.targets]) {
    assert.ok(Object.isFrozen(frozen));
  }
});

test('an ALB compiles too, under its internal- name, with its security groups', async () => {
  const w = lbWorld(WIRE);
  const alb = await balancer(w, { type: 'application' });
  const snapshot = w.compile();
  const lb = snapshot.loadBalancers.get(alb.lbArn)!;
  assert.equal(lb.type, 'application');
  assert.match(lb.dnsName, /^internal-alb-\d+\.eu-west-1\.elb\.amazonaws\.com$/);
  assert.equal(snapshot.byDnsName.get(lb.dnsName), lb);
  assert.deepEqual(lb.securityGroups, [w.ec2.defaultSecurityGroup(w.vpcId).id]);
  assert.deepEqual(
    lb.listeners.map((l) => [l.port, l.protocol, l.targetGroupArn]),
    [[80, 'HTTP', alb.tgArn]],
  );
  assert.equal(lb.nodes.length, 2);
  assert.ok(lb.nodes.every((n) => n.hostAddress === w.host(n.privateIp)));
});

test('targets: addresses, zones and instance states from EC2; registration order; observed health', async () => {
  const w = lbWorld(WIRE);
  const { instance: a } = webInstance(w, w.subnetA, '10.0.1.10');
  const { instance: b } = webInstance(w, w.subnetB, '10.0.2.10');
  const nlb = await balancer(w, { targets: [b.id] });
  w.advance(1);
  await w.call('RegisterTargets', { TargetGroupArn: nlb.tgArn, Targets: [{ Id: a.id }] });
  w.advance(1);
  const ipTg = (await w.call('CreateTargetGroup', { Name: 'ips', Protocol: 'TCP', Port: 9000, VpcId: w.vpcId, TargetType: 'ip' })).TargetGroups[0].TargetGroupArn;
  await w.call('RegisterTargets', {
    TargetGroupArn: ipTg,
    Targets: [{ Id: '10.0.2.20' }, { Id: '192.168.1.5', AvailabilityZone: 'eu-west-1a' }, { Id: '127.0.0.1', Port: 3000, AvailabilityZone: 'all' }],
  });
  setHealth(w, nlb.tgArn, a.id, 'unhealthy');
  setHealth(w, nlb.tgArn, b.id, 'healthy');
  w.ec2.setInstanceState(a, 'stopped');

  const snapshot = w.compile();
  const tg = snapshot.targetGroups.get(nlb.tgArn)!;
  assert.deepEqual(
    tg.targets.map((t) => ({ ...t })),
    [
      { key: `${nlb.tgArn}|${b.id}|8080`, targetId: b.id, port: 8080, ip: '10.0.2.10', availabilityZone: 'eu-west-1b', instanceState: 'running', draining: false, drainEndsAt: undefined, observed: { state: 'healthy', reason: undefined, description: undefined } },
      {
        key: `${nlb.tgArn}|${a.id}|8080`,
        targetId: a.id,
        port: 8080,
        ip: '10.0.1.10',
        availabilityZone: 'eu-west-1a',
        instanceState: 'stopped',
        draining: false,
        drainEndsAt: undefined,
        observed: { state: 'unhealthy', reason: 'Target.FailedHealthChecks', description: 'Health checks failed' },
      },
    ],
  );

  const ips = snapshot.targetGroups.get(ipTg)!;
  assert.deepEqual(
    ips.targets.map((t) => [t.targetId, t.port, t.ip, t.availabilityZone, t.instanceState, t.observed]).sort(),
    [
      ['10.0.2.20', 9000, '10.0.2.20', 'eu-west-1b', undefined, undefined],
      ['127.0.0.1', 3000, '127.0.0.1', 'all', undefined, undefined],
      ['192.168.1.5', 9000, '192.168.1.5', 'eu-west-1a', undefined, undefined],
    ],
  );
});

test('an instance target whose instance left the network has no address', async () => {
  const w = lbWorld(WIRE);
  const { instance } = webInstance(w, w.subnetA, '10.0.1.10');
  const nlb = await balancer(w, { targets: [instance.id] });
  w.ec2.delete(KIND.instance, instance.id);
  const t = w.compile().targetGroups.get(nlb.tgArn)!.targets[0]!;
  assert.equal(t.targetId, instance.id);
  assert.equal(t.ip, undefined);
  assert.equal(t.instanceState, undefined);
});

test('a deregistered target drains for the deregistration delay on the scalable clock, then leaves the snapshot', async () => {
  const w = lbWorld(WIRE);
  const { instance } = webInstance(w, w.subnetA, '10.0.1.10');
  const nlb = await balancer(w, { targets: [instance.id], attributes: { 'deregistration_delay.timeout_seconds': '300' } });
  await w.call('DeregisterTargets', { TargetGroupArn: nlb.tgArn, Targets: [{ Id: instance.id }] });
  const reg = w.store.list<TargetRegistration>(ELBV2_KIND.target)[0]!;
  const at = Date.parse(reg.deregisteredAt!);

  const real = createClock(1);
  const draining = w.compile(real, at + 299_999).targetGroups.get(nlb.tgArn)!.targets;
  assert.equal(draining.length, 1);
  assert.equal(draining[0]!.draining, true);
  assert.equal(draining[0]!.drainEndsAt, at + 300_000);
  assert.deepEqual(w.compile(real, at + 300_000).targetGroups.get(nlb.tgArn)!.targets, []);

  // --time-scale 10: 300 AWS seconds are 30 real seconds.
  const fast = createClock(10);
  const scaled = w.compile(fast, at + 29_999).targetGroups.get(nlb.tgArn)!.targets;
  assert.equal(scaled[0]!.drainEndsAt, at + 30_000);
  assert.deepEqual(w.compile(fast, at + 30_000).targetGroups.get(nlb.tgArn)!.targets, []);
  // The group itself stays, in use by its load balancer.
  assert.deepEqual(w.compile(fast, at + 30_000).targetGroups.get(nlb.tgArn)!.loadBalancerArns, [nlb.lbArn]);
});

test('target groups: settings, attributes, and the load balancers that forward to them', async () => {
  const w = lbWorld(WIRE);
  const one = await balancer(w, { name: 'one', targetGroup: { HealthCheckIntervalSeconds: 10 } });
  // A second listener of the same load balancer forwards to the same group (an NLB group serves one load balancer).
  await w.call('CreateListener', { LoadBalancerArn: one.lbArn, Protocol: 'TCP', Port: 81, DefaultActions: [{ Type: 'forward', TargetGroupArn: one.tgArn }] });
  await balancer(w, { name: 'two' });
  const unused = (await w.call('CreateTargetGroup', { Name: 'unused', Protocol: 'TCP', Port: 8080, VpcId: w.vpcId, TargetType: 'ip' })).TargetGroups[0].TargetGroupArn;
  // A listener record left behind by an inconsistent store names a load balancer that is gone.
  const stray: Listener = { id: `${one.listenerArn}-stray`, region: 'eu-west-1', tags: [], createdAt: new Date().toISOString(), loadBalancerArn: `${one.lbArn}-gone`, port: 82, protocol: 'TCP', defaultActions: [{ Type: 'forward', TargetGroupArn: unused }], certificates: [] };
  w.store.transact((tx) => tx.put(ELBV2_KIND.listener, stray));

  const snapshot = w.compile();
  const tg = snapshot.targetGroups.get(one.tgArn)!;
  assert.equal(tg.name, 'one-tg');
  assert.equal(tg.protocol, 'TCP');
  assert.equal(tg.port, 8080);
  assert.equal(tg.vpcId, w.vpcId);
  assert.equal(tg.targetType, 'instance');
  assert.equal(tg.healthCheck.intervalSeconds, 10);
  assert.equal(tg.attributes['preserve_client_ip.enabled'], 'true');
  assert.equal(tg.attributes['target_health_state.unhealthy.connection_termination.enabled'], 'true');
  assert.deepEqual(tg.loadBalancerArns, [one.lbArn], 'one entry per load balancer, not per listener');
  const idle = snapshot.targetGroups.get(unused)!;
  assert.equal(idle.targetType, 'ip');
  assert.equal(idle.attributes['preserve_client_ip.enabled'], 'false');
  assert.deepEqual(idle.loadBalancerArns, [], 'Target.NotInUse: only existing load balancers count');
  assert.equal(snapshot.loadBalancers.size, 2);
});

test('node host addresses are undefined when the VPC is gone from the network', async () => {
  const w = lbWorld(WIRE);
  const nlb = await balancer(w);
  w.ec2.delete(KIND.vpc, w.vpcId);
  const lb = w.compile().loadBalancers.get(nlb.lbArn)!;
  assert.deepEqual(
    lb.nodes.map((n) => [n.privateIp, n.hostAddress]),
    [
      ['10.0.1.4', undefined],
      ['10.0.2.4', undefined],
    ],
  );
});

/** An ACM certificate record in `status` (PEMs only when issued). */
function certificate(id: string, status: AcmCertificate['status'], names: string[]): AcmCertificate {
  return {
    id,
    region: 'eu-west-1',
    domainName: names[0]!,
    subjectAlternativeNames: names,
    type: 'AMAZON_ISSUED',
    status,
    keyAlgorithm: 'EC_prime256v1',
    domainValidationOptions: [],
    createdAt: new Date().toISOString(),
    ...(status === 'ISSUED' ? { certificatePem: '-----BEGIN CERTIFICATE-----\nleaf\n-----END CERTIFICATE-----\n', certificateChainPem: '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n', privateKeyPem: 'key' } : {}),
    certificateTransparencyLoggingPreference: 'ENABLED',
    tags: [],
  };
}

test('ALB listeners: rules by priority then the default rule, actions in Order; rule target groups count as used', async () => {
  const w = lbWorld(WIRE);
  const alb = await balancer(w, { type: 'application' });
  const other = (await w.call('CreateTargetGroup', { Name: 'other', Protocol: 'HTTP', Port: 8080, VpcId: w.vpcId })).TargetGroups[0].TargetGroupArn as string;
  const rule = (priority: number, actions: ListenerRule['actions']): ListenerRule => ({
    id: `${alb.listenerArn.replace(':listener/', ':listener-rule/')}/${priority}`,
    region: 'eu-west-1',
    tags: [],
    createdAt: new Date().toISOString(),
    listenerArn: alb.listenerArn,
    priority,
    conditions: [{ Field: 'path-pattern', Values: [`/p${priority}/*`] }],
    actions,
  });
  w.store.transact((tx) => {
    tx.put(ELBV2_KIND.rule, rule(20, [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }]));
    tx.put(ELBV2_KIND.rule, rule(3, [{ Type: 'forward', Order: 2, TargetGroupArn: other }, { Type: 'redirect', Order: 1, RedirectConfig: { StatusCode: 'HTTP_301', Host: 'x.example.com' } }]));
    // A rule of a listener that is gone is left out.
    tx.put(ELBV2_KIND.rule, { ...rule(1, []), id: 'stray', listenerArn: `${alb.listenerArn}-gone` });
  });
  const snapshot = w.compile();
  const listener = snapshot.loadBalancers.get(alb.lbArn)!.listeners[0]!;
  assert.deepEqual(
    listener.rules.map((r) => r.priority),
    [3, 20, 'default'],
  );
  assert.equal(listener.rules[0]!.arn, rule(3, []).id);
  assert.equal(listener.rules[2]!.arn, alb.listenerArn, 'the default rule carries the listener ARN');
  assert.deepEqual(listener.rules[2]!.conditions, []);
  assert.deepEqual(listener.rules[0]!.actions.map((a) => a.Type), ['redirect', 'forward']);
  assert.equal(listener.rules[0]!.conditions[0]!.field, 'path-pattern');
  assert.deepEqual(listener.certificates, []);
  assert.deepEqual(listener.issues, []);
  assert.ok(Object.isFrozen(listener.rules) && Object.isFrozen(listener.rules[0]));
  assert.deepEqual(snapshot.targetGroups.get(other)!.loadBalancerArns, [alb.lbArn], 'forwarded to by a rule only');
});

test('NLB listeners have no rules', async () => {
  const w = lbWorld(WIRE);
  const nlb = await balancer(w);
  assert.deepEqual(w.compile().loadBalancers.get(nlb.lbArn)!.listeners[0]!.rules, []);
});

test('HTTPS listeners: issued ACM certificates with their chain and names; missing or pending ones are issues', async () => {
  const w = lbWorld(WIRE);
  const alb = await balancer(w, { type: 'application' });
  const arn = (n: string) => `arn:aws:acm:eu-west-1:000000000000:certificate/${n}`;
  w.store.transact((tx) => {
    tx.put(ACM_KIND.certificate, certificate(arn('main'), 'ISSUED', ['WWW.example.com', 'www.example.com', '*.api.example.com']));
    tx.put(ACM_KIND.certificate, certificate(arn('pending'), 'PENDING_VALIDATION', ['pending.example.com']));
    const listener: Listener = {
      id: `${alb.listenerArn}-https`,
      region: 'eu-west-1',
      tags: [],
      createdAt: new Date().toISOString(),
      loadBalancerArn: alb.lbArn,
      port: 443,
      protocol: 'HTTPS',
      defaultActions: [{ Type: 'forward', TargetGroupArn: alb.tgArn }],
      certificates: [{ CertificateArn: arn('main') }],
      additionalCertificateArns: [arn('pending'), arn('missing'), arn('main')],
    };
    tx.put(ELBV2_KIND.listener, listener);
  });
  const https = w.compile().loadBalancers.get(alb.lbArn)!.listeners.find((l) => l.port === 443)!;
  assert.deepEqual(https.certificateArns, [arn('main'), arn('pending'), arn('missing'), arn('main')]);
  assert.equal(https.certificates.length, 1, 'one entry per certificate');
  const main = https.certificates[0]!;
  assert.equal(main.isDefault, true);
  assert.deepEqual(main.names, ['www.example.com', '*.api.example.com']);
  assert.equal(main.certificatePem, '-----BEGIN CERTIFICATE-----\nleaf\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n');
  assert.equal(main.privateKeyPem, 'key');
  assert.deepEqual(https.issues, [`certificate ${arn('pending')} is PENDING_VALIDATION, not ISSUED; not served`, `certificate ${arn('missing')} does not exist; not served`]);
});
