/**
 * The certificate list of HTTPS listeners: AddListenerCertificates, DescribeListenerCertificates,
 * RemoveListenerCertificates (elbv2-vpc-endpoints.md §1.9, §1.11). The default certificate is the
 * listener's `Certificates` entry (changed with ModifyListener); the others, picked by SNI, are
 * stored in `Listener.additionalCertificateArns`.
 *
 * - Each added certificate must be an issued or imported ACM certificate (common/certificates.ts).
 * - At most 25 certificates per load balancer, default certificates not counted (§8.2, ALB quotas
 *   page) → `TooManyCertificates`.
 * - Describe lists the default certificate first with `IsDefault: true`, then the others with
 *   `IsDefault: false`.
 * - Removing the default certificate → `OperationNotPermitted` (the model lists it for this call;
 *   wording [infer]); removing one not in the list changes nothing [infer].
 */
import type { OperationHandler } from '../context.js';
import { AwsError } from '../../kernel/errors.js';
import { ELBV2_KIND, type Listener } from '../../state/records/elbv2.js';
import { usableCertificate } from './common/certificates.js';
import { rejectUnsupported, rejectUnsupportedMember, validationError } from './common/errors.js';
import { mustGetListener } from './common/lookup.js';
import { pageInOrder } from './common/pagination.js';

/** Certificates per load balancer, default certificates not counted (§8.2). */
export const MAX_CERTIFICATES_PER_LOAD_BALANCER = 25;

interface CertificatesInput {
  ListenerArn?: string;
  Certificates?: { CertificateArn?: string; IsDefault?: boolean }[];
}

/** The certificate ARNs of a call; `IsDefault` may only say false (the default changes through ModifyListener). */
function certificateArns(operation: string, input: CertificatesInput): string[] {
  const certs = input.Certificates ?? [];
  if (certs.length === 0) throw validationError('At least one certificate must be specified');
  return [
    ...new Set(
      certs.map((c) => {
        rejectUnsupportedMember(operation, 'Certificates', c as Record<string, unknown>, ['CertificateArn', 'IsDefault']);
        if (c.IsDefault === true) throw validationError('The default certificate of a listener is set with ModifyListener; IsDefault must be false or absent');
        if (!c.CertificateArn) throw validationError('A certificate ARN must be specified');
        return c.CertificateArn;
      }),
    ),
  ];
}

function secureListener(listener: Listener): void {
  if (listener.protocol !== 'HTTPS' && listener.protocol !== 'TLS') {
    throw validationError(`Certificates can only be added to HTTPS and TLS listeners; listener '${listener.id}' uses ${listener.protocol}`);
  }
}

const wire = (arn: string, isDefault: boolean) => ({ CertificateArn: arn, IsDefault: isDefault });

const addListenerCertificates: OperationHandler = (ctx, input: CertificatesInput) => {
  rejectUnsupported('AddListenerCertificates', input as Record<string, unknown>, ['ListenerArn', 'Certificates']);
  const listener = mustGetListener(ctx.store, ctx.region, input.ListenerArn);
  const arns = certificateArns('AddListenerCertificates', input);
  secureListener(listener);
  for (const arn of arns) usableCertificate(ctx.store, ctx.region, arn);
  const updated = ctx.store.transact((tx) => {
    const cur = tx.get<Listener>(ELBV2_KIND.listener, listener.id)!;
    const defaultArn = cur.certificates[0]?.CertificateArn;
    const additional = [...new Set([...(cur.additionalCertificateArns ?? []), ...arns.filter((a) => a !== defaultArn)])];
    const others = tx.list<Listener>(ELBV2_KIND.listener, (l) => l.loadBalancerArn === cur.loadBalancerArn && l.id !== cur.id);
    const total = additional.length + others.reduce((n, l) => n + (l.additionalCertificateArns?.length ?? 0), 0);
    if (total > MAX_CERTIFICATES_PER_LOAD_BALANCER) {
      throw new AwsError('TooManyCertificates', `The quota of ${MAX_CERTIFICATES_PER_LOAD_BALANCER} certificates per load balancer, not counting default certificates, has been reached`);
    }
    return tx.put<Listener>(ELBV2_KIND.listener, { ...cur, additionalCertificateArns: additional });
  });
  return { Certificates: (updated.additionalCertificateArns ?? []).map((a) => wire(a, false)) };
};

const describeListenerCertificates: OperationHandler = (ctx, input: { ListenerArn?: string; Marker?: string; PageSize?: number }) => {
  rejectUnsupported('DescribeListenerCertificates', input, ['ListenerArn', 'Marker', 'PageSize']);
  const listener = mustGetListener(ctx.store, ctx.region, input.ListenerArn);
  const all = [...listener.certificates.map((c) => wire(c.CertificateArn, true)), ...(listener.additionalCertificateArns ?? []).map((a) => wire(a, false))];
  const { page, NextMarker } = pageInOrder(all, input, (c) => c.CertificateArn);
  return { Certificates: page, NextMarker };
};

const removeListenerCertificates: OperationHandler = (ctx, input: CertificatesInput) => {
  rejectUnsupported('RemoveListenerCertificates', input as Record<string, unknown>, ['ListenerArn', 'Certificates']);
  const listener = mustGetListener(ctx.store, ctx.region, input.ListenerArn);
  const arns = certificateArns('RemoveListenerCertificates', input);
  const defaultArn = listener.certificates[0]?.CertificateArn;
  if (defaultArn !== undefined && arns.includes(defaultArn)) {
    throw new AwsError('OperationNotPermitted', `The default certificate '${defaultArn}' cannot be removed from the listener; replace it with ModifyListener`);
  }
  ctx.store.transact((tx) => {
    const cur = tx.get<Listener>(ELBV2_KIND.listener, listener.id)!;
    const kept = (cur.additionalCertificateArns ?? []).filter((a) => !arns.includes(a));
    const { additionalCertificateArns: _old, ...rest } = cur;
    tx.put<Listener>(ELBV2_KIND.listener, kept.length > 0 ? { ...rest, additionalCertificateArns: kept } : rest);
  });
  return {};
};

export const listenerCertificateHandlers: Record<string, OperationHandler> = {
  AddListenerCertificates: addListenerCertificates,
  DescribeListenerCertificates: describeListenerCertificates,
  RemoveListenerCertificates: removeListenerCertificates,
};
