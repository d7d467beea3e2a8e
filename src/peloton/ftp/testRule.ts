/**
 * Which workouts are FTP tests: the rule on the joined class title of GET /api/user/{id}/workouts?joins=ride
 * (`ride.title`), written once here. Source: PELOTON_API.md "Finding every FTP test" — Peloton files FTP tests
 * as classes titled like "20 min FTP Test Ride" (many instructors and air dates, one class each; public tools
 * match the title, e.g. osbock/peloton-client-library `ftplist.py`), while the separate "10 min FTP Warm Up
 * Ride" classes (also spelled "Warmup") are NOT tests; both are "Power Zone" classes, so the class type cannot
 * tell them apart, and `is_ftp_test` is only documented on GET /api/ride/{id}/details, not in the joined ride.
 */

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

/**
 * What a listed workout is for the history: `test` (an FTP test class, `status` `COMPLETE`: a result),
 * `pending-test` (an FTP test still being ridden, `status` `IN_PROGRESS`, `end_time` null, a partial
 * average: not a result yet, looked at again by the next refresh), or `other` (any other class or status).
 * Source: GET /api/user/{id}/workouts?joins=ride items, `status` and `ride.title`.
 */
export type ListedKind = 'test' | 'pending-test' | 'other';

/** The {@link ListedKind} of a listed workout (its `status` and joined `ride.title`). */
export function listedKind(workout: { status?: string | null; ride?: { title?: string | null } | null }): ListedKind {
  if (!isFtpTestTitle(workout.ride?.title)) return 'other';
  if (workout.status === 'COMPLETE') return 'test';
  return workout.status === 'IN_PROGRESS' ? 'pending-test' : 'other';
}
