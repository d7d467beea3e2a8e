/**
 * Named datasets for the fake Peloton API, each a function returning a fresh {@link FakeRider} (callers may mutate it).
 * All dates are 12:00 UTC so that a test's local calendar date is the same anywhere from UTC−11 to UTC+11; all ids are
 * 32 hex characters derived from labels, so they are stable between runs. Watts everywhere; times in Unix seconds.
 * Every rider's workouts list also holds classes that are not FTP tests: an 'FTP Warm Up Ride' (or 'Warmup Ride')
 * before each test, a Power Zone ride, a run and a strength class (see {@link withOtherClasses}).
 * Exceptions to the noon rule: the trip of `time-zone-jump`, and `in-progress` and `abandoned`, whose unfinished
 * test starts a fixed time before now (the time the dataset is built).
 *
 * The datasets (getDataset names): seed-example (PELOTON_API.md's worked example), demo (`npm start`), demo-multilingual
 * (the demo with two tests in German and Spanish), multilingual (4 tests in three languages, an FTP Builder class),
 * no-chain, in-progress (a test being ridden), abandoned (a test left IN_PROGRESS 5 h ago), time-zone-jump and
 * time-zone-jump+1 (listed by the local clock; a newer test after an older ride), long-chain, cycle, self-loop,
 * missing-graph (a test whose graph is 404), no-avg-output, workout-404-mid-chain, no-ftp, manual-break; and the
 * families chain-<N>[+1] and many-<N>-<W>[+1] (many-120-3000: a rider of many years, 30 list pages).
 * Every FTP test with a graph has a 1-second power series paced as a fade, a negative split or evenly (series.ts).
 */
import {
  type ClassLanguage,
  type FakeRider,
  type FakeWorkout,
  type FitnessDiscipline,
  type FtpSource,
  type Pacing,
  type RiderZone,
  calculatedFtp,
  fakeId,
  isFtpTestClass,
  noonUtc,
} from './dataset';
import { rngFor } from './random';
import { nowSeconds } from '../../src/shared/dates';

/** The title of every FTP test in these datasets. */
const FTP_TEST_TITLE = '20 min FTP Test Ride';
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
/** Warm-up classes: FTP look-alikes that are not tests (Peloton spells them both ways). */
const WARM_UP_TITLES = ['10 min FTP Warm Up Ride', '10 min FTP Warmup Ride'] as const;
/**
 * Classes taught in German and Spanish. No recording shows a title in either language: these titles are the fake's
 * own wording, chosen so that the English title rule cannot decide them (they mention FTP, and say neither
 * "FTP Test Ride" nor "Warm Up"): only GET /api/ride/{id}/details (`is_ftp_test`) can.
 */
const FOREIGN_TITLES: Record<Exclude<ClassLanguage, 'english'>, { test: string; warmUp: string; instructor: string }> = {
  german: { test: '20 Min. FTP-Test', warmUp: '10 Min. FTP-Aufwärmfahrt', instructor: 'Lena Brandt' },
  spanish: { test: 'Prueba FTP de 20 min', warmUp: 'Calentamiento FTP de 10 min', instructor: 'Lucía Ferrer' },
};
/**
 * A class whose title mentions FTP but that is neither a test nor a warm-up by the English title rule, and is no
 * test (`is_ftp_test` false). Invented: no recorded title is like it.
 */
const FTP_BUILDER_TITLE = '30 min FTP Builder Ride';
/** Classes of other disciplines, by discipline. */
const OTHER_DISCIPLINE_TITLES: ReadonlyArray<readonly [FitnessDiscipline, string, string | null]> = [
  ['running', '30 min Endurance Run', 'Sam Rivera'],
  ['strength', '20 min Full Body Strength', 'Morgan Ellis'],
  ['stretching', '10 min Post-Ride Stretch', 'Jordan Vale'],
  ['running', '20 min Tempo Run', 'Sam Rivera'],
];
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

/** The same FTP test taught in German or Spanish: its title, language and instructor, and `ftpTest` true (the title rule cannot tell). */
function inLanguage(test: FakeWorkout, language: Exclude<ClassLanguage, 'english'>): FakeWorkout {
  const { test: title, instructor } = FOREIGN_TITLES[language];
  return { ...test, title, language, instructor, ftpTest: true };
}

/** A ride that is not an FTP test. */
function otherRide(label: string, createdAt: number, title: string, avgOutput: number | null, ftpInfo: Baseline, instructor: string | null = 'Jordan Vale'): FakeWorkout {
  return { id: fakeId(label), createdAt, title, instructor, avgOutput, graph: 'ok', ftpInfo };
}

