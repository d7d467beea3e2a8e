/**
 * A loopback fake of the Peloton API and of the Auth0 token endpoint: a real node:http server on 127.0.0.1 (ephemeral
 * port by default) that serves full-size payloads built from a {@link FakeRider}, checks bearer tokens it issued,
 * refreshes tokens like Auth0, records every request, and plays scripted faults (error statuses, garbage, resets,
 * hangs, huge bodies) so clients can be tested against what the real service does on a bad day. The routes and their
 * handlers are in routes.ts; faults in faults.ts; tokens in tokens.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FakeRider } from './dataset';
import { type Fault, FaultQueue, playFault } from './faults';
import { type RecordedRequest, Reply, htmlPage, pelotonError } from './http';
import { ACCESS_TOKEN_LIFETIME_SECONDS } from './jwt';
import { type RouteName, ServedRider, findRoute } from './routes';
import { TokenBook } from './tokens';
import { createFakeAuth0, type FakeAuth0 } from './auth0';

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
  /** How many requests the named route served (faulted ones included), e.g. 'workout_list' or 'performance_graph'. */
  countRoute(route: RouteName): number;
  /** Forgets the recorded requests. */
  resetCounts(): void;
  /** Queues a fault (see {@link Fault}; e.g. a list page that fails: `{ match: '/api/user/', query: { page: '2' }, status: 500 }`). */
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

/** Starts a fake Peloton on 127.0.0.1 and resolves once it listens. */
export async function startFakePeloton(opts: FakePelotonOptions): Promise<FakePeloton> {
  let served = new ServedRider(opts.rider);
  const latencyMs = opts.latencyMs ?? 0;
  const bom = opts.bom ?? false;
  const options = { pageOverlap: opts.pageOverlap ?? 0, rotateRefreshToken: opts.rotateRefreshToken ?? true };
  const tokens = new TokenBook(() => served.rider.userId, opts.tokenTtlSeconds ?? ACCESS_TOKEN_LIFETIME_SECONDS);
  const auth0 = createFakeAuth0({
    userId: () => served.rider.userId,
    mintAccess: () => tokens.mintAccess(),
    mintRefresh: () => tokens.mintRefresh(),
    tokenTtlSeconds: tokens.defaultTtl,
  });
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let closed = false;

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

  /** Latency, then a scripted fault if one matches, then the route (401 without a good token, HTML 404 off-route). */
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const found = findRoute(method, path);
    const rec: RecordedRequest = { method, path, query: url.search, route: found?.route.name ?? null, status: 0 };
    requests.push(rec);
    const reply = new Reply(res, rec, bom);
    await sleep(latencyMs);
    if (closed) return;
    const fault = faults.take(path, url.searchParams);
    if (fault) {
      await sleep(fault.delayMs ?? 0);
      if (closed || playFault(fault, req, reply, path)) return;
    }
    if (await auth0.handle(req, res, rec, url)) return; // the hosted login's routes (auth0.ts)
    if (!found) return reply.html(404, htmlPage(404, 'Not Found'));
    if (found.route.needsToken && !tokens.authorizes(req)) return reply.json(401, pelotonError(401, 3020, 'Not logged in'));
    await found.route.handle({ req, reply, params: found.params, query: url.searchParams, served, tokens, auth0, options });
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

  tokens.mintAccess();
  tokens.mintRefresh();

  return {
    url: `http://127.0.0.1:${port}`,
    get accessToken() {
      return tokens.currentAccess;
    },
    get refreshToken() {
      return tokens.currentRefresh;
    },
    get rider() {
      return served.rider;
    },
    requests,
    auth0,
    count: (pathOrPrefix?: string) => (pathOrPrefix === undefined ? requests.length : requests.filter((r) => r.path.startsWith(pathOrPrefix)).length),
    countRoute: (route: RouteName) => requests.filter((r) => r.route === route).length,
    resetCounts: () => {
      requests.length = 0;
    },
    fault: (f: Fault) => faults.push(f),
    setRider: (r: FakeRider) => {
      served = new ServedRider(r);
    },
    issueAccessToken: (ttlSeconds?: number) => tokens.mintAccess(ttlSeconds),
    issueRefreshToken: () => tokens.mintRefresh(),
    acceptAccessToken: (token: string) => tokens.acceptAccess(token),
    revokeAccessTokens: () => tokens.revoke(false),
    revokeAll: () => tokens.revoke(true),
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
