import { GraphError as SdkGraphError, type Client, type GraphRequest } from '@microsoft/microsoft-graph-client';
import { GraphError, type GraphErrorReason } from '../../use-cases/ports/graph.js';

/** Default time a Graph call may take before it counts as `unavailable`. */
export const DEFAULT_GRAPH_TIMEOUT_MS = 10_000;

/** A request builder for `path` (below `/v1.0`) that gives up after `timeoutMs`. */
export function graphRequest(client: Client, path: string, timeoutMs: number): GraphRequest {
  return client.api(path).option('signal', AbortSignal.timeout(timeoutMs));
}

/** Runs one Graph call and translates whatever it throws with {@link toGraphError}. */
export async function callGraph<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGraphError(operation, error);
  }
}

/**
 * THE place that turns a failure of the Graph client into our `GraphError` (STYLE habit 3).
 *
 * The client throws its own `GraphError` for every non-2xx answer (`statusCode`, `code` from
 * Graph's `{ error: { code, message } }`, the response `headers`) and also, with `statusCode`
 * -1, for a failure before any answer: network, timeout (abort), or the token provider (then
 * `code` is `GraphTokenError`). Graph's message is not copied: it can quote addresses.
 */
export function toGraphError(operation: string, error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  if (!(error instanceof SdkGraphError)) {
    return new GraphError(`Graph ${operation} failed before a request was sent.`, 'unknown', { status: 0, cause: error });
  }
  const status = error.statusCode > 0 ? error.statusCode : 0;
  const code = error.code ?? 'none';
  if (status === 0) {
    const what = code === 'GraphTokenError' ? 'no app token' : 'no answer';
    return new GraphError(`Graph ${operation} failed: ${what} (${code}).`, 'unavailable', { status, cause: error });
  }
  const reason = reasonFor(status);
  const retryAfterMs = parseRetryAfter(error.headers?.get('retry-after') ?? null, Date.now());
  return new GraphError(`Graph ${operation} answered ${status} ${code}.`, reason, {
    status,
    cause: error,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    // A 401 is `forbidden` too, but not permanent: a fresh token or a fixed secret can change it.
    ...(reason === 'bad_request' || reason === 'not_found' || status === 403 ? { permanent: true } : {}),
  });
}

function reasonFor(status: number): GraphErrorReason {
  if (status === 429) return 'throttled';
  if (status === 404 || status === 410) return 'not_found';
  // 401: the token was refused; a fresh token (or a fixed secret) can change that, so not permanent.
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 408 || status >= 500) return 'unavailable';
  // 409 / 412 are conflicts of the moment (e.g. a concurrent change), worth another try.
  if (status === 409 || status === 412) return 'unknown';
  if (status >= 400) return 'bad_request';
  return 'unknown';
}

/**
 * Retry-After as milliseconds: Graph sends delta-seconds ("10"); an HTTP-date is accepted too.
 * Returns undefined when absent or unreadable, so the caller's own backoff applies.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
