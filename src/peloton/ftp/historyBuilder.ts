/**
 * The one history builder: GET /api/me (account check), the workout list (every FTP test, see
 * testRule.ts), the FTP chain from /api/me (which test set the current FTP), each new test's figures,
 * and the merge into the stored history. Plain Node: the HistoryService, the tests and the benchmark call it.
 * Incremental: a refresh lists only down to the workout the last refresh settled (listMarker.ts), and skips the list
 * when /api/me's workout counters have not moved; a test already stored is never fetched again. A class whose title
 * the rule cannot decide is asked about once (ftpClasses.ts); a deletion is noticed by the counters and answered by
 * reading the whole list again (pages only), which drops the stored tests no longer listed.
 */
import pLimit from 'p-limit';
import type { ExchangeSlot, PelotonApi } from '../api/pelotonApi';
import { PelotonApiError, WrongAccountError, isAbortError } from '../api/errors';
import { riderFtp, settle, toFtpTest, walkFtpChain, type FtpChainApi, type FtpChainResult, type Settled } from './chain';
import { listedKind } from './testRule';
import { FtpClassChecks } from './ftpClasses';
import { incrementalPageLimit, listUnchanged, markerAfter, newestCreatedAt, workoutsDeleted } from './listMarker';
import { markApplied, mergeTests } from './merge';
import { fillSeries } from './seriesBackfill';
import type { FtpHistory, FtpTest, FtpWarning, ListMarker } from './model';
import type { ListedWorkout, PelotonMe, PerformanceGraph, Workout } from '../api/schemas';
import { nowSeconds } from '../../shared/dates';
import { WORKOUTS_PAGE_LIMIT, listWorkouts, type ListWorkoutsOptions, type WorkoutListing } from './workoutList';

/**
 * At most this many Peloton requests in flight at once, for the whole refresh (list pages, workouts, graphs).
 * Why 6: it is what a browser opens to one host over HTTP/1.1, so api.onepeloton.com sees no more than the
 * Peloton web app itself causes, and it stays well under the batches public clients use (peloton-to-garmin
 * fetches details 25 at a time; PELOTON_API.md) while Peloton answers bursts with 429. It is also enough: a
 * cold history of 50 tests among 2,000 workouts takes ~23 round trips instead of the chain's 101 sequential ones.
 */
export const MAX_REQUESTS_IN_FLIGHT = 6;

/** The part of the API the builder uses. */
export type HistoryApi = Pick<PelotonApi, 'getMe' | 'getWorkout' | 'getPerformanceGraph' | 'getWorkoutsPage' | 'getRideDetails'>;

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
  /** The time of the refresh, Unix seconds: `fetchedAt`, and how long ago an unfinished test started (default now). */
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
  /** Stored tests dropped because the whole list no longer holds them (the rider deleted them on Peloton). */
  removedTests: number;
  /** True when the signal fired (history is then the stored one). */
  aborted: boolean;
  /** Everything worth telling the rider (also kept in history.warnings when replaced). */
  warnings: FtpWarning[];
}

/**
 * Refreshes the rider's FTP history: GET /api/me (skipped when `options.me` is given), then concurrently the
 * chain walk from `cycling_ftp_workout_id` and the workout list (pages only down to the stored marker; none
 * when `total_workouts` and `last_workout_at` are unchanged and no test was in progress), and for each FTP
 * test the store lacks GET /api/workout/{id} and its performance graph, and the graph of each stored test that has
 * no power series yet (once: see seriesBackfill.ts) — all under one bound of
 * {@link MAX_REQUESTS_IN_FLIGHT}, each request made once (the chain walker reads the same fetches). The
 * result is the union with the stored tests, newest first, with `applied` marked (see `markApplied`).
 * A listed test whose workout answers 404 is skipped with a warning; a missing graph gives a test without
 * a result. A class whose title the rule cannot decide costs one GET /api/ride/{id}/details, once (ftpClasses.ts;
 * a failed lookup is a `class-unchecked` warning, asked again next time); a test IN_PROGRESS for over 3 h is
 * abandoned (testRule.ts). When /api/me counts fewer workouts than the marker plus the new ones listed, the whole
 * list is read again (pages only) and stored tests it no longer holds are dropped (`removedTests`).
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
  const abortedResult = (): RefreshHistoryResult => ({ history: stored, replaced: false, newTests: 0, removedTests: 0, aborted: true, warnings: [] });
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

/**
 * A listed test's figures: the test, a workout still IN_PROGRESS, or a workout gone (404); for a class asked about,
 * also no test after all, or no answer (the lookup failed).
 */
