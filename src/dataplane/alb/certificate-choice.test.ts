/**
 * SNI certificate choice (elbv2-vpc-endpoints.md §8.3).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ListenerCertificate } from '../lb/snapshot.js';
import { chooseCertificate, wildcardCovers } from './certificate-choice.js';

const cert = (arn: string, names: string[], isDefault = false): ListenerCertificate => ({ arn, isDefault, names, certificatePem: '', privateKeyPem: '' });

test('exact names first, then wildcards, else the default', () => {
  const certs = [cert('default', ['www.example.com'], true), cert('wild', ['*.example.com']), cert('api', ['api.example.com'])];
  assert.equal(chooseCertificate(certs, 'api.example.com')!.arn, 'api');
  assert.equal(chooseCertificate(certs, 'API.example.com.')!.arn, 'api');
  assert.equal(chooseCertificate(certs, 'shop.example.com')!.arn, 'wild');
  assert.equal(chooseCertificate(certs, 'www.example.com')!.arn, 'default');
  assert.equal(chooseCertificate(certs, 'other.test')!.arn, 'default');
  assert.equal(chooseCertificate(certs, undefined)!.arn, 'default');
  assert.equal(chooseCertificate([cert('extra', ['a.test'])], 'b.test'), undefined, 'no default certificate, nothing to present');
});

test('a wildcard covers exactly one label', () => {
  assert.equal(wildcardCovers('*.example.com', 'a.example.com'), true);
  assert.equal(wildcardCovers('*.example.com', 'example.com'), false);
  assert.equal(wildcardCovers('*.example.com', 'a.b.example.com'), false);
  assert.equal(wildcardCovers('www.example.com', 'www.example.com'), false);
});
