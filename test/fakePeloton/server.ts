/**
 * A loopback fake of the Peloton API and of the Auth0 token endpoint: a real node:http server on 127.0.0.1 (ephemeral
 * port by default) that serves full-size payloads built from a {@link FakeRider}, checks bearer tokens it issued,
 * refreshes tokens like Auth0, records every request, and plays scripted faults (error statuses, garbage, resets,
 * hangs, huge bodies) so clients can be tested against what the real service does on a bad day.
 */
import { STATUS_CODES, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { type FakeRider, fakeId, findWorkout } from './dataset';
import { createFakeAuth0, type FakeAuth0 } from './auth0';
import { buildMe, buildPerformanceGraph, buildRideDetails, buildWorkout, buildWorkoutsPage } from './builder';
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  PELOTON_CLIENT_ID,
  PELOTON_SCOPE,
  decodeJwtPayload,
  makeJwt,
  nowSeconds,
} from './jwt';

/** Options of {@link startFakePeloton}. */
export interface FakePelotonOptions {
  /** The rider to serve (see datasets.ts). */
  rider: FakeRider;
  /** Delay added before answering every request, milliseconds. Default 0. */
  latencyMs?: number;
  /** Lifetime of every access token the fake mints unless told otherwise, seconds. Default 172800 (48 h). */
  tokenTtlSeconds?: number;
  /** Whether a refresh grant answers with a new refresh token (and retires the old one). Default true. */
  rotateRefreshToken?: boolean;
  /** Start every JSON body with a UTF-8 byte-order mark, as some recorded responses do. Default false. */
  bom?: boolean;
  /** Repeat this many items of the previous page at the start of later workouts-list pages. Default 0. */
  pageOverlap?: number;
  /** Port to listen on. Default 0 (an ephemeral port). */
  port?: number;
}

/** One request as the fake saw it: `path` has no query string; `status` is 0 when no answer was sent (reset, hang). */
export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

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
 */
