/**
 * The fake Peloton API's routes, one handler each, and the table that maps a method and path to them:
 *   POST /oauth/token                            → {@link tokenGrant}  (Auth0's refresh grant)
 *   GET  /api/me                                 → {@link me}
 *   GET  /api/workout/{id}                       → {@link workout}
 *   GET  /api/workout/{id}/performance_graph     → {@link performanceGraph}
 *   GET  /api/user/{user_id}/workouts            → {@link workoutList}
 *   GET  /api/ride/{ride_id}/details             → {@link rideDetails}
 * Every /api route needs a valid bearer token (the server checks it before the handler runs).
 */
import type { IncomingMessage } from 'node:http';
import { type FakeRider, type FakeWorkout, type ListOrder } from './dataset';
import {
  type ListJoin,
  buildMe,
  buildPerformanceGraph,
  buildRideDetails,
  buildWorkout,
  buildWorkoutsPage,
  rideIdOf,
} from './builder';
import { type Reply, pelotonError, readBody } from './http';
import { PELOTON_CLIENT_ID, PELOTON_SCOPE } from './jwt';
import { type SampleLabels, type SecondSeries, secondSeriesOf } from './series';
import type { TokenBook } from './tokens';
import type { FakeAuth0 } from './auth0';

/**
 * The rider being served, with lookups by workout and ride id and its serialized payloads by route (the builders
 * are deterministic, and building a per-second graph or a 100-item page on every request would put the fake's own
 * CPU time into the client's measurements). A new rider gets a new ServedRider; so does a deletion.
 */
export class ServedRider {
  private readonly byId: Map<string, FakeWorkout>;
  private byRideId: Map<string, FakeWorkout> | undefined;
  private readonly payloads = new Map<string, string>();
  private readonly seconds = new Map<string, SecondSeries>();

  /**
   * @param rider the rider (its workouts are what the list, the workout and the graph routes serve).
   * @param deleted workouts the rider deleted: gone from every route but the class details (a class outlives a
   *   workout taken in it).
   */
  constructor(
    readonly rider: FakeRider,
    readonly deleted: readonly FakeWorkout[] = [],
  ) {
    this.byId = new Map(rider.workouts.map((w) => [w.id, w]));
  }

  /** The workout with that id, or undefined. */
  workout(id: string): FakeWorkout | undefined {
    return this.byId.get(id);
  }

  /** The first workout taken in the class (ride) with that id (deleted ones included), or undefined. */
  workoutOfRide(rideId: string): FakeWorkout | undefined {
    if (!this.byRideId) {
      this.byRideId = new Map();
      for (const w of [...this.rider.workouts, ...this.deleted]) if (!this.byRideId.has(rideIdOf(w))) this.byRideId.set(rideIdOf(w), w);
    }
    return this.byRideId.get(rideId);
  }

  /** The same rider without the workout `id` (it joins `deleted`), or null when the rider has no such workout. */
  without(id: string): ServedRider | null {
    const w = this.byId.get(id);
    if (!w) return null;
    return new ServedRider({ ...this.rider, workouts: this.rider.workouts.filter((x) => x !== w) }, [...this.deleted, w]);
  }

  /** The 1-second series of a served workout (built once), or undefined for an unknown id. */
  secondSeries(id: string): SecondSeries | undefined {
    const w = this.byId.get(id);
    if (!w) return undefined;
    let series = this.seconds.get(id);
    if (!series) this.seconds.set(id, (series = secondSeriesOf(w)));
    return series;
  }

  /** The JSON text of `build()`, built once per key. */
  cached(key: string, build: () => unknown): string {
    let text = this.payloads.get(key);
    if (text === undefined) this.payloads.set(key, (text = JSON.stringify(build())));
    return text;
  }
}

/** What a handler gets. */
interface RouteContext {
  req: IncomingMessage;
  reply: Reply;
  /** The path's captures, URI-decoded (e.g. the workout id). */
  params: string[];
  query: URLSearchParams;
  served: ServedRider;
  tokens: TokenBook;
  /** The hosted login, whose authorization_code grant shares POST /oauth/token. */
  auth0: FakeAuth0;
  /** Server settings the handlers read (some can change while the server runs). */
  options: RouteSettings;
  /** Waits that many milliseconds (resolves at once when the server closes meanwhile). */
  sleep(ms: number): Promise<void>;
}

