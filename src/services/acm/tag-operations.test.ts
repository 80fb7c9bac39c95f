import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { acmService } from './index.js';

test('AddTagsToCertificate merges, RemoveTagsFromCertificate removes by key or by key and value', async () => {
  const ctx = testContext();
  const { CertificateArn } = await call(acmService, ctx, 'RequestCertificate', { DomainName: 'tags.example.com', ValidationMethod: 'DNS', Tags: [{ Key: 'a', Value: '1' }] });
  await call(acmService, ctx, 'AddTagsToCertificate', { CertificateArn, Tags: [{ Key: 'a', Value: '2' }, { Key: 'b', Value: 'x' }, { Key: 'c' }] });
  const tags = async () => (await call(acmService, ctx, 'ListTagsForCertificate', { CertificateArn })).Tags;
  assert.deepEqual(await tags(), [{ Key: 'a', Value: '2' }, { Key: 'b', Value: 'x' }, { Key: 'c' }]);
  await call(acmService, ctx, 'RemoveTagsFromCertificate', { CertificateArn, Tags: [{ Key: 'a', Value: 'not-2' }, { Key: 'b' }] });
  assert.deepEqual(await tags(), [{ Key: 'a', Value: '2' }, { Key: 'c' }], 'a value that does not match keeps the tag');
  await call(acmService, ctx, 'RemoveTagsFromCertificate', { CertificateArn, Tags: [{ Key: 'a', Value: '2' }] });
  assert.deepEqual(await tags(), [{ Key: 'c' }]);
});

test('tag limits: 50 per certificate, aws: keys reserved, unknown certificate', async () => {
  const ctx = testContext();
  const { CertificateArn } = await call(acmService, ctx, 'RequestCertificate', { DomainName: 'tags.example.com', ValidationMethod: 'DNS' });
  await call(acmService, ctx, 'AddTagsToCertificate', { CertificateArn, Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) });
  assert.equal((await callError(acmService, ctx, 'AddTagsToCertificate', { CertificateArn, Tags: [{ Key: 'one-more', Value: 'v' }] })).code, 'TooManyTagsException');
  assert.equal((await callError(acmService, ctx, 'AddTagsToCertificate', { CertificateArn, Tags: [{ Key: 'aws:x', Value: 'v' }] })).code, 'InvalidTagException');
  assert.equal((await call(acmService, ctx, 'ListTagsForCertificate', { CertificateArn })).Tags.length, 50);
  const missing = CertificateArn.replace(/[0-9a-f]{12}$/, '000000000000');
  assert.equal((await callError(acmService, ctx, 'AddTagsToCertificate', { CertificateArn: missing, Tags: [{ Key: 'a' }] })).code, 'ResourceNotFoundException');
});
