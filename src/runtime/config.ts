/**
 * Runtime configuration, with the defaults of DESIGN.md's external contract.
 */
import { resolve } from 'node:path';
import type { Level } from '../kernel/log.js';

export interface LocalVpcConfig {
  /** AWS API endpoint port (default 4566). 0 picks a free port. */
  port: number;
  /** Address the endpoint and DNS bind: loopback only unless explicitly changed (default 127.0.0.1). */
  host: string;
  /** Where state lives and survives restarts (default ./.localvpc). `:memory:` keeps nothing. */
  stateDir: string;
  /** DNS over UDP and TCP (default 4553). 0 picks a free port. */
  dnsPort: number;
  /** Divides every AWS timer (health checks, provisioning, draining); default 1. */
  timeScale: number;
  /** Run instances' user data as child processes (default false: it runs commands received through the API). */
  execUserData: boolean;
  logLevel: Level;
}

export const DEFAULTS: LocalVpcConfig = {
  port: 4566,
  host: '127.0.0.1',
  stateDir: '.localvpc',
  dnsPort: 4553,
  timeScale: 1,
  execUserData: false,
  logLevel: 'info',
};

export function resolveConfig(partial: Partial<LocalVpcConfig>): LocalVpcConfig {
  const c = { ...DEFAULTS, ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) } as LocalVpcConfig;
  if (c.stateDir !== ':memory:') c.stateDir = resolve(c.stateDir);
  if (!Number.isInteger(c.port) || c.port < 0 || c.port > 65535) throw new Error(`--port must be 0..65535, got ${c.port}`);
  if (!Number.isInteger(c.dnsPort) || c.dnsPort < 0 || c.dnsPort > 65535) throw new Error(`--dns-port must be 0..65535, got ${c.dnsPort}`);
  if (!(c.timeScale > 0)) throw new Error(`--time-scale must be a positive number, got ${c.timeScale}`);
  return c;
}
