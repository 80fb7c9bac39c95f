// Children and temporary directories of the chain benchmark: everything started here is stopped
// on every way out (normal end, errors, SIGINT/SIGTERM, process.exit).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const children = new Set();
const tempDirs = new Set();
let stopping = false;

/** True once SIGINT/SIGTERM arrived: nothing new starts, legs give up quietly. */
export const isStopping = () => stopping;

export class Interrupted extends Error {}

export function progress(message) {
  process.stderr.write(`[chain] ${message}\n`);
}

export function indent(text) {
  return text.replace(/^/gm, '    ');
}

export function makeTempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `localvpc-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

/**
 * Spawns a child whose stdout and stderr are drained into a short tail kept for error messages.
 * `stopFirst`: a client of another child (a `localvpc proxy` of the localvpc server), stopped
 * before the others so it can still say goodbye to its server.
 */
export function startChild(label, command, args, { stopFirst = false, ...options } = {}) {
  if (stopping) throw new Interrupted(`interrupted: ${label} not started`);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  child.label = label;
  child.stopFirst = stopFirst;
  child.tail = '';
  child.stderrTail = '';
  child.stdoutText = '';
  child.spawnError = null;
  const keep = (chunk) => {
    child.tail = (child.tail + chunk).slice(-4000);
  };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    keep(chunk);
    if (child.stdoutText.length < 1_000_000) child.stdoutText += chunk;
  });
  child.stderr.on('data', (chunk) => {
    keep(chunk);
    child.stderrTail = (child.stderrTail + chunk).slice(-4000);
  });
  children.add(child);
  child.exited = new Promise((resolve) => {
    child.on('error', (err) => {
      child.spawnError = err;
      children.delete(child);
      resolve({ code: null, signal: null, error: err });
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, error: null });
    });
  });
  return child;
}

export function isRunning(child) {
  return child.exitCode === null && child.signalCode === null && !child.spawnError;
}

export function describeExit(child, result) {
  if (result.error) return `${child.label} could not start: ${result.error.message}`;
  const how = result.signal ? `signal ${result.signal}` : `code ${result.code}`;
  const tail = child.tail.trim();
  return `${child.label} exited (${how})${tail ? `:\n${indent(tail.split('\n').slice(-15).join('\n'))}` : ''}`;
}

/** The last `count` lines the child wrote to stderr (its log). */
export function logTail(child, count = 10) {
  return child.stderrTail.trim().split('\n').slice(-count).join('\n');
}

/** Waits until the child's stdout matches `pattern`; fails if the child exits or time runs out. */
export function waitForOutput(child, pattern, timeoutMs) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(child.stdoutText);
      if (match) {
        done();
        resolve(match);
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${child.label} printed nothing matching ${pattern} within ${timeoutMs / 1000} s; output:\n${indent(child.tail.trim())}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.stdout.off('data', check);
    };
    child.stdout.on('data', check);
    child.exited.then((result) => {
      done();
      reject(new Error(describeExit(child, result)));
    });
    check();
  });
}

export async function stopChild(child, signal = 'SIGTERM') {
  if (!isRunning(child)) return;
  child.kill(signal);
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), 5000));
  if ((await Promise.race([child.exited, timer])) === 'timeout' && isRunning(child)) {
    child.kill('SIGKILL');
    await child.exited;
  }
}

let cleanedUp = false;
export async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  await Promise.all([...children].filter((child) => child.stopFirst).map((child) => stopChild(child)));
  await Promise.all([...children].map((child) => stopChild(child)));
  removeTempDirs();
}

function removeTempDirs() {
  for (const dir of tempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {}
  }
  tempDirs.clear();
}

// Last resort (an uncaught error, process.exit): no waiting is possible here, so SIGKILL.
process.on('exit', () => {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {}
  }
  removeTempDirs();
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    progress(`${signal}: stopping every child`);
    cleanup().finally(() => process.exit(130));
  });
}
