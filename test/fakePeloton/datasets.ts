/**
 * Named datasets for the fake Peloton API, each a function returning a fresh {@link FakeRider} (callers may mutate it).
 * All dates are 12:00 UTC so that a test's local calendar date is the same anywhere from UTC−11 to UTC+11; all ids are
 * 32 hex characters derived from labels, so they are stable between runs. Watts everywhere; times in Unix seconds.
 */
import {
  type FakeRider,
  type FakeWorkout,
  type FtpSource,
  calculatedFtp,
  fakeId,
  noonUtc,
} from './dataset';
import { rngFor } from './random';

/** The title of every FTP test in these datasets. */
export const FTP_TEST_TITLE = '20 min FTP Test Ride';
/** Made-up instructors. */
const INSTRUCTORS = ['Avery Stone', 'Jordan Vale', 'Sam Rivera', 'Morgan Ellis'] as const;
/** Titles of rides that are not FTP tests (the warm-up is a deliberate look-alike). */
const OTHER_TITLES = [
  '30 min Power Zone Endurance Ride',
  '45 min Power Zone Ride',
  '60 min Power Zone Max Ride',
  '30 min Climb Ride',
  '20 min Recovery Ride',
  '45 min Pop Ride',
] as const;
const DAY = 86_400;

/** The baseline a workout carries: `ftp_info` in the model's words. */
type Baseline = FakeWorkout['ftpInfo'];

/** The baseline of a rider's first test: no FTP yet. */
const NO_BASELINE: Baseline = { ftp: 0, source: null, workoutId: null };

/** The baseline set by an earlier test: its calculated FTP, source `ftp_workout_source`. */
export function baselineFrom(test: FakeWorkout): Baseline {
  if (test.avgOutput === null) return { ftp: 0, source: 'ftp_workout_source', workoutId: test.id };
  return { ftp: calculatedFtp(test.avgOutput), source: 'ftp_workout_source', workoutId: test.id };
}

/** An FTP test ride ('20 min FTP Test Ride', 1200 s) with the given id label, time, average output and baseline. */
export function ftpTest(label: string, createdAt: number, avgOutput: number | null, ftpInfo: Baseline, instructor: string | null = 'Avery Stone'): FakeWorkout {
  return { id: fakeId(label), createdAt, title: FTP_TEST_TITLE, instructor, avgOutput, graph: 'ok', ftpInfo };
}

/** A ride that is not an FTP test. */
export function otherRide(label: string, createdAt: number, title: string, avgOutput: number | null, ftpInfo: Baseline, instructor: string | null = 'Jordan Vale'): FakeWorkout {
  return { id: fakeId(label), createdAt, title, instructor, avgOutput, graph: 'ok', ftpInfo };
}

/** A rider whose /api/me points at `current` (the newest FTP test) or has no FTP when `current` is null. */
function riderOf(name: string, workouts: FakeWorkout[], current: FakeWorkout | null, estimatedDelta = 4): FakeRider {
  const ftp = current?.avgOutput != null ? calculatedFtp(current.avgOutput) : 0;
  return {
    userId: fakeId(`rider:${name}`),
    username: name.replace(/(^|-)(\w)/g, (_, _d: string, c: string) => c.toUpperCase()) + 'Rider',
    cyclingFtp: ftp,
    cyclingFtpSource: current ? 'ftp_workout_source' : null,
    cyclingFtpWorkoutId: current ? current.id : null,
    cyclingWorkoutFtp: ftp,
    estimatedCyclingFtp: ftp > 0 ? ftp + estimatedDelta : 150,
    workouts,
  };
}

/**
 * PELOTON_API.md's worked example, exactly: a test on 2019-12-04 (193 W → FTP 183, baseline 0/null) and one on
 * 2026-01-14 (185 W → FTP 176, baseline 183 from the 2019 test). /api/me: cycling_ftp 176 from the 2026 test,
 * estimated_cycling_ftp 180. No other workouts.
 */
export function seedExample(): FakeRider {
  const t2019 = ftpTest('seed-example:test:2019-12-04', noonUtc(2019, 12, 4), 193, NO_BASELINE);
  const t2026 = ftpTest('seed-example:test:2026-01-14', noonUtc(2026, 1, 14), 185, baselineFrom(t2019));
  return { ...riderOf('seed-example', [t2019, t2026], t2026), estimatedCyclingFtp: 180 };
}

/**
 * A demo rider: 8 FTP tests from 2020 to 2026 (FTP 150 → 162 → 175 → 170 → 182 → 195 → 188 → 220 W), each baseline
 * the previous test's result. The fifth test's baseline is `ftp_manual_source` with the stored 20-minute value (179,
 * standing for 170 W) but still names the previous test, so the chain stays whole. 20 other rides sit between the
 * tests (including two 'FTP Warm Up Ride' look-alikes the morning of a test); they appear only in the workouts list.
 */
