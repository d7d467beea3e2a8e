/**
 * The Peloton API client: GET /api/me, /api/workout/{id}, /api/workout/{id}/performance_graph,
 * /api/user/{id}/workouts and /api/ride/{id}/details on undici, every payload validated with zod. Sends
 * `Authorization: Bearer <access token>`, `Peloton-Platform: web` and a User-Agent naming the
 * extension; a timeout on every request. Errors are typed: {@link PelotonAuthError} (401),
 * {@link PelotonApiError} (other HTTP errors), {@link PelotonSchemaError}, {@link PelotonNetworkError}.
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { version } from '../../../package.json';
import { PelotonApiError, PelotonAuthError } from './errors';
import { sendRequest, type HttpResponse } from './http';
import {
  meSchema,
  parsePayload,
  pelotonErrorSchema,
  performanceGraphSchema,
  rideDetailsSchema,
  stripBom,
  workoutSchema,
  workoutsPageSchema,
  type PelotonMe,
  type PerformanceGraph,
  type RideDetails,
  type Workout,
  type WorkoutsPage,
} from './schemas';

/** The User-Agent sent on every request: names the extension and its version. */
export const USER_AGENT = `PelotonFtpHistory-VSCode/${version}`;

/**
 * The `every_n` of every performance graph asked for: one sample per 5 seconds (240 for a 20-minute FTP test). A
 * divisor of 300, so a 20-minute test's quarters (pacing.ts) hold whole samples; fine enough to draw the ride, and
 * about 8 KB of JSON where every_n=1 is 35 KB. The average output does not depend on it.
 */
export const PERFORMANCE_GRAPH_EVERY_N = 5;

/** One finished exchange, for logging: never the token, never the query string. */
export interface ExchangeRecord {
  method: string;
  /** The path without the query, e.g. `/api/workout/abc/performance_graph`. */
  path: string;
  /** HTTP status, or 0 when no answer came (network error). */
  status: number;
  /** Wall time in milliseconds. */
  ms: number;
  /** Body size in bytes. */
  bytes: number;
  /** Tries after the first (0 when the first answer was kept). */
  retries: number;
}

/** How to build a {@link PelotonApi}. */
export interface PelotonApiOptions {
  /** e.g. `https://api.onepeloton.com` (no trailing path). */
  baseUrl: string;
  /** Returns the current access token (a JWT); called before every request. */
  getAccessToken: () => string | Promise<string>;
  /**
   * Called at most once per request after a 401, with the token that was refused; resolves true when a
   * newer access token is available, and the request is then sent once more. Without it a 401 fails at once.
   */
  onUnauthorized?: (refusedToken: string) => Promise<boolean>;
  /** undici Dispatcher (tests pass a MockAgent); the global dispatcher when absent. */
  dispatcher?: Dispatcher;
  /** Time limit of one request, milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Largest body read, bytes (default 5 MB). */
  maxBodyBytes?: number;
  /** Told of every exchange (for the log). */
  onExchange?: (record: ExchangeRecord) => void;
}

/**
 * Runs one exchange with Peloton (the request sent and its whole body read) under a caller's bound on requests in
 * flight, e.g. a `p-limit` of 6. The answer is checked (JSON, zod) after the exchange has left the bound, so a slot
 * is free for the next request while a large page is being read.
 */
export type ExchangeSlot = <T>(exchange: () => Promise<T>) => Promise<T>;

/** No bound: the exchange runs at once (the methods' default; a caller that keeps no bound of its own passes it). */
export const unbounded: ExchangeSlot = (exchange) => exchange();

/**
 * The Peloton API, read-only. Every method takes an optional AbortSignal and an optional {@link ExchangeSlot} (the
 * bound its exchanges run under; none when absent) and throws typed errors.
 */
export class PelotonApi {
  constructor(private readonly options: PelotonApiOptions) {}

  /** GET /api/me — the signed-in rider with the FTP fields. */
  getMe(signal?: AbortSignal, slot?: ExchangeSlot): Promise<PelotonMe> {
    return this.getJson('/api/me', meSchema, { signal, slot });
  }

  /** GET /api/workout/{id}?joins=ride,ride.instructor — one workout with `ftp_info` and the ride. */
  getWorkout(workoutId: string, signal?: AbortSignal, slot?: ExchangeSlot): Promise<Workout> {
    return this.getJson(`/api/workout/${encodeURIComponent(workoutId)}`, workoutSchema, { signal, slot, query: '?joins=ride,ride.instructor' });
  }

  /**
   * GET /api/workout/{id}/performance_graph?every_n={@link PERFORMANCE_GRAPH_EVERY_N} — a workout's metrics: average
   * output, and its output and cadence a sample every 5 seconds.
   */
  getPerformanceGraph(workoutId: string, signal?: AbortSignal, slot?: ExchangeSlot): Promise<PerformanceGraph> {
    const query = `?every_n=${PERFORMANCE_GRAPH_EVERY_N}`;
    return this.getJson(`/api/workout/${encodeURIComponent(workoutId)}/performance_graph`, performanceGraphSchema, { signal, slot, query });
  }

