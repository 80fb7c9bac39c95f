/**
 * The DNS server: the resolver's answers over UDP and TCP on loopback, for `dig` and for
 * processes pointed at it (DESIGN.md, external contract: 127.0.0.1:4553, `--dns-port`).
 *
 * Every query is answered in the view of its source address (view.ts): `dig -b 127.5.1.9`
 * asks as the host 10.0.1.9 of the VPC on wire 5, `127.0.0.1` asks as the internet. Answers
 * carry AWS-style addresses (10.0.1.5), never host addresses: connections to them go through the
 * vantage proxy, which maps them onto wires (DESIGN.md, network model).
 *
 * There is no upstream: localvpc sends nothing off loopback, so a name no source knows is
 * NXDOMAIN (resolver.ts). Malformed datagrams are dropped without an answer; a malformed TCP
 * message closes its connection. Neither stops the server.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import type { Logger } from '../../kernel/log.js';
import { answerQuery, type Transport } from './answer.js';
import { bindUdpAndTcp } from './bind.js';
import type { NameView } from './name-source.js';
import type { Resolver, SnapshotSource } from './resolver.js';
import { frame, TcpFrameReader } from './tcp-frames.js';
import { describeView, viewFromSource } from './view.js';

export interface DnsServerOptions {
  /** Listen address for UDP and TCP. Default 127.0.0.1 (DESIGN.md: loopback only). */
  readonly host?: string;
  /** One port for UDP and TCP; 0 picks a port free for both. */
  readonly port: number;
  /** Whose snapshot decides the view of a source address. */
  readonly network: SnapshotSource;
  readonly resolver: Resolver;
  readonly logger: Logger;
  /** Milliseconds a TCP connection may sit idle before the server closes it. Default 10 000 (RFC 7766 §6.2.3). */
  readonly tcpIdleTimeoutMs?: number;
}

export interface DnsServer {
  readonly host: string;
  readonly port: number;
  /** `udp+tcp 127.0.0.1:4553`, for the start summary and `localvpc status`. */
  readonly description: string;
  close(): Promise<void>;
}

const DEFAULT_TCP_IDLE_TIMEOUT_MS = 10_000;

/** Binds UDP and TCP (bind.ts; a port in use is a DnsBindError naming `--dns-port`) and serves. */
export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.logger.child('dns');
  const connections = new Set<net.Socket>();
  const idleMs = options.tcpIdleTimeoutMs ?? DEFAULT_TCP_IDLE_TIMEOUT_MS;

  /** Answers one message from `address`, or undefined when it deserves none. */
  const answer = (message: Buffer, address: string, transport: Transport): Buffer | undefined => {
    let view: NameView | undefined;
    const answered = answerQuery(message, (name, type) => options.resolver.query(name, type, (view = viewFromSource(options.network.snapshot(), address))), transport);
    if (!answered) {
      log.debug('ignored a message that is not a DNS query', { from: address, transport, bytes: message.length });
      return undefined;
    }
    log.debug('query', { from: address, transport, view: view ? describeView(view) : '-', answer: answered.summary });
    return answered.message;
  };

  const onDatagram = (udp: dgram.Socket) => (message: Buffer, remote: dgram.RemoteInfo) => {
    let response: Buffer | undefined;
    try {
      response = answer(message, remote.address, 'udp');
    } catch (e) {
      log.error('query failed', { from: remote.address, error: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (!response) return;
    udp.send(response, remote.port, remote.address, (err) => {
      if (err) log.debug('reply not sent', { to: `${remote.address}:${remote.port}`, error: err.message });
    });
  };

  const onConnection = (socket: net.Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(idleMs, () => socket.destroy());
    const frames = new TcpFrameReader();
    const address = socket.remoteAddress ?? '';
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const message of frames.push(chunk)) {
          const response = answer(message, address, 'tcp');
          if (!response) {
            socket.destroy();
            return;
          }
          socket.write(frame(response));
        }
      } catch (e) {
        log.error('query failed', { from: address, error: e instanceof Error ? e.message : String(e) });
        socket.destroy();
      }
    });
  };

  const bound = await bindUdpAndTcp(
    host,
    options.port,
    () => {
      const udp = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
      udp.on('message', onDatagram(udp));
      return udp;
    },
    () => net.createServer(onConnection),
  );
  bound.udp.on('error', (e) => log.error('udp socket error', { error: e.message }));
  bound.tcp.on('error', (e) => log.error('tcp listener error', { error: e.message }));
  log.debug('listening', { udp: `${host}:${bound.port}`, tcp: `${host}:${bound.port}` });

  let closing: Promise<void> | undefined;
  return {
    host,
    port: bound.port,
    description: `udp+tcp ${net.isIPv6(host) ? `[${host}]` : host}:${bound.port}`,
    close: () =>
      (closing ??= (async () => {
        for (const socket of connections) socket.destroy();
        await Promise.all([new Promise<void>((resolve) => bound.udp.close(() => resolve())), new Promise<void>((resolve) => bound.tcp.close(() => resolve()))]);
      })()),
  };
}
