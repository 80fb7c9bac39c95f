/**
 * DNS over TCP frames every message with a two-byte big-endian length (RFC 1035 §4.2.2). A
 * connection carries any number of queries, possibly pipelined, and a read may hold part of a
 * message or several (RFC 7766 §6.2.1).
 */

/** `TcpFrameReader` collects bytes and hands out whole messages, without their prefix. */
export class TcpFrameReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds `chunk` and returns the messages it completed, in order. */
  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: Buffer[] = [];
    let offset = 0;
    while (this.pending.length - offset >= 2) {
      const length = this.pending.readUInt16BE(offset);
      if (this.pending.length - offset - 2 < length) break;
      messages.push(this.pending.subarray(offset + 2, offset + 2 + length));
      offset += 2 + length;
    }
    this.pending = this.pending.subarray(offset);
    return messages;
  }

  /** Bytes of an unfinished message. */
  get buffered(): number {
    return this.pending.length;
  }
}

/** `frame` prefixes a message with its length. */
export function frame(message: Buffer): Buffer {
  if (message.length > 0xffff) throw new Error(`a DNS message over TCP is at most 65535 bytes, not ${message.length}`);
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(message.length);
  return Buffer.concat([prefix, message]);
}
