/**
 * The one history builder: GET /api/me (account check), the workout list (every FTP test, see
 * testRule.ts), the FTP chain from /api/me (which test set the current FTP), each new test's figures,
 * and the merge into the stored history. Plain Node: the HistoryService, the tests and the benchmark call it.
 * Incremental: a refresh lists only down to the workout the last refresh settled, and skips the list when
 * /api/me's workout counters have not moved; a test already stored is never fetched again.
 */
import pLimit from 'p-limit';
import type { PelotonApi } from '../api/pelotonApi';
import { PelotonApiError, WrongAccountError, isAbortError } from '../api/errors';
import { riderFtp, settle, toFtpTest, walkFtpChain, type FtpChainApi, type FtpChainResult, type Settled } from './chain';
import { listedKind } from './testRule';
import { markApplied, mergeTests } from './merge';
import type { FtpHistory, FtpTest, FtpWarning, ListMarker } from './model';
import type { PelotonMe, PerformanceGraph, Workout } from '../api/schemas';
import { nowSeconds } from '../../shared/dates';
import { WORKOUTS_PAGE_LIMIT, listWorkouts, type WorkoutListing } from './workoutList';

/**
 * At most this many Peloton requests in flight at once, for the whole refresh (list pages, workouts, graphs).
 * Why 6: it is what a browser opens to one host over HTTP/1.1, so api.onepeloton.com sees no more than the
 * Peloton web app itself causes, and it stays well under the batches public clients use (peloton-to-garmin
 * fetches details 25 at a time; PELOTON_API.md) while Peloton answers bursts with 429. It is also enough: a
 * cold history of 50 tests among 2,000 workouts takes ~23 round trips instead of the chain's 101 sequential ones.
 */
export const MAX_REQUESTS_IN_FLIGHT = 6;

/** The part of the API the builder uses. */
export type HistoryApi = Pick<PelotonApi, 'getMe' | 'getWorkout' | 'getPerformanceGraph' | 'getWorkoutsPage'>;

/** Where a refresh is, for progress. */
export interface RefreshProgress {
  /** 'account' (GET /api/me), 'list' (workout list pages), 'tests' (workout + graph of each test). */
  phase: 'account' | 'list' | 'tests';
  /** FTP tests known so far (found in the list or the chain) that the stored history lacked. */
  found: number;
  /** FTP tests whose figures are fetched so far. */
  fetched: number;
}

/** Options of {@link refreshHistory}. */
export interface RefreshHistoryOptions {
  /** The session's user id: GET /api/me answering another id throws WrongAccountError (src/peloton/api/errors.ts). */
  expectedUserId?: string;
  /** The chain walker's limit (setting pelotonFtp.maxChainLength); default 50. */
  maxChainLength?: number;
  signal?: AbortSignal;
  /** Told as work progresses; may be called often (callers coalesce). */
  onProgress?: (progress: RefreshProgress) => void;
  /** Unix seconds for fetchedAt (default now). */
  now?: number;
  /** An already-fetched GET /api/me of this session (e.g. from sign-in), to save that request. Optional. */
  me?: PelotonMe;
}

/** What a refresh produced. */
export interface RefreshHistoryResult {
  /** The history to show and store; null only when nothing was stored and the refresh was aborted. */
  history: FtpHistory | null;
  /** False when the stored history was kept as it was (aborted, failed part, or it would shrink). */
  replaced: boolean;
  /** Tests found that the stored history did not have. */
  newTests: number;
  /** True when the signal fired (history is then the stored one). */
  aborted: boolean;
  /** Everything worth telling the rider (also kept in history.warnings when replaced). */
  warnings: FtpWarning[];
}

/**
 * Refreshes the rider's FTP history: GET /api/me (skipped when `options.me` is given), then concurrently the
 * chain walk from `cycling_ftp_workout_id` and the workout list (pages only down to the stored marker; none
 * when `total_workouts` and `last_workout_at` are unchanged and no test was in progress), and for each FTP
 * test the store lacks GET /api/workout/{id} and its performance graph — all under one bound of
 * {@link MAX_REQUESTS_IN_FLIGHT}, each request made once (the chain walker reads the same fetches). The
 * result is the union with the stored tests, newest first, with `applied` marked (see `markApplied`).
 * A listed test whose workout answers 404 is skipped with a warning; a missing graph gives a test without
 * a result.
 * @param stored the stored history of this account (null when none; another account's is ignored).
 * @throws {PelotonAuthError} on 401; {@link PelotonApiError} (a list page's names the page, e.g.
 *   `GET /api/user/u1/workouts page 2: HTTP 500 …`), {@link PelotonSchemaError}, {@link PelotonNetworkError};
 *   {@link WrongAccountError} when /api/me is not `expectedUserId`. The stored history is never touched:
 *   the caller keeps showing `stored`. Never throws for an abort: the result says `aborted`.
 */
