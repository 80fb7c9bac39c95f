/**
 * The port map: where a listener that stands for an AWS address and port really listens
 * (DESIGN.md, network model: "Listeners bind their ENIs' host addresses on the real port when
 * the process may, otherwise on a free port that the address book records").
 *
 * A listener first tries the real port on its host address. When the system refuses it
 * (EACCES: a port below 1024 without root; EADDRINUSE: another localvpc on this machine owns
 * the same host address and port), it listens on a free port of the same host address and the
 * map records the substitution. Everything localvpc connects to (vantage proxies, health
 * checks, load balancers, API Gateway) asks `resolve` first; a pair with no entry is used as is
 * (a backend process bound to its instance's address on the real port).
 */
import type net from 'node:net';

export interface PortMapping {
  readonly hostAddress: string;
  /** The port AWS shows (listener port). */
  readonly port: number;
  /** The port bound on this machine. */
  readonly boundPort: number;
}

export class PortMap {
  private readonly substitutes = new Map<string, number>();

  /** The port to connect to for `hostAddress:port`. */
  resolve(hostAddress: string, port: number): number {
    return this.substitutes.get(`${hostAddress}:${port}`) ?? port;
  }

  /**
   * Listens `server` on `hostAddress:port`, or on a free port of that address when the real
   * port is refused; resolves with the port bound.
   */
  async listen(server: net.Server, hostAddress: string, port: number): Promise<number> {
    try {
      await listenOnce(server, hostAddress, port);
      return port;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EACCES' && code !== 'EADDRINUSE') throw e;
    }
    await listenOnce(server, hostAddress, 0);
    const bound = (server.address() as net.AddressInfo).port;
    this.substitutes.set(`${hostAddress}:${port}`, bound);
    return bound;
  }

  /** Forgets a substitution when its listener closes. */
  release(hostAddress: string, port: number): void {
    this.substitutes.delete(`${hostAddress}:${port}`);
  }

  /** Every substitution in force, for `localvpc status`. */
  entries(): PortMapping[] {
    return [...this.substitutes].map(([key, boundPort]) => {
      const i = key.lastIndexOf(':');
      return { hostAddress: key.slice(0, i), port: Number(key.slice(i + 1)), boundPort };
    });
  }
}

function listenOnce(server: net.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port, exclusive: true });
  });
}
