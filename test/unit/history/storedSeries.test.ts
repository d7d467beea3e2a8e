/*
 * How a test's power series is kept in the history file (src/history/storedSeries.ts) and what it costs: round trips
 * (by hand and as a property), the stored form, files written before series existed, a damaged series, and the bytes
 * a test adds to the store with the fake's demo graphs at every_n=5 (printed; at most 4 KB a test).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { HISTORY_SCHEMA_VERSION, HistoryStore } from '../../../src/history/historyStore';
import { decodeSeries, encodeSeries } from '../../../src/history/storedSeries';
import { PERFORMANCE_GRAPH_EVERY_N } from '../../../src/peloton/api/pelotonApi';
import { performanceGraphSchema, validatePayload } from '../../../src/peloton/api/schemas';
import type { FtpHistory, FtpTest, PowerSeries } from '../../../src/peloton/ftp/model';
import { powerSeriesOf } from '../../../src/peloton/ftp/powerSeries';
import { buildPerformanceGraph } from '../../fakePeloton/builder';
import { demo } from '../../fakePeloton/datasets';
import { isFtpTestTitle } from '../../fakePeloton/dataset';

const USER = '0123456789abcdef0123456789abcdef';

function test(i: number, series?: PowerSeries | null): FtpTest {
  return {
    workoutId: `w${i}`,
    takenAt: 1_768_392_060 - i * 86_400 * 30,
    rideTitle: '20 min FTP Test Ride',
    instructor: 'Avery Stone',
    avgOutput: 185 + i,
    calculatedFtp: Math.round((185 + i) * 0.95),
    baselineFtp: 183,
    baselineSource: 'ftp_workout_source',
    rawBaseline: 183,
    previousTestId: `w${i + 1}`,
    applied: 'applied',
    warnings: [],
    ...(series === undefined ? {} : { series }),
  };
}

function history(tests: FtpTest[]): FtpHistory {
  return {
    rider: { userId: USER, username: 'Rider', currentFtp: 176, currentFtpSource: 'ftp_workout_source', estimatedFtp: 180, currentFtpWorkoutId: 'w0' },
    tests,
    warnings: [],
    endReason: 'end',
    fetchedAt: 1_768_400_000,
  };
}

/** The demo rider's FTP tests' series, as the extension reads them from the fake's graphs at every_n=5. */
function demoSeries(): PowerSeries[] {
  return demo()
    .workouts.filter((w) => isFtpTestTitle(w.title) && w.avgOutput !== null)
    .map((w) => powerSeriesOf(validatePayload(performanceGraphSchema, buildPerformanceGraph(w, PERFORMANCE_GRAPH_EVERY_N), 'graph'))!);
}