export async function refreshHistory(api: HistoryApi, stored: FtpHistory | null, options: RefreshHistoryOptions = {}): Promise<RefreshHistoryResult> {
  const outer = options.signal;
  const inner = new AbortController();
  const signal = outer ? AbortSignal.any([outer, inner.signal]) : inner.signal;
  const abortedResult = (): RefreshHistoryResult => ({ history: stored, replaced: false, newTests: 0, aborted: true, warnings: [] });
  if (outer?.aborted) return abortedResult();
  const refresh = new Refresh(api, stored, options, signal, inner);
  try {
    const result = await refresh.run();
    return outer?.aborted ? abortedResult() : result;
  } catch (error) {
    if (outer?.aborted) return abortedResult();
    throw refresh.failure ?? error;
  } finally {
    inner.abort(); // whatever still runs after a failure stops here
  }
}

/** A listed test's figures: the test, a workout still IN_PROGRESS, or a workout gone (404). */
type ListedOutcome = { kind: 'test'; test: FtpTest } | { kind: 'pending'; workoutId: string } | { kind: 'gone'; warning: FtpWarning };

/** One refresh's state: the shared bound, the memo of fetches, progress, and the first failure. */
class Refresh {
  /** The first error that was not an abort; the rest of the refresh is aborted when it happens. */
  failure: unknown = null;
  private readonly limit = pLimit(MAX_REQUESTS_IN_FLIGHT);
  private readonly workouts = new Map<string, Promise<Workout>>();
  private readonly graphs = new Map<string, Promise<PerformanceGraph>>();
  private readonly settledHalves = new Map<string, number>();
  private readonly found = new Set<string>();
  private readonly progress: RefreshProgress = { phase: 'account', found: 0, fetched: 0 };

  constructor(
    private readonly api: HistoryApi,
    private readonly stored: FtpHistory | null,
    private readonly options: RefreshHistoryOptions,
    private readonly signal: AbortSignal,
    private readonly inner: AbortController,
  ) {}

  private tell(patch: Partial<RefreshProgress>): void {
    Object.assign(this.progress, patch);
    this.options.onProgress?.({ ...this.progress });
  }

  /** Keeps the first real failure and stops the rest of the refresh. */
  private fail(error: unknown): void {
    if (this.failure === null && !isAbortError(error)) {
      this.failure = error;
      this.inner.abort();
    }
  }

  private addFound(workoutId: string, storedIds: ReadonlySet<string>): void {
    if (storedIds.has(workoutId) || this.found.has(workoutId)) return;
    this.found.add(workoutId);
    this.tell({ found: this.found.size });
  }

  /** Counts a test as fetched once both its workout and its graph have settled. */
  private halfSettled(workoutId: string): void {
    const halves = (this.settledHalves.get(workoutId) ?? 0) + 1;
    this.settledHalves.set(workoutId, halves);
    if (halves === 2) this.tell({ fetched: this.progress.fetched + 1 });
  }

  /** Fetches once per refresh, under the shared bound; the promise is marked handled (its consumer reads it later). */
  private memo<T>(cache: Map<string, Promise<T>>, workoutId: string, request: () => Promise<T>): Promise<T> {
    let promise = cache.get(workoutId);
    if (!promise) {
      promise = this.limit(request);
      cache.set(workoutId, promise);
      promise.then(
        () => this.halfSettled(workoutId),
        () => this.halfSettled(workoutId),
      );
    }
    return promise;
  }

  private workout(workoutId: string): Promise<Workout> {
    return this.memo(this.workouts, workoutId, () => this.api.getWorkout(workoutId, this.signal));
  }

  private graph(workoutId: string): Promise<PerformanceGraph> {
    return this.memo(this.graphs, workoutId, () => this.api.getPerformanceGraph(workoutId, this.signal));
  }

