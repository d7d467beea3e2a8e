/**
 * An in-memory rider behind the builder's HistoryApi, for unit and property tests of refreshHistory: a workout
 * list (newest first; FTP tests, warm-ups, other classes), /api/me with its counters, each workout's
 * `ftp_info` and performance graph, and each class's `is_ftp_test` (GET /api/ride/{id}/details). Counts every request, measures requests in flight, can delay answers,
 * fail a path, and cap the page size like Peloton (100). Answers are the shapes the real client returns.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PelotonApiError } from '../../../src/peloton/api/errors';
import { unbounded, type ExchangeSlot } from '../../../src/peloton/api/pelotonApi';
import type { HistoryApi } from '../../../src/peloton/ftp/historyBuilder';
import type { PelotonMe, PerformanceGraph, RideDetails, Workout, WorkoutsPage } from '../../../src/peloton/api/schemas';

/** One workout of the fake rider. */
export interface FakeWorkout {
  id: string;
  /** Unix seconds; the list is sorted by it, newest first. */
  createdAt: number;
  status: 'COMPLETE' | 'IN_PROGRESS';
  /** The joined class title; null for a workout without a class (just ride). */
  title: string | null;
  discipline: string;
  /** `ftp_info` (tests only). */
  ftpInfo?: { ftp: number; ftp_source: string | null; ftp_workout_id: string | null };
  /** Average output (W); null: the graph has no avg_output; undefined: graph 404. */
  avg?: number | null;
  /**
   * The graph's output samples (W), one every 5 s of a 20-minute class (labels 5, 10, …, 1200; 240 of them), with a
   * cadence of 90 rpm each; absent: the graph has no per-sample metrics.
   */
  output?: number[];
  /** The class (ride) id; default `ride-<title>` (one class per title). */
  rideId?: string;
}

/** The rider's /api/me FTP fields. */
export interface FakeMe {
  cycling_ftp: number;
  cycling_ftp_source: string | null;
  cycling_ftp_workout_id: string | null;
}

export const USER_ID = 'u1';
export const TEST_TITLE = '20 min FTP Test Ride';


/** The fields GET /api/workout/{id} and a workout-list item share, for a fake workout (finished 25 min after it began). */
function summaryOf(w: FakeWorkout) {
  return {
    id: w.id,
    created_at: w.createdAt,
    start_time: w.createdAt + 60,
    end_time: w.status === 'COMPLETE' ? w.createdAt + 1500 : null,
    status: w.status,
    fitness_discipline: w.discipline,
  };
}

/** The class (ride) id of a fake workout: its `rideId`, else one class per title. */
export function rideIdOf(w: FakeWorkout): string {
  return w.rideId ?? `ride-${w.title}`;
}

export class FakeRider implements HistoryApi {
  /** Every request, e.g. `me`, `page 0`, `workout w1`, `graph w1`. */
  readonly requests: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Answer delay in ms (0: next tick). */
  delayMs = 0;
  /** Request key → how many more times it fails with HTTP 500 (Infinity: always). */
  readonly failures = new Map<string, number>();
  /** The `limit` of each workouts-page request, in order. */
  readonly pageLimits: number[] = [];
  /** The most workouts a page holds, whatever `limit` asks (Peloton: 100). */
  pageCap = 100;
  /** Extra items to repeat on a page (page index → workouts appended again), to test de-duplication. */
  readonly duplicates = new Map<number, FakeWorkout[]>();
  /** `is_ftp_test` of GET /api/ride/{id}/details by class id; a class not here answers 404. */
  readonly classes = new Map<string, boolean>();

  constructor(
    /** Newest first. */
    public workouts: FakeWorkout[],
    public me: FakeMe,
  ) {}

