/**
 * A loopback fake of the Peloton API and of the Auth0 token endpoint: a real node:http server on 127.0.0.1 (ephemeral
 * port by default) that serves full-size payloads built from a {@link FakeRider}, checks bearer tokens it issued,
 * refreshes tokens like Auth0 (rotation with reuse detection by default: tokens.ts), records every request, and plays
 * scripted faults (error statuses, garbage, resets, hangs, huge bodies) so clients can be tested against what the
 * real service does on a bad day. The routes and their handlers are in routes.ts; faults in faults.ts; tokens in
 * tokens.ts; the 1-second series behind the performance graphs in series.ts.
 *
 * Inspection for tests (none of it is cleared by `resetCounts`): how often each refresh token was presented and
 * which token families were revoked, how often each class's details were asked for, and the exact 1-second series
 * a workout's graph samples are built from.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FakeRider, ListOrder } from './dataset';
import { type Fault, FaultQueue, playFault } from './faults';
import { type RecordedRequest, Reply, htmlPage, pelotonError } from './http';
import { ACCESS_TOKEN_LIFETIME_SECONDS } from './jwt';
import { type RouteName, type RouteSettings, ServedRider, findRoute } from './routes';
import { type RefreshFamily, TokenBook } from './tokens';
import type { SampleLabels, SecondSeries } from './series';
import { createFakeAuth0, type FakeAuth0 } from './auth0';

/** Options of {@link startFakePeloton}. */
export interface FakePelotonOptions {
  /** The rider to serve (see datasets.ts). */
  rider: FakeRider;
  /** Delay added before answering every request, milliseconds. Default 0. */
  latencyMs?: number;
  /** Lifetime of every access token the fake mints unless told otherwise, seconds. Default 172800 (48 h). */
  tokenTtlSeconds?: number;
  /**
   * Refresh Token Rotation with reuse detection, as Auth0 does it for the web app's client (default true): each
   * refresh grant answers a new refresh token and retires the one presented; a retired token presented again
   * revokes its whole family (tokens.ts). false: the refresh token is kept and the grant answers without
   * `refresh_token` (pylotoncycle's experience with the iOS client id).
   */
  rotateRefreshToken?: boolean;
  /** Auth0's reuse interval: a retired refresh token presented again within this many ms is not reuse. Default 0. */
  refreshReuseIntervalMs?: number;
  /**
   * Delay of every POST /oauth/token answer, milliseconds (default 0; also {@link FakePeloton.setTokenDelay}): lets
   * two clients' renewals overlap. A refresh grant is decided on arrival and answered after the delay.
   */
  tokenDelayMs?: number;
  /** The workouts list's order for every rider served (default: each rider's `listOrder`, else 'created_at'). */
  listOrder?: ListOrder;
  /** Where performance-graph samples are labelled (series.ts {@link SampleLabels}). Default 'window-end'. */
  sampleLabels?: SampleLabels;
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
  /**
   * The most recently minted refresh token ('v1.' + random): the startup token (the web app's session, as pasted)
   * until a grant rotates it, a hosted login mints one, or a test issues one.
   */
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
  /** Mints another valid refresh token: a new sign-in, so it starts a token family of its own. */
  issueRefreshToken(): string;
  /**
   * Presents a refresh token as another holder would (e.g. the browser a value was pasted from renewing its own
   * session): the same decision as a refresh grant over HTTP, counted as a presentation. Returns the new access
   * token and the new refresh token (null when rotation is off), or null when the grant is refused (and then a
   * retired token has revoked its family).
   */
  presentRefreshToken(refreshToken: string): { accessToken: string; refreshToken: string | null } | null;
  /** How many refresh grants presented this refresh token so far, whatever they answered (HTTP and {@link presentRefreshToken}). */
  refreshTokenPresentations(refreshToken: string): number;
  /** Every refresh token presented so far, with how many times. */
  refreshPresentations(): ReadonlyMap<string, number>;
  /** Every refresh-token family so far (a sign-in and the tokens rotated from it), oldest first; see tokens.ts. */
  refreshFamilies(): RefreshFamily[];
  /** Sets the delay of POST /oauth/token answers from now on, milliseconds (see {@link FakePelotonOptions.tokenDelayMs}). */
  setTokenDelay(ms: number): void;
  /**
   * Deletes a workout as the rider would in the Peloton app: it leaves the workouts list (`total` drops), GET
   * /api/workout/{id} and its graph answer 404 (error_code 4040), and /api/me's `total_workouts` (and its other
   * counters) drop by one when it was COMPLETE. Its class still answers GET /api/ride/{id}/details. Returns false
   * when the served rider has no such workout. `setRider` forgets deletions.
   */
  deleteWorkout(workoutId: string): boolean;
  /** How many GET /api/ride/{ride_id}/details requests named this class (401s and faulted ones included). */
  rideDetailsCount(rideId: string): number;
  /** Every class asked for with GET /api/ride/{ride_id}/details, with how many times. */
  rideDetailsCounts(): ReadonlyMap<string, number>;
  /**
   * The exact 1-second series a served workout's performance graph is built from (series.ts: output in watts, null
   * without avg_output; cadence rpm; …), or undefined for an unknown or deleted workout. round(mean(output)) is the
   * graph's `avg_output`; a sample labelled t (every_n = N) is the mean of output[t − N … t − 1], rounded.
   */
  secondSeries(workoutId: string): SecondSeries | undefined;
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
  const options: RouteSettings = {
    pageOverlap: opts.pageOverlap ?? 0,
    rotateRefreshToken: opts.rotateRefreshToken ?? true,
    refreshReuseIntervalMs: opts.refreshReuseIntervalMs ?? 0,
    tokenDelayMs: opts.tokenDelayMs ?? 0,
    listOrder: opts.listOrder,
    sampleLabels: opts.sampleLabels ?? 'window-end',
  };
  const tokens = new TokenBook(() => served.rider.userId, opts.tokenTtlSeconds ?? ACCESS_TOKEN_LIFETIME_SECONDS);
  const auth0 = createFakeAuth0({
    userId: () => served.rider.userId,
    mintAccess: () => tokens.mintAccess(),
    mintRefresh: () => tokens.mintRefresh('authorization_code'),
    tokenTtlSeconds: tokens.defaultTtl,
  });
  const rideDetails = new Map<string, number>();
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
    const rec: RecordedRequest = { method, path, query: url.search, route: found?.route.name ?? null, status: 0, receivedAtMs: performance.now(), answeredAtMs: null };
    requests.push(rec);
    if (found?.route.name === 'ride_details') rideDetails.set(found.params[0], (rideDetails.get(found.params[0]) ?? 0) + 1);
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
    await found.route.handle({ req, reply, params: found.params, query: url.searchParams, served, tokens, auth0, options, sleep });
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
  tokens.mintRefresh('startup');

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
    issueRefreshToken: () => tokens.mintRefresh('issued'),
    presentRefreshToken: (refreshToken: string) => {
      const outcome = tokens.redeemRefresh(refreshToken, { rotate: options.rotateRefreshToken, reuseIntervalMs: options.refreshReuseIntervalMs });
      return outcome.ok ? { accessToken: tokens.mintAccess(), refreshToken: outcome.refreshToken } : null;
    },
    refreshTokenPresentations: (refreshToken: string) => tokens.presentations(refreshToken),
    refreshPresentations: () => tokens.allPresentations(),
    refreshFamilies: () => tokens.familySnapshots(),
    setTokenDelay: (ms: number) => {
      options.tokenDelayMs = Math.max(0, ms);
    },
    deleteWorkout: (workoutId: string) => {
      const next = served.without(workoutId);
      if (next) served = next;
      return next !== null;
    },
    rideDetailsCount: (rideId: string) => rideDetails.get(rideId) ?? 0,
    rideDetailsCounts: () => new Map(rideDetails),
    secondSeries: (workoutId: string) => {
      const s = served.secondSeries(workoutId);
      // a copy: the served graphs are built from the cached one
      return s && { ...s, output: s.output && [...s.output], cadence: [...s.cadence], resistance: [...s.resistance], speed: [...s.speed], heartRate: [...s.heartRate] };
    },
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
