/**
 * The dispatcher every Peloton request goes through: an undici Agent (or a MockAgent in tests) composed
 * with undici's retry interceptor, driven by our retry policy: 429 and 503 honour `Retry-After` (capped
 * at 60 s); other 5xx and connection resets retry with jittered exponential backoff; three tries at
 * most; only GETs are retried (never the refresh grant); a wait is cut short by the request's AbortSignal.
 */
import { Agent, retryInterceptor, type Dispatcher } from './undici';

/** How retries behave. Times in milliseconds. */
export interface RetryPolicy {
  /** Tries in all, the first included (3). */
  maxTries: number;
  /** First backoff before jitter (500 ms); doubles each retry. */
  baseDelayMs: number;
  /** Largest wait a `Retry-After` can ask for (60 000 ms). */
  maxRetryAfterMs: number;
  /** Random source in [0, 1) for the jitter (tests pass a fixed one). */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxTries: 3, baseDelayMs: 500, maxRetryAfterMs: 60_000, random: Math.random };

/** Socket error codes worth another try. */
const RETRY_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Told of each retry (for the log): which try comes next, after how long, and why. */
export type RetryListener = (retry: { nextTry: number; delayMs: number; reason: string }) => void;

/**
 * The delay before the next try, in ms, or null to give up. Pure, for tests.
 * @param failedTries tries so far (1 after the first failure).
 * @param status the HTTP status, or undefined for a socket error with `code`.
 * @param retryAfter the `Retry-After` header (seconds or an HTTP date), if any.
 */
export function retryDelay(
  policy: RetryPolicy,
  failedTries: number,
  status: number | undefined,
  code: string | undefined,
  retryAfter: string | undefined,
  now = Date.now(),
): number | null {
  const retryable = status !== undefined ? status === 429 || (status >= 500 && status <= 599) : code !== undefined && RETRY_ERROR_CODES.has(code);
  if (!retryable || failedTries >= policy.maxTries) return null;
  if ((status === 429 || status === 503) && retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), policy.maxRetryAfterMs);
  }
  const backoff = policy.baseDelayMs * 2 ** (failedTries - 1);
  return Math.round(backoff / 2 + (backoff / 2) * policy.random());
}

interface RetryError {
  statusCode?: number;
  code?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * Builds the dispatcher with retries.
 * @param base the dispatcher to send through (a MockAgent in tests); a new Agent when absent.
 */
export function createPelotonDispatcher(options: { base?: Dispatcher; retry?: Partial<RetryPolicy>; maxResponseBytes?: number } = {}): Dispatcher {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const base = options.base ?? new Agent({ connections: 6, maxResponseSize: options.maxResponseBytes ?? 8 * 1024 * 1024 });
  return base.compose(
    retryInterceptor({
      throwOnError: false,
      retry(error, { state, opts }, callback) {
        const err = error as RetryError;
        const request = opts as Dispatcher.DispatchOptions & { signal?: AbortSignal; onRetry?: RetryListener };
        const header = err.headers?.['retry-after'];
        const delay =
          request.method === 'GET' && !request.signal?.aborted
            ? retryDelay(policy, state.counter, err.statusCode, err.statusCode === undefined ? err.code : undefined, Array.isArray(header) ? header[0] : header)
            : null;
        if (delay === null) return callback(error);
        request.onRetry?.({ nextTry: state.counter + 1, delayMs: delay, reason: err.statusCode ? `HTTP ${err.statusCode}` : (err.code ?? 'error') });
        const signal = request.signal;
        const onAbort = () => {
          clearTimeout(timer);
          callback((signal?.reason as Error | undefined) ?? error);
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          callback(null);
        }, delay);
        signal?.addEventListener('abort', onAbort, { once: true });
      },
    }),
  );
}
