/**
 * Library entry point for tests in other projects (DESIGN.md, external contract):
 *
 *   const vpc = await startLocalVpc({ port: 0, stateDir: ':memory:' });
 *   process.env.AWS_ENDPOINT_URL = vpc.endpoint;
 *   const { url } = await vpc.proxy('vpc-0abc...');   // an HTTP proxy at that vantage
 *   const r = await vpc.exec('vpc-0abc...', ['curl', '-s', 'http://10.0.1.23/']);
 *   await vpc.stop();
 */
import { spawn } from 'node:child_process';
import { startLocalVpc as startRuntime, type StartOptions } from './runtime/localvpc.js';
import { vantageEnv } from './cli/vantage-env.js';

export type { StartOptions } from './runtime/localvpc.js';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface LocalVpcHandle {
  /** The AWS endpoint URL (set AWS_ENDPOINT_URL to it). */
  readonly endpoint: string;
  /** Opens an HTTP proxy at a vantage; close it when done (stop() closes the rest). */
  proxy(from: string, port?: number): Promise<{ url: string; caBundle: string; close(): Promise<void> }>;
  /** Runs a command as if on a host at `from`, capturing its output. */
  exec(from: string, argv: readonly string[], opts?: { env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ExecResult>;
  stop(): Promise<void>;
}

export async function startLocalVpc(options: StartOptions = {}): Promise<LocalVpcHandle> {
  const vpc = await startRuntime(options);
  const proxy = async (from: string, port?: number) => {
    const p = await vpc.dataplane.openVantageProxy(from, port);
    return { url: p.url, caBundle: await vpc.dataplane.caBundlePath(), close: () => p.close() };
  };
  return {
    endpoint: vpc.endpoint,
    proxy,
    async exec(from, argv, opts = {}) {
      const p = await proxy(from);
      try {
        return await new Promise<ExecResult>((resolve, reject) => {
          const child = spawn(argv[0]!, argv.slice(1), { env: vantageEnv({ ...process.env, ...opts.env }, p.url, p.caBundle), stdio: ['ignore', 'pipe', 'pipe'] });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d) => (stdout += d));
          child.stderr.on('data', (d) => (stderr += d));
          const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
          child.on('error', reject);
          child.on('close', (code) => {
            if (timer) clearTimeout(timer);
            resolve({ code: code ?? -1, stdout, stderr });
          });
        });
      } finally {
        await p.close();
      }
    },
    stop: () => vpc.stop(),
  };
}
