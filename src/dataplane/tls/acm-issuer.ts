/**
 * AcmIssuer completes the DNS validation of ACM certificates (ec2-route53-acm.md §3.4) and issues
 * them with the local CA (tls/ca.ts), writing the result back through the ObservationWriter:
 *
 *   PENDING_VALIDATION ─(every validation CNAME exists)──► ISSUED
 *   PENDING_VALIDATION ─(72 h, AWS time)─────────────────► VALIDATION_TIMED_OUT
 *
 * Validation rule: a DomainValidation succeeds once a CNAME record set with exactly its record
 * name, holding its record value, exists in a *public* Route 53 hosted zone (AWS resolves the
 * record on the public internet, so a private zone never validates; §3.4 "[infer] emulator
 * lookup rule"). Names compare case-insensitively, with or without the trailing dot, and
 * Route 53's `\ddd` escapes decoded (§2.9). Any public zone counts: localvpc has no delegation
 * from a parent zone [infer]. Each name turns SUCCESS as soon as its record is seen, as ACM
 * shows per-name progress; a SUCCESS stays even if the record goes away later.
 *
 * Timing: AWS issues "typically minutes" after the record resolves, and the CertificateValidated
 * waiter polls every 60 s (§3.4, [model] W-ACM). localvpc issues as soon as it sees the record
 * (the next change of an ACM or Route 53 record, or the reconcile at start-up): a delay would
 * only slow tests down, and every client has to poll anyway.
 *
 * Time-out: ACM gives up after 72 hours ([model] CertificateDetail.Status doc). A pending
 * certificate gets a timer for the rest of its 72 AWS hours since `createdAt` (so
 * `--time-scale` shortens it, and a restart keeps the deadline); when it fires and the
 * certificate is still pending, the status becomes VALIDATION_TIMED_OUT and the names not yet
 * validated FAILED [infer].
 *
 * The issued certificate is the local CA's (ECDSA P-256 key, 395 days, every SAN of the request,
 * the domain name as CN). The CA is opened only when there is something to issue, so start-up
 * does not pay for loading the X.509 library. Every write is guarded by
 * `status === 'PENDING_VALIDATION'`, so a deleted or already settled certificate is left alone.
 */
import { X509Certificate } from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/log.js';
import { ACM_KIND, type AcmCertificate, type DomainValidation } from '../../state/records/acm.js';
import { ROUTE53_KIND, type HostedZone, type ResourceRecordSet } from '../../state/records/route53.js';
import type { ObservationWriter } from '../../state/ports.js';
import type { Change } from '../../state/store.js';
import type { ChangeFeedReader } from '../network/network-plane.js';
import type { LocalCa } from './ca.js';
import { acmIssuer, acmSubject, formatSerial } from '../../kernel/certificate-text.js';

/** AWS seconds ACM waits for DNS validation before VALIDATION_TIMED_OUT (72 h). */
export const VALIDATION_TIMEOUT_SECONDS = 72 * 3600;

export interface AcmIssuerDeps {
  readonly store: ChangeFeedReader;
  readonly writer: ObservationWriter;
  readonly ca: () => Promise<LocalCa>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** `_X.Example.COM.` and `_x.example.com` are the same name; `\052` is `*` (Route 53 §2.9). */
export function normalizeDnsName(name: string): string {
  return name
    .replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)))
    .replace(/\.$/, '')
    .toLowerCase();
}

/** Names of public CNAME record sets → their values, both normalised. */
function publicCnames(store: ChangeFeedReader): Map<string, Set<string>> {
  const publicZones = new Set(store.list<HostedZone>(ROUTE53_KIND.hostedZone, (z) => !z.privateZone).map((z) => z.id));
  const out = new Map<string, Set<string>>();
  for (const rrs of store.list<ResourceRecordSet>(ROUTE53_KIND.recordSet, (r) => r.type === 'CNAME' && publicZones.has(r.zoneId))) {
    const name = normalizeDnsName(rrs.name);
    let values = out.get(name);
    if (!values) out.set(name, (values = new Set()));
    for (const v of rrs.records) values.add(normalizeDnsName(v));
  }
  return out;
}

function validated(v: DomainValidation, cnames: Map<string, Set<string>>): boolean {
  return cnames.get(normalizeDnsName(v.resourceRecord.name))?.has(normalizeDnsName(v.resourceRecord.value)) ?? false;
}

/**
 * DescribeCertificate's Subject (`CN=app.example.org`), Issuer (organisation, else common
 * name), Serial (`0a:1b:…`) and validity (whole seconds, as in the certificate), as the ACM
 * service shows imported certificates (§3.3, §3.5).
 */
function describedFields(pem: string): { subject: string; issuer: string; serial: string; notBefore: string; notAfter: string } {
  const x = new X509Certificate(pem);
  return {
    subject: acmSubject(x.subject),
    issuer: acmIssuer(x.issuer),
    serial: formatSerial(x.serialNumber),
    notBefore: new Date(Date.parse(x.validFrom)).toISOString(),
    notAfter: new Date(Date.parse(x.validTo)).toISOString(),
  };
}