export function demo(): FakeRider {
  const plan: Array<[number, number, number, number]> = [
    [2020, 3, 11, 158],
    [2020, 10, 7, 171],
    [2021, 5, 12, 184],
    [2022, 1, 19, 179],
    [2022, 10, 5, 192],
    [2023, 8, 16, 205],
    [2024, 11, 13, 198],
    [2026, 1, 7, 232],
  ];
  const tests: FakeWorkout[] = [];
  for (const [i, [y, m, d, avg]] of plan.entries()) {
    const prev = tests[i - 1];
    let baseline = prev ? baselineFrom(prev) : NO_BASELINE;
    if (i === 4 && prev) baseline = { ftp: 179, source: 'ftp_manual_source', workoutId: prev.id };
    tests.push(ftpTest(`demo:test:${i}`, noonUtc(y, m, d), avg, baseline, INSTRUCTORS[i % INSTRUCTORS.length]));
  }
  const rng = rngFor('demo:rides');
  const others: FakeWorkout[] = [];
  for (let k = 0; k < 18; k++) {
    const i = k % (tests.length - 1);
    const from = tests[i];
    const to = tests[i + 1];
    const at = from.createdAt + Math.floor(((Math.floor(k / (tests.length - 1)) + 1) * (to.createdAt - from.createdAt)) / 4);
    const ftp = calculatedFtp(from.avgOutput ?? 0);
    const rideAt = at - (at % DAY) + 12 * 3600 + rng.int(-3, 6) * 3600;
    others.push(otherRide(`demo:ride:${k}`, rideAt, rng.pick(OTHER_TITLES), Math.round(ftp * (0.6 + rng.next() * 0.25)), baselineFrom(from), rng.pick(INSTRUCTORS)));
  }
  for (const i of [3, 7]) {
    const test = tests[i];
    others.push(otherRide(`demo:warmup:${i}`, test.createdAt - 15 * 60, '10 min FTP Warm Up Ride', Math.round((test.avgOutput ?? 150) * 0.55), test.ftpInfo, test.instructor));
  }
  const newest = tests[tests.length - 1];
  return { ...riderOf('demo', [...others, ...tests].sort((a, b) => a.createdAt - b.createdAt), newest), estimatedCyclingFtp: 214 };
}

/** Options of {@link chainOf}. */
export interface ChainOptions {
  /** Label mixed into every id and the random walk (different labels give different riders). Default 'long-chain'. */
  label?: string;
  /** The newest test's time, Unix seconds. Default 2026-01-14 12:00 UTC. */
  newestAt?: number;
  /** Days between consecutive tests. Default 21. */
  intervalDays?: number;
  /** The oldest test's average output, watts. Default 170. */
  startAvgOutput?: number;
  /** Non-test rides between consecutive tests (they are in the workouts list only). Default 0. */
  ridesBetween?: number;
}

/**
 * A rider with `n` FTP tests chained newest → oldest by `ftp_workout_source` links (the oldest with baseline 0/null),
 * average outputs on a seeded random walk between 110 and 330 W; /api/me names the newest. `n = 0` gives a rider
 * with no FTP. Used by benchmarks (n = 2, 10, 50, 200).
 */
export function chainOf(n: number, options: ChainOptions = {}): FakeRider {
  const label = options.label ?? 'long-chain';
  const newestAt = options.newestAt ?? noonUtc(2026, 1, 14);
  const interval = (options.intervalDays ?? 21) * DAY;
  const ridesBetween = options.ridesBetween ?? 0;
  const rng = rngFor(`chain:${label}:${n}`);
  const tests: FakeWorkout[] = [];
  let avg = options.startAvgOutput ?? 170;
  for (let i = 0; i < n; i++) {
    if (i > 0) avg = Math.min(330, Math.max(110, avg + rng.int(-8, 10)));
    const prev = tests[i - 1];
    tests.push(ftpTest(`${label}:${n}:test:${i}`, newestAt - (n - 1 - i) * interval, avg, prev ? baselineFrom(prev) : NO_BASELINE, INSTRUCTORS[i % INSTRUCTORS.length]));
  }
  const others: FakeWorkout[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < ridesBetween; k++) {
      const at = tests[i].createdAt + Math.floor(((k + 1) * interval) / (ridesBetween + 1));
      others.push(otherRide(`${label}:${n}:ride:${i}:${k}`, at, rng.pick(OTHER_TITLES), rng.int(90, 200), baselineFrom(tests[i]), rng.pick(INSTRUCTORS)));
    }
  }
  return riderOf(`${label}-${n}`, [...tests, ...others], tests[n - 1] ?? null);
}

/** Three tests whose links form a cycle: newest → middle → oldest → newest again. */
export function cycle(): FakeRider {
  const a = ftpTest('cycle:test:a', noonUtc(2023, 3, 1), 180, NO_BASELINE);
  const b = ftpTest('cycle:test:b', noonUtc(2024, 3, 6), 190, baselineFrom(a));
  const c = ftpTest('cycle:test:c', noonUtc(2025, 3, 5), 200, baselineFrom(b));
  a.ftpInfo = baselineFrom(c);
  return riderOf('cycle', [a, b, c], c);
}

