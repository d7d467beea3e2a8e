/**
 * One HTTP exchange on undici, shared by the API client and the token refresh: timeouts on headers and
 * on the body, a cap on the body size, retries by the dispatcher (see dispatcher.ts), and network
 * failures wrapped with the URL (never a token: tokens travel only in headers and form bodies, which are
 * never put into messages).
 */
import { PelotonNetworkError, isAbortError } from './errors';
import { createPelotonDispatcher, type RetryListener } from './dispatcher';
import { request, type Dispatcher } from './undici';

/** Default time limit for the headers, and between body chunks, of one try (milliseconds). */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default largest body read (bytes): a long ride's performance graph is a few hundred KB. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/** What `sendRequest` sends. Header names lower-case. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The caller's cancellation; aborting it rejects with an `AbortError`, also during a retry wait. */
  signal?: AbortSignal;
  /** Time limit for the headers and between body chunks of each try, milliseconds. */
  timeoutMs?: number;
  /** Largest body read, bytes; a larger body fails with a {@link PelotonNetworkError}. */
  maxBodyBytes?: number;
  /** Dispatcher to use (one from `createPelotonDispatcher`); a shared default with retries when absent. */
  dispatcher?: Dispatcher;
  onRetry?: RetryListener;
}

/** What came back: the status, the headers (lower-case names) and the body decoded as UTF-8. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Body size in bytes. */
  bytes: number;
}

let defaultDispatcher: Dispatcher | undefined;

/**
 * Sends one request and reads the whole body.
 * @throws {PelotonNetworkError} on connection failure, timeout or a body over `maxBodyBytes`.
 * @throws an `AbortError` (DOMException) when `signal` aborts.
 */
export async function sendRequest(req: HttpRequest): Promise<HttpResponse> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const dispatcher = req.dispatcher ?? (defaultDispatcher ??= createPelotonDispatcher());
  try {
    const res = await request(dispatcher, req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: req.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      onRetry: req.onRetry,
    });
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of res.body) {
      const buf = chunk as Buffer;
      bytes += buf.length;
      if (bytes > maxBodyBytes) {
        res.body.destroy();
        throw new PelotonNetworkError(req.url, `the response is larger than ${formatBytes(maxBodyBytes)}`, { code: 'RESPONSE_TOO_LARGE' });
      }
      chunks.push(buf);
    }
    return { status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), bytes };
  } catch (error) {
    if (error instanceof PelotonNetworkError) throw error;
    if (req.signal?.aborted) {
      const reason: unknown = req.signal.reason;
      throw isAbortError(reason) ? reason : new DOMException('The operation was aborted', 'AbortError');
    }
    throw new PelotonNetworkError(req.url, describeNetworkError(error), { cause: error, code: networkErrorCode(error) ?? undefined });
  }
}

/** The code of an undici or socket error (`ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT`, …), or null. */
function networkErrorCode(error: unknown): string | null {
  const err = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = err?.code ?? err?.cause?.code;
  return typeof code === 'string' ? code : null;
}

/** A short, token-free description of an undici or socket error, e.g. `the connection was reset (ECONNRESET)`. */
function describeNetworkError(error: unknown): string {
  const err = error as { message?: string } | undefined;
  const code = networkErrorCode(error);
  switch (code) {
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `the connection was reset (${code})`;
    case 'ECONNREFUSED':
      return 'the connection was refused (ECONNREFUSED)';
    case 'ENOTFOUND':
      return 'the host name was not found (ENOTFOUND)';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `the server took too long to answer (${code})`;
    case 'UND_ERR_REQ_RETRY':
      return 'the connection dropped while the answer was being read';
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
      return 'the response is too large';
    default:
      return code ? `${err?.message ?? 'network error'} (${code})` : (err?.message ?? 'network error');
  }
}

/** `5 MB`, `512 KB`: a byte count in words. */
function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
