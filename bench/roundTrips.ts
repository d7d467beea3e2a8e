/**
 * The floors of one rider in round trips, read from the rider's own layout on the (fake) Peloton API, for the
 * benchmark (bench.ts) and the in-host suite's printed figure (test/integration/history.test.ts). Reading the layout
 * costs a listing of its own: call it outside the timed runs.
 */
import type { PelotonApi } from '../src/peloton/api/pelotonApi';
import { MAX_REQUESTS_IN_FLIGHT } from '../src/peloton/ftp/historyBuilder';
import type { FtpHistory } from '../src/peloton/ftp/model';
import { listedKind } from '../src/peloton/ftp/testRule';
import { WORKOUTS_PAGE_LIMIT } from '../src/peloton/ftp/workoutList';
import { listDrivenFloor } from './floor';
import { REFERENCE_WALK_LIMIT } from './referenceWalker';

/** The most tests the extension's chain walker follows (setting pelotonFtp.maxChainLength's default). */
const CHAIN_LIMIT = 50;

/** The reference walker's limit for a rider whose history is `history`: every test (never below the founding notes' 50). */
export const referenceLimit = (history: FtpHistory): number => Math.max(REFERENCE_WALK_LIMIT, history.tests.length);

/** A rider's floors, in round trips. */
export interface RoundTrips {
  /** The reference walker's: /api/me, then a workout and a graph per chained test, one after the other. */
  reference: number;
  /** The chain's (a walk): /api/me, then one per test, since a link is known only once the previous workout arrived. */
  chain: number;
  /**
   * The list-driven cold history's at the bound of {@link MAX_REQUESTS_IN_FLIGHT} ({@link listDrivenFloor}): which list
   * page holds each FTP test, and the chain from /api/me; page 0 beside /api/me, as after sign-in.
   */
  list: number;
}

/**
 * The floors of the rider whose cold history is `history` (its tests and chain), listing its workouts with `api`.
 * @throws what {@link PelotonApi.getWorkoutsPage} throws.
 */
export async function roundTrips(api: Pick<PelotonApi, 'getWorkoutsPage'>, history: FtpHistory): Promise<RoundTrips> {
  const userId = history.rider.userId;
  const first = await api.getWorkoutsPage(userId, 0, WORKOUTS_PAGE_LIMIT);
  const rest = await Promise.all(Array.from({ length: Math.max(0, first.page_count - 1) }, (_, k) => api.getWorkoutsPage(userId, k + 1, WORKOUTS_PAGE_LIMIT)));
  const testsByPage = [first, ...rest].map((page) => page.data.filter((w) => listedKind(w) === 'test').map((w) => w.id));
  const byId = new Map(history.tests.map((t) => [t.workoutId, t]));
  const fullChain: string[] = [];
  for (let id = history.rider.currentFtpWorkoutId; id && !fullChain.includes(id); id = byId.get(id)?.previousTestId ?? null) fullChain.push(id);
  const chain = fullChain.slice(0, CHAIN_LIMIT);
  return {
    reference: 1 + 2 * Math.min(fullChain.length, referenceLimit(history)),
    chain: chain.length + 1,
    list: listDrivenFloor({ testsByPage, chain, pageZeroWithMe: true }, MAX_REQUESTS_IN_FLIGHT),
  };
}