export class AcmIssuer {
  private readonly log: Logger;
  private readonly unsubscribe: () => void;
  private readonly timeouts = new Map<string, { cancel(): void }>();
  /** The last pass started or queued, and the queued one that has not started yet. */
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly deps: AcmIssuerDeps) {
    this.log = deps.logger.child('acm-issuer');
    this.unsubscribe = deps.store.onChange((changes) => this.onChanges(changes));
  }

  /**
   * Validates and issues what can be; resolves when that pass is done. Calls while a pass runs
   * queue one more pass (calls while one is queued share it).
   */
  reconcile(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.queued) return this.queued;
    const next = this.tail.then(async () => {
      this.queued = undefined;
      if (this.closed) return;
      try {
        await this.pass();
      } catch (e) {
        this.log.error('certificate issuing failed', { error: e instanceof Error ? e.message : String(e) });
      }
    });
    this.queued = next;
    this.tail = next;
    return next;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const t of this.timeouts.values()) t.cancel();
    this.timeouts.clear();
    await this.tail;
  }

  private onChanges(changes: readonly Change[]): void {
    if (changes.some((c) => c.kind === ACM_KIND.certificate || c.kind === ROUTE53_KIND.recordSet || c.kind === ROUTE53_KIND.hostedZone)) void this.reconcile();
  }

  private async pass(): Promise<void> {
    const pending = this.deps.store.list<AcmCertificate>(ACM_KIND.certificate, (c) => c.type === 'AMAZON_ISSUED' && c.status === 'PENDING_VALIDATION');
    const pendingIds = new Set(pending.map((c) => c.id));
    for (const [id, timer] of this.timeouts) {
      if (!pendingIds.has(id)) {
        timer.cancel();
        this.timeouts.delete(id);
      }
    }
    if (pending.length === 0) return;
    const cnames = publicCnames(this.deps.store);
    for (const cert of pending) {
      if (this.closed) return;
      this.armTimeout(cert);
      const options = cert.domainValidationOptions.map((v): DomainValidation => (v.validationStatus === 'PENDING_VALIDATION' && validated(v, cnames) ? { ...v, validationStatus: 'SUCCESS' } : v));
      if (options.every((v) => v.validationStatus === 'SUCCESS')) await this.issue(cert, options);
      else if (options.some((v, i) => v !== cert.domainValidationOptions[i])) this.observe(cert.id, { domainValidationOptions: options });
    }
  }

  private async issue(cert: AcmCertificate, options: readonly DomainValidation[]): Promise<void> {
    const ca = await this.deps.ca();
    const issued = await ca.issue(cert.subjectAlternativeNames);
    const wrote = this.observe(cert.id, {
      status: 'ISSUED',
      issuedAt: this.deps.clock.now().toISOString(),
      ...describedFields(issued.certPem),
      certificatePem: issued.certPem,
      certificateChainPem: issued.chainPem,
      privateKeyPem: issued.keyPem,
      domainValidationOptions: options,
    });
    if (wrote) {
      this.cancelTimeout(cert.id);
      this.log.info('certificate issued', { certificate: cert.id, names: cert.subjectAlternativeNames.join(',') });
    }
  }

  private armTimeout(cert: AcmCertificate): void {
    if (this.timeouts.has(cert.id)) return;
    const elapsedSeconds = (this.deps.clock.now().getTime() - Date.parse(cert.createdAt)) / this.deps.clock.toRealMs(1);
    const remaining = Math.max(0, VALIDATION_TIMEOUT_SECONDS - elapsedSeconds);
    this.timeouts.set(
      cert.id,
      this.deps.clock.after(remaining, () => {
        this.timeouts.delete(cert.id);
        if (!this.closed) this.timeOut(cert.id);
      }),
    );
  }

  private cancelTimeout(id: string): void {
    this.timeouts.get(id)?.cancel();
    this.timeouts.delete(id);
  }

  private timeOut(id: string): void {
    const cert = this.deps.store.get<AcmCertificate>(ACM_KIND.certificate, id);
    if (cert?.status !== 'PENDING_VALIDATION') return;
    const options = cert.domainValidationOptions.map((v): DomainValidation => (v.validationStatus === 'SUCCESS' ? v : { ...v, validationStatus: 'FAILED' }));
    if (this.observe(id, { status: 'VALIDATION_TIMED_OUT', domainValidationOptions: options })) this.log.info('certificate validation timed out', { certificate: id });
  }

  private observe(id: string, patch: Partial<AcmCertificate>): boolean {
    try {
      return this.deps.writer.observe<AcmCertificate>(ACM_KIND.certificate, id, patch, (c) => c.status === 'PENDING_VALIDATION');
    } catch (e) {
      this.log.error('could not record certificate state', { certificate: id, error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  }
}