type ListedOutcome =
  | { kind: 'test'; test: FtpTest }
  | { kind: 'pending'; workoutId: string }
  | { kind: 'gone'; warning: FtpWarning }
  | { kind: 'not-a-test' }
  | { kind: 'unchecked'; workoutId: string; warning: FtpWarning };

/** One refresh's state: the shared bound, the memo of fetches, progress, and the first failure. */
class Refresh {
  /** The first error that was not an abort; the rest of the refresh is aborted when it happens. */
  failure: unknown = null;
  /** The one bound on requests in flight: every exchange of this refresh runs under it (see ExchangeSlot). */
  private readonly slot: ExchangeSlot = pLimit(MAX_REQUESTS_IN_FLIGHT);
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

  /** Fetches once per refresh (the request runs under the shared bound); the promise is marked handled (its consumer reads it later). */
  private memo<T>(cache: Map<string, Promise<T>>, workoutId: string, request: () => Promise<T>): Promise<T> {
    let promise = cache.get(workoutId);
    if (!promise) {
      promise = request();
      cache.set(workoutId, promise);
      promise.then(
        () => this.halfSettled(workoutId),
        () => this.halfSettled(workoutId),
      );
    }
    return promise;
  }

  private workout(workoutId: string): Promise<Workout> {
    return this.memo(this.workouts, workoutId, () => this.api.getWorkout(workoutId, this.signal, this.slot));
  }

