/**
 * Proxy protocol v2 headers, as an NLB writes them when the target group attribute
 * `proxy_protocol_v2.enabled` is true (elbv2-vpc-endpoints.md §3): a PROXY command carrying the
 * client's and the listener's IPv4 addresses and ports; health-check connections carry a LOCAL
 * command without addresses. Layout: https://www.haproxy.org/download/2.9/doc/proxy-protocol.txt §2.2.
 */
const SIGNATURE = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);

/** Version 2, command PROXY (0x21); family AF_INET + STREAM (0x11); 12 address bytes. */
export function proxyHeaderV2(source: { ip: string; port: number }, destination: { ip: string; port: number }): Buffer {
  const out = Buffer.alloc(16 + 12);
  SIGNATURE.copy(out, 0);
  out[12] = 0x21;
  out[13] = 0x11;
  out.writeUInt16BE(12, 14);
  writeIp(out, 16, source.ip);
  writeIp(out, 20, destination.ip);
  out.writeUInt16BE(source.port, 24);
  out.writeUInt16BE(destination.port, 26);
  return out;
}

/** Version 2, command LOCAL (0x20), family UNSPEC, no addresses: health checks. */
export function localHeaderV2(): Buffer {
  const out = Buffer.alloc(16);
  SIGNATURE.copy(out, 0);
  out[12] = 0x20;
  out[13] = 0x00;
  out.writeUInt16BE(0, 14);
  return out;
}

function writeIp(buf: Buffer, offset: number, ip: string): void {
  const parts = ip.split('.').map(Number);
  for (let i = 0; i < 4; i++) buf[offset + i] = parts[i] ?? 0;
}
