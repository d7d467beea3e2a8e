/**
 * Tests of the fake Peloton API itself (test/fakePeloton): a real server on 127.0.0.1, exercised with global fetch.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { calculatedFtp, findWorkout, isFtpTestClass, type FakeRider, type FakeWorkout } from '../../fakePeloton/dataset';
import { chainOf, datasets, finishWorkouts, getDataset } from '../../fakePeloton/datasets';
import {
  LOCAL_STORAGE_KEY,
  PELOTON_CLIENT_ID,
  decodeJwtPayload,
  makeJwt,
  makeJwtWithoutExp,
  makeLocalStorageValue,
} from '../../fakePeloton/jwt';
import { startFakePeloton, type FakePeloton } from '../../fakePeloton/server';
import { nowSeconds } from '../../../src/shared/dates';
import { type Json, get, getJson, tokenRequest } from './requests';

/** The rider's FTP tests (classes that are tests, in any language), newest first. */
function testsOf(rider: FakeRider): FakeWorkout[] {
  return rider.workouts.filter(isFtpTestClass).sort((a, b) => b.createdAt - a.createdAt);
}

/** Follows ftp_info links from /api/me like a chain walker would, stopping at a repeat or a dead end. */
function walk(rider: FakeRider): string[] {
  const seen: string[] = [];
  let id = rider.cyclingFtpWorkoutId;
  while (id !== null && !seen.includes(id)) {
    const w = findWorkout(rider, id);
    if (!w) break;
    seen.push(id);
    id = w.ftpInfo.workoutId;
  }
  return seen;
}

