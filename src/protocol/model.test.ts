/**
 * The generated models and their loading: complete, prose-free, lazy, and routable.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SERVICE_IDS, operationExists, operationNames, protocolOf, serviceVersion } from './index.js';
import { loadModel } from './model.js';
import { RestRouter, splitRawPath } from './rest-routes.js';
import type { ServiceId } from './types.js';

/** Operation counts in botocore 1.43.11 (aws-protocols.md §7). */
const COUNTS: Record<ServiceId, number> = { ec2: 765, elbv2: 51, apigateway: 124, apigatewayv2: 103, route53: 71, acm: 17, cloudformation: 90, sts: 11 };

describe('generated models', () => {
  it('hold every operation, their generator and no prose', () => {
    for (const id of SERVICE_IDS) {
      const text = readFileSync(new URL(`../models/${id}.json`, import.meta.url), 'utf8');
      assert.ok(!text.includes('"documentation"'), `${id} has documentation`);
      assert.ok(!text.includes('"deprecatedMessage"'), `${id} has deprecation text`);
      const model = loadModel(id);
      assert.equal(model.doc._generatedFrom, 'botocore 1.43.11');
      assert.equal(Object.keys(model.doc.operations).length, COUNTS[id], id);
      assert.equal(operationNames(id).length, COUNTS[id]);
      assert.equal(model.metadata.apiVersion, serviceVersion(id), id);
      assert.equal(model.metadata.protocol, protocolOf(id), id);
    }
  });

  it('operationExists tells model operations from others', () => {
    assert.equal(operationExists('ec2', 'DescribeVpcs'), true);
    assert.equal(operationExists('ec2', 'DescribeLoadBalancers'), false);
    assert.equal(operationExists('elbv2', 'DescribeTrustStores'), true);
    assert.equal(operationExists('elbv2', 'toString'), false);
  });

  it('keeps the facts the codecs need', () => {
    const elb = loadModel('elbv2');
    assert.equal(elb.operation('DescribeTargetGroups')?.output?.resultWrapper, 'DescribeTargetGroupsResult');
    assert.equal(elb.errorShape('TargetGroupNotFound')?.name, 'TargetGroupNotFoundException');
    assert.equal(elb.errorShape('TargetGroupNotFoundException')?.code, 'TargetGroupNotFound');
    assert.equal(loadModel('route53').operation('CreateHostedZone')?.input?.locationName, 'CreateHostedZoneRequest');
    assert.equal(loadModel('acm').metadata.targetPrefix, 'CertificateManager');
    assert.deepEqual(loadModel('apigateway').shape('EndpointType').enum, ['REGIONAL', 'EDGE', 'PRIVATE']);
    // member order is the model's, not alphabetical (it is the XML element order)
    assert.deepEqual(Object.keys(loadModel('ec2').shape('Vpc').members!).slice(0, 3), ['OwnerId', 'InstanceTenancy', 'Ipv6CidrBlockAssociationSet']);
  });

  it('every REST operation routes back to itself from its own template', () => {
    for (const id of ['apigateway', 'apigatewayv2', 'route53'] as const) {
      const model = loadModel(id);
      const router = new RestRouter(model);
      for (const [name, op] of Object.entries(model.doc.operations)) {
        const [path, query = ''] = op.http.requestUri.split('?');
        for (const seg of path!.split('/')) assert.ok(!seg.includes('{') || /^\{[^}]+\}$/.test(seg), `${id} ${name}: partial label in ${seg}`);
        const raw = path!.replace(/\{[^}]+\}/g, 'x1');
        const q = new Map(query.split('&').filter(Boolean).map((p) => [p.split('=')[0]!, [p.split('=')[1] ?? '']] as [string, string[]]));
        assert.equal(router.match(op.http.method, splitRawPath(raw), q)?.operation, name, `${id} ${op.http.method} ${op.http.requestUri}`);
      }
    }
  });
});

describe('lazy loading', () => {
  it('importing the protocol layer, detecting and getting codecs loads no model, and is fast', () => {
    const index = fileURLToPath(new URL('./index.ts', import.meta.url));
    const model = fileURLToPath(new URL('./model.ts', import.meta.url));
    const script = `
      const t0 = performance.now();
      const p = await import(${JSON.stringify(index)});
      const t1 = performance.now();
      const m = await import(${JSON.stringify(model)});
      const req = { method: 'POST', path: '/', rawQuery: '', headers: {}, body: Buffer.from('Action=DescribeVpcs&Version=2016-11-15') };
      const d = p.detectService(req);
      for (const id of p.SERVICE_IDS) p.getCodec(id);
      const loaded = p.SERVICE_IDS.filter((id) => m.isModelLoaded(id));
      const t2 = performance.now();
      p.getCodec('ec2').parse(req);
      const t3 = performance.now();
      console.log(JSON.stringify({ importMs: t1 - t0, service: d.service, loaded, ec2LoadAndParseMs: t3 - t2, ec2Loaded: m.isModelLoaded('ec2') }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }).trim().split('\n').pop()!);
    assert.equal(out.service, 'ec2');
    assert.deepEqual(out.loaded, []);
    assert.equal(out.ec2Loaded, true);
    assert.ok(out.importMs < 500, `import took ${out.importMs} ms`);
    assert.ok(out.ec2LoadAndParseMs < 500, `first EC2 parse took ${out.ec2LoadAndParseMs} ms`);
  });
});
