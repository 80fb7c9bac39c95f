import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callError } from '../../../test/helpers/context.js';
import { elbv2Service } from './index.js';
import { acmCertificate, httpAlb, world, type World } from './fixtures.test.js';

async function err(w: World, operation: string, input: Record<string, unknown>): Promise<[string, string]> {
  const e = await callError(elbv2Service, w.ctx, operation, input);
  return [e.code, e.message];
}

async function httpsListener(w: World, certificateArn: string) {
  const { lb, tg } = await httpAlb(w);
  const input = { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: certificateArn }], DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] };
  return { lb, tg, input, listener: (await w.call('CreateListener', input)).Listeners[0] };
}

test('HTTPS listener certificates must be usable ACM certificates of the region: issued or imported', async () => {
  const w = world();
  const { lb, tg } = await httpAlb(w);
  const create = (CertificateArn: string) =>
    err(w, 'CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn }], DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] });
  const missing = 'arn:aws:acm:eu-west-1:000000000000:certificate/11111111-2222-4333-8444-555555555555';
  // AWS's observed wording (aws-load-balancer-controller#2581).
  assert.deepEqual(await create(missing), ['CertificateNotFound', `Certificate '${missing}' not found`]);
  const pending = acmCertificate(w, { status: 'PENDING_VALIDATION' });
  assert.deepEqual(await create(pending), ['CertificateNotFound', `Certificate '${pending}' not found`]);
  const elsewhere = acmCertificate(w, { region: 'us-east-1' });
  assert.deepEqual(await create(elsewhere), ['CertificateNotFound', `Certificate '${elsewhere}' not found`]);
  assert.equal((await create('arn:aws:iam::000000000000:server-certificate/legacy'))[0], 'NotImplemented');
  const imported = acmCertificate(w, { type: 'IMPORTED', status: 'EXPIRED' });
  const ok = (await w.call('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: imported }], DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })).Listeners[0];
  assert.deepEqual(ok.Certificates, [{ CertificateArn: imported }]);
  // ModifyListener checks a new default certificate the same way.
  assert.deepEqual(await err(w, 'ModifyListener', { ListenerArn: ok.ListenerArn, Certificates: [{ CertificateArn: pending }] }), ['CertificateNotFound', `Certificate '${pending}' not found`]);
  // Without Certificates the default certificate stays.
  assert.deepEqual((await w.call('ModifyListener', { ListenerArn: ok.ListenerArn, Port: 8443 })).Listeners[0].Certificates, [{ CertificateArn: imported }]);
});

test('Add/Describe/RemoveListenerCertificates: the default first with IsDefault, SNI certificates after; the default cannot be removed', async () => {
  const w = world();
  const main = acmCertificate(w);
  const { listener } = await httpsListener(w, main);
  const a = acmCertificate(w, { domainName: 'a.example.com' });
  const b = acmCertificate(w, { type: 'IMPORTED' });
  const added = await w.call('AddListenerCertificates', { ListenerArn: listener.ListenerArn, Certificates: [{ CertificateArn: a }, { CertificateArn: b }, { CertificateArn: a }] });
  assert.deepEqual(added.Certificates, [
    { CertificateArn: a, IsDefault: false },
    { CertificateArn: b, IsDefault: false },
  ]);
  // Adding one again changes nothing.
  await w.call('AddListenerCertificates', { ListenerArn: listener.ListenerArn, Certificates: [{ CertificateArn: b }] });
  const described = await w.call('DescribeListenerCertificates', { ListenerArn: listener.ListenerArn });
  assert.deepEqual(described.Certificates, [
    { CertificateArn: main, IsDefault: true },
    { CertificateArn: a, IsDefault: false },
    { CertificateArn: b, IsDefault: false },
  ]);
  const page = await w.call('DescribeListenerCertificates', { ListenerArn: listener.ListenerArn, PageSize: 2 });
  assert.deepEqual(page.Certificates.map((c: any) => c.CertificateArn), [main, a]);
  assert.deepEqual((await w.call('DescribeListenerCertificates', { ListenerArn: listener.ListenerArn, Marker: page.NextMarker })).Certificates.map((c: any) => c.CertificateArn), [b]);
  // DescribeListeners keeps showing only the default certificate.
  assert.deepEqual((await w.call('DescribeListeners', { ListenerArns: [listener.ListenerArn] })).Listeners[0].Certificates, [{ CertificateArn: main }]);

  const pending = acmCertificate(w, { status: 'PENDING_VALIDATION' });
  assert.deepEqual(await err(w, 'AddListenerCertificates', { ListenerArn: listener.ListenerArn, Certificates: [{ CertificateArn: pending }] }), ['CertificateNotFound', `Certificate '${pending}' not found`]);
  assert.equal((await err(w, 'AddListenerCertificates', { ListenerArn: `${listener.ListenerArn}0`, Certificates: [{ CertificateArn: a }] }))[0], 'ListenerNotFound');
  assert.equal((await err(w, 'RemoveListenerCertificates', { ListenerArn: listener.ListenerArn, Certificates: [{ CertificateArn: main }] }))[0], 'OperationNotPermitted');

  await w.call('RemoveListenerCertificates', { ListenerArn: listener.ListenerArn, Certificates: [{ CertificateArn: a }] });
  assert.deepEqual((await w.call('DescribeListenerCertificates', { ListenerArn: listener.ListenerArn })).Certificates.map((c: any) => [c.CertificateArn, c.IsDefault]), [
    [main, true],
    [b, false],
  ]);
  // HTTPS → HTTP drops every certificate, the SNI ones too.
  await w.call('ModifyListener', { ListenerArn: listener.ListenerArn, Protocol: 'HTTP', Port: 443 });
  assert.deepEqual((await w.call('DescribeListenerCertificates', { ListenerArn: listener.ListenerArn })).Certificates, []);
  assert.equal((await err(w, 'AddListenerCertificates', { ListenerArn: listener.ListenerArn, Certificates: [{ CertificateArn: a }] }))[0], 'ValidationError');
});

test('TooManyCertificates: 25 per load balancer, default certificates not counted', async () => {
  const w = world();
  const { lb, tg, listener } = await httpsListener(w, acmCertificate(w));
  const other = (await w.call('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTPS', Port: 8443, Certificates: [{ CertificateArn: acmCertificate(w) }], DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })).Listeners[0];
  const many = Array.from({ length: 20 }, () => ({ CertificateArn: acmCertificate(w) }));
  await w.call('AddListenerCertificates', { ListenerArn: listener.ListenerArn, Certificates: many });
  await w.call('AddListenerCertificates', { ListenerArn: other.ListenerArn, Certificates: many.slice(0, 5) });
  const refused = await err(w, 'AddListenerCertificates', { ListenerArn: other.ListenerArn, Certificates: [{ CertificateArn: acmCertificate(w) }] });
  assert.equal(refused[0], 'TooManyCertificates');
  assert.equal((await w.call('DescribeListenerCertificates', { ListenerArn: other.ListenerArn })).Certificates.length, 6);
});