describe('fake Peloton API', () => {
  describe('authentication of API calls', () => {
    let fake: FakePeloton;
    beforeEach(async () => {
      fake = await startFakePeloton({ rider: getDataset('seed-example') });
    });
    afterEach(() => fake.close());

    it('listens on an ephemeral loopback port', () => {
      assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(new URL(fake.url).port, '0');
    });

    it('answers 401 with Peloton\u2019s error body without a token', async () => {
      const res = await get(fake, '/api/me', null);
      assert.equal(res.status, 401);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json; charset=utf-8/);
      assert.deepEqual(await res.json(), { status: 401, error_code: 3020, subcode: null, message: 'Not logged in', details: null });
    });

    it('answers 401 to a well-formed token it did not issue', async () => {
      const foreign = makeJwt({ sub: fake.rider.userId, exp: nowSeconds() + 3600 });
      assert.equal((await get(fake, '/api/me', foreign)).status, 401);
      assert.equal((await get(fake, '/api/me', 'not-a-jwt')).status, 401);
    });

    it('answers 401 to an expired token and to revoked tokens', async () => {
      const expired = fake.issueAccessToken(-5);
      assert.equal((await get(fake, '/api/me', expired)).status, 401);
      const fresh = fake.issueAccessToken();
      assert.equal((await get(fake, '/api/me', fresh)).status, 200);
      fake.revokeAll();
      assert.equal((await get(fake, '/api/me', fresh)).status, 401);
    });

    it('accepts a token it was told to accept, with or without exp', async () => {
      const noExp = makeJwtWithoutExp({ sub: fake.rider.userId });
      assert.equal((await get(fake, '/api/me', noExp)).status, 401);
      fake.acceptAccessToken(noExp);
      assert.equal((await get(fake, '/api/me', noExp)).status, 200);
    });

    it('issues a JWT access token for the rider with a 48 h expiry and a v1. refresh token', () => {
      const claims = decodeJwtPayload(fake.accessToken);
      assert.ok(claims);
      assert.equal(claims.sub, fake.rider.userId);
      assert.equal(claims.iss, 'https://auth.onepeloton.com/');
      assert.deepEqual(claims.aud, ['https://api.onepeloton.com/']);
      assert.equal((claims.exp as number) - (claims.iat as number), 172_800);
      assert.match(fake.refreshToken, /^v1\.[A-Za-z0-9_-]{20,}$/);
    });

    it('answers unknown paths with an HTML 404 page, unknown workouts with a JSON 404', async () => {
      const page = await get(fake, '/api/nope');
      assert.equal(page.status, 404);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await page.text(), /<html/);
      const missing = await get(fake, '/api/workout/0123456789abcdef0123456789abcdef');
      assert.equal(missing.status, 404);
      const body = (await missing.json()) as Json;
      assert.equal(body.status, 404);
      assert.equal(body.message, 'Workout not found');
    });
  });

  describe('payloads', () => {
    let fake: FakePeloton;
    before(async () => {
      fake = await startFakePeloton({ rider: getDataset('seed-example') });
    });
    after(() => fake.close());

    it('GET /api/me carries the user and the FTP fields', async () => {
      const me = await getJson(fake, '/api/me');
      const [, t2026] = fake.rider.workouts;
      assert.equal(me.id, fake.rider.userId);
      assert.equal(typeof me.username, 'string');
      assert.equal(me.cycling_ftp, 176);
      assert.equal(me.cycling_ftp_source, 'ftp_workout_source');
      assert.equal(me.cycling_ftp_workout_id, t2026.id);
      assert.equal(me.cycling_workout_ftp, 176);
      assert.equal(me.estimated_cycling_ftp, 180);
      for (const field of ['location', 'workout_counts', 'default_heart_rate_zones', 'contract_agreements', 'total_workouts', 'paired_devices']) {
        assert.ok(field in me, `me.${field}`);
      }
    });

    it('GET /api/workout/{id} joins the ride and carries ftp_info', async () => {
      const [t2019, t2026] = fake.rider.workouts;
      const w = await getJson(fake, `/api/workout/${t2026.id}?joins=ride,ride.instructor`);
      assert.equal(w.id, t2026.id);
      assert.equal(w.status, 'COMPLETE');
      assert.equal(w.fitness_discipline, 'cycling');
      assert.equal(w.created_at, t2026.createdAt);
      assert.ok((w.start_time as number) > (w.created_at as number) && (w.end_time as number) > (w.start_time as number));
      assert.deepEqual(w.ftp_info, { ftp: 183, ftp_source: 'ftp_workout_source', ftp_workout_id: t2019.id });
      const ride = w.ride as Json;
      assert.equal(ride.title, '20 min FTP Test Ride');
      assert.equal(ride.duration, 1200);
      assert.equal((ride.instructor as Json).name, t2026.instructor);
      const first = await getJson(fake, `/api/workout/${t2019.id}`);
      assert.deepEqual(first.ftp_info, { ftp: 0, ftp_source: null, ftp_workout_id: null });
    });

    it('GET /api/workout/{id}/performance_graph is full-size and has avg_output', async () => {
      const [, t2026] = fake.rider.workouts;
      const res = await get(fake, `/api/workout/${t2026.id}/performance_graph?every_n=1`);
      const text = await res.text();
      assert.ok(text.length > 20_000, `graph is ${text.length} bytes`);
      const g = JSON.parse(text) as { duration: number; average_summaries: Json[]; summaries: Json[]; metrics: Array<{ slug: string; values: number[] }> };
      assert.equal(g.duration, 1200);
      assert.deepEqual(g.average_summaries.find((s) => s.slug === 'avg_output'), { display_name: 'Avg Output', display_unit: 'watts', value: 185, slug: 'avg_output' });
      assert.ok(g.summaries.some((s) => s.slug === 'total_output'));
      const output = g.metrics.find((m) => m.slug === 'output');
      assert.ok(output);
      assert.equal(output.values.length, 1200);
      // avg_output is the mean of the per-second output rounded to whole watts (as in the recordings), not exact.
      const mean = output.values.reduce((a, b) => a + b, 0) / 1200;
      assert.equal(Math.round(mean), 185);
      assert.notEqual(mean, 185);
    });

    it('every_n thins the samples', async () => {
      const [, t2026] = fake.rider.workouts;
      const g = await getJson<{ metrics: Array<{ values: number[] }>; seconds_since_pedaling_start: number[] }>(fake, `/api/workout/${t2026.id}/performance_graph?every_n=5`);
      assert.equal(g.seconds_since_pedaling_start.length, 240);
      assert.equal(g.metrics[0].values.length, 240);
    });

    it('the payloads are deterministic', async () => {
      const [, t2026] = fake.rider.workouts;
      const a = await (await get(fake, `/api/workout/${t2026.id}/performance_graph`)).text();
      const b = await (await get(fake, `/api/workout/${t2026.id}/performance_graph`)).text();
      assert.equal(a, b);
    });

    it('serves a leading byte-order mark when asked', async () => {
      const bomFake = await startFakePeloton({ rider: getDataset('seed-example'), bom: true });
      try {
        const bytes = new Uint8Array(await (await get(bomFake, '/api/me')).arrayBuffer());
        assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
        assert.equal(bytes[3], '{'.charCodeAt(0));
      } finally {
        await bomFake.close();
      }
    });
  });

  describe('seed-example dataset', () => {
    it('matches the worked example: dates, average outputs and baselines', () => {
      const rider = getDataset('seed-example');
      const inZone = (t: number, tz: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date(t * 1000));
      const [t2026, t2019] = testsOf(rider);
      for (const tz of ['Etc/GMT+11', 'UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Etc/GMT-11']) {
        assert.equal(inZone(t2019.createdAt, tz), '2019-12-04', tz);
        assert.equal(inZone(t2026.createdAt, tz), '2026-01-14', tz);
      }
      assert.equal(t2019.avgOutput, 193);
      assert.equal(calculatedFtp(193), 183);
      assert.deepEqual(t2019.ftpInfo, { ftp: 0, source: null, workoutId: null });
      assert.equal(t2026.avgOutput, 185);
      assert.equal(calculatedFtp(185), 176);
      assert.deepEqual(t2026.ftpInfo, { ftp: 183, source: 'ftp_workout_source', workoutId: t2019.id });
      assert.equal(rider.cyclingFtpWorkoutId, t2026.id);
      for (const w of rider.workouts) assert.match(w.id, /^[0-9a-f]{32}$/);
    });
  });

  describe('datasets', () => {
    it('all build, with 32-hex ids', () => {
      for (const [name, make] of Object.entries(datasets)) {
        const rider = make();
        assert.match(rider.userId, /^[0-9a-f]{32}$/, name);
        assert.equal(new Set(rider.workouts.map((w) => w.id)).size, rider.workouts.length, `${name}: unique ids`);
      }
    });

    it('getDataset names the known datasets when asked for an unknown one', () => {
      assert.throws(() => getDataset('nope'), /Unknown dataset 'nope'.*seed-example.*demo/);
    });

    it('demo: 8 tests from 2020 to 2026 with a manual period, a declined test and an estimated FTP now', () => {
      const rider = getDataset('demo');
      assert.deepEqual(walk(rider), [], '/api/me names no test');
      assert.equal(rider.cyclingFtpSource, 'ftp_estimated_source');
      assert.equal(rider.cyclingFtp, 205);
      const tests = testsOf(rider);
      assert.equal(tests.length, 8);
      assert.equal(new Date(tests[7].createdAt * 1000).getUTCFullYear(), 2020);
      assert.equal(new Date(tests[0].createdAt * 1000).getUTCFullYear(), 2026);
      assert.deepEqual(tests.map((t) => calculatedFtp(t.avgOutput!)), [201, 195, 167, 182, 170, 175, 162, 150]);
      assert.deepEqual(tests[7].ftpInfo, { ftp: 0, source: null, workoutId: null });
      // The 2022-01-19 test went in with a hand-entered FTP (no test named).
      assert.deepEqual(tests[4].ftpInfo, { ftp: 189, source: 'ftp_manual_source', workoutId: null });
      // The 2023 test (index 2) was declined: the next test's baseline names the OLDER 2022-10-05 test.
      assert.equal(tests[1].ftpInfo.workoutId, tests[3].id);
      assert.equal(tests[2].ftpInfo.workoutId, tests[3].id);
      for (const i of [0, 3, 5, 6]) assert.equal(tests[i].ftpInfo.workoutId, tests[i + 1].id);
      const titles = rider.workouts.map((w) => w.title);
      assert.ok(titles.includes('10 min FTP Warm Up Ride') && titles.includes('10 min FTP Warmup Ride'));
      assert.ok(rider.workouts.some((w) => w.discipline === 'running') && rider.workouts.some((w) => w.discipline === 'strength'));
      assert.ok(rider.workouts.length >= 40);
    });

    it('no-chain: /api/me names no test (manual 142); a manual baseline and a declined test in the list', () => {
      const rider = getDataset('no-chain');
      assert.deepEqual(walk(rider), []);
      assert.deepEqual([rider.cyclingFtp, rider.cyclingFtpSource, rider.cyclingWorkoutFtp], [142, 'ftp_manual_source', 0]);
      const [d, c, b, a] = testsOf(rider);
      assert.equal(testsOf(rider).length, 4);
      assert.deepEqual(a.ftpInfo, { ftp: 0, source: null, workoutId: null });
      assert.equal(b.ftpInfo.source, 'ftp_manual_source');
      assert.equal(c.ftpInfo.workoutId, b.id);
      assert.equal(d.ftpInfo.workoutId, b.id, 'c was declined');
    });

    it('every dataset lists warm-ups, other classes and other disciplines besides its tests', () => {
      for (const name of [...Object.keys(datasets), 'chain-3', 'chain-3+1', 'many-4-40', 'many-4-40+1']) {
        const rider = getDataset(name);
        // English, German and Spanish warm-ups (the last two are the fake's own wording)
        const warmUps = rider.workouts.filter((w) => /FTP Warm ?Up|FTP-Aufwärm|Calentamiento FTP/i.test(w.title));
        assert.ok(warmUps.length >= Math.max(1, testsOf(rider).length - 1), `${name}: warm-ups`);
        assert.ok(warmUps.every((w) => !isFtpTestClass(w)));
        assert.ok(rider.workouts.some((w) => /Power Zone/.test(w.title)), `${name}: Power Zone rides`);
        assert.ok(rider.workouts.some((w) => (w.discipline ?? 'cycling') !== 'cycling'), `${name}: other disciplines`);
      }
    });

    it('many-<N>-<W>: N chained tests among W workouts; +1 adds one test and its warm-up', () => {
      const rider = getDataset('many-10-500');
      assert.equal(rider.workouts.length, 500);
      assert.equal(testsOf(rider).length, 10);
      assert.equal(walk(rider).length, 10);
      assert.equal(new Set(rider.workouts.map((w) => w.id)).size, 500);
      const later = getDataset('many-10-500+1');
      assert.equal(later.workouts.length, 502);
      assert.equal(walk(later).length, 11);
      assert.equal(testsOf(later)[0].id, later.cyclingFtpWorkoutId);
      assert.throws(() => getDataset('many-10-20'), /needs at least/);
    });

    it('in-progress: the newest workout is an unfinished FTP test; finishWorkouts completes it', () => {
      const rider = getDataset('in-progress');
      const [riding] = testsOf(rider);
      assert.equal(riding.status, 'IN_PROGRESS');
      assert.notEqual(riding.id, rider.cyclingFtpWorkoutId);
      assert.equal(walk(rider).length, 3);
      const done = finishWorkouts(rider);
      assert.equal(testsOf(done)[0].status, 'COMPLETE');
      assert.equal(testsOf(done)[0].avgOutput, 214);
    });

    it('chainOf(n) chains n tests; cycle and self-loop loop; the broken ones break', () => {
      for (const n of [2, 10, 50, 200]) assert.equal(walk(chainOf(n)).length, n);
      assert.equal(walk(getDataset('cycle')).length, 3);
      const cyc = getDataset('cycle');
      const last = findWorkout(cyc, walk(cyc)[2])!;
      assert.equal(last.ftpInfo.workoutId, cyc.cyclingFtpWorkoutId);
      const loop = getDataset('self-loop');
      const older = findWorkout(loop, walk(loop)[1])!;
      assert.equal(older.ftpInfo.workoutId, older.id);
      assert.equal(walk(getDataset('workout-404-mid-chain')).length, 2);
      assert.equal(getDataset('no-ftp').cyclingFtpWorkoutId, null);
      assert.equal(walk(getDataset('manual-break')).length, 1);
    });
  });

  describe('broken workouts', () => {
    it('missing-graph answers 404 for the middle graph; no-avg-output leaves avg_output out', async () => {
      const fake = await startFakePeloton({ rider: getDataset('missing-graph') });
      try {
        const [, b] = walk(fake.rider);
        assert.equal((await get(fake, `/api/workout/${b}`)).status, 200);
        const res = await get(fake, `/api/workout/${b}/performance_graph`);
        assert.equal(res.status, 404);
        assert.equal(((await res.json()) as Json).status, 404);

        fake.setRider(getDataset('no-avg-output'));
        const [, nb] = walk(fake.rider);
        const g = await getJson<{ average_summaries: Json[]; metrics: Json[] }>(fake, `/api/workout/${nb}/performance_graph`);
        assert.equal(g.average_summaries.some((s) => s.slug === 'avg_output'), false);
        assert.equal(g.metrics.some((m) => m.slug === 'output'), false);
        assert.ok(g.average_summaries.length > 0);
      } finally {
        await fake.close();
      }
    });
  });

  describe('workouts list', () => {
    let fake: FakePeloton;
    before(async () => {
      fake = await startFakePeloton({ rider: getDataset('demo') });
    });
    after(() => fake.close());

    it('paginates newest first with page_count, show_previous and show_next', async () => {
      const total = fake.rider.workouts.length;
      const base = `/api/user/${fake.rider.userId}/workouts?joins=ride,ride.instructor&limit=10&sort_by=-created`;
      const pageCount = Math.ceil(total / 10);
      const seen: Json[] = [];
      for (let page = 0; page < pageCount; page++) {
        const body = await getJson<{ data: Json[]; limit: number; page: number; total: number; count: number; page_count: number; show_previous: boolean; show_next: boolean; sort_by: string }>(fake, `${base}&page=${page}`);
        assert.equal(body.limit, 10);
        assert.equal(body.page, page);
        assert.equal(body.total, total);
        assert.equal(body.page_count, pageCount);
        assert.equal(body.count, body.data.length);
        assert.equal(body.show_previous, page > 0);
        assert.equal(body.show_next, page < pageCount - 1);
        assert.equal(typeof body.sort_by, 'string');
        assert.equal(typeof (body.data[0].ride as Json).title, 'string');
        seen.push(...body.data);
      }
      assert.equal(seen.length, total);
      const times = seen.map((w) => w.created_at as number);
      assert.deepEqual(times, [...times].sort((a, b) => b - a));
    });

    it('leaves the ride out when not joined; other users are 404', async () => {
      const body = await getJson<{ data: Json[] }>(fake, `/api/user/${fake.rider.userId}/workouts?limit=5&page=0`);
      assert.equal(body.data.length, 5);
      assert.equal('ride' in body.data[0], false);
      assert.equal((await get(fake, '/api/user/someoneelse/workouts')).status, 404);
    });

    it('with pageOverlap, pages repeat items and de-duplicating by id gives every workout once', async () => {
      const overlapping = await startFakePeloton({ rider: getDataset('demo'), pageOverlap: 2 });
      try {
        const ids: string[] = [];
        for (let page = 0; ; page++) {
          const body = await getJson<{ data: Json[]; show_next: boolean }>(overlapping, `/api/user/${overlapping.rider.userId}/workouts?limit=10&page=${page}`);
          ids.push(...body.data.map((w) => w.id as string));
          if (!body.show_next) break;
        }
        const total = overlapping.rider.workouts.length;
        assert.ok(ids.length > total);
        assert.equal(new Set(ids).size, total);
      } finally {
        await overlapping.close();
      }
    });
  });

  describe('workout list, ride details and /api/me counters (many-4-250, no-chain, in-progress)', () => {
    let fake: FakePeloton;
    before(async () => {
      fake = await startFakePeloton({ rider: getDataset('many-4-250') });
    });
    after(() => fake.close());
    const list = (query: string): Promise<Json & { data: Json[] }> =>
      getJson<Json & { data: Json[] }>(fake, `/api/user/${fake.rider.userId}/workouts?${query}`);

    it('cuts limit to 100: page_count, count, show_next follow the cut', async () => {
      const first = await list('joins=ride&limit=500&page=0&sort_by=-created');
      assert.deepEqual([first.limit, first.total, first.count, first.page_count, first.show_next, first.show_previous], [100, 250, 100, 3, true, false]);
      const last = await list('joins=ride&limit=500&page=2&sort_by=-created');
      assert.deepEqual([last.count, last.data.length, last.show_next, last.show_previous], [50, 50, false, true]);
      const past = await list('joins=ride&limit=100&page=3');
      assert.deepEqual([past.count, past.show_next], [0, false]);
    });

    it('lists every workout once, newest first, with the joined ride (instructor only when asked)', async () => {
      const items: Json[] = [];
      for (let page = 0; page < 3; page++) items.push(...(await list(`joins=ride&limit=100&page=${page}&sort_by=-created`)).data);
      assert.equal(new Set(items.map((w) => w.id)).size, 250);
      const times = items.map((w) => w.created_at as number);
      assert.deepEqual(times, [...times].sort((a, b) => b - a));
      const rides = items.map((w) => w.ride as Json);
      assert.ok(rides.every((r) => typeof r.id === 'string' && typeof r.title === 'string' && !('instructor' in r)));
      const titles = rides.map((r) => r.title as string);
      assert.equal(titles.filter((t) => t === '20 min FTP Test Ride').length, 4);
      assert.equal(titles.filter((t) => /FTP Warm ?Up Ride/i.test(t)).length, 4);
      assert.ok(titles.some((t) => /Power Zone/.test(t)));
      const disciplines = new Set(items.map((w) => w.fitness_discipline));
      assert.ok(disciplines.has('cycling') && disciplines.has('running') && disciplines.has('strength'), [...disciplines].join());
      assert.ok(items.every((w) => w.status === 'COMPLETE' && typeof w.end_time === 'number' && !('ftp_info' in w)));
      assert.ok(items.every((w) => (w.ride as Json).fitness_discipline === w.fitness_discipline));
      const withInstructor = await list('joins=ride,ride.instructor&limit=3&page=0');
      assert.ok(withInstructor.data.every((w) => 'instructor' in (w.ride as Json)));
    });

    it('GET /api/ride/{id}/details: is_ftp_test true for a test class only; 404 for an unknown ride', async () => {
      const { data } = await list('joins=ride&limit=100&page=0');
      const rideOf = (re: RegExp): Json => data.map((w) => w.ride as Json).find((r) => re.test(r.title as string))!;
      const test = await getJson(fake, `/api/ride/${rideOf(/FTP Test Ride/).id as string}/details`);
      assert.equal(test.is_ftp_test, true);
      assert.equal((test.ride as Json).title, '20 min FTP Test Ride');
      const warmUp = await getJson(fake, `/api/ride/${rideOf(/FTP Warm ?Up/i).id as string}/details`);
      assert.equal(warmUp.is_ftp_test, false);
      const powerZone = await getJson(fake, `/api/ride/${rideOf(/Power Zone/).id as string}/details`);
      assert.equal(powerZone.is_ftp_test, false);
      assert.equal((await get(fake, '/api/ride/0123456789abcdef0123456789abcdef/details')).status, 404);
      assert.equal((await get(fake, `/api/ride/${rideOf(/FTP Test Ride/).id as string}/details`, null)).status, 401);
    });

    it('/api/me counts the finished workouts: total_workouts, workout_counts, last_workout_at', async () => {
      const me = await getJson(fake, '/api/me');
      const first = await list('limit=1&page=0');
      assert.equal(me.total_workouts, 250);
      const counts = me.workout_counts as Array<{ slug: string; count: number }>;
      assert.equal(counts.reduce((a, c) => a + c.count, 0), 250);
      const running = fake.rider.workouts.filter((w) => w.discipline === 'running').length;
      assert.ok(running > 0);
      assert.equal(counts.find((c) => c.slug === 'running')!.count, running);
      assert.equal(me.last_workout_at, first.data[0].created_at);
      assert.equal(me.total_pedaling_metric_workouts, counts.find((c) => c.slug === 'cycling')!.count);
    });

    it('one new test (+1): /api/me counts two more workouts, page 0 starts with them', async () => {
      const before = await getJson(fake, '/api/me');
      fake.setRider(getDataset('many-4-250+1'));
      try {
        const after = await getJson(fake, '/api/me');
        assert.equal(after.total_workouts, (before.total_workouts as number) + 2);
        assert.notEqual(after.cycling_ftp_workout_id, before.cycling_ftp_workout_id);
        const { data } = await list('joins=ride&limit=100&page=0');
        assert.deepEqual(data.slice(0, 2).map((w) => (w.ride as Json).title), ['20 min FTP Test Ride', '10 min FTP Warm Up Ride']);
        assert.equal(data[0].id, after.cycling_ftp_workout_id);
        assert.equal(after.last_workout_at, data[0].created_at);
      } finally {
        fake.setRider(getDataset('many-4-250'));
      }
    });

    it('in-progress: the newest item is IN_PROGRESS with end_time null, not yet counted by /api/me', async () => {
      fake.setRider(getDataset('in-progress'));
      try {
        const { data, total } = await list('joins=ride&limit=100&page=0');
        assert.deepEqual([data[0].status, data[0].end_time, (data[0].ride as Json).title], ['IN_PROGRESS', null, '20 min FTP Test Ride']);
        const me = await getJson(fake, '/api/me');
        assert.equal(me.total_workouts, (total as number) - 1);
        assert.ok((me.last_workout_at as number) < (data[0].created_at as number));
        fake.setRider(finishWorkouts(fake.rider));
        const done = await getJson(fake, '/api/me');
        assert.equal(done.total_workouts, total);
        assert.equal((await list('limit=1&page=0')).data[0].status, 'COMPLETE');
      } finally {
        fake.setRider(getDataset('many-4-250'));
      }
    });

    it('no-chain: /api/me is manual 142 with no test named; the list holds its four tests', async () => {
      fake.setRider(getDataset('no-chain'));
      try {
        const me = await getJson(fake, '/api/me');
        assert.deepEqual([me.cycling_ftp, me.cycling_ftp_source, me.cycling_ftp_workout_id], [142, 'ftp_manual_source', null]);
        const { data } = await list('joins=ride&limit=100&page=0');
        assert.equal(data.filter((w) => (w.ride as Json).title === '20 min FTP Test Ride').length, 4);
      } finally {
        fake.setRider(getDataset('many-4-250'));
      }
    });

    it('a scripted list-page fault: page 1 answers 500 every time, another page 500 once', async () => {
      fake.fault({ match: `/api/user/${fake.rider.userId}/workouts`, query: { page: '1' }, status: 500, times: Infinity });
      fake.fault({ match: '/api/user/', query: { page: '2' }, status: 500 });
      const url = (page: number): string => `/api/user/${fake.rider.userId}/workouts?joins=ride&limit=100&page=${page}`;
      fake.resetCounts();
      assert.equal((await get(fake, url(0))).status, 200);
      for (let i = 0; i < 3; i++) assert.equal((await get(fake, url(1))).status, 500);
      assert.equal((await get(fake, url(2))).status, 500);
      assert.equal((await get(fake, url(2))).status, 200);
      assert.equal(fake.countRoute('workout_list'), 6);
      assert.deepEqual(fake.requests.map((r) => `${new URLSearchParams(r.query).get('page')}:${r.status}`), ['0:200', '1:500', '1:500', '1:500', '2:500', '2:200']);
    });
  });

  describe('POST /oauth/token', () => {
    it('refreshes: a new working access token and a rotated refresh token', async () => {
      const fake = await startFakePeloton({ rider: getDataset('seed-example') });
      try {
        const oldRefresh = fake.refreshToken;
        const res = await tokenRequest(fake, { grant_type: 'refresh_token', client_id: PELOTON_CLIENT_ID, refresh_token: oldRefresh });
        assert.equal(res.status, 200);
        const body = (await res.json()) as Json;
        assert.equal(body.expires_in, 172_800);
        assert.equal(body.token_type, 'Bearer');
        assert.equal(body.scope, 'openid offline_access');
        assert.equal(typeof body.access_token, 'string');
        assert.equal(decodeJwtPayload(body.access_token as string)?.sub, fake.rider.userId);
        assert.equal((await get(fake, '/api/me', body.access_token as string)).status, 200);
        assert.match(body.refresh_token as string, /^v1\./);
        assert.notEqual(body.refresh_token, oldRefresh);
        assert.equal(fake.refreshToken, body.refresh_token);
        const again = await tokenRequest(fake, { grant_type: 'refresh_token', client_id: PELOTON_CLIENT_ID, refresh_token: oldRefresh });
        assert.equal(again.status, 403);
        assert.equal(fake.count('/oauth/token'), 2);
      } finally {
        await fake.close();
      }
    });

    it('keeps the refresh token when rotation is off', async () => {
      const fake = await startFakePeloton({ rider: getDataset('seed-example'), rotateRefreshToken: false, tokenTtlSeconds: 60 });
      try {
        const rt = fake.refreshToken;
        for (let i = 0; i < 2; i++) {
          const body = (await (await tokenRequest(fake, { grant_type: 'refresh_token', client_id: PELOTON_CLIENT_ID, refresh_token: rt })).json()) as Json;
          assert.equal(body.refresh_token, undefined);
          assert.equal(body.expires_in, 60);
        }
      } finally {
        await fake.close();
      }
    });

    describe('refusals', () => {
      let fake: FakePeloton;
      before(async () => {
        fake = await startFakePeloton({ rider: getDataset('seed-example') });
      });
      after(() => fake.close());

      it('an unknown refresh token is invalid_grant', async () => {
        const res = await tokenRequest(fake, { grant_type: 'refresh_token', client_id: PELOTON_CLIENT_ID, refresh_token: 'v1.unknown' });
        assert.equal(res.status, 403);
        assert.deepEqual(await res.json(), { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
      });

      it('a wrong client id is invalid_grant', async () => {
        const res = await tokenRequest(fake, { grant_type: 'refresh_token', client_id: 'someone-else', refresh_token: fake.refreshToken });
        assert.equal(res.status, 403);
        assert.equal(((await res.json()) as Json).error, 'invalid_grant');
      });

      it('the password grant is unauthorized_client', async () => {
        const res = await tokenRequest(fake, { grant_type: 'password', client_id: PELOTON_CLIENT_ID, username: 'a', password: 'b' });
        assert.equal(res.status, 403);
        assert.equal(((await res.json()) as Json).error, 'unauthorized_client');
      });

      it('after revokeAll even the current refresh token is refused', async () => {
        const rt = fake.refreshToken;
        fake.revokeAll();
        const res = await tokenRequest(fake, { grant_type: 'refresh_token', client_id: PELOTON_CLIENT_ID, refresh_token: rt });
        assert.equal(res.status, 403);
      });
    });
  });

  describe('faults', () => {
    let fake: FakePeloton;
    beforeEach(async () => {
      fake = await startFakePeloton({ rider: getDataset('seed-example') });
    });
    afterEach(() => fake.close());

    it('status: answers the scripted status and headers, once, then normally', async () => {
      fake.fault({ match: '/api/me', status: 429, headers: { 'Retry-After': '2' } });
      const first = await get(fake, '/api/me');
      assert.equal(first.status, 429);
      assert.equal(first.headers.get('retry-after'), '2');
      assert.equal(((await first.json()) as Json).status, 429);
      assert.equal((await get(fake, '/api/me')).status, 200);
    });

    it('times and order: faults are consumed in order, each as often as scripted', async () => {
      fake.fault({ match: /performance_graph$/, status: 503, times: 2 });
      fake.fault({ match: '/api/', status: 502 });
      const id = fake.rider.workouts[0].id;
      assert.equal((await get(fake, '/api/me')).status, 502);
      assert.equal((await get(fake, `/api/workout/${id}/performance_graph`)).status, 503);
      assert.equal((await get(fake, `/api/workout/${id}/performance_graph`)).status, 503);
      assert.equal((await get(fake, `/api/workout/${id}/performance_graph`)).status, 200);
    });

    it('garbage: a 200 whose body is not JSON', async () => {
      fake.fault({ match: '/api/me', kind: 'garbage' });
      const res = await get(fake, '/api/me');
      assert.equal(res.status, 200);
      await assert.rejects(res.json(), SyntaxError);
    });

    it('html: an HTML page instead of JSON', async () => {
      fake.fault({ match: '/api/me', kind: 'html' });
      const res = await get(fake, '/api/me');
      assert.equal(res.status, 503);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    });

    it('reset: the connection drops without an answer', async () => {
      fake.fault({ match: '/api/me', kind: 'reset' });
      await assert.rejects(get(fake, '/api/me'), TypeError);
      assert.equal((await get(fake, '/api/me')).status, 200);
    });

    it('hang: no answer until the client gives up', async () => {
      fake.fault({ match: '/api/me', kind: 'hang' });
      const started = Date.now();
      await assert.rejects(get(fake, '/api/me', fake.accessToken, { signal: AbortSignal.timeout(150) }), (err: Error) => err.name === 'TimeoutError');
      assert.ok(Date.now() - started >= 140);
    });

    it('huge: a 10 MB body', async () => {
      fake.fault({ match: '/api/me', kind: 'huge' });
      const res = await get(fake, '/api/me');
      assert.equal(res.status, 200);
      const bytes = (await res.arrayBuffer()).byteLength;
      assert.equal(bytes, 10 * 1024 * 1024);
    });

    it('delayMs alone delays a normal answer', async () => {
      fake.fault({ match: '/api/me', delayMs: 120 });
      const started = Date.now();
      assert.equal((await get(fake, '/api/me')).status, 200);
      assert.ok(Date.now() - started >= 110);
    });

    it('latencyMs delays every answer', async () => {
      const slow = await startFakePeloton({ rider: getDataset('seed-example'), latencyMs: 100 });
      try {
        const started = Date.now();
        assert.equal((await get(slow, '/api/me')).status, 200);
        assert.ok(Date.now() - started >= 90);
      } finally {
        await slow.close();
      }
    });

    it('close() ends hung requests', async () => {
      fake.fault({ match: '/api/me', kind: 'hang' });
      const pending = get(fake, '/api/me');
      await new Promise((r) => setTimeout(r, 50));
      await fake.close();
      await assert.rejects(pending);
    });
  });

  describe('counting', () => {
    it('counts every request by path prefix, faulted ones included, and resets', async () => {
      const fake = await startFakePeloton({ rider: getDataset('seed-example') });
      try {
        const id = fake.rider.workouts[0].id;
        fake.fault({ match: '/api/me', kind: 'reset' });
        await get(fake, '/api/me').catch(() => undefined);
        await get(fake, '/api/me?x=1');
        await get(fake, `/api/workout/${id}`);
        await get(fake, `/api/workout/${id}/performance_graph`);
        await get(fake, '/api/me', null);
        assert.equal(fake.count(), 5);
        assert.equal(fake.count('/api/me'), 3);
        assert.equal(fake.count('/api/workout/'), 2);
        assert.equal(fake.count(`/api/workout/${id}/performance_graph`), 1);
        assert.deepEqual(fake.requests.map((r) => r.status), [0, 200, 200, 200, 401]);
        assert.equal(fake.requests[1].path, '/api/me');
        assert.equal(fake.requests[1].query, '?x=1');
        assert.equal(fake.countRoute('me'), 3);
        assert.equal(fake.countRoute('workout'), 1);
        assert.equal(fake.countRoute('performance_graph'), 1);
        fake.resetCounts();
        assert.equal(fake.count(), 0);
      } finally {
        await fake.close();
      }
    });
  });

  describe('tokens', () => {
    it('makeJwt builds three base64url parts with the claims; makeJwtWithoutExp has no exp', () => {
      const token = makeJwt({ sub: 'u1', exp: 2_000_000_000, iat: 1_999_000_000, extra: { foo: 'bar' } });
      const [h, , sig] = token.split('.');
      assert.deepEqual(JSON.parse(Buffer.from(h, 'base64url').toString()), { alg: 'RS256', typ: 'JWT' });
      assert.ok(sig.length >= 43);
      assert.deepEqual(decodeJwtPayload(token), {
        iss: 'https://auth.onepeloton.com/', aud: ['https://api.onepeloton.com/'], sub: 'u1', iat: 1_999_000_000, exp: 2_000_000_000, foo: 'bar',
      });
      assert.equal('exp' in (decodeJwtPayload(makeJwtWithoutExp({ sub: 'u1' })) ?? {}), false);
    });

    it('makeLocalStorageValue matches the web app\u2019s record', () => {
      const value = JSON.parse(makeLocalStorageValue({ accessToken: 'a.b.c', refreshToken: 'v1.r', expiresAt: 1_768_627_639 }));
      assert.deepEqual(value, {
        body: {
          access_token: 'a.b.c',
          refresh_token: 'v1.r',
          scope: 'openid offline_access',
          expires_in: 172_800,
          token_type: 'Bearer',
          audience: 'https://api.onepeloton.com/',
          oauthTokenScope: 'openid offline_access peloton-api.members:default',
          client_id: 'WVoJxVDdPoFx4RNewvvg6ch2mZ7bwnsM',
        },
        expiresAt: 1_768_627_639,
      });
      assert.equal(LOCAL_STORAGE_KEY, '@@auth0spajs::WVoJxVDdPoFx4RNewvvg6ch2mZ7bwnsM::https://api.onepeloton.com/::openid offline_access');
    });
  });

  describe('cli', () => {
    const cli = join(__dirname, '..', '..', 'fakePeloton', 'cli.ts');
    const tsx = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');

    /** Runs the CLI with `args` until it exits; its status and what it wrote to stderr. */
    async function runToExit(args: string[]): Promise<{ code: number | null; err: string }> {
      const child = spawn(tsx, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      return { code, err };
    }

    /** Runs the CLI with `args` until it is ready, gives `use` its output, then stops it with SIGTERM: its exit status. */
    async function whileServing(args: string[], use: (out: string, line: (label: string) => string) => Promise<void>): Promise<number | null> {
      const child = spawn(tsx, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const ready = new Promise<void>((resolve) =>
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('Press Ctrl+C')) resolve();
        }),
      );
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      try {
        await ready;
        await use(out, (label) => new RegExp(`${label}: (\\S+)`).exec(out)?.[1] ?? '');
      } finally {
        child.kill('SIGTERM');
      }
      return exited;
    }

    it('exits 2 listing the datasets for an unknown one', async () => {
      const { code, err } = await runToExit(['--dataset', 'nope']);
      assert.equal(code, 2);
      assert.match(err, /Unknown dataset 'nope'.*demo/);
    });

    it('prints the URL and tokens, serves, and stops on SIGTERM', async () => {
      const code = await whileServing(['--dataset', 'demo'], async (out, line) => {
        const [url, token] = [line('Fake Peloton API'), line('Demo access token')];
        assert.ok(url && token);
        assert.match(out, /Refresh token: v1\./);
        assert.match(out, /Refresh tokens: rotating, reuse revokes the family/);
        const res = await fetch(`${url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
        assert.equal(((await res.json()) as Json).cycling_ftp, 205);
      });
      assert.equal(code, 0);
    });

    it('takes the new options: --list-order, --no-rotation, --token-delay; refuses a bad value with status 2', async () => {
      const code = await whileServing(['--dataset', 'time-zone-jump', '--list-order', 'created_at', '--no-rotation', '--token-delay', '150'], async (out, line) => {
        assert.match(out, /listed by created_at/);
        assert.match(out, /Refresh tokens: kept \(no rotation\)/);
        const [url, token, refresh] = [line('Fake Peloton API'), line('Demo access token'), line('Refresh token')];
        const headers = { Authorization: `Bearer ${token}` };
        const me = (await (await fetch(`${url}/api/me`, { headers })).json()) as Json;
        const page = (await (await fetch(`${url}/api/user/${me.id as string}/workouts?limit=1&page=0`, { headers })).json()) as Json;
        assert.equal(page.sort_by, '-created_at,-pk');
        const started = Date.now();
        const body = new URLSearchParams({ grant_type: 'refresh_token', client_id: PELOTON_CLIENT_ID, refresh_token: refresh }).toString();
        const grant = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
        assert.equal(grant.status, 200);
        assert.ok(Date.now() - started >= 150);
        assert.equal('refresh_token' in ((await grant.json()) as Json), false);
      });
      assert.equal(code, 0);
      const bad = await runToExit(['--list-order', 'sideways']);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--list-order is one of created_at, device_time_created_at/);
    });
  });
});