/** A class of another discipline (running, strength …): no `ftp_info` baseline, no output unless given. */
function otherDiscipline(label: string, createdAt: number, discipline: FitnessDiscipline, title: string, instructor: string | null, avgOutput: number | null = null): FakeWorkout {
  return { id: fakeId(label), createdAt, title, instructor, avgOutput, graph: 'ok', ftpInfo: { ...NO_BASELINE }, discipline };
}

/** True for a workout whose class is an FTP test (in any language). */
const isTest = isFtpTestClass;

/**
 * The baseline in effect at time `at` for the rider's cycling classes: the baseline the next FTP test after `at`
 * went in with, or (after the newest test) `after`.
 */
function baselineAt(tests: FakeWorkout[], at: number, after: Baseline): Baseline {
  const next = tests.filter((t) => t.createdAt > at).sort((a, b) => a.createdAt - b.createdAt)[0];
  return { ...(next ? next.ftpInfo : after) };
}

/**
 * The rider's workouts plus classes that are not FTP tests, appended after them (existing indexes stay): before each
 * FTP test, 15 minutes earlier, a warm-up titled '10 min FTP Warm Up Ride' or '10 min FTP Warmup Ride'; three days
 * before each test a Power Zone ride; and around the newest workout a run, a strength class and a stretch. Without
 * any test, a lone warm-up ride and the same three classes. Each cycling class carries the baseline in effect then.
 * Ids derive from `label`.
 */
function withOtherClasses(label: string, workouts: FakeWorkout[], current: Baseline): FakeWorkout[] {
  const tests = workouts.filter(isTest);
  const rng = rngFor(`others:${label}`);
  const added: FakeWorkout[] = [];
  const ride = (key: string, at: number, title: string, ftp: Baseline, instructor: string | null, extra: Partial<FakeWorkout> = {}): void => {
    added.push({ ...otherRide(`${label}:${key}`, at, title, Math.round(Math.max(ftp.ftp, 140) * (0.55 + rng.next() * 0.2)), ftp, instructor), ...extra });
  };
  for (const [i, test] of tests.entries()) {
    // The warm-up is taught in the test's language (a German or Spanish one: `ftpTest` false, which its title
    // cannot say by the English rule); both rides are ridden where the test is.
    const language = test.language ?? 'english';
    const where: Partial<FakeWorkout> = test.zone ? { zone: test.zone } : {};
    const warmUp: Partial<FakeWorkout> = language === 'english' ? where : { ...where, language, ftpTest: false };
    const warmUpTitle = language === 'english' ? WARM_UP_TITLES[i % 2] : FOREIGN_TITLES[language].warmUp;
    ride(`warmup:${i}`, test.createdAt - 15 * 60, warmUpTitle, { ...test.ftpInfo }, test.instructor, warmUp);
    const pzAt = test.createdAt - 3 * DAY + rng.int(-3, 6) * 3600;
    ride(`power-zone:${i}`, pzAt, i % 2 ? '45 min Power Zone Ride' : '30 min Power Zone Endurance Ride', baselineAt(tests, pzAt, current), rng.pick(INSTRUCTORS), where);
  }
  const newest = workouts.reduce((t, w) => Math.max(t, w.createdAt), noonUtc(2025, 6, 4));
  if (tests.length === 0) ride('warmup:lone', newest - 9 * DAY, WARM_UP_TITLES[0], { ...current }, 'Avery Stone');
  for (const [k, [discipline, title, instructor]] of OTHER_DISCIPLINE_TITLES.slice(0, 3).entries()) {
    added.push(otherDiscipline(`${label}:${discipline}:${k}`, newest - (k + 1) * DAY - 5 * 3600, discipline, title, instructor, discipline === 'running' ? 95 : null));
  }
  return [...workouts, ...added];
}

/** A rider whose /api/me points at `current` (the newest FTP test) or has no FTP when `current` is null. */
function riderOf(name: string, workouts: FakeWorkout[], current: FakeWorkout | null, estimatedDelta = 4): FakeRider {
  const ftp = current?.avgOutput != null ? calculatedFtp(current.avgOutput) : 0;
  const baseline: Baseline = current ? baselineFrom(current) : NO_BASELINE;
  return {
    userId: fakeId(`rider:${name}`),
    username: name.replace(/(^|-)(\w)/g, (_, _d: string, c: string) => c.toUpperCase()) + 'Rider',
    cyclingFtp: ftp,
    cyclingFtpSource: current ? 'ftp_workout_source' : null,
    cyclingFtpWorkoutId: current ? current.id : null,
    cyclingWorkoutFtp: ftp,
    estimatedCyclingFtp: ftp > 0 ? ftp + estimatedDelta : 150,
    workouts: withOtherClasses(name, workouts, baseline),
  };
}

