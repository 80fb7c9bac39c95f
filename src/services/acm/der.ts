/**
 * The two facts of an X.509 certificate that node:crypto's X509Certificate does not expose:
 * the signature algorithm and the key usage bits (RFC 5280 §4.1.1.2, §4.2.1.3). A minimal DER
 * walk over `X509Certificate.raw`; anything it cannot read yields undefined.
 */

interface Tlv {
  readonly tag: number;
  /** First content byte. */
  readonly start: number;
  /** One past the last content byte. */
  readonly end: number;
}

function readTlv(buf: Buffer, offset: number, limit: number): Tlv | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = buf[offset]!;
  let length = buf[offset + 1]!;
  let p = offset + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4 || p + n > limit) return undefined;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[p++]!;
  }
  if (p + length > limit) return undefined;
  return { tag, start: p, end: p + length };
}

function children(buf: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = parent.start; p < parent.end; ) {
    const t = readTlv(buf, p, parent.end);
    if (!t) return out;
    out.push(t);
    p = t.end;
  }
  return out;
}

function oid(buf: Buffer, t: Tlv): string {
  const first = buf[t.start]!;
  const parts = [Math.floor(first / 40), first % 40];
  let v = 0;
  for (let p = t.start + 1; p < t.end; p++) {
    v = v * 128 + (buf[p]! & 0x7f);
    if (!(buf[p]! & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

const SEQUENCE = 0x30;
const OID = 0x06;
const OCTET_STRING = 0x04;
const BIT_STRING = 0x03;
const EXTENSIONS = 0xa3;
const KEY_USAGE_OID = '2.5.29.15';

/** Signature algorithm OIDs as DescribeCertificate names them (`SHA256WITHRSA`, §3.3). */
const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'SHA1WITHRSA',
  '1.2.840.113549.1.1.11': 'SHA256WITHRSA',
  '1.2.840.113549.1.1.12': 'SHA384WITHRSA',
  '1.2.840.113549.1.1.13': 'SHA512WITHRSA',
  '1.2.840.113549.1.1.10': 'SHA256WITHRSAANDMGF1',
  '1.2.840.10045.4.3.2': 'SHA256WITHECDSA',
  '1.2.840.10045.4.3.3': 'SHA384WITHECDSA',
  '1.2.840.10045.4.3.4': 'SHA512WITHECDSA',
};

/** Key usage bits in RFC 5280 order, named as ACM's KeyUsageName enum. */
const KEY_USAGE_BITS = ['DIGITAL_SIGNATURE', 'NON_REPUDIATION', 'KEY_ENCIPHERMENT', 'DATA_ENCIPHERMENT', 'KEY_AGREEMENT', 'CERTIFICATE_SIGNING', 'CRL_SIGNING', 'ENCIPHER_ONLY', 'DECIPHER_ONLY'] as const;

function topLevel(der: Buffer): { tbs: Tlv; sigAlg: Tlv } | undefined {
  const cert = readTlv(der, 0, der.length);
  if (cert?.tag !== SEQUENCE) return undefined;
  const [tbs, sigAlg] = children(der, cert);
  if (tbs?.tag !== SEQUENCE || sigAlg?.tag !== SEQUENCE) return undefined;
  return { tbs, sigAlg };
}

export function signatureAlgorithmOf(der: Buffer): string | undefined {
  const top = topLevel(der);
  const id = top && children(der, top.sigAlg)[0];
  if (id?.tag !== OID) return undefined;
  const o = oid(der, id);
  return SIGNATURE_ALGORITHMS[o] ?? o;
}

/** The key usage names, [] when the certificate has no key usage extension. */
export function keyUsagesOf(der: Buffer): string[] {
  const top = topLevel(der);
  if (!top) return [];
  const extensions = children(der, top.tbs).find((t) => t.tag === EXTENSIONS);
  const list = extensions && children(der, extensions)[0];
  if (list?.tag !== SEQUENCE) return [];
  for (const ext of children(der, list)) {
    const parts = children(der, ext);
    if (parts[0]?.tag !== OID || oid(der, parts[0]) !== KEY_USAGE_OID) continue;
    const octets = parts.find((p) => p.tag === OCTET_STRING);
    const bits = octets && readTlv(der, octets.start, octets.end);
    if (bits?.tag !== BIT_STRING || bits.end - bits.start < 2) return [];
    const out: string[] = [];
    KEY_USAGE_BITS.forEach((name, i) => {
      const byte = bits.start + 1 + Math.floor(i / 8);
      if (byte < bits.end && der[byte]! & (0x80 >> i % 8)) out.push(name);
    });
    return out;
  }
  return [];
}
