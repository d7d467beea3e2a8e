/*
 * Power series for stored tests (src/peloton/ftp/seriesBackfill.ts) through refreshHistory on an in-memory rider:
 * a new test costs no extra request, a stored test without a series gets its graph once (under the bound of 6),
 * answers are kept for good, failures are asked again next time and never fail the refresh.
 */
import assert from 'node:assert/strict';
import { MAX_REQUESTS_IN_FLIGHT, refreshHistory } from '../../../../src/peloton/ftp/historyBuilder';
import type { FtpHistory } from '../../../../src/peloton/ftp/model';
import { FakeRider, USER_ID, ftpTest, otherWorkout, type FakeWorkout } from '../../support/fakeRider';

const NOW = 1_770_000_000;
const DAY = 86_400;

/** 240 samples (every 5 s of 20 minutes) fading from `start` by one watt every 10 samples. */
const fade = (start: number): number[] => Array.from({ length: 240 }, (_, i) => start - Math.floor(i / 10));

/** `count` chained tests with graphs and series, a warm-up before each, newest first; test k is `t<k>`. */
function riderWithSeries(count: number): FakeRider {
  const workouts: FakeWorkout[] = [];
  for (let k = 0; k < count; k++) {
    const at = 1_700_000_000 + k * 30 * DAY;
    workouts.push(otherWorkout(`w${k}`, at - 600, 0));
    workouts.push({ ...ftpTest(`t${k}`, at, 200 + k, k === 0 ? null : `t${k - 1}`), output: fade(212 + k) });
  }
  workouts.reverse();
  return new FakeRider(workouts, { cycling_ftp: 200, cycling_ftp_source: 'ftp_workout_source', cycling_ftp_workout_id: `t${count - 1}` });
}

/** The history as a store written before series existed would give it: no `series` on any test. */
const withoutSeries = (history: FtpHistory): FtpHistory => ({ ...history, tests: history.tests.map(({ series: _, ...test }) => test) });

async function refresh(rider: FakeRider, stored: FtpHistory | null): Promise<FtpHistory> {
  const result = await refreshHistory(rider, stored, { expectedUserId: USER_ID, now: NOW });
  assert.equal(result.replaced, true);
  return result.history!;
}

describe('power series of stored tests (seriesBackfill)', () => {
  it('a cold history reads each test\'s series from the graph it fetches anyway: one graph request a test', async () => {
    const rider = riderWithSeries(3);
    const history = await refresh(rider, null);
    assert.equal(rider.count('graph'), 3);
    for (const test of history.tests) {
      const k = Number(test.workoutId.slice(1));
      assert.deepEqual(test.series?.output, fade(212 + k));
      assert.deepEqual(test.series?.seconds, Array.from({ length: 240 }, (_, i) => 5 * (i + 1)));
      assert.equal(test.series?.duration, 1200);
      assert.equal(test.series?.cadence?.length, 240);
    }
  });

  it('stored tests without a series get theirs on the next refresh, once, beside a refresh with nothing new', async () => {
    const rider = riderWithSeries(4);
    const stored = withoutSeries(await refresh(rider, null));
    rider.requests.length = 0;
    const history = await refresh(rider, stored);
    assert.deepEqual(rider.requests.filter((r) => r !== 'me').sort(), ['graph t0', 'graph t1', 'graph t2', 'graph t3']);
    assert.equal(rider.count('me'), 1, '/api/me unchanged: no list page');
    assert.deepEqual(history.tests.map((t) => t.series?.output[0]), [215, 214, 213, 212]);
    rider.requests.length = 0;
    const again = await refresh(rider, history);
    assert.deepEqual(rider.requests, ['me'], 'never again');
    assert.deepEqual(again.tests, history.tests);
  });

  it('a stored test without a result gets null without a request; a graph gone since (404) gets null; neither is asked again', async () => {
    const rider = riderWithSeries(4);
    rider.workouts.find((w) => w.id === 't1')!.avg = undefined; // its graph answers 404: no result
    rider.workouts.find((w) => w.id === 't0')!.avg = null; // no avg_output: no result
    const stored = withoutSeries(await refresh(rider, null));
    rider.workouts.find((w) => w.id === 't2')!.avg = undefined; // gone after it was stored
    rider.requests.length = 0;
    const history = await refresh(rider, stored);
    assert.deepEqual(rider.requests.filter((r) => r !== 'me').sort(), ['graph t2', 'graph t3']);
    assert.deepEqual(
      history.tests.map((t) => [t.workoutId, t.series === null ? null : typeof t.series]),
      [['t3', 'object'], ['t2', null], ['t1', null], ['t0', null]],
    );
    assert.equal(history.tests[1]!.avgOutput, 202, 'the stored result stays');
    rider.requests.length = 0;
    await refresh(rider, history);
    assert.deepEqual(rider.requests, ['me']);
  });

  it('a graph that fails (HTTP 500 after retries) leaves the test for the next refresh and does not fail this one', async () => {
    const rider = riderWithSeries(2);
    const stored = withoutSeries(await refresh(rider, null));
    rider.failures.set('graph t0', Infinity);
    const history = await refresh(rider, stored);
    assert.equal(history.tests.find((t) => t.workoutId === 't0')!.series, undefined);
    assert.ok(history.tests.find((t) => t.workoutId === 't1')!.series);
    rider.failures.clear();
    rider.requests.length = 0;
    const next = await refresh(rider, history);
    assert.deepEqual(rider.requests.filter((r) => r !== 'me'), ['graph t0']);
    assert.deepEqual(next.tests.find((t) => t.workoutId === 't0')!.series?.output, fade(212));
  });

  it('with a new test: 4 requests as before, plus one graph per stored test without a series, at most 6 in flight', async () => {
    const rider = riderWithSeries(20);
    rider.delayMs = 5;
    const stored = withoutSeries(await refresh(rider, null));
    rider.workouts.unshift({ ...ftpTest('new', 1_800_000_000, 230, 't19'), output: fade(240) });
    rider.me = { ...rider.me, cycling_ftp_workout_id: 'new' };
    rider.requests.length = 0;
    rider.maxInFlight = 0;
    const history = await refresh(rider, stored);
    assert.equal(rider.count('graph'), 21);
    assert.equal(rider.count('workout'), 1);
    assert.equal(rider.count('page'), 1);
    assert.ok(rider.maxInFlight <= MAX_REQUESTS_IN_FLIGHT, `at most ${MAX_REQUESTS_IN_FLIGHT} in flight (${rider.maxInFlight})`);
    assert.ok(history.tests.every((t) => t.series), 'every test has its series');
    assert.equal(history.tests.length, 21);
  });

  it('a cancelled refresh keeps the stored history as it was', async () => {
    const rider = riderWithSeries(8);
    const stored = withoutSeries(await refresh(rider, null));
    rider.delayMs = 50;
    const controller = new AbortController();
    const pending = refreshHistory(rider, stored, { expectedUserId: USER_ID, now: NOW, signal: controller.signal });
    setTimeout(() => controller.abort(), 70);
    const result = await pending;
    assert.equal(result.aborted, true);
    assert.equal(result.history, stored);
  });
});