export interface Fault {
  /** A path prefix (a path matches when it starts with the string, so an exact path matches too) or a RegExp. */
  match: string | RegExp;
  /** How many matching requests this fault applies to. Default 1. */
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

/** A running fake. */
export interface FakePeloton {
  /** `http://127.0.0.1:PORT`: the API (`/api/...`) and the Auth0 token endpoint (`/oauth/token`) share it. */
  readonly url: string;
  /** The most recently minted access token (a JWT, `sub` = the rider's user id); valid unless revoked or expired. */
  readonly accessToken: string;
  /** The current refresh token ('v1.' + random); changes when a refresh grant rotates it. */
  readonly refreshToken: string;
  /** The rider being served. */
  readonly rider: FakeRider;
  /** Every request so far, in arrival order (faulted ones included). */
  readonly requests: RecordedRequest[];
  /** How many requests had a path starting with `pathOrPrefix` (all requests when omitted). */
  count(pathOrPrefix?: string): number;
  /** Forgets the recorded requests. */
  resetCounts(): void;
  /** Queues a fault. */
  fault(f: Fault): void;
  /** Serves another rider from now on. */
  setRider(r: FakeRider): void;
  /** Mints another valid access token (`exp` = now + ttl; a negative ttl gives an already expired token). */
  issueAccessToken(ttlSeconds?: number): string;
  /** Mints another valid refresh token. */
  issueRefreshToken(): string;
  /** Makes the fake accept a token it did not mint (e.g. one from makeJwtWithoutExp); `exp`, if any, still applies. */
  acceptAccessToken(token: string): void;
  /** Invalidates every access and refresh token issued so far. */
  revokeAll(): void;
  /** Invalidates every access token issued so far (refresh tokens stay good: the next API call answers 401). */
  revokeAccessTokens(): void;
  /** Stops the server, dropping open connections (hung requests included). */
  close(): Promise<void>;
  /** The hosted login (email and password, PKCE): see auth0.ts. */
  readonly auth0: FakeAuth0;
}

/** The 10 MB served by the 'huge' fault, built once. */
let hugeChunk: Buffer | undefined;
const HUGE_BYTES = 10 * 1024 * 1024;

/** A Peloton JSON error body, e.g. `{"status":401,"error_code":3020,"subcode":null,"message":"Not logged in","details":null}`. */
function pelotonError(status: number, errorCode: number | null, message: string): string {
  return JSON.stringify({ status, error_code: errorCode, subcode: null, message, details: null });
}

/** An HTML page like the ones Peloton's edge serves for unknown paths and outages. */
function htmlPage(status: number, title: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${status} ${title}</title></head>\n<body>\n<h1>${title}</h1>\n<p>The page you were looking for could not be served.</p>\n</body>\n</html>\n`;
}

/** Reads a request body as text. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a form-encoded or JSON token request into string fields. */
function parseTokenRequest(contentType: string | undefined, body: string): Record<string, string> {
  if (contentType?.includes('application/json')) {
    try {
      const value: unknown = JSON.parse(body);
      if (typeof value !== 'object' || value === null) return {};
      return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

/** Starts a fake Peloton on 127.0.0.1 and resolves once it listens. */
export async function startFakePeloton(opts: FakePelotonOptions): Promise<FakePeloton> {
  let rider = opts.rider;
  const latencyMs = opts.latencyMs ?? 0;
  const defaultTtl = opts.tokenTtlSeconds ?? ACCESS_TOKEN_LIFETIME_SECONDS;
  const rotate = opts.rotateRefreshToken ?? true;
  const bom = opts.bom ?? false;

  const requests: RecordedRequest[] = [];
  const faults: Array<Fault & { remaining: number }> = [];
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const current = { accessToken: '', refreshToken: '' };
  let tokenSerial = 0;
  let closed = false;

  const mintAccess = (ttl = defaultTtl): string => {
    const now = nowSeconds();
    // The jti keeps two tokens minted in the same second distinct.
    const token = makeJwt({ sub: rider.userId, iat: now, exp: now + ttl, extra: { jti: fakeId(`jti:${++tokenSerial}:${Date.now()}:${Math.random()}`) } });
    accessTokens.add(token);
    current.accessToken = token;
    return token;
  };
  const mintRefresh = (): string => {
    const token = `v1.${randomBytes(48).toString('base64url')}`;
    refreshTokens.add(token);
    current.refreshToken = token;
    return token;
  };

  const auth0 = createFakeAuth0({ userId: () => rider.userId, mintAccess: () => mintAccess(), mintRefresh, tokenTtlSeconds: defaultTtl });

  const sleep = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, ms);
          timers.add(t);
        });

  const takeFault = (path: string): Fault | undefined => {
    const i = faults.findIndex((f) => (typeof f.match === 'string' ? path.startsWith(f.match) : f.match.test(path)));
    if (i < 0) return undefined;
    const f = faults[i];
    if (--f.remaining <= 0) faults.splice(i, 1);
    return f;
  };

  const send = (res: ServerResponse, rec: RecordedRequest, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void => {
    rec.status = status;
    const isJson = contentType.startsWith('application/json');
    const payload = Buffer.from(isJson && bom ? `\uFEFF${body}` : body, 'utf8');
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(payload.length), ...headers });
    res.end(payload);
  };
  const sendJson = (res: ServerResponse, rec: RecordedRequest, status: number, value: unknown, headers: Record<string, string> = {}): void =>
    send(res, rec, status, typeof value === 'string' ? value : JSON.stringify(value), 'application/json; charset=utf-8', headers);
  const sendHtml = (res: ServerResponse, rec: RecordedRequest, status: number, body: string, headers: Record<string, string> = {}): void =>
    send(res, rec, status, body, 'text/html; charset=utf-8', headers);

  /** Plays a fault; returns true when the request has been dealt with (false: answer normally). */
  const playFault = async (f: Fault, req: IncomingMessage, res: ServerResponse, rec: RecordedRequest, path: string): Promise<boolean> => {
    await sleep(f.delayMs ?? 0);
    if (closed) return true;
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
        sendJson(res, rec, status, body, headers);
        return true;
      }
      case 'garbage':
        sendJson(res, rec, 200, f.body ?? '{"data": [{"id": "3f2a", "created_at": 16\u0000\u00ff<!-- truncated', headers);
        return true;
      case 'html': {
        const status = f.status ?? 503;
        sendHtml(res, rec, status, f.body ?? htmlPage(status, STATUS_CODES[status] ?? 'Error'), headers);
        return true;
      }
      case 'reset':
        rec.status = 0;
        req.socket.resetAndDestroy();
        return true;
      case 'hang':
        rec.status = 0;
        return true;
      case 'huge': {
        rec.status = 200;
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
        return true;
      }
    }
  };

  /** True when the request carries a bearer token this fake issued, not revoked and not expired. */
  const authorized = (req: IncomingMessage): boolean => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m || !accessTokens.has(m[1])) return false;
    const exp = decodeJwtPayload(m[1])?.exp;
    return typeof exp !== 'number' || exp > Date.now() / 1000;
  };

  const handleToken = async (req: IncomingMessage, res: ServerResponse, rec: RecordedRequest): Promise<void> => {
    const form = parseTokenRequest(req.headers['content-type'], await readBody(req));
    const oauthError = (status: number, error: string, description: string): void =>
      sendJson(res, rec, status, { error, error_description: description }, { 'Cache-Control': 'no-store' });
    if (!form.grant_type) return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
    if (form.grant_type === 'authorization_code') return auth0.exchangeCode(form, res, rec);
    if (form.grant_type !== 'refresh_token') {
      return oauthError(403, 'unauthorized_client', `Grant type '${form.grant_type}' not allowed for the client.`);
    }
    if (!form.refresh_token) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    if (form.client_id !== PELOTON_CLIENT_ID || !refreshTokens.has(form.refresh_token)) {
      return oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
    }
    const body: Record<string, unknown> = {
      access_token: mintAccess(),
      expires_in: defaultTtl,
      token_type: 'Bearer',
      scope: PELOTON_SCOPE,
    };
    if (rotate) {
      refreshTokens.delete(form.refresh_token);
      body.refresh_token = mintRefresh();
    }
    sendJson(res, rec, 200, body, { 'Cache-Control': 'no-store' });
  };

  /**
   * Serialized payloads by route, for the rider being served (cleared by setRider): the builders are
   * deterministic, and building a per-second graph on every request would put the fake's own CPU time
   * into the client's measurements.
   */
  const payloads = new Map<string, string>();
  const cached = (key: string, build: () => unknown): string => {
    let text = payloads.get(key);
    if (text === undefined) payloads.set(key, (text = JSON.stringify(build())));
    return text;
  };

  /** The handler of a known API route (GET only), or null: unknown routes get Peloton's HTML 404 page. */
  const routeApi = (method: string, path: string, query: URLSearchParams, res: ServerResponse, rec: RecordedRequest): (() => void) | null => {
    if (method !== 'GET') return null;
    if (path === '/api/me') return () => sendJson(res, rec, 200, cached('me', () => buildMe(rider)));
    let m = /^\/api\/workout\/([^/]+)(\/performance_graph)?$/.exec(path);
    if (m) {
      const id = decodeURIComponent(m[1]);
      const graph = m[2] !== undefined;
      return () => {
        const w = findWorkout(rider, id);
        if (!w) return sendJson(res, rec, 404, pelotonError(404, 4040, 'Workout not found'));
        if (!graph) return sendJson(res, rec, 200, cached(`workout:${id}`, () => buildWorkout(rider, w)));
        if (w.graph === 'missing') return sendJson(res, rec, 404, pelotonError(404, 4041, 'Performance graph not found'));
        const every = Number(query.get('every_n') ?? '1');
        const sampleEvery = Number.isFinite(every) && every >= 1 ? every : 1;
        sendJson(res, rec, 200, cached(`graph:${id}:${sampleEvery}`, () => buildPerformanceGraph(w, sampleEvery)));
      };
    }
    m = /^\/api\/user\/([^/]+)\/workouts$/.exec(path);
    if (m) {
      const userId = decodeURIComponent(m[1]);
      return () => {
        if (userId !== rider.userId) return sendJson(res, rec, 404, pelotonError(404, 4040, 'User not found'));
        const limit = Number(query.get('limit') ?? '20');
        const page = Number(query.get('page') ?? '0');
        if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(page) || page < 0) {
          return sendJson(res, rec, 400, pelotonError(400, 3000, 'Invalid limit or page'));
        }
        const joinRide = (query.get('joins') ?? '').split(',').includes('ride');
        sendJson(res, rec, 200, buildWorkoutsPage(rider, page, limit, { joinRide, overlap: opts.pageOverlap ?? 0 }));
      };
    }
    m = /^\/api\/ride\/([^/]+)\/details$/.exec(path);
    if (m) {
      const rideId = decodeURIComponent(m[1]);
      return () => {
        const w = rider.workouts.find((x) => fakeId(`ride:${x.id}`) === rideId);
        if (!w) return sendJson(res, rec, 404, pelotonError(404, 4040, 'Ride not found'));
        sendJson(res, rec, 200, buildRideDetails(w));
      };
    }
    return null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const rec: RecordedRequest = { method, path, status: 0 };
    requests.push(rec);
    await sleep(latencyMs);
    if (closed) return;
    const fault = takeFault(path);
    if (fault && (await playFault(fault, req, res, rec, path))) return;
    if (closed) return;

    if (await auth0.handle(req, res, rec, url)) return;
    if (path === '/oauth/token' && method === 'POST') return handleToken(req, res, rec);
    const route = path.startsWith('/api/') ? routeApi(method, path, url.searchParams, res, rec) : null;
    if (!route) return sendHtml(res, rec, 404, htmlPage(404, 'Not Found'));
    if (!authorized(req)) return sendJson(res, rec, 401, pelotonError(401, 3020, 'Not logged in'));
    route();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(pelotonError(500, null, `Fake Peloton failed: ${String(err)}`));
      }
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  mintAccess();
  mintRefresh();

  return {
    url: `http://127.0.0.1:${port}`,
    get accessToken() {
      return current.accessToken;
    },
    get refreshToken() {
      return current.refreshToken;
    },
    get rider() {
      return rider;
    },
    requests,
    auth0,
    count: (pathOrPrefix?: string) => (pathOrPrefix === undefined ? requests.length : requests.filter((r) => r.path.startsWith(pathOrPrefix)).length),
    resetCounts: () => {
      requests.length = 0;
    },
    fault: (f: Fault) => {
      faults.push({ ...f, remaining: f.times ?? 1 });
    },
    setRider: (r: FakeRider) => {
      rider = r;
      payloads.clear();
    },
    issueAccessToken: (ttlSeconds?: number) => mintAccess(ttlSeconds),
    issueRefreshToken: () => mintRefresh(),
    acceptAccessToken: (token: string) => {
      accessTokens.add(token);
    },
    revokeAccessTokens: () => {
      accessTokens.clear();
    },
    revokeAll: () => {
      accessTokens.clear();
      refreshTokens.clear();
    },
    close: () => {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
    },
  };
}
