import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from 'pino';

/** Bot Framework activities are small; 256 KB is generous and bounds memory per request. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The bot endpoint as the HTTP layer sees it: a parsed body and the Authorization header. */
export type MessageHandler = (body: unknown, authHeader: string) => Promise<{ status: number; body?: unknown; headers?: Readonly<Record<string, string>> }>;

export interface HttpServerDeps {
  readonly handleMessage: MessageHandler;
  /** Throws when the database is unreachable. */
  readonly ping: () => Promise<void>;
  readonly logger: Logger;
}

export class HttpBodyError extends Error {
  override readonly name = 'HttpBodyError';
  constructor(
    readonly status: 400 | 413 | 415,
    readonly reason: 'malformed_json' | 'too_large' | 'unsupported_media_type',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The restify server. Routes:
 * - `POST /api/messages`: Bot Framework activities (JSON only, ≤ 256 KB);
 * - `GET /healthz`: the process is up; `GET /readyz`: the database answers.
 *
 * Every error answer is `{ error, message? }` with a fixed text: no stack traces, SQL or input
 * echoed back (restify's own 404/405 bodies carry only the method and path).
 */
export function createHttpServer(deps: HttpServerDeps): Server {
  const server = restify.createServer({ name: 'neuvo', handleUncaughtExceptions: false });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    try {
      await deps.ping();
      res.send(200, { status: 'ready' });
    } catch (error) {
      deps.logger.error({ event: 'readyz.failed', error: error instanceof Error ? error.name : 'unknown' }, 'database not reachable');
      res.send(503, { status: 'unavailable' });
    }
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    let body: unknown;
    try {
      body = await readJsonBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof HttpBodyError) {
        res.send(error.status, { error: error.reason, message: error.message });
        return;
      }
      throw error;
    }
    try {
      const authHeader = req.header('authorization') ?? '';
      const result = await deps.handleMessage(body, authHeader);
      for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
      if (result.body === undefined) {
        res.status(result.status);
        res.end();
      } else {
        res.send(result.status, result.body);
      }
    } catch (error) {
      deps.logger.error({ event: 'messages.failed', error: error instanceof Error ? error.name : 'unknown' }, 'unhandled error');
      res.send(500, { error: 'internal_error' });
    }
  });

  server.on('restifyError', (req: Request, res: Response, err: { statusCode?: number }, next: () => void) => {
    if ((err.statusCode ?? 500) >= 500) deps.logger.error({ event: 'http.error', path: req.getPath() }, 'request failed');
    // restify serialises its own errors as { code, message }: never a stack.
    return next();
  });

  return server;
}

/**
 * Reads a JSON body with a hard size limit. The Content-Length header is checked first so an
 * oversize upload is refused before it is read; chunked bodies are counted as they stream in.
 */
export function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const contentType = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') {
    return Promise.reject(new HttpBodyError(415, 'unsupported_media_type', 'Send the activity as application/json.'));
  }
  const declared = Number(req.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.reject(new HttpBodyError(413, 'too_large', `The body is larger than ${maxBytes} bytes.`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        reject(new HttpBodyError(413, 'too_large', `The body is larger than ${maxBytes} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (failed) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpBodyError(400, 'malformed_json', 'The body is not valid JSON.'));
      }
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

/** Starts listening and resolves with the bound port (0 → a free one, for tests). */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
