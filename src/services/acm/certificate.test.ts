import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KIND as APIGATEWAY_KIND, type DomainName } from '../../state/records/apigateway.js';
import { ELBV2_KIND, type Listener } from '../../state/records/elbv2.js';
import type { OperationContext } from '../context.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { acmService } from './index.js';

const LB_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:000000000000:loadbalancer/app/alb/50dc6c495c0c9188';
const LISTENER_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:000000000000:listener/app/alb/50dc6c495c0c9188/f2f7dc8efc522ab2';
const DOMAIN_ARN = 'arn:aws:apigateway:eu-west-1::/domainnames/api.example.org';

async function request(ctx: OperationContext, DomainName = 'app.example.org', extra: Record<string, unknown> = {}): Promise<string> {
  return (await call(acmService, ctx, 'RequestCertificate', { DomainName, ValidationMethod: 'DNS', ...extra })).CertificateArn;
}

function putListener(ctx: OperationContext, certificateArn: string, additional: boolean): void {
  const listener: Listener = {
    id: LISTENER_ARN,
    region: 'eu-west-1',
    tags: [],
    createdAt: new Date().toISOString(),
    loadBalancerArn: LB_ARN,
    port: 443,
    protocol: 'HTTPS',
    defaultActions: [],
    certificates: additional ? [] : [{ CertificateArn: certificateArn }],
    ...(additional ? { additionalCertificateArns: [certificateArn] } : {}),
  };
  ctx.store.transact((tx) => tx.put(ELBV2_KIND.listener, listener));
}

function putDomainName(ctx: OperationContext, certificateArn: string): void {
  const domain: DomainName = {
    id: 'api.example.org',
    region: 'eu-west-1',
    domainName: 'api.example.org',
    domainNameArn: DOMAIN_ARN,
    endpointType: 'REGIONAL',
    regionalCertificateArn: certificateArn,
    securityPolicy: 'TLS_1_2',
    domainNameStatus: 'AVAILABLE',
    routingMode: 'BASE_PATH_MAPPING_ONLY',
    tags: {},
    createdDate: new Date().toISOString(),
  };
  ctx.store.transact((tx) => tx.put(APIGATEWAY_KIND.domainName, domain));
}

test('unknown, foreign and malformed ARNs: ResourceNotFoundException with AWS text, InvalidArnException', async () => {
  const ctx = testContext();
  const missing = 'arn:aws:acm:eu-west-1:000000000000:certificate/0f1e2d3c-4b5a-4697-8a7b-6c5d4e3f2a1b';
  for (const op of ['DescribeCertificate', 'GetCertificate', 'DeleteCertificate', 'ListTagsForCertificate']) {
    const e = await callError(acmService, ctx, op, { CertificateArn: missing });
    assert.deepEqual([e.code, e.message], ['ResourceNotFoundException', `Could not find certificate ${missing} in account 000000000000.`], op);
  }
  const arn = await request(ctx);
  const elsewhere = testContext({ store: ctx.store, region: 'us-east-1' });
  assert.equal((await callError(acmService, elsewhere, 'DescribeCertificate', { CertificateArn: arn })).code, 'ResourceNotFoundException', 'certificates are regional');
  assert.equal((await callError(acmService, ctx, 'DescribeCertificate', { CertificateArn: 'arn:aws:acm:eu-west-1:000000000000:foo/bar' })).code, 'InvalidArnException');
});

test('GetCertificate before issuance → RequestInProgressException', async () => {
  const ctx = testContext();
  const arn = await request(ctx);
  const e = await callError(acmService, ctx, 'GetCertificate', { CertificateArn: arn });
  assert.equal(e.code, 'RequestInProgressException');
});