  /**
   * One request: its exchange (recorded, counted in flight, delayed, maybe failed) runs under `slot`, as PelotonApi
   * runs its exchanges; the answer is made after it.
   */
  private async answer<T>(key: string, signal: AbortSignal | undefined, slot: ExchangeSlot | undefined, make: () => T): Promise<T> {
    const exchange = async (): Promise<void> => {
      signal?.throwIfAborted();
      this.requests.push(key);
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      try {
        await sleep(this.delayMs, undefined, { signal });
        const left = this.failures.get(key) ?? 0;
        if (left > 0) {
          this.failures.set(key, left - 1);
          throw new PelotonApiError(`GET ${key}`, 500, null, 'Internal Server Error');
        }
      } finally {
        this.inFlight--;
      }
    };
    await (slot ?? unbounded)(exchange);
    return make();
  }

  /** Requests whose key starts with `prefix`. */
  count(prefix: string): number {
    return this.requests.filter((r) => r.startsWith(prefix)).length;
  }

  getMe(signal?: AbortSignal, slot?: ExchangeSlot): Promise<PelotonMe> {
    return this.answer('me', signal, slot, () => ({
      id: USER_ID,
      username: 'rider',
      ...this.me,
      estimated_cycling_ftp: 170,
      // finished workouts only, as Peloton counts them (one being ridden is not counted yet)
      total_workouts: this.workouts.filter((w) => w.status === 'COMPLETE').length,
      last_workout_at: this.workouts[0]?.createdAt ?? null,
    }));
  }

  getWorkoutsPage(userId: string, page: number, limit = 100, signal?: AbortSignal, slot?: ExchangeSlot): Promise<WorkoutsPage> {
    this.pageLimits.push(limit);
    return this.answer(`page ${page}`, signal, slot, () => {
      if (userId !== USER_ID) throw new PelotonApiError(`GET /api/user/${userId}/workouts`, 404, null, 'not found');
      return this.pageBody(page, limit);
    });
  }

  /** The body of GET /api/user/{id}/workouts?joins=ride&limit=…&page=… (synchronous, for MockAgent replies too). */
  pageBody(page: number, limit: number): WorkoutsPage {
    const size = Math.min(limit, this.pageCap);
    const items = this.workouts.slice(page * size, (page + 1) * size);
    const data = [...items, ...(this.duplicates.get(page) ?? [])].map((w) => ({
      ...summaryOf(w),
      title: null,
      ride: w.title === null ? null : { id: rideIdOf(w), title: w.title, duration: 1200 },
    }));
    const pageCount = Math.ceil(this.workouts.length / size);
    return { data, limit: size, page, total: this.workouts.length, count: data.length, page_count: pageCount, show_previous: page > 0, show_next: page + 1 < pageCount };
  }

  private find(id: string, what: string): FakeWorkout {
    const w = this.workouts.find((x) => x.id === id);
    if (!w) throw new PelotonApiError(`GET /api/workout/${id}${what}`, 404, 404, 'Workout not found');
    return w;
  }

  getWorkout(id: string, signal?: AbortSignal, slot?: ExchangeSlot): Promise<Workout> {
    return this.answer(`workout ${id}`, signal, slot, () => this.workoutBody(id));
  }

  /** The body of GET /api/workout/{id}; throws a 404 PelotonApiError for an unknown id. */
  workoutBody(id: string): Workout {
    const w = this.find(id, '');
    return {
      ...summaryOf(w),
      ride: w.title === null ? null : { id: 'r', title: w.title, duration: 1200, instructor: { name: 'Coach' } },
      ftp_info: w.ftpInfo ?? { ftp: 0, ftp_source: null, ftp_workout_id: null },
    };
  }

  /** GET /api/ride/{id}/details as `ride <id>`: `is_ftp_test` from {@link classes}; 404 for a class not there. */
  getRideDetails(rideId: string, signal?: AbortSignal, slot?: ExchangeSlot): Promise<RideDetails> {
    return this.answer(`ride ${rideId}`, signal, slot, () => {
      const isTest = this.classes.get(rideId);
      if (isTest === undefined) throw new PelotonApiError(`GET /api/ride/${rideId}/details`, 404, 4040, 'Ride not found');
      return { is_ftp_test: isTest };
    });
  }