/**
 * PELOTON_API.md's worked example, exactly: a test on 2019-12-04 (193 W → FTP 183, baseline 0/null) and one on
 * 2026-01-14 (185 W → FTP 176, baseline 183 from the 2019 test). /api/me: cycling_ftp 176 from the 2026 test,
 * estimated_cycling_ftp 180. Its other workouts are the common non-tests (warm-ups, Power Zone rides, a run …).
 * Pacing: the 2019 test a negative split, the 2026 one a fade.
 */
export function seedExample(): FakeRider {
  const t2019 = { ...ftpTest('seed-example:test:2019-12-04', noonUtc(2019, 12, 4), 193, NO_BASELINE), pacing: 'negative-split' as const };
  const t2026 = { ...ftpTest('seed-example:test:2026-01-14', noonUtc(2026, 1, 14), 185, baselineFrom(t2019)), pacing: 'fade' as const };
  return { ...riderOf('seed-example', [t2019, t2026], t2026), estimatedCyclingFtp: 180 };
}

/**
 * The demo rider (`npm start`): 8 FTP tests from 2020 to 2026 and 20 other rides, so that a new user sees every kind
 * of baseline and mark at once:
 * - 2020-03-11 158 W → FTP 150 (first test); 2020-10-07 171 W → 162 (baseline 150); 2021-05-12 184 W → 175
 *   (baseline 162);
 * - a hand-entered FTP: in September 2021 the rider typed 189 (a 20-minute value, standing for 180 W), so the
 *   2022-01-19 test (179 W → 170) went in with baseline `ftp_manual_source` 189 and no `ftp_workout_id`;
 * - 2022-10-05 192 W → 182 (baseline 170); 2023-08-16 176 W → 167 (baseline 182): a bad day the rider DECLINED, so
 *   2024-11-13 205 W → 195 went in with baseline 182 from the OLDER 2022-10-05 test;
 * - 2026-01-07 212 W → 201 (baseline 195);
 * - then Peloton's estimate: /api/me `cycling_ftp` 205, `cycling_ftp_source` 'ftp_estimated_source',
 *   `cycling_ftp_workout_id` null (`cycling_workout_ftp` 201, `estimated_cycling_ftp` 205); two rides after that.
 * The chain from /api/me is therefore empty: every test is found in the workouts list only.
 * Pacing (the graphs): 2020-03 even, 2020-10 negative split, 2021 fade, 2022-01 even, 2022-10 negative split, the
 * declined 2023 test a fade, 2024 a negative split, 2026 even.
 *
 * With `multilingual` (dataset `demo-multilingual`) the same rider took two of these tests in other languages: the
 * 2022-10-05 test in German ('20 Min. FTP-Test') and the 2024-11-13 test in Spanish ('Prueba FTP de 20 min'), each
 * after a warm-up in its language, and rode an '30 min FTP Builder Ride' twice (one class; no test): the same 8 tests
 * and results, but 2 of them found only through GET /api/ride/{id}/details. Off by default because today's suites
 * assert the demo's rows with the English title rule alone.
 */
