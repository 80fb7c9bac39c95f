/**
 * The command line itself: help, flag errors, `ca`, `proxy`, `status` and `exec` failures, and a
 * port already in use — each with the exit code and message a user sees.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BIN, removeDir, startServer, type ServerProcess } from '../helpers/localvpc-process.js';

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 20_000 }, (e, stdout, stderr) => resolve({ code: e ? ((e as any).code ?? 1) : 0, stdout, stderr }));
  });
}

describe('localvpc command line', () => {
  let server: ServerProcess;
  let hostService: Server;
  let hostPort = 0;

  before(async () => {
    server = await startServer();
    hostService = createServer((req, res) => res.end(`host service saw ${req.method} ${req.url}`));
    await new Promise<void>((r) => hostService.listen(0, '127.0.0.1', () => r()));
    hostPort = (hostService.address() as AddressInfo).port;
  });
  after(async () => {
    hostService?.close();
    await server?.stop();
    if (server) removeDir(server.stateDir);
  });

  test('--help prints usage; no command and unknown flags exit 2', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /localvpc exec \[--from <vantage>\] -- <command\.\.\.>/);
    assert.equal((await run([])).code, 2);
    const bad = await run(['start', '--no-such-flag']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Unknown option '--no-such-flag'/);
    assert.equal((await run(['frobnicate'])).code, 2);
  });

  test('ca prints a bundle holding the system roots and the local CA, the same on every call', async () => {
    const a = await run(['ca', '--endpoint', server.endpoint]);
    assert.equal(a.code, 0, a.stderr);
    const path = a.stdout.trim();
    assert.ok(existsSync(path));
    const pem = readFileSync(path, 'utf8');
    assert.ok((pem.match(/BEGIN CERTIFICATE/g) ?? []).length > 10, 'system roots are included');
    assert.ok(pem.includes(readFileSync(`${server.stateDir}/ca/ca.crt.pem`, 'utf8').trim()), 'the local CA is included');
    assert.equal((await run(['ca', '--endpoint', server.endpoint])).stdout.trim(), path);
  });

  test('proxy prints a URL that carries traffic as the vantage, until interrupted', async () => {
    const child = spawn(process.execPath, [BIN, 'proxy', '--from', 'internet', '--endpoint', server.endpoint], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', () => reject(new Error('proxy exited early')));
    });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const curl = await new Promise<string>((resolve, reject) =>
      execFile('curl', ['-sS', '--max-time', '5', '--proxy', url, `http://127.0.0.1:${hostPort}/x`], (e, stdout, stderr) => (e ? reject(new Error(stderr)) : resolve(stdout))),
    );
    assert.equal(curl, 'host service saw GET /x');
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });

  test('status prints the endpoint, state and the default VPC wire', async () => {
    await fetch(`${server.endpoint}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeVpcs&Version=2016-11-15' });
    const s = await run(['status', '--endpoint', server.endpoint]);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, new RegExp(`endpoint\\s+${server.endpoint.replace(/[.]/g, '\\.')}`));
    assert.match(s.stdout, /172\.31\.0\.0\/16/);
  });

  test('exec: an unknown vantage, a missing command and an unreachable server are clear errors', async () => {
    const unknown = await run(['exec', '--endpoint', server.endpoint, '--from', 'vpc-0123456789abcdef0', '--', 'true']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /vpc-0123456789abcdef0/);
    const none = await run(['exec', '--endpoint', server.endpoint]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /needs a command after '--'/);
    const down = await run(['status', '--endpoint', 'http://127.0.0.1:1']);
    assert.equal(down.code, 1);
    assert.match(down.stderr, /cannot reach localvpc at http:\/\/127\.0\.0\.1:1/);
  });

  test('exec passes the exit code of the command through', async () => {
    assert.equal((await run(['exec', '--endpoint', server.endpoint, '--', 'sh', '-c', 'exit 7'])).code, 7);
  });

  test('start on a port in use fails with the reason', async () => {
    const port = new URL(server.endpoint).port;
    const r = await run(['start', '--port', port, '--state-dir', ':memory:', '--dns-port', '0']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /EADDRINUSE/);
  });
});
