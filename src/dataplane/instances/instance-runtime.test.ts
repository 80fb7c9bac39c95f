/**
 * The instance runtime against real child processes. Wires 111–112 are this file's own.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClock } from '../../kernel/clock.js';
import { silentLogger } from '../../kernel/log.js';
import { KIND, type Instance } from '../../state/records/ec2.js';
import { observationWriter } from '../../state/ports.js';
import { eventually } from '../../../test/helpers/eventually.js';
import { NetworkPlane } from '../network/network-plane.js';
import { openFixture } from '../testing-fixtures.js';
import { InstanceRuntime, type InstanceRuntimeOptions } from './instance-runtime.js';

const SERVER_USER_DATA = `#!/bin/sh\nexec node -e "require('http').createServer((q,s)=>s.end('hi from '+process.env.LOCALVPC_PRIVATE_IP)).listen(8080, process.env.LOCALVPC_HOST_ADDRESS)"\n`;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const dirs: string[] = [];

after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function world(wire: number) {
  const { store, f } = openFixture();
  const vpc = f.vpc('10.0.0.0/16', { wires: [wire] });
  const subnet = f.subnet(vpc, '10.0.1.0/24');
  const web = f.securityGroup(vpc, 'web', { ingress: [{ protocol: 'tcp', ports: 8080, cidr: '10.0.0.0/16' }] });
  const clock = createClock(50); // 5 AWS seconds of boot = 100 ms
  const network = new NetworkPlane(store, clock, silentLogger);
  const stateDir = mkdtempSync(join(tmpdir(), 'localvpc-instances-'));
  dirs.push(stateDir);
  const runtime = (options: Partial<InstanceRuntimeOptions> = {}) =>
    new InstanceRuntime({ store, writer: observationWriter(store), network, clock, logger: silentLogger, stateDir, execUserData: true, killGraceMs: 500, ...options });
  const state = (id: string) => store.get<Instance>(KIND.instance, id)!.state;
  return { store, f, vpc, subnet, web, network, stateDir, runtime, state };
}

function get(url: string, proxy?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = proxy
      ? http.request(proxy, { path: url, agent: false })
      : http.request({ host: target.hostname, port: target.port, path: target.pathname, agent: false });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error('timed out')));
    req.end();
  });
}

test('pending → running after the boot delay; user data serves on the host address; stop, start, terminate', async () => {
  const w = world(111);
  const instance = w.f.instance(w.subnet, '10.0.1.5', { groups: [w.web], state: 'pending', userData: b64(SERVER_USER_DATA) });
  const runtime = w.runtime();
  runtime.start();
  try {
    // 1. Boot: running within the (scaled) boot delay, and serving.
    await eventually(() => assert.equal(w.state(instance.id), 'running'), { timeoutMs: 3000 });
    const direct = await eventually(() => get('http://127.111.1.5:8080/'), { timeoutMs: 5000 });
    assert.deepEqual(direct, { status: 200, body: 'hi from 10.0.1.5' });
    const [proc] = runtime.processes();
    assert.equal(proc?.instanceId, instance.id);
    assert.equal(proc?.running, true);
    assert.equal(proc?.logPath, join(w.stateDir, 'logs', `${instance.id}.log`));
    assert.ok(existsSync(join(w.stateDir, 'instances', instance.id, 'user-data')));
    // 2. Reached through a vantage proxy in the same VPC by its AWS address.
    const proxy = await w.network.openVantageProxy(w.vpc.id);
    try {
      assert.deepEqual(await get('http://10.0.1.5:8080/', proxy.url), { status: 200, body: 'hi from 10.0.1.5' });
    } finally {
      await proxy.close();
    }
    // 3. Stop: the process goes, the state follows.
    w.f.setInstanceState(instance, 'stopping');
    await eventually(() => assert.equal(w.state(instance.id), 'stopped'), { timeoutMs: 5000 });
    assert.deepEqual(runtime.processes(), []);
    await assert.rejects(get('http://127.111.1.5:8080/'), /ECONNREFUSED/);
    // 4. Start again: pending → running, the user data runs again.
    w.f.setInstanceState(instance, 'pending');
    await eventually(() => assert.equal(w.state(instance.id), 'running'), { timeoutMs: 3000 });
    assert.equal((await eventually(() => get('http://127.111.1.5:8080/'), { timeoutMs: 5000 })).status, 200);
    // 5. Terminate.
    w.f.setInstanceState(instance, 'shutting-down');
    await eventually(() => assert.equal(w.state(instance.id), 'terminated'), { timeoutMs: 5000 });
    assert.ok(w.store.get<Instance>(KIND.instance, instance.id)!.terminatedAt);
    assert.deepEqual(runtime.processes(), []);
    const log = readFileSync(join(w.stateDir, 'logs', `${instance.id}.log`), 'utf8');
    assert.match(log, /starting: .*user-data/);
    assert.match(log, /exited/);
  } finally {
    await runtime.close();
    await w.network.close();
    w.store.close();
  }
});

test('the user data environment places the process at its instance, with its vantage proxy', async () => {
  const w = world(112);
  const server = w.f.instance(w.subnet, '10.0.1.5', { groups: [w.web], userData: b64(SERVER_USER_DATA) });
  // A shell command line (no #!): prints its environment, then calls the server through HTTP_PROXY.
  const script = [
    'echo "host=$LOCALVPC_HOST_ADDRESS ip=$LOCALVPC_PRIVATE_IP id=$LOCALVPC_INSTANCE_ID proxy=$HTTP_PROXY https=$HTTPS_PROXY lower=$http_proxy no=$NO_PROXY"',
    // The server instance boots alongside: retry until it answers.
    `node -e "const u=new URL(process.env.HTTP_PROXY);const go=()=>require('http').get({host:u.hostname,port:u.port,path:'http://10.0.1.5:8080/'},r=>{let b='';r.on('data',c=>b+=c);r.on('end',()=>r.statusCode===200?console.log('through proxy: '+r.statusCode+' '+b):setTimeout(go,50))});go()"`,
  ].join('\n');
  const caller = w.f.instance(w.subnet, '10.0.1.6', { userData: b64(script) });
  const runtime = w.runtime();
  runtime.start();
  try {
    const log = join(w.stateDir, 'logs', `${caller.id}.log`);
    const text = await eventually(
      () => {
        const t = readFileSync(log, 'utf8');
        assert.match(t, /through proxy: 200 hi from 10\.0\.1\.5/);
        return t;
      },
      { timeoutMs: 8000 },
    );
    const proxyUrl = runtime.processes().find((p) => p.instanceId === caller.id)?.proxyUrl;
    assert.ok(proxyUrl);
    assert.match(text, new RegExp(`host=127\\.112\\.1\\.6 ip=10\\.0\\.1\\.6 id=${caller.id} proxy=${proxyUrl} https=${proxyUrl} lower=${proxyUrl} no=127\\.0\\.0\\.1,localhost`));
    assert.ok(runtime.processes().find((p) => p.instanceId === server.id)?.running);
  } finally {
    await runtime.close();
    await w.network.close();
    w.store.close();
  }
});

test('a restarted runtime runs the user data of running instances again; close() stops them', async () => {
  const w = world(113);
  const instance = w.f.instance(w.subnet, '10.0.1.5', { groups: [w.web], userData: b64(SERVER_USER_DATA) });
  const first = w.runtime();
  first.start();
  await eventually(() => get('http://127.113.1.5:8080/'), { timeoutMs: 5000 });
  await first.close();
  await assert.rejects(get('http://127.113.1.5:8080/'), /ECONNREFUSED/);
  assert.equal(w.state(instance.id), 'running');
  const second = w.runtime();
  second.start();
  try {
    assert.equal((await eventually(() => get('http://127.113.1.5:8080/'), { timeoutMs: 5000 })).body, 'hi from 10.0.1.5');
  } finally {
    await second.close();
    await w.network.close();
    w.store.close();
  }
});

test('a process that ignores SIGTERM is killed after the grace period, with its whole group', async () => {
  const w = world(114);
  const stubborn = `trap '' TERM; sleep 30 & while true; do sleep 0.05; done`;
  const instance = w.f.instance(w.subnet, '10.0.1.5', { userData: b64(stubborn) });
  const runtime = w.runtime({ killGraceMs: 300 });
  runtime.start();
  try {
    const pid = await eventually(() => {
      const p = runtime.processes()[0];
      assert.ok(p);
      return p.pid;
    });
    w.f.setInstanceState(instance, 'stopping');
    await eventually(() => assert.equal(w.state(instance.id), 'stopped'), { timeoutMs: 5000 });
    // Killed members may linger as zombies until init reaps them.
    await eventually(() => assert.throws(() => process.kill(-pid, 0), /ESRCH/), { timeoutMs: 3000 });
    assert.match(readFileSync(join(w.stateDir, 'logs', `${instance.id}.log`), 'utf8'), /killed with SIGKILL/);
  } finally {
    await runtime.close();
    await w.network.close();
    w.store.close();
  }
});

test('without execUserData states still progress and nothing runs', async () => {
  const w = world(115);
  const instance = w.f.instance(w.subnet, '10.0.1.5', { state: 'pending', userData: b64(SERVER_USER_DATA) });
  const runtime = w.runtime({ execUserData: false });
  runtime.start();
  try {
    await eventually(() => assert.equal(w.state(instance.id), 'running'), { timeoutMs: 3000 });
    await runtime.idle();
    assert.deepEqual(runtime.processes(), []);
    // StopInstances during boot wins over the boot timer.
    const other = w.f.instance(w.subnet, '10.0.1.6', { state: 'pending' });
    w.f.setInstanceState(other, 'stopping');
    await eventually(() => assert.equal(w.state(other.id), 'stopped'));
    await new Promise((resolve) => setTimeout(resolve, 200)); // past the scaled boot delay: must stay stopped
    assert.equal(w.state(other.id), 'stopped');
  } finally {
    await runtime.close();
    await w.network.close();
    w.store.close();
  }
});

test('user data a crashed run left behind is stopped before it runs again', async () => {
  const w = world(116);
  const instance = w.f.instance(w.subnet, '10.0.1.5', { groups: [w.web], userData: b64(SERVER_USER_DATA) });
  // 1. What a killed localvpc leaves: a detached group serving on the instance's address, and its pid file.
  const orphan = spawn(process.execPath, ['-e', "require('http').createServer((q,s)=>s.end('stale')).listen(8080, '127.116.1.5')"], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, LOCALVPC_INSTANCE_ID: instance.id },
  });
  orphan.unref();
  mkdirSync(join(w.stateDir, 'instances', instance.id), { recursive: true });
  writeFileSync(join(w.stateDir, 'instances', instance.id, 'pid'), `${orphan.pid}\n`);
  try {
    assert.equal((await eventually(() => get('http://127.116.1.5:8080/'))).body, 'stale');
    // 2. A new runtime stops it and runs the user data again.
    const runtime = w.runtime();
    runtime.start();
    try {
      await eventually(async () => assert.equal((await get('http://127.116.1.5:8080/')).body, 'hi from 10.0.1.5'), { timeoutMs: 8000 });
      assert.equal(orphan.exitCode !== null || orphan.signalCode !== null, true);
      assert.equal(readFileSync(join(w.stateDir, 'instances', instance.id, 'pid'), 'utf8').trim(), String(runtime.processes()[0]?.pid));
    } finally {
      await runtime.close();
    }
    assert.equal(existsSync(join(w.stateDir, 'instances', instance.id, 'pid')), false, 'a clean stop removes the pid file');
  } finally {
    if (orphan.exitCode === null && orphan.signalCode === null) orphan.kill('SIGKILL');
    await w.network.close();
    w.store.close();
  }
});

test('a pid file naming a process that is not the instance\'s is left alone', async () => {
  const w = world(117);
  const instance = w.f.instance(w.subnet, '10.0.1.5', { state: 'stopped' });
  const stranger = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
  stranger.unref();
  mkdirSync(join(w.stateDir, 'instances', instance.id), { recursive: true });
  writeFileSync(join(w.stateDir, 'instances', instance.id, 'pid'), `${stranger.pid}\n`);
  const runtime = w.runtime();
  runtime.start();
  try {
    await runtime.idle();
    assert.equal(existsSync(join(w.stateDir, 'instances', instance.id, 'pid')), false);
    assert.equal(stranger.exitCode, null);
    assert.doesNotThrow(() => process.kill(stranger.pid!, 0));
  } finally {
    stranger.kill('SIGKILL');
    await runtime.close();
    await w.network.close();
    w.store.close();
  }
});