export function demo(options: DemoOptions = {}): FakeRider {
  const plan: Array<[number, number, number, number]> = [
    [2020, 3, 11, 158],
    [2020, 10, 7, 171],
    [2021, 5, 12, 184],
    [2022, 1, 19, 179],
    [2022, 10, 5, 192],
    [2023, 8, 16, 176],
    [2024, 11, 13, 205],
    [2026, 1, 7, 212],
  ];
  const tests: FakeWorkout[] = [];
  for (const [i, [y, m, d, avg]] of plan.entries()) {
    let baseline = i === 0 ? NO_BASELINE : baselineFrom(tests[i - 1]);
    if (i === 3) baseline = { ftp: 189, source: 'ftp_manual_source', workoutId: null };
    if (i === 6) baseline = baselineFrom(tests[4]); // the 2023 test was declined
    tests.push({ ...ftpTest(`demo:test:${i}`, noonUtc(y, m, d), avg, baseline, INSTRUCTORS[i % INSTRUCTORS.length]), pacing: DEMO_PACING[i] });
  }
  if (options.multilingual) {
    tests[4] = inLanguage(tests[4], 'german');
    tests[6] = inLanguage(tests[6], 'spanish');
  }
  const estimate: Baseline = { ftp: 205, source: 'ftp_estimated_source', workoutId: null };
  const rng = rngFor('demo:rides');
  const others: FakeWorkout[] = [];
  for (let k = 0; k < 18; k++) {
    const i = k % (tests.length - 1);
    const from = tests[i];
    const to = tests[i + 1];
    const at = from.createdAt + Math.floor(((Math.floor(k / (tests.length - 1)) + 1) * (to.createdAt - from.createdAt)) / 4);
    const rideAt = at - (at % DAY) + 12 * 3600 + rng.int(-3, 6) * 3600;
    const baseline = baselineAt(tests, rideAt, estimate);
    const ftp = baseline.source === 'ftp_manual_source' ? calculatedFtp(baseline.ftp) : baseline.ftp;
    others.push(otherRide(`demo:ride:${k}`, rideAt, rng.pick(OTHER_TITLES), Math.round(ftp * (0.6 + rng.next() * 0.25)), baseline, rng.pick(INSTRUCTORS)));
  }
  for (const [k, [y, m, d]] of [[2026, 6, 10], [2026, 9, 16]].entries()) {
    others.push(otherRide(`demo:after-estimate:${k}`, noonUtc(y, m, d), rng.pick(OTHER_TITLES), 150 + k * 7, { ...estimate }, rng.pick(INSTRUCTORS)));
  }
  if (options.multilingual) others.push(...ftpBuilderRides('demo', [noonUtc(2023, 2, 8), noonUtc(2025, 4, 16)], tests, estimate));
  const rider = riderOf('demo', [...others, ...tests].sort((a, b) => a.createdAt - b.createdAt), null);
  return {
    ...rider,
    cyclingFtp: 205,
    cyclingFtpSource: 'ftp_estimated_source',
    cyclingFtpWorkoutId: null,
    cyclingWorkoutFtp: calculatedFtp(212),
    estimatedCyclingFtp: 205,
  };
}

/** Options of {@link demo}. */
interface DemoOptions {
  /** Two of the tests in German and Spanish, and an FTP Builder class twice (see {@link demo}). Default false. */
  multilingual?: boolean;
}

/** The demo's pacing, oldest test first. */
const DEMO_PACING: readonly Pacing[] = ['even', 'negative-split', 'fade', 'even', 'negative-split', 'fade', 'negative-split', 'even'];

/**
 * Rides of one '30 min FTP Builder Ride' class (one class id: a client should ask about it once) at the given times,
 * each with the baseline of the rider's tests in effect then (`after` after the newest).
 */
function ftpBuilderRides(label: string, times: number[], tests: FakeWorkout[], after: Baseline): FakeWorkout[] {
  const rideId = fakeId(`${label}:ftp-builder-class`);
  return times.map((at, k) => {
    const baseline = baselineAt(tests, at, after);
    return { ...otherRide(`${label}:ftp-builder:${k}`, at, FTP_BUILDER_TITLE, Math.round(Math.max(baseline.ftp, 150) * 0.82), baseline, 'Jordan Vale'), rideId, ftpTest: false };
  });
}

/**
 * A rider whose later FTP tests were taught in German and Spanish: 2022-03-09 '20 min FTP Test Ride' 172 W → 163
 * (first test); 2023-03-08 '20 Min. FTP-Test' 180 W → 171; 2024-03-13 'Prueba FTP de 20 min' 188 W → 179;
 * 2025-03-12 '20 Min. FTP-Test' again (another class, another instructor) 195 W → 185; chained, /api/me names the
 * newest. Each test follows a warm-up in its language ('10 Min. FTP-Aufwärmfahrt', 'Calentamiento FTP de 10 min':
 * no tests); and the rider rode a '30 min FTP Builder Ride' class twice (no test). The English title rule finds 1 of
 * the 4 tests; GET /api/ride/{id}/details says `is_ftp_test` for every class (all titles here are the fake's own
 * wording: no recording shows a German or Spanish title). Pacing: fade, even, negative split, fade.
 */
function multilingual(): FakeRider {
  const a = { ...ftpTest('multilingual:test:a', noonUtc(2022, 3, 9), 172, NO_BASELINE, 'Morgan Ellis'), pacing: 'fade' as const };
  const b = { ...inLanguage(ftpTest('multilingual:test:b', noonUtc(2023, 3, 8), 180, baselineFrom(a)), 'german'), pacing: 'even' as const };
  const c = { ...inLanguage(ftpTest('multilingual:test:c', noonUtc(2024, 3, 13), 188, baselineFrom(b)), 'spanish'), pacing: 'negative-split' as const };
  const d = { ...inLanguage(ftpTest('multilingual:test:d', noonUtc(2025, 3, 12), 195, baselineFrom(c)), 'german'), instructor: 'Tobias Weber', pacing: 'fade' as const };
  const builders = ftpBuilderRides('multilingual', [noonUtc(2023, 10, 11), noonUtc(2024, 9, 18)], [a, b, c, d], baselineFrom(d));
  return riderOf('multilingual', [a, b, c, d, ...builders], d);
}