  /** Fetches a listed test's workout and graph side by side (memoised: the chain walker may ask for them too). */
  private async listedTest(workoutId: string): Promise<ListedOutcome> {
    const [workout, graph] = await Promise.all([settle(this.workout(workoutId)), settle(this.graph(workoutId))]);
    if (!workout.ok) {
      if (workout.error instanceof PelotonApiError && workout.error.status === 404) {
        return { kind: 'gone', warning: { kind: 'listed-test-missing', workoutId } };
      }
      throw workout.error;
    }
    if (workout.value.status === 'IN_PROGRESS') return { kind: 'pending', workoutId };
    return { kind: 'test', test: toFtpTest(workoutId, workout.value, graph) };
  }

  async run(): Promise<RefreshHistoryResult> {
    const { options, signal } = this;
    this.tell({});
    // A history never listed will be listed whatever /api/me says: ask for page 0 beside /api/me (one round
    // trip less), with the session's user id; it is dropped if /api/me answers another account.
    const expected = options.expectedUserId;
    const firstPage =
      !options.me && expected !== undefined && !this.stored?.listed
        ? this.limit(() => this.api.getWorkoutsPage(expected, 0, WORKOUTS_PAGE_LIMIT, signal))
        : undefined;
    firstPage?.catch(() => undefined); // read (and its error thrown) by listWorkouts below
    const me = options.me ?? (await this.limit(() => this.api.getMe(signal)));
    if (expected !== undefined && me.id !== expected) throw new WrongAccountError(expected, me.id);
    const rider = riderFtp(me);
    const stored = this.stored?.rider.userId === me.id ? this.stored : null;
    const storedIds = new Set(stored?.tests.map((t) => t.workoutId));
    const counters = { totalWorkouts: me.total_workouts ?? null, lastWorkoutAt: me.last_workout_at ?? null };

    // The chain (which test set the current FTP), over the same fetches as the list.
    const chainApi: FtpChainApi = {
      getMe: () => Promise.resolve(me),
      getWorkout: (id) => this.workout(id),
      getPerformanceGraph: (id) => this.graph(id),
    };
    const chain: Promise<Settled<FtpChainResult>> | null = rider.currentFtpWorkoutId
      ? settle(
          walkFtpChain(chainApi, {
            maxTests: options.maxChainLength,
            signal,
            isKnown: (id) => storedIds.has(id),
            onTest: (test) => this.addFound(test.workoutId, storedIds),
          }),
        ).then((outcome) => {
          if (!outcome.ok) this.fail(outcome.error);
          return outcome;
        })
      : null;

    // The list: every FTP test, figures fetched as soon as its page arrives.
    const previous = stored?.listed ?? null;
    const unchanged =
      previous !== null &&
      previous.pendingTestIds.length === 0 &&
      counters.totalWorkouts !== null &&
      counters.totalWorkouts === previous.totalWorkouts &&
      counters.lastWorkoutAt === previous.lastWorkoutAt;
    const listed: Array<Promise<Settled<ListedOutcome>>> = [];
    const pendingIds = new Set<string>();
    let listing: WorkoutListing | null = null;
    if (!unchanged) {
      this.tell({ phase: 'list' });
      try {
        listing = await listWorkouts(this.api, me.id, {
          stopAt: previous?.throughWorkoutId ? { workoutId: previous.throughWorkoutId, createdAt: previous.throughCreatedAt } : null,
          pageLimit: incrementalPageLimit(previous, counters.totalWorkouts),
          run: this.limit,
          signal,
          firstPage,
          onWorkouts: (workouts) => {
            for (const workout of workouts) {
              const kind = listedKind(workout);
              if (kind === 'pending-test') pendingIds.add(workout.id);
              if (kind !== 'test' || storedIds.has(workout.id)) continue;
              this.addFound(workout.id, storedIds);
              listed.push(
                settle(this.listedTest(workout.id)).then((outcome) => {
                  if (!outcome.ok) this.fail(outcome.error);
                  return outcome;
                }),
              );
            }
          },
        });
      } catch (error) {
        this.fail(error);
        throw error;
      }
    }
    this.tell({ phase: 'tests' });

    const walked = chain ? await chain : null;
    const outcomes = await Promise.all(listed);
    if (this.failure !== null) throw this.failure;
    signal.throwIfAborted();
    if (walked && !walked.ok) throw walked.error;
    const walk = walked?.ok ? walked.value : null;
    if (walk?.stoppedBecause === 'aborted') signal.throwIfAborted();

    const fresh: FtpTest[] = [...(walk?.tests ?? [])];
    const listWarnings: FtpWarning[] = [];
    for (const outcome of outcomes) {
      if (!outcome.ok) throw outcome.error;
      const value = outcome.value;
      if (value.kind === 'test') fresh.push(value.test);
      else if (value.kind === 'pending') pendingIds.add(value.workoutId);
      else listWarnings.push(value.warning);
    }
    const tests = markApplied(
      mergeTests(stored?.tests ?? [], fresh).filter((t) => !pendingIds.has(t.workoutId) || storedIds.has(t.workoutId)),
      rider,
    );
    // A chain cut by maxChainLength where the list went on: the list found the older tests, so nothing is missing.
    const listedPast = walk?.stoppedBecause === 'limit' && tests.some((t) => t.workoutId === walk.stoppedAt);
    const walkWarnings = (walk?.warnings ?? []).filter((w) => !(listedPast && w.kind === 'chain-limit'));
    const warnings = distinctWarnings([...walkWarnings, ...listWarnings, ...fresh.flatMap((t) => t.warnings)]);
    const endReason: FtpHistory['endReason'] =
      walk && !listedPast && walk.stoppedBecause !== 'known' && walk.stoppedBecause !== 'aborted' ? walk.stoppedBecause : (stored?.endReason ?? 'end');
    const marker: ListMarker = listing
      ? {
          ...markerAfter(listing, previous, pendingIds),
          ...counters,
          pendingTestIds: [...pendingIds],
        }
      : { ...(previous as ListMarker), ...counters };
    const history: FtpHistory = { rider, tests, warnings, endReason, fetchedAt: options.now ?? nowSeconds(), listed: marker };
    return { history, replaced: true, newTests: tests.filter((t) => !storedIds.has(t.workoutId)).length, aborted: false, warnings };
  }
}