  /**
   * GET /api/user/{id}/workouts?joins=ride&limit=…&page=…&sort_by=-created — one page (from 0) of the rider's
   * workouts, newest first, each with its class (`ride`) joined. Errors name the page, e.g.
   * `GET /api/user/u1/workouts page 2: HTTP 500 …`.
   */
  getWorkoutsPage(userId: string, page: number, limit = 100, signal?: AbortSignal, slot?: ExchangeSlot): Promise<WorkoutsPage> {
    const path = `/api/user/${encodeURIComponent(userId)}/workouts`;
    const query = `?joins=ride&limit=${limit}&page=${page}&sort_by=-created`;
    return this.getJson(path, workoutsPageSchema, { signal, slot, query, endpoint: `GET ${path} page ${page}` });
  }

  /**
   * GET /api/ride/{ride_id}/details — a class (ride) with its top-level `is_ftp_test`: whether Peloton files the
   * class as an FTP test, whatever its title says. `rideId` is a listed workout's `ride.id`.
   */
  getRideDetails(rideId: string, signal?: AbortSignal, slot?: ExchangeSlot): Promise<RideDetails> {
    return this.getJson(`/api/ride/${encodeURIComponent(rideId)}/details`, rideDetailsSchema, { signal, slot });
  }

  /**
   * Sends a GET (each exchange under `slot`) and validates the JSON answer after it. `query` starts with `?`;
   * `endpoint` names the request in errors (default `GET <path>`).
   * @throws {PelotonAuthError} on 401 (after one `onUnauthorized` retry), {@link PelotonApiError} on other
   *   HTTP errors, {@link PelotonSchemaError} on a payload that does not fit, {@link PelotonNetworkError}.
   */
  private async getJson<S extends z.ZodType>(
    path: string,
    schema: S,
    { signal, slot = unbounded, query = '', endpoint = `GET ${path}` }: { signal?: AbortSignal; slot?: ExchangeSlot; query?: string; endpoint?: string },
  ): Promise<z.infer<S>> {
    let res = await slot(() => this.send(path + query, signal));
    if (res.status === 401 && this.options.onUnauthorized && (await this.options.onUnauthorized(res.token))) {
      res = await slot(() => this.send(path + query, signal));
    }
    if (res.status === 401) {
      const body = readErrorBody(res);
      throw new PelotonAuthError(endpoint, body.errorCode, body.message ?? 'Not logged in');
    }
    if (res.status < 200 || res.status >= 300) {
      const body = readErrorBody(res);
      throw new PelotonApiError(endpoint, res.status, body.errorCode, body.message ?? describeBody(res));
    }
    return parsePayload(schema, res.text, endpoint);
  }

  private async send(pathAndQuery: string, signal?: AbortSignal): Promise<HttpResponse & { token: string }> {
    const token = await this.options.getAccessToken();
    const url = new URL(pathAndQuery, this.options.baseUrl).toString();
    const started = performance.now();
    let status = 0;
    let bytes = 0;
    let retries = 0;
    try {
      const res = await sendRequest({
        method: 'GET',
        url,
        headers: {
          authorization: `Bearer ${token}`,
          'peloton-platform': 'web',
          'user-agent': USER_AGENT,
          accept: 'application/json',
        },
        signal,
        dispatcher: this.options.dispatcher,
        timeoutMs: this.options.timeoutMs,
        maxBodyBytes: this.options.maxBodyBytes,
        onRetry: () => void retries++,
      });
      status = res.status;
      bytes = res.bytes;
      return { ...res, token };
    } finally {
      this.options.onExchange?.({
        method: 'GET',
        path: pathAndQuery.split('?')[0] ?? pathAndQuery,
        status,
        ms: Math.round(performance.now() - started),
        bytes,
        retries,
      });
    }
  }
}

/** Reads Peloton's JSON error body when there is one: `{error_code, message}`. */
function readErrorBody(res: HttpResponse): { errorCode: number | null; message: string | null } {
  try {
    const parsed = pelotonErrorSchema.safeParse(JSON.parse(stripBom(res.text)));
    if (parsed.success) return { errorCode: parsed.data.error_code ?? null, message: parsed.data.message ?? null };
  } catch {
    // not JSON: described by describeBody
  }
  return { errorCode: null, message: null };
}

/** Describes a non-JSON error body briefly (Peloton answers unknown paths with an HTML page). */
function describeBody(res: HttpResponse): string {
  const text = res.text.trimStart();
  if (text.startsWith('<')) return 'the server answered with an HTML page, not JSON';
  return text.length === 0 ? 'empty response' : 'the server answered with text that is not JSON';
}
