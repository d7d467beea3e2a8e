/*
 * Property tests of refreshHistory on generated riders (in memory, see fakeRider.ts): a life of FTP tests (taken or
 * declined), hand-entered FTPs and Peloton estimates, warm-ups and other classes, random page caps and duplicated
 * list items. The expected history comes from the generating model, not from the builder's own rules.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_REQUESTS_IN_FLIGHT, refreshHistory } from '../../../../src/peloton/ftp/historyBuilder';
import type { AppliedMark } from '../../../../src/peloton/ftp/model';
import { FakeRider, USER_ID, ftpTest, otherWorkout, type FakeMe, type FakeWorkout } from '../../support/fakeRider';

type Event = { kind: 'test'; accepted: boolean; avg: number } | { kind: 'other'; variant: number } | { kind: 'manual'; ftp: number } | { kind: 'estimate'; ftp: number };

const eventArb: fc.Arbitrary<Event> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('test' as const), accepted: fc.boolean(), avg: fc.integer({ min: 100, max: 400 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('other' as const), variant: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('manual' as const), ftp: fc.integer({ min: 100, max: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('estimate' as const), ftp: fc.integer({ min: 100, max: 300 }) }) },
);

type Current = { kind: 'none' } | { kind: 'test'; id: string; ftp: number } | { kind: 'manual'; ftp: number } | { kind: 'estimate'; ftp: number };

/** A rider's life, oldest first: the workouts (newest first), /api/me, and each test's expected mark, newest first. */
interface Life {
  workouts: FakeWorkout[];
  me: FakeMe;
  expected: Array<[string, AppliedMark]>;
}

function live(events: readonly Event[]): Life {
  let current = { kind: 'none' } as Current;
  const workouts: FakeWorkout[] = [];
  const tests: Array<{ id: string; setBy: string | null }> = [];
  events.forEach((event, i) => {
    const at = 1_600_000_000 + i * 86_400;
    if (event.kind === 'manual' || event.kind === 'estimate') {
      current = { kind: event.kind, ftp: event.ftp };
    } else if (event.kind === 'other') {
      workouts.push(otherWorkout(`o${i}`, at, event.variant));
    } else {
      const id = `t${i}`;
      const setBy = current.kind === 'test' ? current.id : current.kind === 'manual' ? `manual:${current.ftp}` : current.kind === 'estimate' ? `estimated:${current.ftp}` : null;
      workouts.push(ftpTest(id, at, event.avg, setBy, current.kind === 'test' ? current.ftp : 200));
      tests.push({ id, setBy: current.kind === 'test' ? current.id : null });
      if (event.accepted || current.kind === 'none') current = { kind: 'test', id, ftp: Math.round(event.avg * 0.95) };
    }
  });
  const finalSetBy = current.kind === 'test' ? current.id : null;
  const named = new Set([...tests.map((t) => t.setBy), finalSetBy].filter((x): x is string => x !== null));
  const expected = tests.map((t, k): [string, AppliedMark] => {
    if (named.has(t.id)) return [t.id, 'applied'];
    const observer = k + 1 < tests.length ? tests[k + 1]!.setBy : finalSetBy;
    return [t.id, observer !== null ? 'not-applied' : null];
  });
  const me: FakeMe =
    current.kind === 'test'
      ? { cycling_ftp: current.ftp, cycling_ftp_source: 'ftp_workout_source', cycling_ftp_workout_id: current.id }
      : current.kind === 'none'
        ? { cycling_ftp: 0, cycling_ftp_source: null, cycling_ftp_workout_id: null }
        : { cycling_ftp: current.ftp, cycling_ftp_source: current.kind === 'manual' ? 'ftp_manual_source' : 'ftp_estimated_source', cycling_ftp_workout_id: null };
  return { workouts: workouts.reverse(), me, expected: expected.reverse() };
}

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) };

describe('refreshHistory properties (generated riders)', function () {
  this.timeout(120_000);

  it('cold: exactly the finished FTP tests, marked as the model says, each fetched once, never a non-test, ≤ 6 in flight', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { maxLength: 260 }),
        fc.constantFrom(7, 20, 100),
        fc.boolean(),
        fc.array(fc.nat(300), { maxLength: 5 }),
        async (events, pageCap, riding, duplicated) => {
          const life = live(events);
          const rider = new FakeRider(life.workouts, life.me);
          rider.pageCap = pageCap;
          if (riding && life.workouts.length > 0) {
            const newest = life.workouts[0]!.createdAt;
            rider.workouts = [{ ...ftpTest('riding', newest + 3600, 120, null), status: 'IN_PROGRESS' }, ...life.workouts];
          }
          const pageCount = Math.ceil(rider.workouts.length / pageCap);
          for (const d of duplicated) {
            const w = rider.workouts[d % Math.max(1, rider.workouts.length)];
            if (w && pageCount > 0) rider.duplicates.set(d % pageCount, [...(rider.duplicates.get(d % pageCount) ?? []), w]);
          }
          // The test being ridden started an hour after the newest workout; it is 10 minutes later now.
          const now = (life.workouts[0]?.createdAt ?? 0) + 3600 + 600;
          const result = await refreshHistory(rider, null, { expectedUserId: USER_ID, maxChainLength: 500, now });
          const history = result.history!;
          assert.deepEqual(
            history.tests.map((t) => [t.workoutId, t.applied]),
            life.expected,
          );
          const perKey = new Map<string, number>();
          for (const r of rider.requests) perKey.set(r, (perKey.get(r) ?? 0) + 1);
          for (const [key, n] of perKey) assert.equal(n, 1, `${key} requested ${n} times`);
          assert.ok(rider.requests.every((r) => !/^(workout|graph) (o|riding)/.test(r)), 'never a warm-up, another class or the test being ridden');
          assert.equal(rider.requests.length, 1 + Math.max(1, pageCount) + 2 * history.tests.length);
          assert.ok(rider.maxInFlight <= MAX_REQUESTS_IN_FLIGHT);
          assert.deepEqual(history.listed?.pendingTestIds, riding && life.workouts.length > 0 ? ['riding'] : []);
        },
      ),
      runs,
    );
  });

  it('incremental: the same history as a cold refresh, in 1 + the pages down to the marker + 2 per new test requests (1 when nothing is new)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 200 }), fc.array(eventArb, { maxLength: 150 }), async (before, after) => {
        const old = live(before);
        const rider = new FakeRider(old.workouts, old.me);
        const first = await refreshHistory(rider, null, { expectedUserId: USER_ID });
        const full = live([...before, ...after]);
        rider.workouts = full.workouts;
        rider.me = full.me;
        rider.requests.length = 0;
        const second = await refreshHistory(rider, first.history, { expectedUserId: USER_ID });
        const history = second.history!;
        assert.deepEqual(
          history.tests.map((t) => [t.workoutId, t.applied]),
          full.expected,
        );
        const added = full.workouts.length - old.workouts.length;
        const newTests = full.expected.length - old.expected.length;
        assert.equal(second.newTests, newTests);
        const pages = added === 0 ? 0 : Math.floor(added / 100) + 1;
        assert.equal(rider.requests.length, 1 + pages + 2 * newTests, rider.requests.join(', '));
        const cold = await refreshHistory(new FakeRider(full.workouts, full.me), null);
        assert.deepEqual(history.tests, cold.history!.tests);
      }),
      // A rider with no workout before or after: nothing to list again, so 1 request (found by a shrunk run).
      { ...runs, examples: [[[{ kind: 'estimate', ftp: 100 }], []]] },
    );
  });
});
