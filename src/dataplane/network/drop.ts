/**
 * Dropping a connection the way AWS drops packets: nothing answers. A security group or a
 * missing route does not reset the connection, the client's SYN (here: its request) simply goes
 * unanswered until the client gives up (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html:
 * traffic that no rule allows is dropped; ec2 troubleshooting pages describe the result as a
 * connection time-out).
 *
 * The proxy already accepted the client's TCP connection, so the closest it can do is to hold it
 * open without a byte of answer, and destroy it after `dropAfterSeconds` (AWS seconds, scaled
 * by the clock) in case the client never gives up.
 */
import type { Duplex } from 'node:stream';
import type { Clock } from '../../kernel/clock.js';

/** AWS seconds a dropped connection is held before it is destroyed. */
export const DEFAULT_DROP_AFTER_SECONDS = 120;

/**
 * `holdOpen` keeps `socket` open and silent, then destroys it; returns a release function.
 * `discardInput` reads and drops whatever the client keeps sending (for sockets no HTTP parser
 * owns any more, such as CONNECT tunnels), so the client's writes do not stall.
 */
export function holdOpen(socket: Duplex, clock: Clock, dropAfterSeconds: number, options: { discardInput?: boolean } = {}): () => void {
  const discard = () => {};
  socket.on('error', discard);
  if (options.discardInput) socket.on('data', discard);
  const timer = clock.after(dropAfterSeconds, () => socket.destroy());
  const release = () => {
    timer.cancel();
    socket.off('data', discard);
  };
  socket.once('close', release);
  return release;
}
