/**
 * User-data process groups left behind by a previous localvpc that died without stopping them
 * (kill -9, a crash). They still hold their instance's host address and port, so the restarted
 * runtime must stop them before it runs the user data again, or the new process cannot bind
 * and the old one keeps serving with stale settings.
 *
 * Each started group's id is written to `<stateDir>/instances/<id>/pid`. A group is only
 * signalled if one of its live members carries `LOCALVPC_INSTANCE_ID=<id>` in its environment
 * (read from /proc), so a reused process id never hits a stranger. Without /proc (not Linux)
 * nothing can be verified and nothing is signalled.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';

/** Live processes of group `pgid` whose environment names `instanceId`. */
export function membersOf(pgid: number, instanceId: string): number[] {
  if (!existsSync('/proc/self/stat')) return [];
  const marker = `LOCALVPC_INSTANCE_ID=${instanceId}`;
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command: state, ppid, pgrp, ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid || fields[0] === 'Z') continue;
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environ.includes(marker)) out.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return out;
}

/**
 * `reapStaleGroup` stops the group recorded in `pidFile` if it still runs for `instanceId`:
 * SIGTERM, then SIGKILL after `graceMs`. Removes the pid file. Returns whether it signalled.
 */
export async function reapStaleGroup(pidFile: string, instanceId: string, graceMs: number): Promise<boolean> {
  if (!existsSync(pidFile)) return false;
  const pgid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pgid) || pgid <= 1 || membersOf(pgid, instanceId).length === 0) return false;
  signal(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (membersOf(pgid, instanceId).length === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  signal(pgid, 'SIGKILL');
  return true;
}

function signal(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    // Already gone.
  }
}
