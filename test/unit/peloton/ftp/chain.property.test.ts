import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { HistoryStore } from '../../../../src/history/historyStore';
import { PelotonApi } from '../../../../src/peloton/api/pelotonApi';
import { createPelotonDispatcher } from '../../../../src/peloton/api/dispatcher';
import { walkFtpChain } from '../../../../src/peloton/ftp/chain';
import type { FtpTest, FtpWarning, StopReason } from '../../../../src/peloton/ftp/model';
import type { Dispatcher } from '../../../../src/peloton/api/undici';
import { fakeId, type FakeRider, type FakeWorkout, type FtpSource } from '../../../fakePeloton/dataset';
import { startFakePeloton, type FakePeloton } from '../../../fakePeloton/server';

/** Property runs: each walks up to 60 links of a random chain over HTTP, a few hundred ms at most. */
const WALK_RUNS = 200;
const MERGE_RUNS = 100;

const TITLES = ['20 min FTP Test Ride', '10 min FTP Warm Up Ride', '15 min Recovery Ride'] as const;
const INSTRUCTORS = ['Avery Stone', 'Jordan Vale', null] as const;

// ---------------------------------------------------------------------------------------------------------------
// The reference: the walk computed straight from the dataset, with none of the walker's code.

interface Reference {
  tests: FtpTest[];
  stoppedBecause: StopReason;
  stoppedAt: string | null;
  warnings: FtpWarning[];
  /** Every path the walk must request, once each (before faults). */
  paths: string[];
}

function referenceBaseline(ftp: number, source: FtpSource): number | null {
  if (ftp <= 0) return null;
  if (source === 'ftp_workout_source' || source === 'ftp_estimated_source') return Math.round(ftp);
  if (source === 'ftp_manual_source') return Math.round(ftp * 0.95);
  return null;
}

function reference(rider: FakeRider, maxTests: number): Reference {
  const byId = new Map(rider.workouts.map((w) => [w.id, w]));
  const tests: FtpTest[] = [];
  const visited = new Set<string>();
  const paths = ['/api/me'];
  const done = (stoppedBecause: StopReason, stoppedAt: string | null, warning: FtpWarning | null): Reference => ({
    tests,
    stoppedBecause,
    stoppedAt,
    warnings: [...(warning ? [warning] : []), ...tests.flatMap((t) => t.warnings)],
    paths,
  });
  let next = rider.cyclingFtpWorkoutId;
  if (!next) return done('end', null, { kind: 'no-ftp-test' });
  while (next) {
    if (visited.has(next)) return done('cycle', next, { kind: 'chain-cycle', workoutId: next });
    if (tests.length >= maxTests) return done('limit', next, { kind: 'chain-limit', maxTests });
    visited.add(next);
    paths.push(`/api/workout/${next}`, `/api/workout/${next}/performance_graph`);
    const w = byId.get(next);
    if (!w) return done('missing', next, { kind: 'chain-missing', workoutId: next });
    const avg = w.graph === 'missing' ? null : w.avgOutput;
    const warnings: FtpWarning[] = [];
    if (w.graph === 'missing') warnings.push({ kind: 'no-graph', workoutId: w.id });
    else if (avg === null) warnings.push({ kind: 'no-avg-output', workoutId: w.id });
    const baselineFtp = referenceBaseline(w.ftpInfo.ftp, w.ftpInfo.source);
    if (w.ftpInfo.ftp > 0 && baselineFtp === null) {
      warnings.push(
        w.ftpInfo.source === null
          ? { kind: 'baseline-no-source', workoutId: w.id, rawBaseline: w.ftpInfo.ftp }
          : { kind: 'baseline-unknown-source', workoutId: w.id, rawBaseline: w.ftpInfo.ftp, source: w.ftpInfo.source },
      );
    }
    tests.push({
      workoutId: w.id,
      takenAt: w.createdAt + 60,
      rideTitle: w.title,
      instructor: w.instructor,
      avgOutput: avg,
      calculatedFtp: avg === null ? null : Math.round(avg * 0.95),
      baselineFtp,
      baselineSource: w.ftpInfo.source,
      rawBaseline: w.ftpInfo.ftp,
      previousTestId: w.ftpInfo.workoutId,
      applied: null,
      warnings,
    });
    next = w.ftpInfo.workoutId;
  }
  return done('end', null, null);
}

