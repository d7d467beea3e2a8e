/**
 * The FTP chain walker. Peloton keeps no FTP history: GET /api/me names the workout
 * of the FTP test that set the current FTP (`cycling_ftp_workout_id`), and each workout's
 * `ftp_info.ftp_workout_id` names the test before it. Walking that linked list, newest to oldest, says which
 * tests set the FTP; it misses tests after a manual or estimated FTP and declined tests, which the history
 * builder (historyBuilder.ts) finds in the workout list.
 */
import type { PelotonApi } from '../api/pelotonApi';
import { PelotonApiError, PelotonSchemaError, isAbortError } from '../api/errors';
import { baselineFtp, calculatedFtp } from './rules';
import type { FtpTest, FtpWarning, RiderFtp, StopReason } from './model';
import { averageOutput, type PelotonMe, type PerformanceGraph, type Workout } from '../api/schemas';

/** Default largest number of FTP tests one walk returns. */
export const DEFAULT_MAX_TESTS = 50;

/** What a walk found: tests newest first. */
export interface FtpChainResult {
  rider: RiderFtp;
  tests: FtpTest[];
  /** Everything worth telling the rider, walk-level and per test. */
  warnings: FtpWarning[];
  stoppedBecause: StopReason;
  /** The workout id at which the walk stopped for `known`, `cycle`, `limit` or `missing`; else null. */
  stoppedAt: string | null;
}

/** Options of {@link walkFtpChain}. */
export interface WalkOptions {
  /** At most this many tests (default 50). */
  maxTests?: number;
  /** Cancels the walk; the tests found so far come back with `stoppedBecause: 'aborted'`. */
  signal?: AbortSignal;
  /** Told of each test as soon as it is known (for progress), with its 0-based position. */
  onTest?: (test: FtpTest, index: number) => void;
  /** Returns true for a workout id already stored: the walk stops there (`known`) without fetching it. */
  isKnown?: (workoutId: string) => boolean;
}

/** The part of the API the walker uses. */
export type FtpChainApi = Pick<PelotonApi, 'getMe' | 'getWorkout' | 'getPerformanceGraph'>;

/** A promise's outcome, kept as a value (so no rejection goes unhandled while it waits). */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Turns a promise into one that always resolves with its {@link Settled} outcome. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** The rider's FTP fields from GET /api/me. */
export function riderFtp(me: PelotonMe): RiderFtp {
  return {
    userId: me.id,
    username: me.username,
    currentFtp: me.cycling_ftp ?? null,
    currentFtpSource: me.cycling_ftp_source ?? null,
    estimatedFtp: me.estimated_cycling_ftp ?? null,
    currentFtpWorkoutId: me.cycling_ftp_workout_id || null,
  };
}

/**
 * Walks the rider's FTP tests from GET /api/me's `cycling_ftp_workout_id` back through each workout's
 * `ftp_info.ftp_workout_id`. For each link it fetches GET /api/workout/{id} and
 * GET /api/workout/{id}/performance_graph concurrently, so a walk of N tests costs 1 + 2N requests in
 * N + 1 round trips. It stops at a null or empty link, at a link already visited (any cycle), at
 * `maxTests`, at a test `isKnown` recognises, at a workout that answers 404, or on abort.
 * A missing performance graph (404, or no `avg_output`) gives a test without a result and a warning.
 * @throws {PelotonAuthError} on 401; the typed error of GET /api/me when it fails; any other API,
 *   schema or network error of a workout (the tests found so far have been reported through `onTest`);
 *   an `AbortError` only when aborted before /api/me answered.
 */
export async function walkFtpChain(api: FtpChainApi, options: WalkOptions = {}): Promise<FtpChainResult> {
  const maxTests = options.maxTests ?? DEFAULT_MAX_TESTS;
  const { signal } = options;
  signal?.throwIfAborted();
  const rider = riderFtp(await api.getMe(signal));
  const tests: FtpTest[] = [];
  const warnings: FtpWarning[] = [];
  const visited = new Set<string>();
  const finish = (stoppedBecause: StopReason, stoppedAt: string | null = null): FtpChainResult => ({
    rider,
    tests,
    warnings: [...warnings, ...tests.flatMap((t) => t.warnings)],
    stoppedBecause,
    stoppedAt,
  });

  let next = rider.currentFtpWorkoutId;
  if (!next) warnings.push({ kind: 'no-ftp-test' });
  while (next) {
    if (visited.has(next)) {
      warnings.push({ kind: 'chain-cycle', workoutId: next });
      return finish('cycle', next);
    }
    if (options.isKnown?.(next)) return finish('known', next);
    if (tests.length >= maxTests) {
      warnings.push({ kind: 'chain-limit', maxTests });
      return finish('limit', next);
    }
    if (signal?.aborted) return finish('aborted');
    visited.add(next);
    const workoutId = next;
    const graphPromise = settle(api.getPerformanceGraph(workoutId, signal));
    const workout = await settle(api.getWorkout(workoutId, signal));
    const graph = await graphPromise;
    if (!workout.ok) {
      if (isAbortError(workout.error)) return finish('aborted');
      if (workout.error instanceof PelotonApiError && workout.error.status === 404) {
        warnings.push({ kind: 'chain-missing', workoutId });
        return finish('missing', workoutId);
      }
      throw workout.error;
    }
    if (!graph.ok && isAbortError(graph.error)) return finish('aborted');
    const test = toFtpTest(workoutId, workout.value, graph);
    tests.push(test);
    options.onTest?.(test, tests.length - 1);
    next = test.previousTestId;
  }
  return finish('end');
}

/**
 * Builds one FtpTest (applied: null) from GET /api/workout/{id} and its performance graph, which may have
 * failed: a 404 or a graph that cannot be read gives a test without a result and a warning.
 * @throws the graph's error when it failed otherwise (e.g. 500 after retries, network).
 */
export function toFtpTest(workoutId: string, workout: Workout, graph: Settled<PerformanceGraph>): FtpTest {
  const warnings: FtpWarning[] = [];
  let avgOutput: number | null = null;
  if (graph.ok) {
    avgOutput = averageOutput(graph.value);
    if (avgOutput === null) warnings.push({ kind: 'no-avg-output', workoutId });
  } else if (graph.error instanceof PelotonApiError && graph.error.status === 404) {
    warnings.push({ kind: 'no-graph', workoutId });
  } else if (graph.error instanceof PelotonSchemaError) {
    warnings.push({ kind: 'unreadable-graph', workoutId, path: graph.error.path || null });
  } else {
    throw graph.error;
  }
  const info = workout.ftp_info ?? null;
  const source = info?.ftp_source ?? null;
  const baseline = info ? baselineFtp(info) : null;
  if (info && info.ftp != null && info.ftp > 0 && baseline === null) {
    warnings.push(
      source === null
        ? { kind: 'baseline-no-source', workoutId, rawBaseline: info.ftp }
        : { kind: 'baseline-unknown-source', workoutId, rawBaseline: info.ftp, source },
    );
  }
  return {
    workoutId,
    takenAt: workout.start_time ?? workout.created_at,
    rideTitle: workout.ride?.title ?? null,
    instructor: workout.ride?.instructor?.name ?? null,
    avgOutput,
    calculatedFtp: avgOutput === null ? null : calculatedFtp(avgOutput),
    baselineFtp: baseline,
    baselineSource: source,
    rawBaseline: info?.ftp ?? null,
    previousTestId: info?.ftp_workout_id || null,
    applied: null,
    warnings,
  };
}
