/**
 * The port map over real sockets on wire 172 (this file's own): a listener takes its real port
 * when it can, else a free port of the same host address, and the substitution is recorded,
 * resolvable and released (DESIGN.md, network model).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { PortMap } from './port-map.js';

const WIRE = 172;
const HOST = (n: number) => `127.${WIRE}.0.${n}`;

async function listen(server: net.Server, host: string, port: number): Promise<number> {
  server.listen(port, host);
  await once(server, 'listening');
  return (server.address() as net.AddressInfo).port;
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
}

/** A free port on `host` (bound then released). */
async function freePort(host: string): Promise<number> {
  const probe = net.createServer();
  const port = await listen(probe, host, 0);
  await close(probe);
  return port;
}

/** Connects to host:port and reads what the server greets with. */
async function greeting(host: string, port: number): Promise<string> {
  const socket = net.connect({ host, port });
  socket.setEncoding('utf8');
  let text = '';
  socket.on('data', (d: string) => (text += d));
  await once(socket, 'end');
  socket.destroy();
  return text;
}

const greeter = (name: string) => net.createServer((s) => s.end(name));

/** A server whose first listen on a non-zero port fails with `code`, as the kernel would refuse it. */
class RefusingServer extends net.Server {
  attempts: unknown[] = [];
  constructor(private readonly code: string) {
    super();
  }
  override listen(...args: any[]): this {
    const options = args[0] as net.ListenOptions;
    this.attempts.push(options.port);
    if (options.port !== 0) {
      process.nextTick(() => this.emit('error', Object.assign(new Error(`listen ${this.code}`), { code: this.code })));
      return this;
    }
    return super.listen(...(args as [net.ListenOptions]));
  }
}

describe('PortMap', () => {
  it('the real port when it is free: no substitution', async () => {
    const map = new PortMap();
    const port = await freePort(HOST(1));
    const server = greeter('real');
    try {
      assert.equal(await map.listen(server, HOST(1), port), port);
      assert.equal((server.address() as net.AddressInfo).port, port);
      assert.equal((server.address() as net.AddressInfo).address, HOST(1));
      assert.equal(map.resolve(HOST(1), port), port);
      assert.deepEqual(map.entries(), []);
      assert.equal(await greeting(HOST(1), map.resolve(HOST(1), port)), 'real');
    } finally {
      await close(server);
    }
  });

  it('EADDRINUSE: a free port of the same address, recorded, resolvable, and released', async () => {
    const map = new PortMap();
    const blocker = greeter('blocker');
    const port = await listen(blocker, HOST(2), 0);
    const server = greeter('substitute');
    try {
      const bound = await map.listen(server, HOST(2), port);
      assert.notEqual(bound, port);
      assert.deepEqual(server.address(), { address: HOST(2), family: 'IPv4', port: bound });
      assert.equal(map.resolve(HOST(2), port), bound);
      assert.deepEqual(map.entries(), [{ hostAddress: HOST(2), port, boundPort: bound }]);
      // Connecting through the map reaches the substitute; the real port is still the other owner's.
      assert.equal(await greeting(HOST(2), map.resolve(HOST(2), port)), 'substitute');
      assert.equal(await greeting(HOST(2), port), 'blocker');
      // Other addresses and ports are untouched.
      assert.equal(map.resolve(HOST(3), port), port);
      assert.equal(map.resolve(HOST(2), port + 1), port + 1);

      await close(server);
      map.release(HOST(2), port);
      assert.equal(map.resolve(HOST(2), port), port);
      assert.deepEqual(map.entries(), []);
      // Releasing what is not mapped is harmless.
      map.release(HOST(2), port);
    } finally {
      await close(server);
      await close(blocker);
    }
  });

  it('the same server listens on the real port again once it is free', async () => {
    const map = new PortMap();
    const blocker = greeter('blocker');
    const port = await listen(blocker, HOST(4), 0);
    const server = greeter('mine');
    try {
      await map.listen(server, HOST(4), port);
      await close(server);
      map.release(HOST(4), port);
      await close(blocker);
      assert.equal(await map.listen(server, HOST(4), port), port);
      assert.deepEqual(map.entries(), []);
      assert.equal(await greeting(HOST(4), map.resolve(HOST(4), port)), 'mine');
    } finally {
      await close(server);
      await close(blocker);
    }
  });

  it('EACCES (a port below 1024 without privilege): a free port, recorded', async () => {
    const map = new PortMap();
    const server = new RefusingServer('EACCES');
    server.on('connection', (s: net.Socket) => s.end('privileged'));
    try {
      const bound = await map.listen(server, HOST(5), 80);
      assert.deepEqual(server.attempts, [80, 0]);
      assert.notEqual(bound, 80);
      assert.equal(map.resolve(HOST(5), 80), bound);
      assert.deepEqual(map.entries(), [{ hostAddress: HOST(5), port: 80, boundPort: bound }]);
      assert.equal(await greeting(HOST(5), bound), 'privileged');
    } finally {
      await close(server);
    }
  });

  it('any other error is thrown, and nothing is recorded', async () => {
    const map = new PortMap();
    const refusing = new RefusingServer('EADDRNOTAVAIL');
    await assert.rejects(map.listen(refusing, HOST(6), 80), { code: 'EADDRNOTAVAIL' });
    assert.deepEqual(refusing.attempts, [80]);
    assert.deepEqual(map.entries(), []);
    assert.equal(refusing.listening, false);
    // For real: an address this machine does not have.
    const real = net.createServer();
    await assert.rejects(map.listen(real, '192.0.2.1', 80), { code: 'EADDRNOTAVAIL' });
    assert.equal(map.resolve('192.0.2.1', 80), 80);
    assert.equal(real.listening, false);
  });

  it('several substitutions are kept apart by address and port', async () => {
    const map = new PortMap();
    const blockers = [greeter('b1'), greeter('b2')];
    const p1 = await listen(blockers[0]!, HOST(7), 0);
    const p2 = await listen(blockers[1]!, HOST(8), 0);
    const s1 = greeter('s1');
    const s2 = greeter('s2');
    try {
      const b1 = await map.listen(s1, HOST(7), p1);
      const b2 = await map.listen(s2, HOST(8), p2);
      assert.deepEqual(
        map.entries().sort((a, b) => a.hostAddress.localeCompare(b.hostAddress)),
        [
          { hostAddress: HOST(7), port: p1, boundPort: b1 },
          { hostAddress: HOST(8), port: p2, boundPort: b2 },
        ],
      );
      map.release(HOST(7), p1);
      assert.deepEqual(map.entries(), [{ hostAddress: HOST(8), port: p2, boundPort: b2 }]);
      assert.equal(await greeting(HOST(8), map.resolve(HOST(8), p2)), 's2');
    } finally {
      for (const s of [s1, s2, ...blockers]) await close(s);
    }
  });
});