// ---------------------------------------------------------------------------------------------------------------
// Random chains

/** Where a link points: nowhere, the next (older) workout, any workout (earlier: a cycle), itself, or a workout that does not exist. */
type LinkPlan = { kind: 'null' } | { kind: 'next' } | { kind: 'any'; to: number } | { kind: 'self' } | { kind: 'ghost' };

interface WorkoutPlan {
  link: LinkPlan;
  graph: 'ok' | 'missing' | 'no-avg';
  avg: number;
  ftp: number;
  source: FtpSource;
  title: (typeof TITLES)[number];
  instructor: (typeof INSTRUCTORS)[number];
}

interface ChainPlan {
  workouts: WorkoutPlan[];
  /** Where /api/me points: a workout index, none, or a ghost. */
  start: { kind: 'node'; at: number } | { kind: 'null' } | { kind: 'ghost' };
  maxTests: number;
  /** Transient faults: which requested path (index modulo their number) and what, at most 2 per path. */
  faults: Array<{ at: number; kinds: Array<500 | 503 | 'reset'> }>;
}

/**
 * A link; `breakWeight` sets how often a link breaks the plain newest → oldest chain (against 40 for "the next
 * older workout"), so some chains run past the limit and others are full of cycles and holes.
 */
const linkArb = (breakWeight: number): fc.Arbitrary<LinkPlan> =>
  breakWeight === 0
    ? fc.constant({ kind: 'next' as const })
    : fc.oneof(
        { weight: 40, arbitrary: fc.constant({ kind: 'next' as const }) },
        { weight: 2 * breakWeight, arbitrary: fc.nat().map((to): LinkPlan => ({ kind: 'any', to })) },
        { weight: breakWeight, arbitrary: fc.constant({ kind: 'self' as const }) },
        { weight: breakWeight, arbitrary: fc.constant({ kind: 'null' as const }) },
        { weight: breakWeight, arbitrary: fc.constant({ kind: 'ghost' as const }) },
      );

const workoutArb = (breakWeight: number): fc.Arbitrary<WorkoutPlan> =>
  fc.record({
    link: linkArb(breakWeight),
    graph: fc.oneof({ weight: 8, arbitrary: fc.constant('ok' as const) }, fc.constant('missing' as const), fc.constant('no-avg' as const)),
    avg: fc.oneof(fc.integer({ min: 40, max: 450 }), fc.integer({ min: 80, max: 900 }).map((x) => x / 2)),
    ftp: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 420 })),
    source: fc.constantFrom<FtpSource>('ftp_workout_source', 'ftp_manual_source', 'ftp_estimated_source', null),
    title: fc.constantFrom(...TITLES),
    instructor: fc.constantFrom(...INSTRUCTORS),
  });

const chainPlanArb: fc.Arbitrary<ChainPlan> = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.constantFrom(0, 1, 4, 16))
  .chain(([n, breakWeight]) =>
    fc.record({
      workouts: fc.array(workoutArb(breakWeight), { minLength: n, maxLength: n }),
      start: fc.oneof(
        { weight: 10, arbitrary: fc.nat().map((at) => ({ kind: 'node' as const, at })) },
        { weight: 1, arbitrary: fc.constant({ kind: 'null' as const }) },
        { weight: 1, arbitrary: fc.constant({ kind: 'ghost' as const }) },
      ),
      maxTests: fc.integer({ min: 1, max: 60 }),
      faults: fc.array(
        fc.record({ at: fc.nat(), kinds: fc.array(fc.constantFrom<500 | 503 | 'reset'>(500, 503, 'reset'), { minLength: 1, maxLength: 2 }) }),
        { maxLength: 8 },
      ),
    }),
  );

