/**
 * `localvpc` entry point: parses the command line and runs one command.
 */
import { readFileSync } from 'node:fs';
import { USAGE, numberFlag, parseCli } from './args.js';
import { endpointFrom } from './client.js';
import { caCommand, execCommand, proxyCommand, statusCommand } from './commands.js';
import type { Level } from '../kernel/log.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function start(values: Record<string, string | boolean | undefined>): Promise<void> {
  // Loaded only here: the other commands are thin HTTP clients and should start fast.
  const { startLocalVpc } = await import('../runtime/localvpc.js');
  const vpc = await startLocalVpc({
    port: numberFlag(values, 'port'),
    host: values.host as string | undefined,
    stateDir: values['state-dir'] as string | undefined,
    dnsPort: numberFlag(values, 'dns-port'),
    timeScale: numberFlag(values, 'time-scale'),
    execUserData: values['exec-user-data'] === true ? true : undefined,
    logLevel: values['log-level'] as Level | undefined,
    handleSignals: true,
  });
  process.stdout.write(`${vpc.summary}\n`);
}

export async function main(argv: string[]): Promise<number> {
  let cli;
  try {
    cli = parseCli(argv);
  } catch (e) {
    process.stderr.write(`localvpc: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { command, values, rest } = cli;
  if (values.version) {
    process.stdout.write(version() + '\n');
    return 0;
  }
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const endpoint = endpointFrom(values.endpoint as string | undefined);
  const from = (values.from as string | undefined) ?? 'internet';
  try {
    switch (command) {
      case 'start':
        await start(values);
        return -1; // keeps running until a signal
      case 'exec':
        return await execCommand(endpoint, from, rest);
      case 'proxy':
        await proxyCommand(endpoint, from, numberFlag(values, 'port'));
        return 0;
      case 'status':
        await statusCommand(endpoint, values.json === true);
        return 0;
      case 'ca':
        await caCommand(endpoint);
        return 0;
      default:
        process.stderr.write(`localvpc: unknown command '${command}'\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    process.stderr.write(`localvpc ${command}: ${(e as Error).message}\n`);
    return 1;
  }
}
