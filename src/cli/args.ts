/**
 * Command-line parsing for every localvpc command, on node:util parseArgs. Everything after a
 * bare `--` is the child command of `exec`.
 */
import { parseArgs } from 'node:util';

export interface ParsedCli {
  command: string | undefined;
  values: Record<string, string | boolean | undefined>;
  rest: string[];
}

export const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'state-dir': { type: 'string' },
  'dns-port': { type: 'string' },
  'time-scale': { type: 'string' },
  'exec-user-data': { type: 'boolean' },
  'log-level': { type: 'string' },
  endpoint: { type: 'string' },
  from: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseCli(argv: readonly string[]): ParsedCli {
  const dash = argv.indexOf('--');
  const own = dash < 0 ? [...argv] : argv.slice(0, dash);
  const rest = dash < 0 ? [] : argv.slice(dash + 1);
  const { values, positionals } = parseArgs({ args: own, options: OPTIONS, allowPositionals: true, strict: true });
  return { command: positionals[0], values: values as ParsedCli['values'], rest: dash < 0 ? positionals.slice(1) : rest };
}

/** Parses a numeric flag, or returns undefined when it was not given. */
export function numberFlag(values: ParsedCli['values'], name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) throw new Error(`--${name} takes a number, got '${String(v)}'`);
  return n;
}

export const USAGE = `localvpc — the AWS private-API networking stack, for real, on one machine.

Usage:
  localvpc start [--port 4566] [--host 127.0.0.1] [--state-dir ./.localvpc] [--dns-port 4553]
                 [--time-scale 1] [--exec-user-data] [--log-level info]
      Runs the AWS-compatible endpoint in the foreground (Ctrl-C stops it).
  localvpc exec [--from <vantage>] -- <command...>
      Runs a command as if on a host at that vantage point (default: internet).
  localvpc proxy [--from <vantage>] [--port N]
      Serves the same as a long-running HTTP proxy and prints its URL.
  localvpc status [--json]
      What runs, where (the address book), and instance processes.
  localvpc ca
      Prints the path of the CA bundle (system roots plus localvpc's local CA).

A vantage is 'internet', a VPC id, a subnet id, an instance id or a VPN connection id.
Every command but start talks to a running server at --endpoint
(default $LOCALVPC_ENDPOINT, else http://127.0.0.1:4566).
`;
