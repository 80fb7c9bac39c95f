import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { ROUTE53_KIND, type HostedZone } from '../../state/records/route53.js';
import { route53Service as svc } from './index.js';

test('hosted zone tags: add, replace, remove, list; health checks are not implemented', async () => {
  const ctx = testContext();
  const out = await call(svc, ctx, 'CreateHostedZone', { Name: 't.example.org', CallerReference: 't1' });
  const id = out.HostedZone.Id.replace('/hostedzone/', '');
  await call(svc, ctx, 'ChangeTagsForResource', { ResourceType: 'hostedzone', ResourceId: id, AddTags: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'a' }] });
  await call(svc, ctx, 'ChangeTagsForResource', { ResourceType: 'hostedzone', ResourceId: `/hostedzone/${id}`, AddTags: [{ Key: 'env', Value: 'prod' }], RemoveTagKeys: ['team', 'absent'] });
  const listed = await call(svc, ctx, 'ListTagsForResource', { ResourceType: 'hostedzone', ResourceId: id });
  assert.deepEqual(listed, { ResourceTagSet: { ResourceType: 'hostedzone', ResourceId: id, Tags: [{ Key: 'env', Value: 'prod' }] } });
  assert.deepEqual(ctx.store.get<HostedZone>(ROUTE53_KIND.hostedZone, id)!.tags, [{ Key: 'env', Value: 'prod' }]);
  const many = await call(svc, ctx, 'ListTagsForResources', { ResourceType: 'hostedzone', ResourceIds: [id] });
  assert.deepEqual(many.ResourceTagSets, [listed.ResourceTagSet]);
  assert.equal((await callError(svc, ctx, 'ListTagsForResource', { ResourceType: 'hostedzone', ResourceId: 'ZNOPE' })).code, 'NoSuchHostedZone');
  assert.equal((await callError(svc, ctx, 'ListTagsForResource', { ResourceType: 'healthcheck', ResourceId: 'abc' })).code, 'NotImplemented');
  const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
  assert.equal((await callError(svc, ctx, 'ChangeTagsForResource', { ResourceType: 'hostedzone', ResourceId: id, AddTags: tooMany })).code, 'InvalidInput');
});