let runSerial = 0;

/** The rider a plan describes; ids are unique to this run, so nothing of an earlier run can match. */
function riderOf(plan: ChainPlan): FakeRider {
  const run = ++runSerial;
  const n = plan.workouts.length;
  const ids = plan.workouts.map((_, i) => fakeId(`prop:${run}:w:${i}`));
  const ghost = (i: number) => fakeId(`prop:${run}:ghost:${i}`);
  const workouts: FakeWorkout[] = plan.workouts.map((p, i) => {
    const link = p.link;
    const to = {
      next: () => ids[i + 1] ?? null,
      any: () => ids[(link as { to: number }).to % n]!,
      self: () => ids[i]!,
      ghost: () => ghost(i),
      null: () => null,
    }[link.kind]();
    return {
      id: ids[i]!,
      createdAt: 1_768_392_000 - i * 86_400 * 14,
      title: p.title,
      instructor: p.instructor,
      avgOutput: p.graph === 'no-avg' ? null : p.avg,
      graph: p.graph === 'missing' ? 'missing' : 'ok',
      ftpInfo: { ftp: p.ftp, source: p.source, workoutId: to },
    };
  });
  const start = plan.start.kind === 'node' ? (n > 0 ? ids[plan.start.at % n]! : null) : plan.start.kind === 'ghost' ? ghost(-1) : null;
  return {
    userId: fakeId('prop:rider'),
    username: 'PropertyRider',
    cyclingFtp: 200,
    cyclingFtpSource: start ? 'ftp_workout_source' : null,
    cyclingFtpWorkoutId: start,
    cyclingWorkoutFtp: 200,
    estimatedCyclingFtp: 204,
    workouts,
  };
}

// ---------------------------------------------------------------------------------------------------------------

