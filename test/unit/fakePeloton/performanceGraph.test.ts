/**
 * The power series of the fake's performance graphs (issue 17), over HTTP on 127.0.0.1: GET
 * /api/workout/{id}/performance_graph?every_n=N samples the workout's 1-second series (a sample labelled t is the
 * mean of the N seconds ending at t), `avg_output` is round(mean) of that series and the same value as before the
 * series existed, and every FTP test is ridden with a pacing (fade, negative split, even). Expected values are
 * computed here from the recorded 1-second series (`fake.secondSeries`), not with the fake's own sampling code.
 */
import assert from 'node:assert/strict';
import { type FakeRider, type FakeWorkout, isFtpTestClass } from '../../fakePeloton/dataset';
import { datasets, getDataset } from '../../fakePeloton/datasets';
import { pacingOf } from '../../fakePeloton/series';
import { startFakePeloton, type FakePeloton } from '../../fakePeloton/server';
import { type Json, get, getJson } from './requests';

interface Graph {
  duration: number;
  seconds_since_pedaling_start: number[];
  average_summaries: Json[];
  summaries: Json[];
  metrics: Array<{ slug: string; values: number[]; average_value: number; max_value: number }>;
  segment_list: Json[];
  is_class_plan_shown: boolean;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const mean = (xs: readonly number[]): number => sum(xs) / xs.length;
const metric = (g: Graph, slug: string) => g.metrics.find((m) => m.slug === slug);

/** Half split of a series, percent (unrounded): (mean of the second half − mean of the first) / mean of the first × 100. */
const halfSplit = (xs: readonly number[]): number => {
  const h = xs.length / 2;
  return ((mean(xs.slice(h)) - mean(xs.slice(0, h))) / mean(xs.slice(0, h))) * 100;
};

/** Every FTP test of a rider that has a graph with output, oldest first. */
const testsWithOutput = (rider: FakeRider): FakeWorkout[] =>
  rider.workouts.filter((w) => isFtpTestClass(w) && w.graph === 'ok' && w.avgOutput !== null).sort((a, b) => a.createdAt - b.createdAt);

describe('performance graphs: power series (fake Peloton)', () => {
  let fake: FakePeloton;
  afterEach(() => fake?.close());
  const graph = (w: FakeWorkout, everyN?: number): Promise<Graph> =>
    getJson<Graph>(fake, `/api/workout/${w.id}/performance_graph${everyN === undefined ? '' : `?every_n=${everyN}`}`);

  it('every dataset: each test\'s avg_output is the dataset\'s value, round(mean) of its 1-second output, served as is with every_n=1', async () => {
    let tests = 0;
    for (const name of [...Object.keys(datasets), 'chain-3+1', 'many-4-40+1']) {
      fake = await startFakePeloton({ rider: getDataset(name) });
      const rider = fake.rider;
      assert.ok(name === 'no-ftp' || testsWithOutput(rider).length > 0, `${name} has tests with series`);
      for (const w of rider.workouts.filter((x) => x.graph === 'ok' && x.avgOutput !== null && (isFtpTestClass(x) || x === rider.workouts[0]))) {
        const series = fake.secondSeries(w.id)!;
        const output = series.output!;
        assert.equal(output.length, series.duration);
        assert.equal(Math.round(mean(output)), w.avgOutput, `${name} ${w.title}`);
        const g = await graph(w, 1);
        assert.equal(g.average_summaries.find((s) => s.slug === 'avg_output')?.value, w.avgOutput);
        assert.equal(metric(g, 'output')!.average_value, w.avgOutput);
        assert.equal(metric(g, 'output')!.max_value, Math.max(...output));
        assert.deepEqual(metric(g, 'output')!.values, output);
        assert.deepEqual(metric(g, 'cadence')!.values, series.cadence);
        assert.deepEqual(g.seconds_since_pedaling_start, Array.from({ length: series.duration }, (_, i) => i + 1));
        assert.equal(g.summaries.find((s) => s.slug === 'total_output')?.value, Math.round(sum(output) / 1000));
        if (isFtpTestClass(w)) tests++;
      }
      await fake.close();
    }
    assert.ok(tests > 60, `${tests} tests checked`);
  });

  it('every_n=N for every divisor of 300 up to 15 (and 60): 1200/N samples, labelled N, 2N, …, each the rounded mean of its N seconds', async () => {
    fake = await startFakePeloton({ rider: getDataset('seed-example') });
    const [test] = testsWithOutput(fake.rider);
    const { output, cadence } = fake.secondSeries(test.id)!;
    for (const n of [1, 2, 3, 4, 5, 6, 10, 12, 15, 60]) {
      const g = await graph(test, n);
      assert.equal(g.duration, 1200);
      assert.equal(g.seconds_since_pedaling_start.length, 1200 / n, `every_n=${n}`);
      g.seconds_since_pedaling_start.forEach((t, i) => {
        assert.equal(t, (i + 1) * n);
        const window = (xs: number[]) => Math.round(mean(xs.slice(t - n, t)));
        assert.equal(metric(g, 'output')!.values[i], window(output!), `every_n=${n} t=${t}`);
        assert.equal(metric(g, 'cadence')!.values[i], window(cadence));
      });
      assert.equal(g.average_summaries.find((s) => s.slug === 'avg_output')?.value, 193, 'the average does not depend on every_n');
    }
  });

  it('an every_n that does not divide the duration ends with a shorter window; a huge one gives one sample; a bad one counts as 1', async () => {
    fake = await startFakePeloton({ rider: getDataset('seed-example') });
    const [test] = testsWithOutput(fake.rider);
    const output = fake.secondSeries(test.id)!.output!;
    const seven = await graph(test, 7);
    assert.equal(seven.seconds_since_pedaling_start.length, 172);
    assert.deepEqual(seven.seconds_since_pedaling_start.slice(-2), [1197, 1200]);
    assert.equal(metric(seven, 'output')!.values[171], Math.round(mean(output.slice(1197))));
    const one = await graph(test, 10_000);
    assert.deepEqual([one.seconds_since_pedaling_start, metric(one, 'output')!.values], [[1200], [193]]);
    for (const bad of ['0', '-5', 'abc']) {
      const g = await getJson<Graph>(fake, `/api/workout/${test.id}/performance_graph?every_n=${bad}`);
      assert.equal(g.seconds_since_pedaling_start.length, 1200, bad);
    }
  });

  it('sampleLabels \'recorded\' places every_n=5 samples as the recording does: 1, 6, …, 1796, 1800 (361 for 30 minutes)', async () => {
    fake = await startFakePeloton({ rider: getDataset('seed-example'), sampleLabels: 'recorded' });
    const ride = fake.rider.workouts.find((w) => w.title === '30 min Power Zone Endurance Ride')!;
    const g = await graph(ride, 5);
    const t = g.seconds_since_pedaling_start;
    assert.deepEqual([t.length, t.slice(0, 3), t.slice(-2)], [361, [1, 6, 11], [1796, 1800]]);
    const output = fake.secondSeries(ride.id)!.output!;
    assert.equal(metric(g, 'output')!.values[0], output[0]);
    assert.equal(metric(g, 'output')!.values[1], Math.round(mean(output.slice(1, 6))));
  });

  it('pacing: a fade ends weaker, a negative split finishes stronger, an even test splits 0 %; the demo has all three', async () => {
    fake = await startFakePeloton({ rider: getDataset('demo') });
    const tests = testsWithOutput(fake.rider);
    assert.deepEqual(new Set(tests.map(pacingOf)), new Set(['fade', 'negative-split', 'even']));
    for (const test of tests) {
      const output = fake.secondSeries(test.id)!.output!;
      const split = halfSplit(output);
      const quarters = [0, 1, 2, 3].map((q) => mean(output.slice(q * 300, (q + 1) * 300)));
      const what = `${new Date(test.createdAt * 1000).toISOString().slice(0, 10)} ${pacingOf(test)}: split ${split.toFixed(2)} %, quarters ${quarters.map(Math.round).join(' · ')}`;
      if (pacingOf(test) === 'fade') assert.ok(split <= -3 && quarters[0] > quarters[3], what);
      if (pacingOf(test) === 'negative-split') assert.ok(split >= 2 && quarters[3] > quarters[0], what);
      if (pacingOf(test) === 'even') assert.ok(Math.abs(split) < 0.5, what);
      // Realistic: no quarter more than 15 % off the average; output never below half of it after the start.
      assert.ok(quarters.every((q) => Math.abs(q / mean(output) - 1) < 0.15), what);
      assert.ok(output.slice(30).every((w) => w > (test.avgOutput ?? 0) * 0.5), what);
    }
  });

  it('pacing is spread over every dataset\'s tests, and the missing-graph dataset has a test without a graph (404)', async () => {
    const kinds = new Set<string>();
    for (const name of Object.keys(datasets)) for (const test of testsWithOutput(getDataset(name))) kinds.add(pacingOf(test));
    assert.deepEqual(kinds, new Set(['fade', 'negative-split', 'even']));
    fake = await startFakePeloton({ rider: getDataset('missing-graph') });
    const missing = fake.rider.workouts.find((w) => w.graph === 'missing')!;
    assert.ok(isFtpTestClass(missing));
    assert.equal((await get(fake, `/api/workout/${missing.id}/performance_graph?every_n=5`)).status, 404);
  });

  it('an FTP test\'s graph is one 20-minute segment; other rides warm up and cool down, with a plain series', async () => {
    fake = await startFakePeloton({ rider: getDataset('seed-example') });
    const [test] = testsWithOutput(fake.rider);
    const g = await graph(test, 5);
    assert.deepEqual(g.segment_list.map((s) => [s.name, s.start_time_offset, s.length]), [['Cycling', 0, 1200]]);
    assert.equal(g.is_class_plan_shown, true);
    const ride = fake.rider.workouts.find((w) => w.title === '45 min Power Zone Ride' || w.title === '30 min Power Zone Endurance Ride')!;
    const rg = await graph(ride, 5);
    assert.deepEqual(rg.segment_list.map((s) => s.name), ['Warmup', 'Cycling', 'Cool Down']);
    const output = fake.secondSeries(ride.id)!.output!;
    assert.equal(Math.round(mean(output)), ride.avgOutput);
    assert.ok(mean(output.slice(0, 60)) < mean(output) * 0.8, 'the warm-up is easier');
  });
});
