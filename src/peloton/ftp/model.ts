/**
 * The FTP history's model: one FTP test, the rider's FTP from GET /api/me, the stored history and what the
 * workout list gave. Plain data (JSON-safe), kept in the history store and shown by the views.
 */

/** One FTP test of the history. Watts are whole watts; times Unix seconds. */
export interface FtpTest {
  /** Peloton's workout id (GET /api/workout/{id}). */
  workoutId: string;
  /** When the ride started (`start_time`, else `created_at`), Unix seconds. */
  takenAt: number;
  /** `ride.title`, e.g. "20 min FTP Test Ride"; null when the ride was not joined. */
  rideTitle: string | null;
  /** `ride.instructor.name`; null when unknown. */
  instructor: string | null;
  /** Average output in watts (performance graph, slug `avg_output`); null when there is none. */
  avgOutput: number | null;
  /** The test's result, `round(avgOutput × 0.95)` watts; null without an average output. */
  calculatedFtp: number | null;
  /** The FTP going into the ride (see `baselineFtp` in rules.ts); null for a first test. */
  baselineFtp: number | null;
  /** `ftp_info.ftp_source` as Peloton gave it. */
  baselineSource: string | null;
  /** `ftp_info.ftp` as Peloton stored it (watts; a 20-minute average for the manual source). */
  rawBaseline: number | null;
  /** `ftp_info.ftp_workout_id`: the FTP test that set the baseline, i.e. the next (older) link. */
  previousTestId: string | null;
  /**
   * Whether the test's result became the rider's FTP: `applied` (the next test's `ftp_info.ftp_workout_id`,
   * or GET /api/me `cycling_ftp_workout_id`, names it), `not-applied` (the next test's baseline was set by
   * an OLDER test: the rider declined it), or null (no mark: a manual or estimated FTP came next, or it is
   * the newest and /api/me names no test, or not yet known).
   */
  applied: AppliedMark;
  /** What could not be read for this test, e.g. `{ kind: 'no-graph', workoutId }`. */
  warnings: FtpWarning[];
}

/**
 * Something the rider should know about the history or one test: data, never words (src/l10n/warningMessages.ts
 * says it in the display language). Workout ids are Peloton's (GET /api/workout/{id}); watts are as Peloton gave them.
 */
export type FtpWarning =
  /** GET /api/me `cycling_ftp_workout_id` is empty: the chain has no start. */
  | { kind: 'no-ftp-test' }
  /** A workout's `ftp_info.ftp_workout_id` pointed back to `workoutId`, already walked: the walk stopped there. */
  | { kind: 'chain-cycle'; workoutId: string }
  /** The walk stopped after `maxTests` tests (setting pelotonFtp.maxChainLength) with more behind. */
  | { kind: 'chain-limit'; maxTests: number }
  /** The chain named `workoutId` and GET /api/workout/{id} answered 404: the walk ended there. */
  | { kind: 'chain-missing'; workoutId: string }
  /** The workout list named `workoutId` as an FTP test and GET /api/workout/{id} answered 404: left out. */
  | { kind: 'listed-test-missing'; workoutId: string }
  /** GET /api/workout/{id}/performance_graph answered 404: the test has no result. */
  | { kind: 'no-graph'; workoutId: string }
  /** The performance graph has no `avg_output` summary: the test has no result. */
  | { kind: 'no-avg-output'; workoutId: string }
  /** The performance graph failed its schema at `path` (null: the body was not JSON): the test has no result. */
  | { kind: 'unreadable-graph'; workoutId: string; path: string | null }
  /** `ftp_info.ftp` (`rawBaseline`, watts) came without `ftp_source`: the baseline is not shown. */
  | { kind: 'baseline-no-source'; workoutId: string; rawBaseline: number }
  /** `ftp_info.ftp` (`rawBaseline`, watts) came with an `ftp_source` no rule knows: the baseline is not shown. */
  | { kind: 'baseline-unknown-source'; workoutId: string; rawBaseline: number; source: string }
  /**
   * A sentence of a history stored before warnings were data (store schema ≤ 2) that is none of the kinds above,
   * shown as it was written. The domain never makes one.
   */
  | { kind: 'legacy'; text: string };

/** See {@link FtpTest.applied}. */
export type AppliedMark = 'applied' | 'not-applied' | null;

/** The rider's FTP as GET /api/me reports it (watts). */
export interface RiderFtp {
  userId: string;
  username: string;
  /** `cycling_ftp`; 0 or null when unset. */
  currentFtp: number | null;
  /** `cycling_ftp_source`. */
  currentFtpSource: string | null;
  /** `estimated_cycling_ftp`, Peloton's estimate. */
  estimatedFtp: number | null;
  /** `cycling_ftp_workout_id`: where the chain starts. */
  currentFtpWorkoutId: string | null;
}

/**
 * Why a walk stopped: `end` (a test with no previous test), `cycle` (a link pointed back to a test already
 * visited), `limit` (maxTests reached with more behind), `aborted` (the signal fired), `known` (met a test
 * `isKnown` recognised: the rest of the chain is already stored), `missing` (a link named a workout
 * Peloton answered 404 for).
 */
export type StopReason = 'end' | 'cycle' | 'limit' | 'aborted' | 'known' | 'missing';

/**
 * What the workout list gave at the last refresh, so the next one fetches only what is new.
 * Sources: GET /api/me `total_workouts` / `last_workout_at`, GET /api/user/{id}/workouts.
 */
export interface ListMarker {
  /**
   * The newest listed workout such that it and every older workout are settled (no FTP test among them was
   * still IN_PROGRESS): the next listing stops there. Null: list everything next time.
   */
  throughWorkoutId: string | null;
  /**
   * That workout's `created_at` (Unix seconds), null with it: the listing also stops at the first older workout,
   * so a marker workout the rider deleted does not make the next refresh page through the whole list.
   */
  throughCreatedAt: number | null;
  /** GET /api/me `total_workouts` at that refresh; null when Peloton gave none. */
  totalWorkouts: number | null;
  /** GET /api/me `last_workout_at` (Unix seconds) at that refresh; null when Peloton gave none. */
  lastWorkoutAt: number | null;
  /** FTP tests listed as IN_PROGRESS (not stored): the next refresh lists again to look at them. */
  pendingTestIds: string[];
}

/** A history as kept between runs: the rider's FTP, the tests newest first, and when it was fetched (Unix s). */
export interface FtpHistory {
  rider: RiderFtp;
  tests: FtpTest[];
  /** The last refresh's warnings (its tests' and its own: where the chain stopped, tests gone from the list). */
  warnings: FtpWarning[];
  /**
   * How the FTP chain from /api/me ended (the list may have found tests beyond it): `end`, `cycle`, `limit`
   * (only when the list did not find the rest) or `missing` (never `aborted`/`known`).
   */
  endReason: Exclude<StopReason, 'aborted' | 'known'>;
  /** When the refresh that produced it finished, Unix seconds. */
  fetchedAt: number;
  /** What the workout list gave (see {@link ListMarker}); null or absent when the list was never read (schema 1). */
  listed?: ListMarker | null;
}