describe('walkFtpChain properties against the fake Peloton API on 127.0.0.1', function () {
  this.timeout(120_000);
  let fake: FakePeloton;
  let dispatcher: Dispatcher;
  let api: PelotonApi;

  before(async () => {
    fake = await startFakePeloton({ rider: riderOf({ workouts: [], start: { kind: 'null' }, maxTests: 1, faults: [] }) });
    dispatcher = createPelotonDispatcher({ retry: { baseDelayMs: 1 } });
    api = new PelotonApi({ baseUrl: fake.url, getAccessToken: () => fake.accessToken, dispatcher });
  });
  after(async () => {
    await fake.close();
    await dispatcher.close();
  });

  it('any chain (cycles, self-loops, 404s, missing graphs, transient 500/503/resets): terminates, equals the reference', async () => {
    let runs = 0;
    let longest = 0;
    let faulted = 0;
    const stops = new Map<StopReason, number>();
    await fc.assert(
      fc.asyncProperty(chainPlanArb, async (plan) => {
        runs++;
        const rider = riderOf(plan);
        const expected = reference(rider, plan.maxTests);
        fake.setRider(rider);
        fake.resetCounts();
        // transient faults on paths the walk will request, at most two per path, so the third try succeeds
        const perPath = new Map<string, Array<500 | 503 | 'reset'>>();
        for (const f of plan.faults) {
          const path = expected.paths[f.at % expected.paths.length]!;
          perPath.set(path, [...(perPath.get(path) ?? []), ...f.kinds].slice(0, 2));
        }
        let faultCount = 0;
        for (const [path, kinds] of perPath) {
          for (const kind of kinds) {
            const match = new RegExp(`^${path}$`);
            fake.fault(kind === 'reset' ? { match, kind: 'reset' } : { match, status: kind });
            faultCount++;
          }
        }
        if (faultCount > 0) faulted++;

        const result = await walkFtpChain(api, { maxTests: plan.maxTests });

        const ids = result.tests.map((t) => t.workoutId);
        assert.equal(new Set(ids).size, ids.length, 'no workout twice');
        assert.ok(result.tests.length <= plan.maxTests, 'never more than maxTests');
        assert.deepEqual(result.tests, expected.tests);
        assert.equal(result.stoppedBecause, expected.stoppedBecause);
        assert.equal(result.stoppedAt, expected.stoppedAt);
        assert.deepEqual(result.warnings, expected.warnings);
        assert.equal(result.rider.currentFtpWorkoutId, rider.cyclingFtpWorkoutId);
        // every path once, plus one more try per transient fault: the retry policy absorbed them all
        assert.equal(fake.count(), expected.paths.length + faultCount);
        for (const path of expected.paths) {
          const tries = fake.requests.filter((r) => r.path === path).length;
          assert.equal(tries, 1 + (perPath.get(path)?.length ?? 0), path);
        }
        longest = Math.max(longest, result.tests.length);
        stops.set(result.stoppedBecause, (stops.get(result.stoppedBecause) ?? 0) + 1);
      }),
      { numRuns: WALK_RUNS },
    );
    console.log(`      walker property: ${runs} runs (${faulted} with transient faults), longest walk ${longest} tests, stops ${JSON.stringify(Object.fromEntries(stops))}`);
    for (const reason of ['end', 'cycle', 'limit', 'missing'] as const) assert.ok((stops.get(reason) ?? 0) > 0, `no run stopped because ${reason}`);
  });

  it('a walk over a stored history after k new tests stops at the newest stored test: 1 + 2k requests, and with the stored tests equals a full walk', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'peloton-prop-'));
    const store = new HistoryStore(folder);
    let runs = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 20 }).chain((m) => fc.array(workoutArb(0), { minLength: m, maxLength: m })),
          fc.integer({ min: 0, max: 15 }).chain((k) => fc.array(workoutArb(0), { minLength: k, maxLength: k })),
          fc.boolean(),
          async (old, added, oldestIsGhost) => {
            runs++;
            // newest first: the k added tests, then the m stored ones; each links to the next, the oldest to null or a ghost
            const plan: ChainPlan = {
              workouts: [...added, ...old].map((w, i, all) => ({ ...w, link: i < all.length - 1 ? { kind: 'next' } : oldestIsGhost ? { kind: 'ghost' } : { kind: 'null' } })),
              start: { kind: 'node', at: 0 },
              maxTests: 500,
              faults: [],
            };
            const now = riderOf(plan);
            const k = added.length;
            const before: FakeRider = { ...now, cyclingFtpWorkoutId: now.workouts[k]!.id };

            // the history stored at the last refresh, through the store and back
            fake.setRider(before);
            const first = await walkFtpChain(api, { maxTests: 500 });
            const endReason = first.stoppedBecause === 'missing' ? 'missing' : 'end';
            await store.save({ rider: first.rider, tests: first.tests, warnings: first.warnings, endReason, fetchedAt: 1_767_000_000, listed: null });
            const stored = (await store.load(before.userId)).history!;
            assert.equal(stored.tests.length, old.length);

            // the refresh, as the extension runs it
            fake.setRider(now);
            fake.resetCounts();
            const known = new Set(stored.tests.map((t) => t.workoutId));
            const walk = await walkFtpChain(api, { maxTests: 500, isKnown: (id) => known.has(id) });
            assert.equal(fake.count(), 1 + 2 * k, 'one /api/me, then a workout and its graph per new test');
            assert.equal(walk.stoppedBecause, 'known');
            assert.equal(walk.tests.length, k);
            assert.equal(walk.stoppedAt, stored.tests[0]!.workoutId, 'stopped at the newest stored test');

            const full = await walkFtpChain(api, { maxTests: 500 });
            assert.deepEqual([...walk.tests, ...stored.tests], full.tests);
            assert.equal(stored.endReason, full.stoppedBecause);
            assert.equal(full.stoppedBecause, oldestIsGhost ? 'missing' : 'end');
          },
        ),
        { numRuns: MERGE_RUNS },
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    console.log(`      incremental walk property: ${runs} runs`);
  });
});
