/**
 * A child process in its own process group, so that stopping it also stops whatever it started
 * in the background (a user-data script typically starts a server with `&` and exits).
 *
 * Stop sequence, like a system shutdown: SIGTERM to the whole group, then SIGKILL to whatever is
 * left after the grace period (default 5 s, real time: it is the host's processes that need the
 * time, not an AWS timer).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, openSync } from 'node:fs';

export interface ProcessGroupOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here. */
  readonly logPath: string;
}

/** Real milliseconds between SIGTERM and SIGKILL. */
export const DEFAULT_KILL_GRACE_MS = 5000;

export class ProcessGroup {
  readonly pid: number;
  readonly logPath: string;
  private readonly child: ChildProcess;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;

  private constructor(child: ChildProcess, logPath: string) {
    this.child = child;
    this.pid = child.pid!;
    this.logPath = logPath;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        note(logPath, `pid ${this.pid} exited (${signal ? `signal ${signal}` : `code ${code}`})`);
        resolve();
      });
    });
  }

  /** Spawns `command` detached (its own group), output appended to the log. Throws if it cannot start. */
  static async spawn(options: ProcessGroupOptions): Promise<ProcessGroup> {
    note(options.logPath, `starting: ${[options.command, ...options.args].join(' ')}`);
    const out = openSync(options.logPath, 'a');
    let child: ChildProcess;
    try {
      child = spawn(options.command, [...options.args], { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', out, out] });
    } finally {
      closeSync(out);
    }
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.unref();
    return new ProcessGroup(child, options.logPath);
  }

  /** True while the leader runs (background members may outlive it; see `isGroupAlive`). */
  get running(): boolean {
    return this.exit === undefined;
  }

  get exitCode(): number | null | undefined {
    return this.exit?.code;
  }

  /** True while any process of the group is alive. */
  isGroupAlive(): boolean {
    try {
      process.kill(-this.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** SIGTERM to the group, SIGKILL after `graceMs` if any member is left. */
  async stop(graceMs = DEFAULT_KILL_GRACE_MS): Promise<void> {
    if (!this.signal('SIGTERM')) return this.exited;
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
      if (!this.running && !this.isGroupAlive()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (this.signal('SIGKILL')) note(this.logPath, `killed with SIGKILL after ${graceMs} ms`);
    // The leader is our child, so its exit is certain after SIGKILL; grandchildren are init's.
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 1000))]);
  }

  private signal(signal: NodeJS.Signals): boolean {
    try {
      process.kill(-this.pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

function note(logPath: string, text: string): void {
  try {
    appendFileSync(logPath, `--- localvpc ${new Date().toISOString()}: ${text} ---\n`);
  } catch {
    // The log is a convenience; failing to write it must not stop the process handling.
  }
}
