/**
 * The commands that talk to a running server: exec, proxy, status, ca.
 */
import { spawn } from 'node:child_process';
import { admin } from './client.js';
import { vantageEnv } from './vantage-env.js';

export interface VantageProxyInfo {
  id: string;
  url: string;
  from: string;
  caBundle: string;
}

export async function execCommand(endpoint: string, from: string, argv: string[]): Promise<number> {
  if (argv.length === 0) throw new Error("exec needs a command after '--', e.g. localvpc exec --from vpc-0abc -- curl http://10.0.1.23/");
  const proxy = await admin<VantageProxyInfo>(endpoint, 'POST', 'vantage-proxies', { from });
  try {
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), { stdio: 'inherit', env: vantageEnv(process.env, proxy.url, proxy.caBundle) });
      const forward = (sig: NodeJS.Signals) => child.kill(sig);
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
      child.on('error', (e) => reject(new Error(`cannot run ${argv[0]}: ${e.message}`)));
      child.on('exit', (code, signal) => {
        process.off('SIGINT', forward);
        process.off('SIGTERM', forward);
        resolve(code ?? 128 + (signal ? signalNumber(signal) : 0));
      });
    });
  } finally {
    await admin(endpoint, 'DELETE', `vantage-proxies/${proxy.id}`).catch(() => undefined);
  }
}

export async function proxyCommand(endpoint: string, from: string, port: number | undefined): Promise<void> {
  const proxy = await admin<VantageProxyInfo>(endpoint, 'POST', 'vantage-proxies', { from, port });
  process.stdout.write(`${proxy.url}\n`);
  process.stderr.write(`localvpc: proxying as a host at '${proxy.from}'; CA bundle ${proxy.caBundle}; Ctrl-C stops.\n`);
  // A pending signal listener does not keep Node's event loop alive; this timer does.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  clearInterval(keepAlive);
  await admin(endpoint, 'DELETE', `vantage-proxies/${proxy.id}`).catch(() => undefined);
}

interface StatusReport {
  endpoint: string;
  stateDir: string;
  dns?: string;
  timeScale: number;
  execUserData: boolean;
  resources: Record<string, number>;
  addressBook: { privateIp: string; hostAddress: string; owner: string; vpcId: string; subnetId: string }[];
  wires: { wire: number; network: string; cidrBlock: string; hostRange: string }[];
  processes: { instanceId: string; pid?: number; running: boolean; log: string }[];
  vantageProxies: { id: string; from: string; url: string }[];
  listeners?: { loadBalancer: string; port: number; hostAddress: string; boundPort: number }[];
  targetHealth?: { targetGroup: string; target: string; state: string; reason?: string }[];
  endpointListeners?: { vpcEndpointId: string; networkInterfaceId: string; hostAddress: string; port: number; boundPort: number }[];
}

export async function statusCommand(endpoint: string, json: boolean): Promise<void> {
  const s = await admin<StatusReport>(endpoint, 'GET', 'status');
  if (json) {
    process.stdout.write(JSON.stringify(s, null, 2) + '\n');
    return;
  }
  const lines: string[] = [];
  lines.push(`endpoint   ${s.endpoint}`);
  if (s.dns) lines.push(`dns        ${s.dns}`);
  lines.push(`state      ${s.stateDir}`);
  lines.push(`time scale ${s.timeScale}    user data ${s.execUserData ? 'executed' : 'not executed (--exec-user-data)'}`);
  lines.push(`resources  ${Object.entries(s.resources).map(([k, v]) => `${k}=${v}`).join(' ') || 'none'}`);
  lines.push('', 'wires');
  for (const w of s.wires) lines.push(`  ${String(w.wire).padStart(3)}  ${w.hostRange.padEnd(16)} ${w.cidrBlock.padEnd(18)} ${w.network}`);
  lines.push('', 'address book');
  for (const a of s.addressBook) lines.push(`  ${a.privateIp.padEnd(15)} → ${a.hostAddress.padEnd(15)} ${a.owner} (${a.subnetId})`);
  if (s.processes.length) {
    lines.push('', 'instance processes');
    for (const p of s.processes) lines.push(`  ${p.instanceId} ${p.running ? `running pid ${p.pid}` : 'stopped'}  log ${p.log}`);
  }
  if (s.listeners?.length) {
    lines.push('', 'load balancer listeners');
    for (const l of s.listeners) lines.push(`  ${l.loadBalancer}:${l.port} on ${l.hostAddress}:${l.boundPort}`);
  }
  if (s.endpointListeners?.length) {
    lines.push('', 'VPC endpoint listeners');
    for (const l of s.endpointListeners) lines.push(`  ${l.vpcEndpointId} ${l.networkInterfaceId}:${l.port} on ${l.hostAddress}:${l.boundPort}`);
  }
  if (s.targetHealth?.length) {
    lines.push('', 'target health');
    for (const t of s.targetHealth) lines.push(`  ${t.targetGroup}  ${t.target.padEnd(28)} ${t.state}${t.reason ? ` (${t.reason})` : ''}`);
  }
  if (s.vantageProxies.length) {
    lines.push('', 'vantage proxies');
    for (const v of s.vantageProxies) lines.push(`  ${v.url} from ${v.from}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

export async function caCommand(endpoint: string): Promise<void> {
  const ca = await admin<{ bundlePath: string }>(endpoint, 'GET', 'ca');
  process.stdout.write(ca.bundlePath + '\n');
}

function signalNumber(sig: NodeJS.Signals): number {
  const table: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };
  return table[sig] ?? 1;
}
