/**
 * `InUseBy` (ec2-route53-acm.md §3.3), computed from the consumers' records rather than kept on
 * the certificate, so it is always current:
 *
 * - an ELBv2 listener that serves the certificate (default `Certificates` or one added with
 *   AddListenerCertificates) → its load balancer's ARN (AWS lists the load balancer, not the
 *   listener; [obs] anomalyco/sst#5462);
 * - an API Gateway custom domain name whose `certificateArn` or `regionalCertificateArn` is the
 *   certificate → the domain name's ARN `arn:aws:apigateway:<region>::/domainnames/<name>`
 *   [infer: AWS shows a CloudFront distribution ARN for edge-optimized names, which localvpc
 *   does not have].
 */
import { KIND as APIGATEWAY_KIND, type DomainName } from '../../state/records/apigateway.js';
import { ELBV2_KIND, type Listener } from '../../state/records/elbv2.js';
import type { RecordReader } from '../../state/store.js';

export function inUseBy(store: RecordReader, certificateArn: string): string[] {
  const out = new Set<string>();
  for (const l of store.list<Listener>(ELBV2_KIND.listener)) {
    if (l.certificates.some((c) => c.CertificateArn === certificateArn) || l.additionalCertificateArns?.includes(certificateArn)) out.add(l.loadBalancerArn);
  }
  for (const d of store.list<DomainName>(APIGATEWAY_KIND.domainName)) {
    if (d.certificateArn === certificateArn || d.regionalCertificateArn === certificateArn) out.add(d.domainNameArn);
  }
  return [...out].sort();
}

/** Every certificate ARN some consumer uses (ListCertificates' `InUse`, one pass over the consumers). */
export function certificatesInUse(store: RecordReader): Set<string> {
  const out = new Set<string>();
  for (const l of store.list<Listener>(ELBV2_KIND.listener)) {
    for (const c of l.certificates) out.add(c.CertificateArn);
    for (const arn of l.additionalCertificateArns ?? []) out.add(arn);
  }
  for (const d of store.list<DomainName>(APIGATEWAY_KIND.domainName)) {
    if (d.certificateArn) out.add(d.certificateArn);
    if (d.regionalCertificateArn) out.add(d.regionalCertificateArn);
  }
  return out;
}