  getPerformanceGraph(id: string, signal?: AbortSignal, slot?: ExchangeSlot): Promise<PerformanceGraph> {
    return this.answer(`graph ${id}`, signal, slot, () => this.graphBody(id));
  }

  /** The body of GET /api/workout/{id}/performance_graph; throws a 404 PelotonApiError when there is none. */
  graphBody(id: string): PerformanceGraph {
    const w = this.find(id, '/performance_graph');
    if (w.avg === undefined) throw new PelotonApiError(`GET /api/workout/${id}/performance_graph`, 404, 404, 'Not found');
    const graph: PerformanceGraph = {
      duration: 1200,
      average_summaries: w.avg === null ? [] : [{ display_name: 'Avg Output', display_unit: 'watts', value: w.avg, slug: 'avg_output' }],
    };
    if (w.output) {
      graph.seconds_since_pedaling_start = w.output.map((_, i) => 5 * (i + 1));
      graph.metrics = [
        { slug: 'output', values: w.output },
        { slug: 'cadence', values: w.output.map(() => 90) },
      ];
    }
    return graph;
  }
}

/** A test taken at `createdAt` with a baseline: `setBy` a test id (ftp_workout_source), 'manual:<W>', 'estimated:<W>', or null (first test). */
export function ftpTest(id: string, createdAt: number, avg: number | null | undefined, setBy: string | null, baseline = 200): FakeWorkout {
  let ftpInfo: FakeWorkout['ftpInfo'] = { ftp: 0, ftp_source: null, ftp_workout_id: null };
  if (setBy?.startsWith('manual:')) ftpInfo = { ftp: Number(setBy.slice(7)), ftp_source: 'ftp_manual_source', ftp_workout_id: null };
  else if (setBy?.startsWith('estimated:')) ftpInfo = { ftp: Number(setBy.slice(10)), ftp_source: 'ftp_estimated_source', ftp_workout_id: null };
  else if (setBy) ftpInfo = { ftp: baseline, ftp_source: 'ftp_workout_source', ftp_workout_id: setBy };
  return { id, createdAt, status: 'COMPLETE', title: TEST_TITLE, discipline: 'cycling', ftpInfo, avg };
}

/** A workout that is not a test: a warm-up, another cycling class, or another discipline, by `i`. */
export function otherWorkout(id: string, createdAt: number, i: number): FakeWorkout {
  const kinds: Array<[string | null, string]> = [
    ['10 min FTP Warm Up Ride', 'cycling'],
    ['10 min FTP Warmup Ride', 'cycling'],
    ['45 min Power Zone Endurance Ride', 'cycling'],
    ['30 min Full Body Strength', 'strength'],
    [null, 'cycling'],
    ['20 min Walk + Run', 'running'],
  ];
  const [title, discipline] = kinds[i % kinds.length]!;
  return { id, createdAt, status: 'COMPLETE', title, discipline, avg: 150 };
}

/**
 * A rider with `tests` FTP tests (a clean chain: each test's baseline set by the one before; /api/me names the
 * newest) among `total` workouts, newest first, a day apart; test k is `t<k>` (t0 the oldest), others `o<i>`.
 */
export function chainRider(tests: number, total: number): FakeRider {
  const workouts: FakeWorkout[] = [];
  const every = Math.max(1, Math.floor(total / Math.max(1, tests)));
  let t = 0;
  for (let i = 0; i < total; i++) {
    const createdAt = 1_600_000_000 + i * 86_400;
    if (t < tests && (i % every === every - 1 || total - i <= tests - t)) {
      workouts.push(ftpTest(`t${t}`, createdAt, 180 + t, t === 0 ? null : `t${t - 1}`));
      t++;
    } else {
      workouts.push(otherWorkout(`o${i}`, createdAt, i));
    }
  }
  workouts.reverse();
  return new FakeRider(workouts, { cycling_ftp: 200, cycling_ftp_source: tests > 0 ? 'ftp_workout_source' : null, cycling_ftp_workout_id: tests > 0 ? `t${tests - 1}` : null });
}
