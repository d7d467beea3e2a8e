/**
 * The floor of the list-driven cold history: the fewest round trips any client needs at a bound of `bound`
 * requests in flight, for one rider's layout, simulated round by round with unit latency (every request of a
 * round answers before the next round starts). What can be sent when:
 * - GET /api/me first; page 0 of the workout list beside it when the session's user id is known (it is, after
 *   sign-in), else after it;
 * - the other pages once page 0 has told the page count;
 * - an FTP test's workout and performance graph once the page listing it arrived, or, for a test of the chain,
 *   once the workout naming it arrived (GET /api/me names the newest; each `ftp_info.ftp_workout_id` the next).
 * Each round sends up to `bound` of what can be sent, pages first (they unlock tests), then the chain, then the
 * rest in list order; that greedy order is optimal here because every request takes one round.
 */

/** A rider's layout for {@link listDrivenFloor}. */
export interface ListLayout {
  /** The FTP tests' workout ids on each list page, page 0 first. */
  testsByPage: string[][];
  /** The chain from GET /api/me: the newest test first, each followed by the test that set its baseline. */
  chain: string[];
  /** True when page 0 goes out beside GET /api/me (the user id is known before /api/me answers). */
  pageZeroWithMe: boolean;
}

/**
 * Round trips of the list-driven fetch at `bound` in flight (see the module comment).
 * @returns whole round trips, ≥ 1.
 */
export function listDrivenFloor(layout: ListLayout, bound: number): number {
  const pages = Math.max(1, layout.testsByPage.length);
  type Task = { key: string; ready: (done: ReadonlySet<string>) => boolean; rank: number };
  const tasks: Task[] = [{ key: 'me', ready: () => true, rank: 0 }];
  tasks.push({ key: 'page:0', ready: (d) => layout.pageZeroWithMe || d.has('me'), rank: 1 });
  for (let k = 1; k < pages; k++) tasks.push({ key: `page:${k}`, ready: (d) => d.has('page:0'), rank: 2 });
  const pageOf = new Map<string, number>();
  layout.testsByPage.forEach((ids, k) => ids.forEach((id) => pageOf.set(id, k)));
  const chainIndex = new Map(layout.chain.map((id, i) => [id, i]));
  const testIds = [...new Set([...layout.testsByPage.flat(), ...layout.chain])];
  testIds.forEach((id, order) => {
    const i = chainIndex.get(id);
    const page = pageOf.get(id);
    const ready = (d: ReadonlySet<string>) =>
      (page !== undefined && d.has(`page:${page}`)) || (i !== undefined && d.has(i === 0 ? 'me' : `workout:${layout.chain[i - 1]}`));
    const rank = 3 + (i !== undefined ? i : layout.chain.length + order) / (testIds.length + layout.chain.length + 1);
    tasks.push({ key: `workout:${id}`, ready, rank }, { key: `graph:${id}`, ready, rank });
  });
  const done = new Set<string>();
  let rounds = 0;
  while (done.size < tasks.length) {
    const sendable = tasks.filter((t) => !done.has(t.key) && t.ready(done)).sort((a, b) => a.rank - b.rank);
    if (sendable.length === 0) throw new Error('listDrivenFloor: nothing can be sent (a test is neither listed nor chained)');
    for (const task of sendable.slice(0, bound)) done.add(task.key);
    rounds++;
  }
  return rounds;
}
