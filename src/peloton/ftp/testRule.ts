/**
 * Which workouts are FTP tests: the rule on the joined class title of GET /api/user/{id}/workouts?joins=ride
 * (`ride.title`), written once here. Source: PELOTON_API.md "Finding every FTP test" — Peloton files FTP tests
 * as classes titled like "20 min FTP Test Ride" (many instructors and air dates, one class each; public tools
 * match the title, e.g. osbock/peloton-client-library `ftplist.py`), while the separate "10 min FTP Warm Up
 * Ride" classes (also spelled "Warmup") are NOT tests; both are "Power Zone" classes, so the class type cannot
 * tell them apart, and `is_ftp_test` is only documented on GET /api/ride/{id}/details, not in the joined ride.
 * A title that mentions FTP but that the rule cannot decide (another language, a renamed class) is asked about
 * with that endpoint (see {@link titleKind}; ftpClasses.ts asks).
 */
import { nowSeconds } from '../../shared/dates';

/** "FTP Test Ride", words separated by spaces or hyphens, any case. */
const TEST_TITLE = /\bftp[\s-]+test[\s-]+ride\b/i;
/** "Warm Up", "Warm-Up", "Warmup": a warm-up class, never a test. */
const WARM_UP = /\bwarm[\s-]*up\b/i;

/**
 * True when a class title names an FTP test ride ("20 min FTP Test Ride", "FTP Test Ride"), false for a
 * warm-up ("10 min FTP Warm Up Ride", "10 min FTP Warmup Ride"), any other class, or no title.
 * @param title `ride.title` of a listed workout; null or undefined when the class was not joined.
 */
export function isFtpTestTitle(title: string | null | undefined): boolean {
  if (!title) return false;
  return TEST_TITLE.test(title) && !WARM_UP.test(title);
}

/** "FTP" starting a word, any case ("FTP-Test", "Prueba FTP", "ftp builder"; not "softplay"). */
const MENTIONS_FTP = /\bftp/i;

/**
 * What a class title alone says: `test` ({@link isFtpTestTitle}), `warm-up` (mentions FTP and a warm-up: never a
 * test), `ask` (mentions FTP, but the rule calls it neither: a German or Spanish test, a renamed class, an "FTP
 * Builder" ride; GET /api/ride/{ride_id}/details `is_ftp_test` decides), or `other` (no FTP in it, or no title).
 * Source: PELOTON_API.md "Title facts" (no recorded non-English title exists; Peloton teaches in German and Spanish).
 */
export type TitleKind = 'test' | 'warm-up' | 'ask' | 'other';

/** The {@link TitleKind} of a class title (`ride.title` of a listed workout; null or undefined without the join). */
export function titleKind(title: string | null | undefined): TitleKind {
  if (!title || !MENTIONS_FTP.test(title)) return 'other';
  if (isFtpTestTitle(title)) return 'test';
  return WARM_UP.test(title) ? 'warm-up' : 'ask';
}

/**
 * An FTP test still IN_PROGRESS this long after it started (seconds) will not finish: the rider left it (a 20-minute
 * test with its warm-up and cool-down lasts well under an hour). It is then no longer looked at again.
 */
export const ABANDONED_AFTER_SECONDS = 3 * 3600;

/**
 * What a listed workout is for the history:
 * - `test`: an FTP test, `status` `COMPLETE`: a result;
 * - `pending-test`: an FTP test still being ridden (`IN_PROGRESS`, `end_time` null, a partial average): not a
 *   result yet, looked at again by the next refresh;
 * - `abandoned-test`: an FTP test `IN_PROGRESS` that started more than {@link ABANDONED_AFTER_SECONDS} ago: it will
 *   not finish, so it is neither a result nor looked at again;
 * - `ask`: a class whose title mentions FTP but that the title rule cannot decide, not yet answered: GET
 *   /api/ride/{ride_id}/details decides (`ride.id` is then a string);
 * - `other`: any other class or status, a warm-up, a class Peloton says is no test, or no class.
 * Source: GET /api/user/{id}/workouts?joins=ride items: `status`, `start_time` / `created_at` (Unix s), `ride.id`
 * and `ride.title`.
 */
export type ListedKind = 'test' | 'pending-test' | 'abandoned-test' | 'ask' | 'other';

/** A listed workout as {@link listedKind} reads it. */
export interface ListedWorkoutFields {
  status?: string | null;
  created_at?: number;
  start_time?: number | null;
  ride?: { id?: string | null; title?: string | null } | null;
}

/** How {@link listedKind} decides what the title cannot. */
export interface ListedKindOptions {
  /** The time to judge an unfinished test by, Unix seconds (default now). */
  now?: number;
  /**
   * Peloton's answer for a class whose title says `ask` (GET /api/ride/{ride_id}/details `is_ftp_test`), by class
   * (ride) id; undefined when not known yet.
   */
  classIsTest?: (rideId: string) => boolean | undefined;
}

/** The {@link ListedKind} of a listed workout (its `status`, start and joined `ride`). */
export function listedKind(workout: ListedWorkoutFields, options: ListedKindOptions = {}): ListedKind {
  const title = titleKind(workout.ride?.title);
  if (title === 'ask') {
    const rideId = workout.ride?.id;
    const answer = rideId ? options.classIsTest?.(rideId) : false;
    if (answer === false) return 'other';
    if (answer === undefined) {
      // Only a class that could still give a result is worth a request.
      const kind = byStatus(workout, options.now);
      return kind === 'test' || kind === 'pending-test' ? 'ask' : 'other';
    }
  } else if (title !== 'test') {
    return 'other';
  }
  return byStatus(workout, options.now);
}

/** The kind of a listed FTP test by its `status` and how long ago it started. */
function byStatus(workout: ListedWorkoutFields, now = nowSeconds()): ListedKind {
  if (workout.status === 'COMPLETE') return 'test';
  if (workout.status !== 'IN_PROGRESS') return 'other';
  const started = workout.start_time ?? workout.created_at;
  return started !== undefined && now - started > ABANDONED_AFTER_SECONDS ? 'abandoned-test' : 'pending-test';
}
