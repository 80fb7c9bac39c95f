/**
 * Runs the real `localvpc start` command as a child process for end-to-end tests, on free ports
 * and a temporary state directory, and the aws CLI v2 (Debian's /usr/bin/aws) against it.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = new URL('../..', import.meta.url).pathname;
export const BIN = join(ROOT, 'bin/localvpc.js');
/** Debian's aws CLI v2 (installed by .ci/run); 2.9 ignores AWS_ENDPOINT_URL, so pass --endpoint-url. */
export const AWS_CLI = process.env.LOCALVPC_TEST_AWS_CLI ?? '/usr/bin/aws';

export interface ServerProcess {
  readonly endpoint: string;
  readonly stateDir: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL (no clean shutdown) and wait for exit. */
  kill9(): Promise<void>;
}

export async function startServer(opts: { stateDir?: string; args?: string[] } = {}): Promise<ServerProcess> {
  const stateDir = opts.stateDir ?? mkdtempSync(join(tmpdir(), 'localvpc-e2e-'));
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--dns-port', '0', '--state-dir', stateDir, ...(opts.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOCALVPC_LOG: process.env.LOCALVPC_LOG ?? 'warn' },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`localvpc did not become ready:\n${out}`)), 15_000);
    const check = () => {
      const m = /AWS endpoint (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`localvpc exited with ${code}:\n${out}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint,
    stateDir,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill9() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

const execFileP = promisify(execFile);

/** Runs the aws CLI against `endpoint`; resolves to parsed JSON output (or {} when empty). */
export async function aws(endpoint: string, region: string, args: string[]): Promise<any> {
  try {
    const { stdout } = await execFileP(AWS_CLI, ['--endpoint-url', endpoint, '--region', region, '--output', 'json', ...args], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1' },
      timeout: 30_000,
    });
    return stdout.trim() ? JSON.parse(stdout) : {};
  } catch (e: any) {
    const err = new Error(`aws ${args.join(' ')} failed: ${e.stderr || e.message}`);
    (err as any).stderr = e.stderr ?? '';
    throw err;
  }
}

/** Runs the aws CLI expecting failure; resolves to its stderr. */
export async function awsFails(endpoint: string, region: string, args: string[]): Promise<string> {
  try {
    await aws(endpoint, region, args);
  } catch (e: any) {
    return e.stderr as string;
  }
  throw new Error(`aws ${args.join(' ')} succeeded but was expected to fail`);
}

/** `localvpc exec --from <from> -- argv` through the real CLI; resolves to code and output. */
export function localvpcExec(endpoint: string, from: string, argv: string[], timeoutMs = 30_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'exec', '--endpoint', endpoint, '--from', from, '--', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
