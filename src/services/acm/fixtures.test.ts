/**
 * Test kit for the ACM handler tests (no tests of its own): self-signed certificates with their
 * keys, made with @peculiar/x509, and the base64 blobs ImportCertificate takes.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export interface TestCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

export interface CertificateSpec {
  readonly subject?: string;
  readonly dnsNames?: readonly string[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly key?: 'rsa' | 'ec';
  readonly serialNumber?: string;
}

export async function selfSigned(spec: CertificateSpec = {}): Promise<TestCertificate> {
  const alg = spec.key === 'ec' ? EC : RSA;
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: spec.serialNumber ?? '03e9',
    name: spec.subject ?? 'C=AU, O=Test Org, CN=imported.example.com',
    notBefore: spec.notBefore ?? new Date(now - 86_400_000),
    notAfter: spec.notAfter ?? new Date(now + 30 * 86_400_000),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension((spec.dnsNames ?? ['imported.example.com', 'www.imported.example.com']).map((value) => ({ type: 'dns' as const, value }))),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certPem: cert.toString('pem') + '\n', keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
}

export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