/** The server's settings the handlers read; see FakePelotonOptions in server.ts for each. */
export interface RouteSettings {
  pageOverlap: number;
  rotateRefreshToken: boolean;
  refreshReuseIntervalMs: number;
  tokenDelayMs: number;
  /** Overrides the rider's own `listOrder` when set. */
  listOrder: ListOrder | undefined;
  sampleLabels: SampleLabels;
}

/** The names of the routes (also in every {@link RecordedRequest}). */
export type RouteName = 'oauth_token' | 'me' | 'workout' | 'performance_graph' | 'workout_list' | 'ride_details';

/** One route: method, path pattern (captures become `params`), whether it needs a bearer token, its handler. */
interface Route {
  name: RouteName;
  method: 'GET' | 'POST';
  pattern: RegExp;
  needsToken: boolean;
  handle(ctx: RouteContext): void | Promise<void>;
}

/**
 * POST /oauth/token: Auth0's refresh grant (form or JSON body) and the hosted login's code grant (auth0.ts). The
 * refresh grant is decided when the request arrives (tokens.ts: rotation with reuse detection unless rotation is off)
 * and answered `tokenDelayMs` later, so a client that gives up meanwhile has lost the rotated token, as it would on a
 * slow network; the code grant waits `tokenDelayMs`, then is decided. Refusals answer 403 `invalid_grant` "Unknown
 * or invalid refresh token." (with its full stop, as recorded: harvest/homebridge-token-invalid-grant).
 */
async function tokenGrant({ req, reply, tokens, auth0, options, sleep }: RouteContext): Promise<void> {
  const form = parseTokenRequest(req.headers['content-type'], await readBody(req));
  const delay = options.tokenDelayMs;
  const answer = async (status: number, body: Record<string, unknown>): Promise<void> => {
    await sleep(delay);
    if (!reply.res.destroyed) reply.json(status, body, { 'Cache-Control': 'no-store' });
  };
  const oauthError = (status: number, error: string, description: string): Promise<void> => answer(status, { error, error_description: description });
  if (!form.grant_type) return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
  if (form.grant_type === 'authorization_code') {
    await sleep(delay);
    return auth0.exchangeCode(form, reply.res, reply.rec);
  }
  if (form.grant_type !== 'refresh_token') {
    return oauthError(403, 'unauthorized_client', `Grant type '${form.grant_type}' not allowed for the client.`);
  }
  if (!form.refresh_token) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
  if (form.client_id !== PELOTON_CLIENT_ID) return oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
  const outcome = tokens.redeemRefresh(form.refresh_token, { rotate: options.rotateRefreshToken, reuseIntervalMs: options.refreshReuseIntervalMs });
  if (!outcome.ok) return oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
  const body: Record<string, unknown> = {
    access_token: tokens.mintAccess(),
    expires_in: tokens.defaultTtl,
    token_type: 'Bearer',
    scope: PELOTON_SCOPE,
  };
  if (outcome.refreshToken !== null) body.refresh_token = outcome.refreshToken;
  await answer(200, body);
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

/** GET /api/me: the rider (FTP fields, workout counters). */
function me({ reply, served }: RouteContext): void {
  reply.json(200, served.cached('me', () => buildMe(served.rider)));
}

/** GET /api/workout/{id}: the workout with `ride` and `ftp_info`; 404 (error_code 4040) for an unknown id. */
function workout({ reply, served, params: [id] }: RouteContext): void {
  const w = served.workout(id);
  if (!w) return reply.json(404, pelotonError(404, 4040, 'Workout not found'));
  reply.json(200, served.cached(`workout:${id}`, () => buildWorkout(served.rider, w)));
}

/**
 * GET /api/workout/{id}/performance_graph?every_n=: the graph (one sample per `every_n` seconds, default 1; a
 * number that is not ≥ 1 counts as 1, a fraction is cut to whole seconds); 404 (4040) for an unknown or deleted
 * workout, 404 (4041) for a workout whose graph is 'missing'.
 */
function performanceGraph({ reply, served, params: [id], query, options }: RouteContext): void {
  const w = served.workout(id);
  if (!w) return reply.json(404, pelotonError(404, 4040, 'Workout not found'));
  if (w.graph === 'missing') return reply.json(404, pelotonError(404, 4041, 'Performance graph not found'));
  const every = Number(query.get('every_n') ?? '1');
  const sampleEvery = Number.isFinite(every) && every >= 1 ? Math.floor(every) : 1;
  const labels = options.sampleLabels;
  reply.json(200, served.cached(`graph:${id}:${sampleEvery}:${labels}`, () => buildPerformanceGraph(w, sampleEvery, labels, served.secondSeries(id))));
}

/**
 * GET /api/user/{user_id}/workouts?joins=&limit=&page=&sort_by=: one page, newest first whatever `sort_by` asks, by
 * `created_at` or by `device_time_created_at` as the server's `listOrder` (else the rider's) says (`limit` default
 * 20, cut to 100; `joins=ride` joins the class, `ride.instructor` its instructor too). Another user id: 404; a limit
 * or page that is not a whole number (limit ≥ 1, page ≥ 0): 400.
 */
function workoutList({ reply, served, params: [userId], query, options }: RouteContext): void {
  if (userId !== served.rider.userId) return reply.json(404, pelotonError(404, 4040, 'User not found'));
  const limit = Number(query.get('limit') ?? '20');
  const page = Number(query.get('page') ?? '0');
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(page) || page < 0) {
    return reply.json(400, pelotonError(400, 3000, 'Invalid limit or page'));
  }
  const joins = (query.get('joins') ?? '').split(',');
  const join: ListJoin = joins.includes('ride') ? (joins.includes('ride.instructor') ? 'ride+instructor' : 'ride') : 'none';
  const overlap = options.pageOverlap;
  const order = options.listOrder ?? served.rider.listOrder ?? 'created_at';
  reply.json(200, served.cached(`list:${page}:${limit}:${join}:${overlap}:${order}`, () => buildWorkoutsPage(served.rider, page, limit, { join, overlap, order })));
}

