import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** Env var holding the path of the harness's self-signed TLS certificate (PEM); set by global-setup. */
export const TLS_CERT_ENV = 'NEUVO_TEST_TLS_CERT';
/** Env var holding the path of the matching private key (PEM); set by global-setup. */
export const TLS_KEY_ENV = 'NEUVO_TEST_TLS_KEY';

/** The only interface the harness servers bind: nothing of theirs is reachable from the network. */
export const LOOPBACK = '127.0.0.1';

/** A request handler; a thrown error becomes a 500 so a harness bug is loud, not a hang. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** A started loopback server: its origin (no trailing slash) and an idempotent `close()`. */
export interface LoopbackServer {
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

/** PEM certificate and key for an HTTPS harness server. */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
}

/**
 * Reads the certificate that `global-setup.ts` generated (and that workers trust through
 * NODE_EXTRA_CA_CERTS). Throws with the fix when run outside vitest's globalSetup.
 */
export function loadHarnessTls(): TlsMaterial {
  const certPath = process.env[TLS_CERT_ENV];
  const keyPath = process.env[TLS_KEY_ENV];
  if (!certPath || !keyPath) {
    throw new Error(
      `${TLS_CERT_ENV} / ${TLS_KEY_ENV} are not set: HTTPS harness servers need the certificate that ` +
        'test/harness/global-setup.ts creates. Run through vitest (globalSetup), or pass `tls` explicitly.',
    );
  }
  return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
}

/**
 * Starts an HTTP (or, with `tls`, HTTPS) server on 127.0.0.1 and a random port. A random port per
 * instance matters: botbuilder caches OpenID metadata per URL for 24 h in a process-wide map.
 */
export async function startLoopbackServer(handler: Handler, tls?: TlsMaterial): Promise<LoopbackServer> {
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { code: 'HarnessError', message: String(err) } });
        else res.end();
      });
  };
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, listener) : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    origin: `${tls ? 'https' : 'http'}://${LOOPBACK}:${port}`,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        // Keep-alive sockets from node-fetch / undici / MSAL would otherwise hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

/** Reads the whole request body as UTF-8. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; an empty body is `undefined`, malformed JSON is kept as the raw string. */
export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Writes a JSON response with the given status and extra headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    'content-length': Buffer.byteLength(text).toString(),
    ...headers,
  });
  res.end(text);
}

/** The request path without query string, e.g. `/v3/conversations/a%3A1/activities`. */
export function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://placeholder').pathname;
}
