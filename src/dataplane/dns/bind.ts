/**
 * Binds the DNS server's UDP socket and TCP listener on one port (DESIGN.md, external contract:
 * "DNS over UDP and TCP on 127.0.0.1:4553 (`--dns-port`)").
 *
 * Port 0 lets the system pick a free UDP port and then takes the same port for TCP; when
 * something already listens on that TCP port, both are released and another UDP port is tried,
 * a few times. A given port is bound as asked, or fails with an error that names `--dns-port`.
 */
import dgram from 'node:dgram';
import net from 'node:net';

export interface BoundSockets {
  readonly udp: dgram.Socket;
  readonly tcp: net.Server;
  readonly port: number;
}

/** A port that cannot be bound; the message says what to change. */
export class DnsBindError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'DnsBindError';
  }
}

/** How many UDP ports port 0 tries before giving up. */
const FREE_PORT_ATTEMPTS = 5;

/**
 * `bindUdpAndTcp` binds `createUdp()` and `createTcp()` on `host:port`. The factories make
 * fresh sockets for every attempt (a socket that failed to bind is not reused).
 */
export async function bindUdpAndTcp(host: string, port: number, createUdp: () => dgram.Socket, createTcp: () => net.Server): Promise<BoundSockets> {
  const attempts = port === 0 ? FREE_PORT_ATTEMPTS : 1;
  let lastError: NodeJS.ErrnoException | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const udp = createUdp();
    try {
      await bindUdp(udp, host, port);
    } catch (e) {
      udp.close();
      throw bindError(e as NodeJS.ErrnoException, host, port, 'udp');
    }
    const chosen = udp.address().port;
    const tcp = createTcp();
    try {
      await listenTcp(tcp, host, chosen);
      return { udp, tcp, port: chosen };
    } catch (e) {
      udp.close();
      lastError = e as NodeJS.ErrnoException;
      if (port !== 0 || lastError.code !== 'EADDRINUSE') throw bindError(lastError, host, chosen, 'tcp');
    }
  }
  throw new DnsBindError(
    `cannot find a port free for DNS over both UDP and TCP on ${host} after ${attempts} attempts (last: ${lastError?.code ?? 'unknown error'}); give one with --dns-port`,
    lastError?.code,
  );
}

function bindUdp(socket: dgram.Socket, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ address: host, port }, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}

function listenTcp(server: net.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function bindError(e: NodeJS.ErrnoException, host: string, port: number, protocol: 'udp' | 'tcp'): DnsBindError {
  const where = `${host}:${port}/${protocol}`;
  const fix = 'choose another port with --dns-port (0 picks a free one)';
  switch (e.code) {
    case 'EADDRINUSE':
      return new DnsBindError(`DNS port ${port} is already in use (${where}); stop what holds it or ${fix}`, e.code);
    case 'EACCES':
      return new DnsBindError(`not permitted to bind DNS port ${port} (${where}): ports below 1024 need root or net.ipv4.ip_unprivileged_port_start; ${fix}`, e.code);
    case 'EADDRNOTAVAIL':
      return new DnsBindError(`cannot bind DNS on ${where}: ${host} is not an address of this machine; check --host and --dns-port`, e.code);
    default:
      return new DnsBindError(`cannot bind DNS on ${where}: ${e.message}; ${fix}`, e.code);
  }
}