/**
 * A rider whose /api/me names no test, like the recorded weissleb rider: `cycling_ftp` 142 `ftp_manual_source`
 * (standing for 135 W), `cycling_ftp_workout_id` null, `cycling_workout_ftp` 0, `estimated_cycling_ftp` 157. Four
 * tests, found only in the workouts list:
 * - 2023-02-08 160 W → 152 (first test);
 * - a hand-entered FTP of 170 (standing for 162 W) in June 2023: 2023-09-13 171 W → 162 went in with baseline
 *   `ftp_manual_source` 170;
 * - 2024-04-10 165 W → 157 (baseline 162 from 2023-09-13), DECLINED: 2024-10-16 176 W → 167 went in with
 *   baseline 162 from the older 2023-09-13 test;
 * - then the hand-entered 142 of today (February 2025).
 */
function noChain(): FakeRider {
  const a = ftpTest('no-chain:test:a', noonUtc(2023, 2, 8), 160, NO_BASELINE, 'Morgan Ellis');
  const b = ftpTest('no-chain:test:b', noonUtc(2023, 9, 13), 171, { ftp: 170, source: 'ftp_manual_source', workoutId: null }, 'Jordan Vale');
  const c = ftpTest('no-chain:test:c', noonUtc(2024, 4, 10), 165, baselineFrom(b), 'Avery Stone');
  const d = ftpTest('no-chain:test:d', noonUtc(2024, 10, 16), 176, baselineFrom(b), 'Sam Rivera');
  const manual: Baseline = { ftp: 142, source: 'ftp_manual_source', workoutId: null };
  const rides = [noonUtc(2025, 3, 5), noonUtc(2025, 5, 21)].map((at, k) => otherRide(`no-chain:ride:${k}`, at, OTHER_TITLES[k], 118 + k * 5, { ...manual }));
  const rider = riderOf('no-chain', [a, b, c, d, ...rides], null);
  return { ...rider, cyclingFtp: 142, cyclingFtpSource: 'ftp_manual_source', cyclingFtpWorkoutId: null, cyclingWorkoutFtp: 0, estimatedCyclingFtp: 157 };
}

/**
 * A rider riding an FTP test right now: three chained tests (2023–2025; /api/me names the newest), then the newest
 * workout, an FTP test started 10 to 20 minutes ago (the time the dataset is built, floored to 10 minutes: a test
 * still being ridden, not an abandoned one) with `status` IN_PROGRESS, `end_time` null and a partial average output
 * of 131 W (not a result). It is in the workouts list but not yet in /api/me's counters. {@link finishWorkouts}
 * gives the same rider once it is done (average output 214 W).
 */
function inProgress(): FakeRider {
  const [a, b, c] = threeTests('in-progress');
  const startedAt = Math.floor(nowSeconds() / 600) * 600 - 600;
  const riding: FakeWorkout = { ...ftpTest('in-progress:test:riding', startedAt, 131, baselineFrom(c)), status: 'IN_PROGRESS' };
  const rider = riderOf('in-progress', [a, b, c], c);
  return { ...rider, workouts: [...rider.workouts, riding] };
}

/** Options of {@link abandoned}. */
interface AbandonedOptions {
  /** How long before now the abandoned test started, hours (floored to the hour). Default 5. */
  startedHoursAgo?: number;
}

/**
 * A rider who started an FTP test and never finished it: three chained tests (2023–2025; /api/me names the newest),
 * then a warm-up (COMPLETE) and an FTP test started `startedHoursAgo` hours before now (default 5: more than 3 h,
 * so it will not finish) with `status` IN_PROGRESS, `end_time` null, `leaderboard_rank` null and a partial average
 * output of 97 W (not a result), like the IN_PROGRESS recording (harvest/bburwell-in-progress.workout.json). Listed,
 * not counted by /api/me. Dataset `abandoned`; call it with another `startedHoursAgo` for a boundary.
 */
