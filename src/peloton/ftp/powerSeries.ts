/**
 * A test's power series as the history keeps it ({@link PowerSeries}), read from its performance graph
 * (GET /api/workout/{id}/performance_graph?every_n=N): `seconds_since_pedaling_start`, the metric of slug `output`
 * (watts) and the one of slug `cadence` (rpm). Plain Node.
 */
import { graphMetric, type PerformanceGraph } from '../api/schemas';
import type { PowerSeries } from './model';

/**
 * The power series of a performance graph, or null when it has none: no `seconds_since_pedaling_start`, no `output`
 * metric, or no output value at all. Series longer than the labels are cut to them (and the labels to the output);
 * the duration is the graph's `duration`, else the last label. Values are kept as Peloton gave them.
 */
export function powerSeriesOf(graph: PerformanceGraph): PowerSeries | null {
  const labels = graph.seconds_since_pedaling_start;
  const output = graphMetric(graph, 'output');
  if (!labels || !output) return null;
  const length = Math.min(labels.length, output.length);
  if (!output.slice(0, length).some((watts) => watts !== null)) return null;
  const cadence = graphMetric(graph, 'cadence');
  const duration = graph.duration != null && graph.duration > 0 ? graph.duration : (labels[length - 1] ?? 0);
  return {
    duration,
    seconds: labels.slice(0, length),
    output: output.slice(0, length),
    cadence: cadence ? Array.from({ length }, (_, i) => cadence[i] ?? null) : null,
  };
}
