/**
 * Answers of the fake Peloton API: JSON and HTML replies that record their status, Peloton's JSON error body, its
 * HTML error page, and reading a request body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request as the fake saw it: `path` has no query string; `status` is 0 when no answer was sent (reset, hang). */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string with its '?', or '' (e.g. '?joins=ride&limit=100&page=2'). */
  query: string;
  /** The name of the route that served it ({@link RouteName}), or null for an unknown path. */
  route: string | null;
  status: number;
  /** When the fake began to handle it (`performance.now()` of the fake's process, ms). */
  receivedAtMs: number;
  /** When its answer was handed to the socket (same clock), or null while none was sent. */
  answeredAtMs: number | null;
}

/** Writes the answer to one request and records its status in the request's record. */
export class Reply {
  /**
   * @param res the response to write.
   * @param rec the request's record (its `status` is set by every answer).
   * @param bom start every JSON body with a UTF-8 byte-order mark.
   */
  constructor(
    readonly res: ServerResponse,
    readonly rec: RecordedRequest,
    private readonly bom: boolean,
  ) {}

  /** Sends `body` with a Content-Length. */
  send(status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
    this.rec.status = status;
    const isJson = contentType.startsWith('application/json');
    const payload = Buffer.from(isJson && this.bom ? `\uFEFF${body}` : body, 'utf8');
    this.res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(payload.length), ...headers });
    this.res.end(payload);
    this.rec.answeredAtMs = performance.now();
  }

  /** Sends a JSON value, or a string as it is (already serialized, or deliberately not JSON). */
  json(status: number, value: unknown, headers: Record<string, string> = {}): void {
    this.send(status, typeof value === 'string' ? value : JSON.stringify(value), 'application/json; charset=utf-8', headers);
  }

  /** Sends an HTML page. */
  html(status: number, body: string, headers: Record<string, string> = {}): void {
    this.send(status, body, 'text/html; charset=utf-8', headers);
  }
}

/** A Peloton JSON error body, e.g. `{"status":401,"error_code":3020,"subcode":null,"message":"Not logged in","details":null}`. */
export function pelotonError(status: number, errorCode: number | null, message: string): string {
  return JSON.stringify({ status, error_code: errorCode, subcode: null, message, details: null });
}

/** An HTML page like the ones Peloton's edge serves for unknown paths and outages. */
export function htmlPage(status: number, title: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${status} ${title}</title></head>\n<body>\n<h1>${title}</h1>\n<p>The page you were looking for could not be served.</p>\n</body>\n</html>\n`;
}

/** Reads a request body as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
