/**
 * Scripted misbehaviour of the fake Peloton API: a queue of faults matched by path (and query), and how each kind is
 * played (error statuses, garbage, resets, hangs, huge bodies), so clients can be tested against a bad day.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { type Reply, htmlPage, pelotonError } from './http';

/**
 * A scripted misbehaviour for the next request(s) whose path matches. Faults are kept in a queue and consumed in
 * order: a request takes the first queued fault that matches it.
 * - `kind` 'status' (the default when `status` is set): answer `status` with `headers` and `body` (default: a
 *   Peloton JSON error body, or an OAuth error body on /oauth/*).
 * - 'garbage': 200 with a JSON content type and a body that is not JSON (or `body`).
 * - 'reset': destroy the connection without answering (TCP reset).
 * - 'html': an HTML page with `status` (default 503), like a proxy or maintenance page.
 * - 'hang': accept the request and never answer (until the client gives up or the fake closes).
 * - 'huge': 200 with a 10 MB JSON body, sent chunked (no Content-Length).
 * With neither `kind` nor `status`, the request is answered normally after `delayMs`.
 *
 * A list page that always fails: `{ match: '/api/user/', query: { page: '2' }, status: 500, times: Infinity }`;
 * once: the same with `times: 1` (the default).
 */
export interface Fault {
  /** A path prefix (a path matches when it starts with the string, so an exact path matches too) or a RegExp. */
  match: string | RegExp;
  /** Query parameters the request must also carry with exactly these values (e.g. `{ page: '2' }`). Default: any. */
  query?: Record<string, string>;
  /** How many matching requests this fault applies to (Infinity: every one). Default 1. */
  times?: number;
  /** HTTP status for 'status' and 'html'. */
  status?: number;
  /** Body for 'status', 'garbage' and 'html'. */
  body?: string;
  /** Extra response headers, e.g. `{ 'Retry-After': '2' }`. */
  headers?: Record<string, string>;
  /** Wait this long (milliseconds) before misbehaving. */
  delayMs?: number;
  /** What to do; see the interface's description. */
  kind?: 'status' | 'garbage' | 'reset' | 'html' | 'hang' | 'huge';
}

/** The queue of scripted faults. */
export class FaultQueue {
  private readonly queue: Array<Fault & { remaining: number }> = [];

  /** Queues a fault. */
  push(f: Fault): void {
    this.queue.push({ ...f, remaining: f.times ?? 1 });
  }

  /** Takes (and uses up once) the first queued fault matching the request, or undefined. */
  take(path: string, query: URLSearchParams): Fault | undefined {
    const i = this.queue.findIndex(
      (f) =>
        (typeof f.match === 'string' ? path.startsWith(f.match) : f.match.test(path)) &&
        Object.entries(f.query ?? {}).every(([k, v]) => query.get(k) === v),
    );
    if (i < 0) return undefined;
    const f = this.queue[i];
    if (--f.remaining <= 0) this.queue.splice(i, 1);
    return f;
  }
}

/** The 10 MB served by the 'huge' fault, built once. */
let hugeChunk: Buffer | undefined;
const HUGE_BYTES = 10 * 1024 * 1024;

/**
 * Plays a fault (its `delayMs` already waited); returns true when the request has been dealt with, false when it is
 * to be answered normally (a fault with neither `kind` nor `status`).
 */
export function playFault(f: Fault, req: IncomingMessage, reply: Reply, path: string): boolean {
  const kind = f.kind ?? (f.status !== undefined ? 'status' : undefined);
  const headers = f.headers ?? {};
  switch (kind) {
    case undefined:
      return false;
    case 'status': {
      const status = f.status ?? 500;
      const reason = STATUS_CODES[status] ?? 'Error';
      const body = f.body ?? (path.startsWith('/oauth/')
        ? JSON.stringify({ error: status === 429 ? 'too_many_requests' : 'server_error', error_description: reason })
        : pelotonError(status, null, reason));
      reply.json(status, body, headers);
      return true;
    }
    case 'garbage':
      reply.json(200, f.body ?? '{"data": [{"id": "3f2a", "created_at": 16\u0000\u00ff<!-- truncated', headers);
      return true;
    case 'html': {
      const status = f.status ?? 503;
      reply.html(status, f.body ?? htmlPage(status, STATUS_CODES[status] ?? 'Error'), headers);
      return true;
    }
    case 'reset':
      reply.rec.status = 0;
      req.socket.resetAndDestroy();
      return true;
    case 'hang':
      reply.rec.status = 0;
      return true;
    case 'huge':
      sendHuge(reply, headers);
      return true;
  }
}

/** 200 with a 10 MB JSON body, written in 64 KB chunks as the client reads (no Content-Length). */
function sendHuge(reply: Reply, headers: Record<string, string>): void {
  const { res } = reply;
  reply.rec.status = 200;
  hugeChunk ??= Buffer.from(`{"data":"${'x'.repeat(HUGE_BYTES - 11)}"}`, 'utf8');
  const huge = hugeChunk;
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  const step = 64 * 1024;
  let offset = 0;
  const pump = (): void => {
    while (offset < huge.length && !res.destroyed) {
      const ok = res.write(huge.subarray(offset, offset + step));
      offset += step;
      if (!ok) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}