test('InUseBy lists the ALB of a listener and the API Gateway domain name; DeleteCertificate waits until both let go (checklist 40)', async () => {
  const ctx = testContext();
  const arn = await request(ctx);
  const other = await request(ctx, 'other.example.org');
  putListener(ctx, arn, true);
  putDomainName(ctx, arn);
  const c = (await call(acmService, ctx, 'DescribeCertificate', { CertificateArn: arn })).Certificate;
  assert.deepEqual(c.InUseBy, [DOMAIN_ARN, LB_ARN].sort());
  const list = (await call(acmService, ctx, 'ListCertificates', {})).CertificateSummaryList;
  assert.deepEqual(list.map((s: { CertificateArn: string; InUse: boolean }) => [s.CertificateArn, s.InUse]).sort(), [[arn, true], [other, false]].sort());

  const e = await callError(acmService, ctx, 'DeleteCertificate', { CertificateArn: arn });
  assert.deepEqual([e.code, e.message], ['ResourceInUseException', `Certificate ${arn} in account 000000000000 is in use.`]);
  ctx.store.transact((tx) => tx.delete(APIGATEWAY_KIND.domainName, 'api.example.org'));
  putListener(ctx, arn, false);
  assert.equal((await callError(acmService, ctx, 'DeleteCertificate', { CertificateArn: arn })).code, 'ResourceInUseException', 'a default certificate counts too');
  ctx.store.transact((tx) => tx.delete(ELBV2_KIND.listener, LISTENER_ARN));

  await call(acmService, ctx, 'DeleteCertificate', { CertificateArn: arn });
  assert.equal((await callError(acmService, ctx, 'DescribeCertificate', { CertificateArn: arn })).code, 'ResourceNotFoundException');
  assert.deepEqual((await call(acmService, ctx, 'ListCertificates', {})).CertificateSummaryList.map((s: { CertificateArn: string }) => s.CertificateArn), [other]);
});

test('ListCertificates: summary fields, status and key-type filters, paging, sort order', async () => {
  const ctx = testContext();
  const arns: string[] = [];
  for (const name of ['a.example.org', 'b.example.org', 'c.example.org']) arns.push(await request(ctx, name, { SubjectAlternativeNames: [`www.${name}`] }));
  const ec = await request(ctx, 'ec.example.org', { KeyAlgorithm: 'EC_prime256v1' });

  const all = (await call(acmService, ctx, 'ListCertificates', {})).CertificateSummaryList;
  assert.deepEqual(all.map((s: { CertificateArn: string }) => s.CertificateArn).sort(), [...arns].sort(), 'EC certificates only with Includes.keyTypes');
  const s = all.find((x: { CertificateArn: string }) => x.CertificateArn === arns[0]);
  assert.deepEqual(
    { ...s, CreatedAt: undefined },
    {
      CertificateArn: arns[0], DomainName: 'a.example.org', SubjectAlternativeNameSummaries: ['a.example.org', 'www.a.example.org'], HasAdditionalSubjectAlternativeNames: false,
      Status: 'PENDING_VALIDATION', Type: 'AMAZON_ISSUED', KeyAlgorithm: 'RSA-2048', KeyUsages: [], ExtendedKeyUsages: [], InUse: false, RenewalEligibility: 'INELIGIBLE',
      NotBefore: undefined, NotAfter: undefined, CreatedAt: undefined, IssuedAt: undefined, ImportedAt: undefined,
    },
  );
  const withEc = (await call(acmService, ctx, 'ListCertificates', { Includes: { keyTypes: ['EC_prime256v1'] } })).CertificateSummaryList;
  assert.deepEqual(withEc.map((x: { CertificateArn: string }) => x.CertificateArn), [ec]);
  assert.equal((await call(acmService, ctx, 'ListCertificates', { CertificateStatuses: ['ISSUED'] })).CertificateSummaryList.length, 0);
  assert.equal((await call(acmService, ctx, 'ListCertificates', { CertificateStatuses: ['PENDING_VALIDATION'] })).CertificateSummaryList.length, 3);

  const seen: string[] = [];
  let NextToken: string | undefined;
  let pages = 0;
  do {
    const page = await call(acmService, ctx, 'ListCertificates', { MaxItems: 2, NextToken, SortBy: 'CREATED_AT', SortOrder: 'DESCENDING' });
    seen.push(...page.CertificateSummaryList.map((x: { CertificateArn: string }) => x.CertificateArn));
    NextToken = page.NextToken;
    pages++;
  } while (NextToken);
  assert.equal(pages, 2);
  const ascending = (await call(acmService, ctx, 'ListCertificates', { SortBy: 'CREATED_AT', SortOrder: 'ASCENDING' })).CertificateSummaryList.map((x: { CertificateArn: string }) => x.CertificateArn);
  assert.deepEqual(seen, [...ascending].reverse());
  assert.equal(new Set(seen).size, 3);

  assert.equal((await callError(acmService, ctx, 'ListCertificates', { NextToken: 'garbage' })).code, 'InvalidArgsException');
  assert.equal((await callError(acmService, ctx, 'ListCertificates', { SortBy: 'CREATED_AT' })).code, 'ValidationException');
  assert.equal((await callError(acmService, ctx, 'ListCertificates', { Includes: { keyUsage: ['DIGITAL_SIGNATURE'] } })).code, 'NotImplemented');
});
