import { isIP, Socket } from 'node:net';

/** Hosts a test process may connect to. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

type ConnectArgs = Parameters<Socket['connect']>;

/**
 * Makes any TCP connection to a non-loopback host throw in this process, so "nothing leaves the
 * machine" is enforced rather than hoped for. It patches `net.Socket.prototype.connect`, which
 * node:http, node:https, node-fetch (botbuilder's OpenID fetch), MSAL's HttpClient and undici
 * (global fetch) all go through; the check runs before any DNS lookup, and the socket then fails
 * with `code: 'ERR_NON_LOOPBACK_BLOCKED'`. IPC paths are allowed.
 * Returns a function that restores the original.
 */
export function forbidNonLoopbackConnections(): () => void {
  const original = Socket.prototype.connect;
  const guarded = function (this: Socket, ...args: ConnectArgs): Socket {
    const host = hostOf(args[0], args[1]);
    if (host !== undefined && !isLoopback(host)) {
      // Fail like a refused connection (an 'error' event on the socket), so every client reports
      // it through its normal error path instead of an exception thrown from deep inside it.
      const error = Object.assign(new Error(`Blocked a connection to ${host}: tests may only talk to 127.0.0.1 (see test/harness/loopback-guard.ts).`), { code: 'ERR_NON_LOOPBACK_BLOCKED' });
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return Reflect.apply(original, this, args) as Socket;
  };
  Socket.prototype.connect = guarded as Socket['connect'];
  return () => {
    Socket.prototype.connect = original;
  };
}

function hostOf(first: unknown, second: unknown): string | undefined {
  if (typeof first === 'number') return typeof second === 'string' ? second : 'localhost'; // connect(port[, host])
  if (typeof first === 'string') return undefined; // IPC path
  if (Array.isArray(first)) return hostOf(first[0], first[1]); // net.connect's normalized [options, cb] form
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    if (typeof options.path === 'string') return undefined;
    return typeof options.host === 'string' ? options.host : 'localhost';
  }
  return undefined;
}

function isLoopback(host: string): boolean {
  if (LOOPBACK_HOSTS.has(host)) return true;
  return isIP(host) === 4 && host.startsWith('127.');
}