  private graph(workoutId: string): Promise<PerformanceGraph> {
    return this.memo(this.graphs, workoutId, () => this.api.getPerformanceGraph(workoutId, this.signal, this.slot));
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

  /**
   * A listed workout whose class title the rule cannot decide: Peloton's answer for the class (asked once, see
   * ftpClasses.ts), then, for a test, what {@link listedTest} gives (an unfinished one is pending).
   */
  private async askedTest(workout: ListedWorkout, classes: FtpClassChecks, storedIds: ReadonlySet<string>): Promise<ListedOutcome> {
    const check = await classes.check(workout.ride?.id ?? '');
    if (!check.ok) return { kind: 'unchecked', workoutId: workout.id, warning: { kind: 'class-unchecked', workoutId: workout.id, title: workout.ride?.title ?? '' } };
    if (!check.isTest) return { kind: 'not-a-test' };
    if (workout.status !== 'COMPLETE') return { kind: 'pending', workoutId: workout.id };
    this.addFound(workout.id, storedIds);
    return this.listedTest(workout.id);
  }

  async run(): Promise<RefreshHistoryResult> {
    const { options, signal } = this;
    const now = options.now ?? nowSeconds();
    this.tell({});
    // A history never listed will be listed whatever /api/me says: ask for page 0 beside /api/me (one round
    // trip less), with the session's user id; it is dropped if /api/me answers another account.
    const expected = options.expectedUserId;
    const firstPage =
      !options.me && expected !== undefined && !this.stored?.listed
        ? this.api.getWorkoutsPage(expected, 0, WORKOUTS_PAGE_LIMIT, signal, this.slot)
        : undefined;
    firstPage?.catch(() => undefined); // read (and its error thrown) by listWorkouts below
    const me = options.me ?? (await this.api.getMe(signal, this.slot));
    if (expected !== undefined && me.id !== expected) throw new WrongAccountError(expected, me.id);
    const rider = riderFtp(me);
    const stored = this.stored?.rider.userId === me.id ? this.stored : null;
    const storedIds = new Set(stored?.tests.map((t) => t.workoutId));
    // Stored tests without a power series get theirs once (seriesBackfill.ts), beside the rest of the refresh.
    const storedTests = fillSeries(stored?.tests ?? [], (id) => this.api.getPerformanceGraph(id, signal, this.slot));
    storedTests.catch(() => undefined); // read below, after the list and the chain
    const counters = { totalWorkouts: me.total_workouts ?? null, lastWorkoutAt: me.last_workout_at ?? null };
    const classes = new FtpClassChecks(this.api, stored?.ftpClasses, this.slot, signal);

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
    const listed: Array<Promise<Settled<ListedOutcome>>> = [];
    const pendingIds = new Set<string>();
    const uncheckedIds = new Set<string>();
    /** Workouts already looked at by this refresh (a second listing after a deletion meets them again). */
    const looked = new Set<string>();
    const onWorkouts = (workouts: ListedWorkout[]) => {
      for (const workout of workouts) {
        if (looked.has(workout.id)) continue;
        looked.add(workout.id);
        const kind = listedKind(workout, { now, classIsTest: (rideId) => classes.known(rideId) });
        if (kind === 'pending-test') pendingIds.add(workout.id);
        if ((kind !== 'test' && kind !== 'ask') || storedIds.has(workout.id)) continue;
        if (kind === 'test') this.addFound(workout.id, storedIds);
        listed.push(
          settle(kind === 'test' ? this.listedTest(workout.id) : this.askedTest(workout, classes, storedIds)).then((outcome) => {
            if (!outcome.ok) this.fail(outcome.error);
            return outcome;
          }),
        );
      }
    };
    let listing: WorkoutListing | null = null;
    if (!listUnchanged(previous, counters)) {
      this.tell({ phase: 'list' });
      const list = (stopAt: ListWorkoutsOptions['stopAt'], more: Partial<ListWorkoutsOptions>) =>
        listWorkouts(this.api, me.id, { stopAt, slot: this.slot, signal, onWorkouts, ...more });
      try {
        listing = await list(previous?.throughWorkoutId ? { workoutId: previous.throughWorkoutId, createdAt: previous.throughCreatedAt } : null, {
          pageLimit: incrementalPageLimit(previous, counters.totalWorkouts),
          firstPage,
        });
        // Fewer workouts than counted plus listed: some were deleted. Read the whole list again (pages only; stored
        // tests are not fetched again) to see which.
        if (!listing.complete && workoutsDeleted(previous, counters.totalWorkouts, listing)) listing = await list(null, {});
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
    // A workout whose class was not answered but that the chain walked is a test all the same: nothing to ask again.
    const walkedIds = new Set(fresh.map((t) => t.workoutId));
    const listWarnings: FtpWarning[] = [];
    for (const outcome of outcomes) {
      if (!outcome.ok) throw outcome.error;
      const value = outcome.value;
      if (value.kind === 'test') fresh.push(value.test);
      else if (value.kind === 'pending') pendingIds.add(value.workoutId);
      else if (value.kind === 'gone') listWarnings.push(value.warning);
      else if (value.kind === 'unchecked' && !walkedIds.has(value.workoutId)) {
        uncheckedIds.add(value.workoutId);
        listWarnings.push(value.warning);
      }
    }
    // Only the whole list may say that a stored test is gone (deleted on Peloton).
    const listedIds = listing?.complete ? new Set(listing.workouts.map((w) => w.id)) : null;
    const kept = (await storedTests).filter((t) => !listedIds || listedIds.has(t.workoutId));
    const tests = markApplied(
      mergeTests(kept, fresh).filter((t) => !pendingIds.has(t.workoutId) || storedIds.has(t.workoutId)),
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
          ...markerAfter(listing, previous, new Set([...pendingIds, ...uncheckedIds])),
          ...counters,
          pendingTestIds: [...pendingIds],
          newestCreatedAt: newestCreatedAt(listing, previous),
          ...(uncheckedIds.size > 0 ? { uncheckedIds: [...uncheckedIds] } : {}),
        }
      : { ...(previous as ListMarker), ...counters };
    const ftpClasses = classes.toStore();
    const history: FtpHistory = {
      rider,
      tests,
      warnings,
      endReason,
      fetchedAt: now,
      listed: marker,
      ...(Object.keys(ftpClasses).length > 0 ? { ftpClasses } : {}),
    };
    const newTests = tests.filter((t) => !storedIds.has(t.workoutId)).length;
    return { history, replaced: true, newTests, removedTests: (stored?.tests.length ?? 0) - kept.length, aborted: false, warnings };
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