describe('stored power series', () => {
  it('labels fold into runs of equal steps; values are comma-separated, a missing one empty', () => {
    const windowEnd = Array.from({ length: 240 }, (_, i) => 5 * (i + 1));
    const recorded = [...Array.from({ length: 360 }, (_, i) => 1 + 5 * i), 1800];
    assert.deepEqual(encodeSeries({ duration: 1200, seconds: windowEnd, output: [], cadence: null }).seconds, '5*240');
    assert.deepEqual(encodeSeries({ duration: 1800, seconds: recorded, output: [], cadence: null }).seconds, '1,5*359,4');
    const s: PowerSeries = { duration: 20, seconds: [0, 5, 10, 20], output: [190, null, 201.5, 0], cadence: [88, 90, null, 91] };
    assert.deepEqual(encodeSeries(s), { duration: 20, seconds: '0,5*2,10', output: '190,,201.5,0', cadence: '88,90,,91' });
    assert.deepEqual(decodeSeries(encodeSeries(s)), s);
  });

  it('any series survives the round trip', () => {
    const value = fc.option(fc.oneof(fc.integer({ min: 0, max: 2500 }), fc.double({ min: 0, max: 2500, noNaN: true })), { nil: null });
    const arb = fc.integer({ min: 0, max: 400 }).chain((length) =>
      fc.record({
        duration: fc.integer({ min: 1, max: 7200 }),
        seconds: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: length, maxLength: length }).map((steps) => steps.map((_, i) => steps.slice(0, i + 1).reduce((a, b) => a + b, 0))),
        output: fc.array(value, { minLength: length, maxLength: length }),
        cadence: fc.option(fc.array(value, { minLength: length, maxLength: length }), { nil: null }),
      }),
    );
    fc.assert(fc.property(arb, (s) => assert.deepEqual(decodeSeries(encodeSeries(s)), { ...s })), { numRuns: 300 });
  });

  it('a stored form that does not read gives null', () => {
    const good = { duration: 20, seconds: '5*4', output: '1,2,3,4', cadence: null };
    for (const bad of [
      { ...good, seconds: '5*x' },
      { ...good, seconds: '5*2*2' },
      { ...good, output: '1,2,three,4' },
      { ...good, output: '1,2,3' },
      { ...good, cadence: '1,2' },
    ]) {
      assert.equal(decodeSeries(bad), null, JSON.stringify(bad));
    }
    assert.ok(decodeSeries(good));
  });

  describe('in the history file', () => {
    let folder: string;
    let store: HistoryStore;
    const file = () => join(folder, `history-${USER}.json`);
    beforeEach(async () => {
      folder = await mkdtemp(join(tmpdir(), 'peloton-series-'));
      store = new HistoryStore(folder);
    });
    afterEach(() => rm(folder, { recursive: true, force: true }));

    it('keeps series, none (null) and not read yet (absent) apart, and reads them back', async () => {
      const [first] = demoSeries();
      const saved = history([test(0, first), test(1, null), test(2)]);
      await store.save(saved);
      const { history: loaded, problem } = await store.load(USER);
      assert.equal(problem, null);
      assert.deepEqual(loaded, saved);
      assert.equal('series' in loaded!.tests[2]!, false);
    });

    it('adds at most 4 KB a test with the demo graphs at every_n=5 (figure printed)', async () => {
      const series = demoSeries();
      assert.ok(series.length >= 7 && series.every((s) => s.seconds.length === 1200 / PERFORMANCE_GRAPH_EVERY_N));
      await store.save(history(series.map((_, i) => test(i))));
      const without = (await stat(file())).size;
      await store.save(history(series.map((s, i) => test(i, s))));
      const withSeries = (await stat(file())).size;
      const perTest = (withSeries - without) / series.length;
      console.log(`      store: ${Math.round(perTest)} bytes more a test with its series (${series.length} demo tests, every_n=${PERFORMANCE_GRAPH_EVERY_N})`);
      assert.ok(perTest <= 4096, `${perTest} bytes a test`);
    });

    it(`a schema-${HISTORY_SCHEMA_VERSION} file written before series existed loads; its tests have none yet`, async () => {
      const old = history([test(0), test(1)]);
      await writeFile(file(), JSON.stringify({ schemaVersion: HISTORY_SCHEMA_VERSION, history: old }, null, 1));
      const { history: loaded, problem } = await store.load(USER);
      assert.equal(problem, null);
      assert.deepEqual(loaded, old);
      assert.ok(loaded!.tests.every((t) => t.series === undefined));
    });

    it('a damaged series reads as not read yet (the next refresh asks again); the rest of the file loads', async () => {
      const [first] = demoSeries();
      await store.save(history([test(0, first), test(1, first)]));
      const text = await readFile(file(), 'utf8');
      const damaged = JSON.parse(text) as { history: { tests: Array<{ series: { output: string } }> } };
      damaged.history.tests[0]!.series.output = 'not,watts';
      await writeFile(file(), JSON.stringify(damaged));
      const { history: loaded, problem } = await store.load(USER);
      assert.equal(problem, null);
      assert.equal(loaded!.tests[0]!.series, undefined);
      assert.deepEqual(loaded!.tests[1]!.series, first);
    });
  });
});