/**
 * The warnings without repeats, in order. A test's warnings come twice (the walk's own list includes them, and
 * a test both walked and listed is built twice), as equal objects: equal means the same kind and values.
 */
function distinctWarnings(warnings: readonly FtpWarning[]): FtpWarning[] {
  const seen = new Map<string, FtpWarning>();
  for (const warning of warnings) {
    const key = JSON.stringify(warning, Object.keys(warning).sort());
    if (!seen.has(key)) seen.set(key, warning);
  }
  return [...seen.values()];
}

/**
 * Workouts beyond the new ones that an incremental listing asks page 0 for: workouts in progress (GET /api/me's
 * `total_workouts` counts finished ones only) and a margin; a marker further down is reached by the next page.
 */
const INCREMENTAL_PAGE_MARGIN = 10;

/**
 * The page size of an incremental listing: the workouts GET /api/me says are new since the marker (`total_workouts`
 * now minus then), the tests that were in progress, and {@link INCREMENTAL_PAGE_MARGIN}; at most
 * {@link WORKOUTS_PAGE_LIMIT}. A full listing (no marker, or no counters) asks for full pages.
 */
function incrementalPageLimit(previous: ListMarker | null, totalWorkouts: number | null): number {
  if (!previous?.throughWorkoutId || previous.totalWorkouts === null || totalWorkouts === null) return WORKOUTS_PAGE_LIMIT;
  const added = Math.max(0, totalWorkouts - previous.totalWorkouts);
  return Math.min(WORKOUTS_PAGE_LIMIT, added + previous.pendingTestIds.length + INCREMENTAL_PAGE_MARGIN);
}

/**
 * The next listing's stop: the newest listed workout such that no FTP test at or below it was IN_PROGRESS,
 * so a test being ridden is listed again next time (the marker never skips past it).
 * @param listing this refresh's workouts newest first (down to the old marker when `reachedStop`).
 */
function markerAfter(
  listing: WorkoutListing,
  previous: ListMarker | null,
  pendingIds: ReadonlySet<string>,
): Pick<ListMarker, 'throughWorkoutId' | 'throughCreatedAt'> {
  const { workouts } = listing;
  let lastPending = -1;
  workouts.forEach((w, i) => {
    if (pendingIds.has(w.id)) lastPending = i;
  });
  const marker = workouts[lastPending + 1];
  if (marker) return { throughWorkoutId: marker.id, throughCreatedAt: marker.created_at };
  if (listing.reachedStop && previous) return { throughWorkoutId: previous.throughWorkoutId, throughCreatedAt: previous.throughCreatedAt };
  return { throughWorkoutId: null, throughCreatedAt: null };
}