export function abandoned(options: AbandonedOptions = {}): FakeRider {
  const [a, b, c] = threeTests('abandoned');
  const startedAt = Math.floor(nowSeconds() / 3600) * 3600 - Math.round((options.startedHoursAgo ?? 5) * 3600);
  const quit: FakeWorkout = { ...ftpTest('abandoned:test:quit', startedAt, 97, baselineFrom(c)), status: 'IN_PROGRESS', pacing: 'fade' };
  const warmUp = otherRide('abandoned:warmup:quit', startedAt - 15 * 60, WARM_UP_TITLES[0], 118, baselineFrom(c), quit.instructor);
  const rider = riderOf('abandoned', [a, b, c], c);
  return { ...rider, workouts: [...rider.workouts, warmUp, quit] };
}

/** Pacific/Auckland in December (NZDT, UTC+13). */
const AUCKLAND: RiderZone = { name: 'Pacific/Auckland', offsetSeconds: 13 * 3600 };
/** Pacific/Honolulu (HST, UTC−10, no daylight saving). */
const HONOLULU: RiderZone = { name: 'Pacific/Honolulu', offsetSeconds: -10 * 3600 };

/**
 * A rider who crossed time zones, with the workouts list sorted by the rider's local clock (`listOrder`
 * 'device_time_created_at', as the 2024 recording): three chained tests at home (America/Chicago, 2023–2025), then
 * on a trip a Power Zone ride in Auckland on 2025-12-10 at 19:00 UTC (08:00 on the 11th there), and 22 h later an
 * FTP test in Honolulu (2025-12-11 17:00 UTC, 07:00 on the 11th there; 214 W → 203), after its warm-up. The test is
 * newer by 22 h but an hour earlier on the local clock, so it is listed AFTER the Auckland ride.
 * `withNewTest` false (dataset `time-zone-jump`): the rider before that test (the Auckland ride is the newest);
 * true (`time-zone-jump+1`): after it, /api/me naming it: a refresh must find it although an older, known workout
 * is listed first. Every other workout is the same in both.
 */
function timeZoneJump(withNewTest: boolean): FakeRider {
  const [a, b, c] = threeTests('time-zone-jump');
  const rideAt = Date.UTC(2025, 11, 10, 19) / 1000;
  const ride: FakeWorkout = { ...otherRide('time-zone-jump:auckland', rideAt, '30 min Power Zone Endurance Ride', 152, baselineFrom(c), 'Jordan Vale'), zone: AUCKLAND };
  const test: FakeWorkout = { ...ftpTest('time-zone-jump:test:honolulu', rideAt + 22 * 3600, 214, baselineFrom(c)), zone: HONOLULU, pacing: 'negative-split' };
  const after: FakeRider = { ...riderOf('time-zone-jump', [a, b, c, ride, test], test), listOrder: 'device_time_created_at' };
  if (withNewTest) return after;
  const warmUpOfTest = after.workouts.find((w) => w.createdAt === test.createdAt - 15 * 60);
  const ftp = calculatedFtp(c.avgOutput ?? 0);
  return {
    ...after,
    workouts: after.workouts.filter((w) => w !== test && w !== warmUpOfTest),
    cyclingFtp: ftp,
    cyclingFtpWorkoutId: c.id,
    cyclingWorkoutFtp: ftp,
    estimatedCyclingFtp: ftp + 4,
  };
}

/** The rider with every IN_PROGRESS workout finished (COMPLETE); an unfinished FTP test ends at 214 W. */
export function finishWorkouts(rider: FakeRider): FakeRider {
  return {
    ...rider,
    workouts: rider.workouts.map((w) => (w.status === 'IN_PROGRESS' ? { ...w, status: 'COMPLETE', avgOutput: isTest(w) ? 214 : w.avgOutput } : w)),
  };
}

/**
 * A rider with `n` FTP tests among `total` workouts (n ≥ 1, total ≥ 2n + 3), one workout a day back from
 * 2026-01-14 (the newest is a ride the day after the newest test). Every test has its warm-up 15 minutes before; the
 * rest are Power Zone and other rides, runs, strength classes and stretches. The tests are chained (each baseline
 * set by the previous test, the oldest with none) and /api/me names the newest. For the benchmark: many-10-500,
 * many-50-2000.
 */
