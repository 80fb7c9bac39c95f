/**
 * Records other services own, written straight into the store for API Gateway handler tests:
 * ACM certificates (state/records/acm.ts) and execute-api VPC endpoints (state/records/ec2.ts).
 * Imported by the custom-domain and private-API tests; it holds no tests itself.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../../state/store.js';
import { ACM_KIND, type AcmCertificate, type CertificateStatus } from '../../state/records/acm.js';
import { KIND as EC2_KIND, type VpcEndpoint } from '../../state/records/ec2.js';
import { ACCOUNT_ID, ec2Id } from '../../kernel/ids.js';

/** Puts a certificate for `names` (the first is the domain name) and returns its ARN. */
export function putCertificate(store: Store, region: string, names: string[], status: CertificateStatus = 'ISSUED', account = ACCOUNT_ID): string {
  const arn = `arn:aws:acm:${region}:${account}:certificate/${randomUUID()}`;
  const cert: AcmCertificate = {
    id: arn,
    region,
    domainName: names[0]!,
    subjectAlternativeNames: [...names],
    type: 'AMAZON_ISSUED',
    status,
    keyAlgorithm: 'RSA_2048',
    domainValidationOptions: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    certificateTransparencyLoggingPreference: 'ENABLED',
    tags: [],
  };
  store.transact((tx) => tx.put(ACM_KIND.certificate, cert));
  return arn;
}

/** Puts an available execute-api interface endpoint and returns its id. */
export function putVpcEndpoint(store: Store, region: string, state: VpcEndpoint['state'] = 'available'): string {
  const e: VpcEndpoint = {
    id: ec2Id('vpce'),
    region,
    ownerId: ACCOUNT_ID,
    tags: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    vpcEndpointType: 'Interface',
    vpcId: ec2Id('vpc'),
    serviceName: `com.amazonaws.${region}.execute-api`,
    state,
    policyDocument: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
    subnets: [],
    groups: [],
    privateDnsEnabled: true,
    dnsSuffix: 'abcd1234',
    ipAddressType: 'ipv4',
  };
  store.transact((tx) => tx.put(EC2_KIND.vpcEndpoint, e));
  return e.id;
}
