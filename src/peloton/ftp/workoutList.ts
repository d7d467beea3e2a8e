/**
 * Paging through the rider's workout list, GET /api/user/{id}/workouts?joins=ride&limit=100&page=K&sort_by=-created,
 * newest first: page 0 gives `page_count`; a full listing fetches the other pages concurrently (under the caller's
 * bound), an incremental one page after page until it is past the workout the last refresh settled.
 * Workouts are de-duplicated by id (paging past the end has given duplicates in some clients).
 * "Newest first" is by `created_at` or by `device_time_created_at` (the rider's local clock; a 2024 recording sorts
 * so): a newer workout can then be listed after an older one, so an incremental listing does not stop at the first
 * older workout but only {@link LIST_ORDER_SLACK_SECONDS} below it (PELOTON_API.md "Listing workouts").
 */
import type { ExchangeSlot, PelotonApi } from '../api/pelotonApi';
import type { ListedWorkout, WorkoutsPage } from '../api/schemas';

/** Workouts asked per page: 100 is the most Peloton gives (a larger `limit` is cut to 100; PELOTON_API.md). */
export const WORKOUTS_PAGE_LIMIT = 100;

/**
 * How far below the last refresh's marker (`created_at`, seconds) an incremental listing still reads: 26 hours, the
 * widest gap between two clocks on Earth (UTC−12 to UTC+14). A list sorted by the rider's local clock puts a workout
 * at most that much out of `created_at` order (PELOTON_API.md: "a newer workout listed after an older one (up to
 * 26 h apart)"), so once a workout older than the marker by more than this is listed, no later one is new.
 */
export const LIST_ORDER_SLACK_SECONDS = 26 * 3600;

/** The part of the API the listing uses. */
export type WorkoutListApi = Pick<PelotonApi, 'getWorkoutsPage'>;

/** Options of {@link listWorkouts}. */
export interface ListWorkoutsOptions {
  /**
   * Where an incremental listing stops (not included): at the first workout created more than
   * {@link LIST_ORDER_SLACK_SECONDS} before the workout the last refresh settled (`createdAt`, Unix seconds; the
   * workout itself and those around it are listed again: the caller skips the ones it knows). With `createdAt`
   * null (a marker stored without it) at that workout, by id. null lists all.
   */
  stopAt: { workoutId: string; createdAt: number | null } | null;
  /** The refresh's shared bound on requests in flight (each page's exchange runs under it). */
  slot: ExchangeSlot;
  signal?: AbortSignal;
  /**
   * Workouts asked per page, 1–100 (default {@link WORKOUTS_PAGE_LIMIT}). An incremental listing asks about as many as
   * are new, so a refresh after one new workout reads a few KB instead of a 300 KB page; every page of one listing
   * uses the same limit, so the pages line up.
   */
  pageLimit?: number;
  /** Page 0 when it was already requested (with the default limit) (e.g. beside GET /api/me, under the same bound); else it is fetched here. */
  firstPage?: Promise<WorkoutsPage>;
  /** Told of each page's workouts not seen before (newer than `stopAt`) as soon as the page arrives; `page` from 0. */
  onWorkouts?: (workouts: ListedWorkout[], page: number) => void;
}

/** What a listing found. */
export interface WorkoutListing {
  /** The workouts above the stop, in the list's order (newest first), each id once. */
  workouts: ListedWorkout[];
  /** True when `stopAt` was met (the rest of the list is already known). */
  reachedStop: boolean;
  /**
   * True when this is the whole list: no stop, every page read, and at least as many workouts as page 0's `total`
   * says. Only then may the caller take a workout missing from it as deleted.
   */
  complete: boolean;
  /** Pages fetched. */
  pages: number;
}

/**
 * Lists the rider's workouts newest first, down to `stopAt` (or all of them).
 * @param userId GET /api/me `id`.
 * @throws the typed error of the first page that failed (its message names the page, e.g. `… workouts page 2: HTTP 500 …`),
 *   or an `AbortError`.
 */
export async function listWorkouts(api: WorkoutListApi, userId: string, options: ListWorkoutsOptions): Promise<WorkoutListing> {
  const { stopAt, slot, signal } = options;
  const seen = new Set<string>();
  const byPage: ListedWorkout[][] = [];
  let pages = 0;
  /** Keeps a page's unseen workouts before `stopAt`; true when the page holds `stopAt`. */
  const take = (page: WorkoutsPage, index: number): boolean => {
    pages++;
    const fresh: ListedWorkout[] = [];
    let stopped = false;
    for (const workout of page.data) {
      if (stopAt && (stopAt.createdAt === null ? workout.id === stopAt.workoutId : workout.created_at < stopAt.createdAt - LIST_ORDER_SLACK_SECONDS)) {
        stopped = true;
        break;
      }
      if (seen.has(workout.id)) continue;
      seen.add(workout.id);
      fresh.push(workout);
    }
    byPage[index] = fresh;
    options.onWorkouts?.(fresh, index);
    return stopped;
  };
  const limit = options.firstPage ? WORKOUTS_PAGE_LIMIT : Math.min(WORKOUTS_PAGE_LIMIT, Math.max(1, Math.round(options.pageLimit ?? WORKOUTS_PAGE_LIMIT)));
  const fetchPage = (page: number) => api.getWorkoutsPage(userId, page, limit, signal, slot);

  const first = await (options.firstPage ?? fetchPage(0));
  let reachedStop = take(first, 0);
  if (!reachedStop && stopAt === null) {
    const rest = Array.from({ length: Math.max(0, first.page_count - 1) }, (_, i) => i + 1);
    await Promise.all(rest.map(async (index) => void take(await fetchPage(index), index)));
  } else {
    // Incremental: the known workout is usually on page 0; never fetch pages behind it.
    for (let index = 1; !reachedStop && index < first.page_count; index++) reachedStop = take(await fetchPage(index), index);
  }
  const workouts = byPage.flat();
  return { workouts, reachedStop, pages, complete: stopAt === null && workouts.length >= first.total };
}