/** Two tests: the newest names the older, which names itself. */
export function selfLoop(): FakeRider {
  const a = ftpTest('self-loop:test:a', noonUtc(2024, 5, 8), 200, NO_BASELINE);
  a.ftpInfo = { ftp: 180, source: 'ftp_workout_source', workoutId: a.id };
  const b = ftpTest('self-loop:test:b', noonUtc(2025, 5, 7), 210, baselineFrom(a));
  return riderOf('self-loop', [a, b], b);
}

/** A sound three-test chain, built so single links can be spoiled by the datasets below. */
function threeTests(name: string): [FakeWorkout, FakeWorkout, FakeWorkout] {
  const a = ftpTest(`${name}:test:a`, noonUtc(2023, 6, 14), 180, NO_BASELINE);
  const b = ftpTest(`${name}:test:b`, noonUtc(2024, 6, 12), 195, baselineFrom(a));
  const c = ftpTest(`${name}:test:c`, noonUtc(2025, 6, 11), 205, baselineFrom(b));
  return [a, b, c];
}

/** Three chained tests; the middle one's performance graph answers 404. */
export function missingGraph(): FakeRider {
  const [a, b, c] = threeTests('missing-graph');
  b.graph = 'missing';
  return riderOf('missing-graph', [a, b, c], c);
}

/** Three chained tests; the middle one's performance graph has no `avg_output` (and no output series). */
export function noAvgOutput(): FakeRider {
  const [a, b, c] = threeTests('no-avg-output');
  b.avgOutput = null;
  c.ftpInfo = { ftp: 185, source: 'ftp_workout_source', workoutId: b.id };
  return riderOf('no-avg-output', [a, b, c], c);
}

/** Three tests; the middle one's `ftp_workout_id` names a workout that does not exist (404). The oldest is orphaned. */
export function workout404MidChain(): FakeRider {
  const [a, b, c] = threeTests('workout-404-mid-chain');
  b.ftpInfo = { ftp: 171, source: 'ftp_workout_source', workoutId: fakeId('workout-404-mid-chain:ghost') };
  return riderOf('workout-404-mid-chain', [a, b, c], c);
}

/** A rider who never took an FTP test: cycling_ftp 0, no source, cycling_ftp_workout_id null; six ordinary rides. */
export function noFtp(): FakeRider {
  const rides: FakeWorkout[] = [];
  for (let i = 0; i < 6; i++) {
    const source: FtpSource = i < 3 ? null : 'ftp_estimated_source';
    rides.push(otherRide(`no-ftp:ride:${i}`, noonUtc(2025, 9, 3 + i * 7), OTHER_TITLES[i % OTHER_TITLES.length], 110 + i * 4, {
      ftp: source ? 150 : 0,
      source,
      workoutId: null,
    }));
  }
  return riderOf('no-ftp', rides, null);
}

/**
 * Three chained tests, then the rider typed an FTP by hand: the newest test's baseline is `ftp_manual_source`
 * (stored 20-minute value 200, standing for 190 W) with no `ftp_workout_id`, so the chain stops there although older
 * tests exist (they are in the workouts list).
 */
export function manualBreak(): FakeRider {
  const [a, b, c] = threeTests('manual-break');
  const d = ftpTest('manual-break:test:d', noonUtc(2025, 11, 12), 212, { ftp: 200, source: 'ftp_manual_source', workoutId: null });
  return riderOf('manual-break', [a, b, c, d], d);
}

/** Every named dataset. */
export const datasets: Record<string, () => FakeRider> = {
  'seed-example': seedExample,
  demo,
  'long-chain': () => chainOf(50),
  cycle,
  'self-loop': selfLoop,
  'missing-graph': missingGraph,
  'no-avg-output': noAvgOutput,
  'workout-404-mid-chain': workout404MidChain,
  'no-ftp': noFtp,
  'manual-break': manualBreak,
};

/** A fresh rider of the named dataset; throws an Error listing the known names when there is none. */
export function getDataset(name: string): FakeRider {
  const chain = /^chain-(\d{1,3})(\+1)?$/.exec(name);
  if (chain) {
    const rider = chainOf(Number(chain[1]), { label: `chain-${chain[1]}` });
    return chain[2] ? withNewTest(rider) : rider;
  }
  const make = Object.prototype.hasOwnProperty.call(datasets, name) ? datasets[name] : undefined;
  if (!make) throw new Error(`Unknown dataset '${name}'. Known datasets: ${Object.keys(datasets).join(', ')}, chain-<N>, chain-<N>+1`);
  return make();
}

/**
 * The rider after taking one more FTP test, 30 days after the newest (average output 240 W, baseline from the
 * newest test): what a refresh finds as one new test.
 */
export function withNewTest(rider: FakeRider): FakeRider {
  const newest = rider.workouts.find((w) => w.id === rider.cyclingFtpWorkoutId);
  if (!newest) throw new Error(`rider ${rider.username} has no current FTP test to build on`);
  const added = ftpTest(`${rider.username}:new:${rider.workouts.length}`, newest.createdAt + 30 * 86_400, 240, baselineFrom(newest));
  return { ...rider, workouts: [...rider.workouts, added], cyclingFtpWorkoutId: added.id, cyclingFtp: calculatedFtp(240) };
}
