/*
 * The power series read from real recorded performance graphs (shared/fixtures/peloton-recorded/harvest), and their
 * pacing, against figures computed here straight from the recorded JSON (plain loops over its arrays).
 */
import assert from 'node:assert/strict';
import { averageOutput, performanceGraphSchema, validatePayload } from '../../../../src/peloton/api/schemas';
import { pacingOf } from '../../../../src/peloton/ftp/pacing';
import { powerSeriesOf } from '../../../../src/peloton/ftp/powerSeries';
import { recordedJson } from '../../support/recorded';

interface RecordedGraph {
  duration: number;
  seconds_since_pedaling_start: number[];
  metrics: Array<{ slug: string; values: Array<number | null> }>;
}

const graphOf = (name: string) => {
  const raw = recordedJson(`harvest/${name}.performance_graph.json`) as unknown as RecordedGraph;
  return { raw, graph: validatePayload(performanceGraphSchema, raw, 'GET /api/workout/{id}/performance_graph') };
};
const metric = (raw: RecordedGraph, slug: string) => raw.metrics.find((m) => m.slug === slug)?.values;

/** The quarters and half split of a recorded graph, by the rule as the README states it, in floating point. */
function expectedPacing(raw: RecordedGraph) {
  const d = raw.duration;
  const output = metric(raw, 'output')!;
  const quarters: number[][] = [[], [], [], []];
  raw.seconds_since_pedaling_start.forEach((t, i) => {
    const w = output[i];
    if (w == null) return;
    const k = t <= d / 4 ? 0 : t <= d / 2 ? 1 : t <= (3 * d) / 4 ? 2 : 3;
    quarters[k]!.push(w);
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = mean([...quarters[0]!, ...quarters[1]!]);
  const second = mean([...quarters[2]!, ...quarters[3]!]);
  return { quartersW: quarters.map((q) => Math.round(mean(q))), halfSplitPct: Math.round(((second - first) / first) * 100) };
}

describe('power series of recorded performance graphs', () => {
  for (const name of ['p2g-sync-my-workout-01', 'p2g-cycling-workout', 'p2g-lanebreaker', 'p2g-ride-based-on-distance']) {
    it(`${name}: labels, output and cadence as recorded; its pacing as computed from the JSON`, () => {
      const { raw, graph } = graphOf(name);
      const series = powerSeriesOf(graph);
      assert.ok(series);
      assert.equal(series.duration, raw.duration);
      assert.deepEqual(series.seconds, raw.seconds_since_pedaling_start);
      assert.deepEqual(series.output, metric(raw, 'output'));
      assert.deepEqual(series.cadence, metric(raw, 'cadence'));
      assert.deepEqual(pacingOf(series), expectedPacing(raw));
    });
  }

  it('a treadmill run (labels 0, 5, …, 1200; output, no cadence): the series without cadence', () => {
    const { raw, graph } = graphOf('p2g-py-running');
    const series = powerSeriesOf(graph);
    assert.equal(series?.cadence, null);
    assert.deepEqual(series?.seconds.slice(0, 3), [0, 5, 10]);
    assert.deepEqual(pacingOf(series), expectedPacing(raw));
  });

  it('the every_n=5 recording (cadence and heart rate, no output metric) and graphs without metrics have no series', () => {
    for (const name of ['avchrisr', 'p2g-meditation', 'p2g-py-strength', 'p2g-running-no-metrics']) {
      assert.equal(powerSeriesOf(graphOf(name).graph), null, name);
    }
  });

  it('series that do not fit read as none and never cost the graph its average output', () => {
    const base = { duration: 1200, average_summaries: [{ slug: 'avg_output', value: 190, display_name: 'Avg Output', display_unit: 'watts' }] };
    const labels = [5, 10, 15, 20];
    const shapes: unknown[] = [
      { ...base, seconds_since_pedaling_start: labels, metrics: [{ slug: 'output', values: ['a', 'b', 'c', 'd'] }] },
      { ...base, seconds_since_pedaling_start: labels, metrics: 'none' },
      { ...base, seconds_since_pedaling_start: 'x', metrics: [{ slug: 'output', values: [1, 2, 3, 4] }] },
      { ...base, seconds_since_pedaling_start: labels, metrics: [{ slug: 'output', values: [null, null, null, null] }] },
      { ...base, seconds_since_pedaling_start: null, metrics: null },
    ];
    for (const shape of shapes) {
      const graph = validatePayload(performanceGraphSchema, shape, 'GET g');
      assert.equal(powerSeriesOf(graph), null, JSON.stringify(shape));
      assert.equal(averageOutput(graph), 190);
    }
  });

  it('cuts the longer of labels and output to the shorter; no duration: the last label', () => {
    const graph = validatePayload(
      performanceGraphSchema,
      { seconds_since_pedaling_start: [5, 10, 15], metrics: [{ slug: 'output', values: [100, 110, 120, 130] }, { slug: 'cadence', values: [80] }] },
      'GET g',
    );
    assert.deepEqual(powerSeriesOf(graph), { duration: 15, seconds: [5, 10, 15], output: [100, 110, 120], cadence: [80, null, null] });
  });
});
