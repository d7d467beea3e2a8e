/**
 * How an FTP test was ridden: its pacing, from the power series of its performance graph (model.ts
 * {@link PowerSeries}: GET /api/workout/{id}/performance_graph?every_n=N, metric slug `output` in watts against
 * `seconds_since_pedaling_start`; a sample labelled t covers the N seconds ending at t). Pure, plain Node.
 *
 * The rule (also in the README, "How the numbers are computed"), for a class of duration D seconds:
 * - **Quarters**: quarter k (1 to 4) holds the samples labelled t with (k − 1)·D/4 < t ≤ k·D/4 (a label at or below
 *   0 counts in the first quarter, one past D in the last). With N a divisor of D/4 (every_n 5 of a 20-minute test:
 *   60 samples a quarter) no sample straddles two quarters. Each quarter's figure is the mean output of its samples,
 *   rounded half up to whole watts.
 * - **Half split**: (mean output of the second half's samples (t > D/2) − the first half's (t ≤ D/2)) / the first
 *   half's × 100, rounded half up (toward +∞: −4.5 → −4) to a whole percent. Negative: a fade (the rider slowed);
 *   positive: a negative split (faster at the end); 0: even.
 * - Samples without an output value are left out of every mean. There is no pacing (null) without a series, with a
 *   duration of 0, when a quarter has no output sample, or when the first half's mean is 0 W.
 * The test's result stays round(`avg_output` × 0.95) from `average_summaries` (rules.ts); pacing never changes it.
 */
import type { PowerSeries } from './model';

/** How a test was ridden: the four quarters' mean output (watts, whole) and the half split (percent, whole, signed). */
export interface Pacing {
  /** Mean output of each quarter of the class, first to last, whole watts. */
  quartersW: [number, number, number, number];
  /** (second half − first half) / first half × 100, whole percent: negative a fade, positive a negative split. */
  halfSplitPct: number;
}

/**
 * p / q rounded half up (toward +∞), for q > 0. With whole p and q (sums of whole watts) it is exact: p / q is a
 * tie exactly when (2p + q) / 2q is a whole number, which floating-point division then gives exactly.
 */
function roundHalfUp(p: number, q: number): number {
  return Math.floor((2 * p + q) / (2 * q)) || 0; // `|| 0`: never −0
}

/**
 * The pacing of a test by the rule above, or null when it has none (no series, no output sample in a quarter, a first
 * half of 0 W).
 */
export function pacingOf(series: PowerSeries | null | undefined): Pacing | null {
  if (!series || !(series.duration > 0)) return null;
  const { duration, seconds, output } = series;
  const sums = [0, 0, 0, 0];
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < seconds.length; i++) {
    const watts = output[i];
    if (watts == null || !Number.isFinite(watts)) continue;
    // (k − 1)·D/4 < t ≤ k·D/4: k = ⌈4t / D⌉ (exact for whole t and D: a quotient that is not whole is ≥ 1/D off one).
    const k = Math.min(3, Math.max(0, Math.ceil((4 * seconds[i]) / duration) - 1));
    sums[k] += watts;
    counts[k]++;
  }
  if (counts.some((n) => n === 0)) return null;
  const quartersW = sums.map((sum, k) => roundHalfUp(sum, counts[k])) as Pacing['quartersW'];
  const [s1, n1] = [sums[0] + sums[1], counts[0] + counts[1]];
  const [s2, n2] = [sums[2] + sums[3], counts[2] + counts[3]];
  if (s1 <= 0) return null;
  // (s2/n2 − s1/n1) / (s1/n1) × 100 = 100 (s2·n1 − s1·n2) / (s1·n2)
  return { quartersW, halfSplitPct: roundHalfUp(100 * (s2 * n1 - s1 * n2), s1 * n2) };
}