/**
 * GET /api/ride/{ride_id}/details: the class with a top-level `is_ftp_test` (the workout's `ftpTest`, else the
 * English title rule); 404 for an unknown ride. The class of a deleted workout still answers.
 */
function rideDetails({ reply, served, params: [rideId] }: RouteContext): void {
  const w = served.workoutOfRide(rideId);
  if (!w) return reply.json(404, pelotonError(404, 4040, 'Ride not found'));
  reply.json(200, served.cached(`ride:${rideId}`, () => buildRideDetails(w)));
}

/** Every route the fake serves; any other method and path gets Peloton's HTML 404 page. */
const ROUTES: readonly Route[] = [
  { name: 'oauth_token', method: 'POST', pattern: /^\/oauth\/token$/, needsToken: false, handle: tokenGrant },
  { name: 'me', method: 'GET', pattern: /^\/api\/me$/, needsToken: true, handle: me },
  { name: 'workout', method: 'GET', pattern: /^\/api\/workout\/([^/]+)$/, needsToken: true, handle: workout },
  { name: 'performance_graph', method: 'GET', pattern: /^\/api\/workout\/([^/]+)\/performance_graph$/, needsToken: true, handle: performanceGraph },
  { name: 'workout_list', method: 'GET', pattern: /^\/api\/user\/([^/]+)\/workouts$/, needsToken: true, handle: workoutList },
  { name: 'ride_details', method: 'GET', pattern: /^\/api\/ride\/([^/]+)\/details$/, needsToken: true, handle: rideDetails },
];

/** The route for a method and path with its decoded captures, or null. */
export function findRoute(method: string, path: string): { route: Route; params: string[] } | null {
  for (const route of ROUTES) {
    const m = route.method === method ? route.pattern.exec(path) : null;
    if (m) return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return null;
}
