/**
 * TLS contexts for certificates from ACM (state/records/acm.ts), shared by every listener that
 * presents one: ALB HTTPS listeners, the execute-api front door and VPC endpoints for custom
 * domain names. A context is built once per certificate and rebuilt when its PEM changes (a
 * re-import); a PEM Node refuses is reported once and left out.
 */
import tls from 'node:tls';

/** A certificate as a listener presents it: the leaf followed by its chain, and the key. */
export interface ServedCertificate {
  readonly arn: string;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/** The leaf followed by its chain (ACM keeps them apart), one PEM text. */
export function pemWithChain(certificatePem: string, chainPem: string | undefined): string {
  return chainPem ? `${certificatePem.trimEnd()}\n${chainPem.trim()}\n` : certificatePem;
}

export class SecureContexts {
  private readonly contexts = new Map<string, { pem: string; context: tls.SecureContext | undefined }>();

  constructor(private readonly report: (arn: string, error: string) => void) {}

  get(cert: ServedCertificate): tls.SecureContext | undefined {
    const known = this.contexts.get(cert.arn);
    if (known && known.pem === cert.certificatePem) return known.context;
    let context: tls.SecureContext | undefined;
    try {
      context = tls.createSecureContext({ cert: cert.certificatePem, key: cert.privateKeyPem });
    } catch (e) {
      this.report(cert.arn, e instanceof Error ? e.message : String(e));
    }
    this.contexts.set(cert.arn, { pem: cert.certificatePem, context });
    return context;
  }

  /** Forgets the contexts of certificates no listener serves any more. */
  retain(arns: ReadonlySet<string>): void {
    for (const arn of this.contexts.keys()) if (!arns.has(arn)) this.contexts.delete(arn);
  }
}
