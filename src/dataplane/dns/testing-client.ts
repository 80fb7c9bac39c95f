/**
 * Test kit: a DNS client on real sockets, built on dns-packet, that binds a chosen source
 * address so the server answers in that address's view (view.ts). Only tests import this file.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { once } from 'node:events';
import * as packet from 'dns-packet';
import type { DecodedPacket, Packet, RecordType } from 'dns-packet';

export interface ClientOptions {
  /** Source address to bind (a host address on a wire, or 127.0.0.1). Default 127.0.0.1. */
  readonly source?: string;
  /** Server address. Default 127.0.0.1. */
  readonly server?: string;
  /** Give up waiting for an answer after this many milliseconds. Default 2000. */
  readonly timeoutMs?: number;
}

let nextId = 1;

/** A query for `name`/`type` with RD set, as dig sends it (without EDNS unless asked). */
export function query(name: string, type: RecordType | 'ANY', options: { id?: number; edns?: boolean } = {}): Packet {
  return {
    type: 'query',
    id: options.id ?? (nextId = (nextId % 0xffff) + 1),
    flags: packet.RECURSION_DESIRED,
    questions: [{ name, type: type as RecordType, class: 'IN' }],
    ...(options.edns ? { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 4096, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] } : {}),
  };
}

/** The response code of a decoded message: 0 NOERROR, 3 NXDOMAIN, … */
export function rcodeOf(message: Packet): number {
  return (message.flags ?? 0) & 0xf;
}

/** Sends one datagram and resolves to the decoded reply; rejects after the timeout. */
export async function udpExchange(port: number, message: Packet | Buffer, options: ClientOptions = {}): Promise<DecodedPacket> {
  const reply = await udpSend(port, Buffer.isBuffer(message) ? message : packet.encode(message), options);
  if (!reply) throw new Error(`no UDP answer within ${options.timeoutMs ?? 2000} ms`);
  return packet.decode(reply);
}

/** Sends raw bytes over UDP; resolves to the raw reply, or undefined when none came in time. */
export async function udpSend(port: number, bytes: Buffer, options: ClientOptions = {}): Promise<Buffer | undefined> {
  const socket = dgram.createSocket('udp4');
  try {
    socket.bind({ address: options.source ?? '127.0.0.1', port: 0 });
    await once(socket, 'listening');
    const reply = new Promise<Buffer | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), options.timeoutMs ?? 2000);
      socket.once('message', (msg: Buffer) => {
        clearTimeout(timer);
        resolve(msg);
      });
    });
    socket.send(bytes, port, options.server ?? '127.0.0.1');
    return await reply;
  } finally {
    socket.close();
  }
}

/** A TCP connection from `source`, sending framed messages and collecting framed replies. */
export class TcpClient {
  private buffered = Buffer.alloc(0);
  private readonly waiting: ((message: Buffer) => void)[] = [];
  private readonly ready: Buffer[] = [];
  readonly closed: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 2 && this.buffered.length >= 2 + this.buffered.readUInt16BE(0)) {
        const message = this.buffered.subarray(2, 2 + this.buffered.readUInt16BE(0));
        this.buffered = this.buffered.subarray(2 + message.length);
        const waiter = this.waiting.shift();
        if (waiter) waiter(message);
        else this.ready.push(message);
      }
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async connect(port: number, options: ClientOptions = {}): Promise<TcpClient> {
    const socket = net.connect({ host: options.server ?? '127.0.0.1', port, localAddress: options.source ?? '127.0.0.1' });
    await once(socket, 'connect');
    return new TcpClient(socket);
  }

  /** Writes messages (pre-framed unless raw bytes are given) in one write. */
  send(...messages: (Packet | Buffer)[]): void {
    this.socket.write(Buffer.concat(messages.map((m) => (Buffer.isBuffer(m) ? m : packet.streamEncode(m)))));
  }

  /** The next reply, decoded. */
  async next(timeoutMs = 2000): Promise<DecodedPacket> {
    const ready = this.ready.shift();
    if (ready) return packet.decode(ready);
    const message = await new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no TCP answer within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
    return packet.decode(message);
  }

  close(): void {
    this.socket.destroy();
  }
}
