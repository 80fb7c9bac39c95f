/**
 * The local certificate authority that signs every certificate localvpc serves (ACM-issued
 * certificates, ALB and endpoint listeners), created once per state directory and kept there:
 *
 *   <stateDir>/ca/ca.key.pem    PKCS#8 private key (mode 0600)
 *   <stateDir>/ca/ca.crt.pem    self-signed CA certificate, CN "localvpc local CA", 10 years
 *   <stateDir>/ca/bundle.pem    Node's root certificates followed by the local CA
 *                               (`localvpc ca` prints its path; `localvpc exec` points
 *                               CURL_CA_BUNDLE, SSL_CERT_FILE, NODE_EXTRA_CA_CERTS and
 *                               AWS_CA_BUNDLE at it, DESIGN.md)
 *
 * Keys are ECDSA P-256. Leaf certificates carry the names as DNS subject alternative names
 * (IPv4 literals as IP names) and last 13 months, the validity of ACM-issued certificates
 * (https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html: "ACM certificates are
 * valid for 13 months (395 days)").
 */
// @peculiar/x509 registers its algorithms with tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { parseIp } from '../../kernel/cidr.js';
import type { Clock } from '../../kernel/clock.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export const CA_COMMON_NAME = 'localvpc local CA';
/** CA validity in years. */
export const CA_VALIDITY_YEARS = 10;
/** Leaf validity in days (13 months, as ACM). */
export const LEAF_VALIDITY_DAYS = 395;

const EC: EcKeyGenParams & EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export interface IssuedCertificate {
  readonly certPem: string;
  /** PKCS#8 PEM. */
  readonly keyPem: string;
  /** The issuing CA certificate, to serve after the leaf. */
  readonly chainPem: string;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface LocalCaOptions {
  /** Source of "now" for validity periods; default the system clock. */
  readonly clock?: Pick<Clock, 'now'>;
}

export class LocalCa {
  private constructor(
    /** `<stateDir>/ca`. */
    readonly dir: string,
    readonly certificate: x509.X509Certificate,
    private readonly signingKey: CryptoKey,
    private readonly signingAlgorithm: Algorithm | EcdsaParams,
    private readonly now: () => Date,
  ) {}

  /** Loads the CA from `<stateDir>/ca`, creating it on first use. */
  static async open(stateDir: string, options: LocalCaOptions = {}): Promise<LocalCa> {
    const now = () => options.clock?.now() ?? new Date();
    const dir = join(stateDir, 'ca');
    const keyPath = join(dir, 'ca.key.pem');
    const certPath = join(dir, 'ca.crt.pem');
    if (existsSync(keyPath) && existsSync(certPath)) {
      const keyPem = readFileSync(keyPath, 'utf8');
      const { key, algorithm } = await importPrivateKey(keyPem);
      return new LocalCa(dir, new x509.X509Certificate(readFileSync(certPath, 'utf8')), key, algorithm, now);
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
    const notBefore = backdated(now());
    const notAfter = new Date(notBefore);
    notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_VALIDITY_YEARS);
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: `CN=${CA_COMMON_NAME}`,
      notBefore,
      notAfter,
      keys: keys as CryptoKeyPair,
      signingAlgorithm: EC,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
    writeAtomically(keyPath, x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), 0o600);
    writeAtomically(certPath, certificate.toString('pem') + '\n', 0o644);
    return new LocalCa(dir, certificate, keys.privateKey, EC, now);
  }

  /** The CA certificate, PEM. */
  get certPem(): string {
    return this.certificate.toString('pem') + '\n';
  }

  /** Path of the CA certificate alone. */
  certPath(): string {
    return join(this.dir, 'ca.crt.pem');
  }

  /** Issues a server certificate for `names` (DNS names, wildcards, IPv4 literals). */
  async issue(names: readonly string[]): Promise<IssuedCertificate> {
    const unique = [...new Set(names.map((n) => n.trim().replace(/\.$/, '').toLowerCase()).filter(Boolean))];
    if (unique.length === 0) throw new Error('a certificate needs at least one name');
    const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
    const notBefore = backdated(this.now());
    const notAfter = new Date(notBefore.getTime() + LEAF_VALIDITY_DAYS * 86_400_000);
    const serialNumber = serial();
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber,
      subject: `CN=${unique[0]!.slice(0, 64)}`,
      issuer: this.certificate.subject,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: this.signingKey,
      signingAlgorithm: this.signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        new x509.SubjectAlternativeNameExtension(unique.map((n) => (parseIp(n) !== undefined ? { type: 'ip' as const, value: n } : { type: 'dns' as const, value: n }))),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(this.certificate),
      ],
    });
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
    return { certPem: certificate.toString('pem') + '\n', keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), chainPem: this.certPem, serialNumber, notBefore, notAfter };
  }

  /**
   * Writes `<stateDir>/ca/bundle.pem` (Node's root certificates plus the local CA) if it is
   * missing or out of date, and returns its path.
   */
  bundlePath(): string {
    const path = join(this.dir, 'bundle.pem');
    const content = [...rootCertificates, this.certPem.trim()].join('\n') + '\n';
    if (!existsSync(path) || readFileSync(path, 'utf8') !== content) writeAtomically(path, content, 0o644);
    return path;
  }
}

async function importPrivateKey(pem: string): Promise<{ key: CryptoKey; algorithm: Algorithm | EcdsaParams }> {
  const der = x509.PemConverter.decodeFirst(pem);
  const type = createPrivateKey(pem).asymmetricKeyType;
  if (type === 'rsa') {
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    return { key: await webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']), algorithm };
  }
  if (type === 'ec') return { key: await webcrypto.subtle.importKey('pkcs8', der, EC, false, ['sign']), algorithm: EC };
  throw new Error(`the local CA key is of an unsupported type (${type}); remove the ca/ directory to create a new CA`);
}

/** Positive 128-bit serial number, hex. */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

/** An hour before `now`, so a slightly skewed peer clock still accepts a fresh certificate. */
function backdated(now: Date): Date {
  return new Date(now.getTime() - 3_600_000);
}

function writeAtomically(path: string, content: string, mode: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, path);
}