function manyWorkouts(n: number, total: number): FakeRider {
  if (!(n >= 1 && total >= 2 * n + 3)) throw new Error(`many-${n}-${total}: needs at least one test and ${2 * n + 3} workouts`);
  const label = `many-${n}-${total}`;
  const rng = rngFor(label);
  const newestAt = noonUtc(2026, 1, 14);
  // Slot j (0 = newest) is day j back; test k (0 = newest) takes slot testSlot(k), its warm-up the slot after.
  const testSlot = (k: number): number => 1 + Math.floor((k * (total - 2)) / n);
  const tests: FakeWorkout[] = [];
  let avg = 165;
  for (let k = n - 1; k >= 0; k--) {
    if (k < n - 1) avg = Math.min(330, Math.max(110, avg + rng.int(-8, 10)));
    const prev = tests[tests.length - 1];
    tests.push(ftpTest(`${label}:test:${k}`, newestAt - testSlot(k) * DAY, avg, prev ? baselineFrom(prev) : NO_BASELINE, INSTRUCTORS[k % INSTRUCTORS.length]));
  }
  const newest = tests[tests.length - 1];
  const slots = new Map<number, FakeWorkout>();
  for (let k = 0; k < n; k++) {
    const test = tests[n - 1 - k];
    slots.set(testSlot(k), test);
    slots.set(testSlot(k) + 1, otherRide(`${label}:warmup:${k}`, test.createdAt - 15 * 60, WARM_UP_TITLES[k % 2], Math.round((test.avgOutput ?? 150) * 0.55), { ...test.ftpInfo }, test.instructor));
  }
  const workouts: FakeWorkout[] = [];
  for (let j = 0; j < total; j++) {
    const planned = slots.get(j);
    if (planned) {
      workouts.push(planned);
      continue;
    }
    const at = newestAt - j * DAY + rng.int(-5, 8) * 3600;
    const roll = rng.next();
    if (roll < 0.2) {
      const [discipline, title, instructor] = rng.pick(OTHER_DISCIPLINE_TITLES);
      workouts.push(otherDiscipline(`${label}:other:${j}`, at, discipline, title, instructor, discipline === 'running' ? rng.int(80, 120) : null));
    } else {
      const baseline = baselineAt(tests, at, baselineFrom(newest));
      const title = roll < 0.55 ? rng.pick(['30 min Power Zone Endurance Ride', '45 min Power Zone Ride', '60 min Power Zone Max Ride']) : rng.pick(OTHER_TITLES);
      workouts.push(otherRide(`${label}:ride:${j}`, at, title, rng.int(100, 210), baseline, rng.pick(INSTRUCTORS)));
    }
  }
  const ftp = calculatedFtp(newest.avgOutput ?? 0);
  return {
    userId: fakeId(`rider:${label}`),
    username: `Many${n}Of${total}Rider`,
    cyclingFtp: ftp,
    cyclingFtpSource: 'ftp_workout_source',
    cyclingFtpWorkoutId: newest.id,
    cyclingWorkoutFtp: ftp,
    estimatedCyclingFtp: ftp + 3,
    workouts,
  };
}

/** Options of {@link chainOf}. */
interface ChainOptions {
  /** Label mixed into every id and the random walk (different labels give different riders). Default 'long-chain'. */
  label?: string;
}

/**
 * A rider with `n` FTP tests 21 days apart up to 2026-01-14, chained newest → oldest by `ftp_workout_source` links
 * (the oldest with baseline 0/null), average outputs on a seeded random walk from 170 W between 110 and 330 W;
 * /api/me names the newest. `n = 0` gives a rider with no FTP. Used by benchmarks (n = 2, 10, 50, 200).
 */
