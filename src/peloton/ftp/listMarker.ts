/**
 * What the workout list gave at one refresh ({@link ListMarker} in model.ts) and what the next refresh makes of it:
 * whether to read the list at all, how much of it, where the next listing stops, and whether workouts were deleted
 * meanwhile. Sources: GET /api/me `total_workouts` (finished workouts) and `last_workout_at` (Unix s), GET
 * /api/user/{id}/workouts items (`id`, `created_at`, `status`).
 */
import type { ListMarker } from './model';
import { WORKOUTS_PAGE_LIMIT, type WorkoutListing } from './workoutList';

/** GET /api/me's workout counters at a refresh; null when Peloton gave none. */
export interface WorkoutCounters {
  /** `total_workouts`: finished workouts (one being ridden is not counted yet). */
  totalWorkouts: number | null;
  /** `last_workout_at`, Unix seconds. */
  lastWorkoutAt: number | null;
}

/**
 * True when the list need not be read: GET /api/me's counters are those of the last refresh, no FTP test was being
 * ridden then, and no class is to be asked about again. A deletion lowers `total_workouts`, so it is read then.
 */
export function listUnchanged(previous: ListMarker | null, counters: WorkoutCounters): boolean {
  return (
    previous !== null &&
    previous.pendingTestIds.length === 0 &&
    (previous.uncheckedIds?.length ?? 0) === 0 &&
    counters.totalWorkouts !== null &&
    counters.totalWorkouts === previous.totalWorkouts &&
    counters.lastWorkoutAt === previous.lastWorkoutAt
  );
}

/**
 * Workouts beyond the new ones that an incremental listing asks page 0 for: workouts in progress (GET /api/me's
 * `total_workouts` counts finished ones only), the workouts listed again around the marker, and a margin; a marker
 * further down is reached by the next page.
 */
const INCREMENTAL_PAGE_MARGIN = 10;

/**
 * The page size of an incremental listing: the workouts GET /api/me says are new since the marker (`total_workouts`
 * now minus then), the workouts to look at again (tests in progress, classes to ask about again), and
 * {@link INCREMENTAL_PAGE_MARGIN}; at most {@link WORKOUTS_PAGE_LIMIT}. A full listing (no marker, or no counters)
 * asks for full pages.
 */
export function incrementalPageLimit(previous: ListMarker | null, totalWorkouts: number | null): number {
  if (!previous?.throughWorkoutId || previous.totalWorkouts === null || totalWorkouts === null) return WORKOUTS_PAGE_LIMIT;
  const added = Math.max(0, totalWorkouts - previous.totalWorkouts);
  const again = previous.pendingTestIds.length + (previous.uncheckedIds?.length ?? 0);
  return Math.min(WORKOUTS_PAGE_LIMIT, added + again + INCREMENTAL_PAGE_MARGIN);
}

/**
 * The next listing's stop: the first listed workout (in the list's order) below every workout to look at again
 * (`held`: an FTP test IN_PROGRESS, a class not yet answered), so those are listed again next time.
 * @param listing this refresh's workouts in the list's order (down to the old stop when `reachedStop`).
 */
export function markerAfter(
  listing: WorkoutListing,
  previous: ListMarker | null,
  held: ReadonlySet<string>,
): Pick<ListMarker, 'throughWorkoutId' | 'throughCreatedAt'> {
  const { workouts } = listing;
  let lastHeld = -1;
  workouts.forEach((w, i) => {
    if (held.has(w.id)) lastHeld = i;
  });
  const marker = workouts[lastHeld + 1];
  if (marker) return { throughWorkoutId: marker.id, throughCreatedAt: marker.created_at };
  if (listing.reachedStop && previous) return { throughWorkoutId: previous.throughWorkoutId, throughCreatedAt: previous.throughCreatedAt };
  return { throughWorkoutId: null, throughCreatedAt: null };
}

/**
 * The newest `created_at` of every workout listed so far ({@link ListMarker.newestCreatedAt}): this listing's, and
 * the last refresh's unless this listing is the whole list.
 */
export function newestCreatedAt(listing: WorkoutListing, previous: ListMarker | null): number | null {
  let newest = listing.complete ? null : (previous?.newestCreatedAt ?? previous?.throughCreatedAt ?? null);
  for (const w of listing.workouts) if (newest === null || w.created_at > newest) newest = w.created_at;
  return newest;
}

/**
 * True when some workout was deleted since the last refresh: GET /api/me counts fewer finished workouts than it did
 * then plus the finished workouts this listing shows that it had not counted (created after every workout listed
 * then, or an FTP test that was being ridden then). A workout being ridden then that was no test is not known and
 * not added, so the sum is never too high: a "deleted" from this rule is real (or a workout finished between GET
 * /api/me and the list). A marker stored before `newestCreatedAt` was kept counts from `throughCreatedAt`, which can
 * count a workout twice once (then the list is read again for nothing).
 * @param totalWorkouts GET /api/me `total_workouts` now.
 * @param listing this refresh's incremental listing (every workout created since the marker is in it: workoutList.ts).
 */
export function workoutsDeleted(previous: ListMarker | null, totalWorkouts: number | null, listing: WorkoutListing): boolean {
  if (previous === null || previous.totalWorkouts === null || totalWorkouts === null) return false;
  const since = previous.newestCreatedAt ?? previous.throughCreatedAt;
  const wasRidden = new Set(previous.pendingTestIds);
  let added = 0;
  for (const w of listing.workouts) {
    if (w.status === 'COMPLETE' && ((since !== null && w.created_at > since) || wasRidden.has(w.id))) added++;
  }
  return totalWorkouts < previous.totalWorkouts + added;
}
