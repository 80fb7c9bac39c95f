import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { CA_COMMON_NAME, LocalCa } from './ca.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function stateDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'localvpc-ca-'));
  dirs.push(d);
  return d;
}

test('the CA is created once and kept in the state directory', async () => {
  const dir = stateDir();
  const ca = await LocalCa.open(dir);
  const cert = new X509Certificate(readFileSync(join(dir, 'ca', 'ca.crt.pem')));
  assert.equal(cert.subject, `CN=${CA_COMMON_NAME}`);
  assert.equal(cert.ca, true);
  const years = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365.25 * 86_400_000);
  assert.ok(years > 9.9 && years < 10.1, `validity ${years} years`);
  assert.equal(statSync(join(dir, 'ca', 'ca.key.pem')).mode & 0o777, 0o600);
  const again = await LocalCa.open(dir);
  assert.equal(again.certPem, ca.certPem, 'reopening keeps the same CA');
  // The reopened CA can still sign.
  const leaf = await again.issue(['reopened.example']);
  assert.ok(new X509Certificate(leaf.certPem).verify(cert.publicKey));
});

test('a leaf for several names verifies against the bundle, over real TLS', async () => {
  const dir = stateDir();
  const ca = await LocalCa.open(dir);
  const leaf = await ca.issue(['app.example.org', '*.app.example.org', '127.0.0.1']);
  const x = new X509Certificate(leaf.certPem);
  assert.equal(x.subject, 'CN=app.example.org');
  assert.equal(x.subjectAltName, 'DNS:app.example.org, DNS:*.app.example.org, IP Address:127.0.0.1');
  assert.ok(x.checkIssued(new X509Certificate(ca.certPem)));
  const days = (Date.parse(x.validTo) - Date.parse(x.validFrom)) / 86_400_000;
  assert.equal(Math.round(days), 395);

  const bundle = ca.bundlePath();
  assert.equal(bundle, join(dir, 'ca', 'bundle.pem'));
  const bundleText = readFileSync(bundle, 'utf8');
  assert.ok(bundleText.includes(ca.certPem.trim()));
  assert.ok(bundleText.includes(rootCertificates[0]!));

  const server = https.createServer({ cert: leaf.certPem + leaf.chainPem, key: leaf.keyPem }, (_req, res) => res.end('secure'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const port = (server.address() as AddressInfo).port;
    const get = (servername: string) =>
      new Promise<string>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port, servername, headers: { host: servername }, ca: readFileSync(bundle), agent: false }, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve(body));
          })
          .on('error', reject);
      });
    assert.equal(await get('app.example.org'), 'secure');
    assert.equal(await get('api.app.example.org'), 'secure');
    await assert.rejects(get('other.example.org'), /ERR_TLS_CERT_ALTNAME_INVALID|does not match/);
  } finally {
    server.close();
  }
});

test('a certificate needs a name', async () => {
  const ca = await LocalCa.open(stateDir());
  await assert.rejects(ca.issue([]), /at least one name/);
});