export function chainOf(n: number, options: ChainOptions = {}): FakeRider {
  const label = options.label ?? 'long-chain';
  const newestAt = noonUtc(2026, 1, 14);
  const rng = rngFor(`chain:${label}:${n}`);
  const tests: FakeWorkout[] = [];
  let avg = 170;
  for (let i = 0; i < n; i++) {
    if (i > 0) avg = Math.min(330, Math.max(110, avg + rng.int(-8, 10)));
    const prev = tests[i - 1];
    tests.push(ftpTest(`${label}:${n}:test:${i}`, newestAt - (n - 1 - i) * 21 * DAY, avg, prev ? baselineFrom(prev) : NO_BASELINE, INSTRUCTORS[i % INSTRUCTORS.length]));
  }
  return riderOf(`${label}-${n}`, tests, tests[n - 1] ?? null);
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
function selfLoop(): FakeRider {
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
function missingGraph(): FakeRider {
  const [a, b, c] = threeTests('missing-graph');
  b.graph = 'missing';
  return riderOf('missing-graph', [a, b, c], c);
}

/** Three chained tests; the middle one's performance graph has no `avg_output` (and no output series). */
function noAvgOutput(): FakeRider {
  const [a, b, c] = threeTests('no-avg-output');
  b.avgOutput = null;
  c.ftpInfo = { ftp: 185, source: 'ftp_workout_source', workoutId: b.id };
  return riderOf('no-avg-output', [a, b, c], c);
}

/** Three tests; the middle one's `ftp_workout_id` names a workout that does not exist (404). The oldest is orphaned. */
function workout404MidChain(): FakeRider {
  const [a, b, c] = threeTests('workout-404-mid-chain');
  b.ftpInfo = { ftp: 171, source: 'ftp_workout_source', workoutId: fakeId('workout-404-mid-chain:ghost') };
  return riderOf('workout-404-mid-chain', [a, b, c], c);
}

/** A rider who never took an FTP test: cycling_ftp 0, no source, cycling_ftp_workout_id null; six ordinary rides. */
function noFtp(): FakeRider {
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
function manualBreak(): FakeRider {
  const [a, b, c] = threeTests('manual-break');
  const d = ftpTest('manual-break:test:d', noonUtc(2025, 11, 12), 212, { ftp: 200, source: 'ftp_manual_source', workoutId: null });
  return riderOf('manual-break', [a, b, c, d], d);
}

/** Every named dataset (besides the families chain-<N>, chain-<N>+1, many-<N>-<W> and many-<N>-<W>+1). */
export const datasets: Record<string, () => FakeRider> = {
  'seed-example': seedExample,
  demo: () => demo(),
  'demo-multilingual': () => demo({ multilingual: true }),
  multilingual,
  abandoned: () => abandoned(),
  'time-zone-jump': () => timeZoneJump(false),
  'time-zone-jump+1': () => timeZoneJump(true),
  'no-chain': noChain,
  'in-progress': inProgress,
  'long-chain': () => chainOf(50),
  cycle,
  'self-loop': selfLoop,
  'missing-graph': missingGraph,
  'no-avg-output': noAvgOutput,
  'workout-404-mid-chain': workout404MidChain,
  'no-ftp': noFtp,
  'manual-break': manualBreak,
};

/**
 * A fresh rider of the named dataset; throws an Error listing the known names when there is none. Besides the
 * names in {@link datasets}: `chain-<N>` ({@link chainOf}, N ≤ 999), `many-<N>-<W>` ({@link manyWorkouts}, N FTP
 * tests among W workouts, W ≤ 99999), and either with `+1`: the same rider one new FTP test later
 * ({@link withNewTest}; for many-…+1 with its warm-up ride too).
 */
export function getDataset(name: string): FakeRider {
  const chain = /^chain-(\d{1,3})(\+1)?$/.exec(name);
  if (chain) {
    const rider = chainOf(Number(chain[1]), { label: `chain-${chain[1]}` });
    return chain[2] ? withNewTest(rider) : rider;
  }
  const many = /^many-(\d{1,4})-(\d{1,5})(\+1)?$/.exec(name);
  if (many) {
    const rider = manyWorkouts(Number(many[1]), Number(many[2]));
    return many[3] ? withNewTest(rider, { warmUp: true }) : rider;
  }
  const make = Object.prototype.hasOwnProperty.call(datasets, name) ? datasets[name] : undefined;
  if (!make) {
    throw new Error(`Unknown dataset '${name}'. Known datasets: ${Object.keys(datasets).join(', ')}, chain-<N>, chain-<N>+1, many-<N>-<W>, many-<N>-<W>+1`);
  }
  return make();
}

/**
 * The rider after taking one more FTP test, 30 days after the newest (average output 240 W, baseline from the
 * newest test; /api/me now names it): what a refresh finds as one new test. With `warmUp`, a '10 min FTP Warm Up
 * Ride' 15 minutes before it is new too (one new workout that is not a test).
 */
function withNewTest(rider: FakeRider, options: { warmUp?: boolean } = {}): FakeRider {
  const newest = rider.workouts.find((w) => w.id === rider.cyclingFtpWorkoutId);
  if (!newest) throw new Error(`rider ${rider.username} has no current FTP test to build on`);
  const added = ftpTest(`${rider.username}:new:${rider.workouts.length}`, newest.createdAt + 30 * 86_400, 240, baselineFrom(newest));
  const warmUp = options.warmUp
    ? [otherRide(`${rider.username}:new-warmup:${rider.workouts.length}`, added.createdAt - 15 * 60, WARM_UP_TITLES[0], 132, { ...added.ftpInfo }, added.instructor)]
    : [];
  return {
    ...rider,
    workouts: [...rider.workouts, ...warmUp, added],
    cyclingFtpWorkoutId: added.id,
    cyclingFtpSource: 'ftp_workout_source',
    cyclingFtp: calculatedFtp(240),
    cyclingWorkoutFtp: calculatedFtp(240),
  };
}
