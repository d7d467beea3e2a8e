/**
 * The 1-second series behind a fake performance graph (GET /api/workout/{id}/performance_graph), and how
 * `every_n=N` turns them into samples.
 *
 * What the recordings say (shared/fixtures/peloton-recorded/harvest, the cycling graphs asked with every_n=1):
 * `seconds_since_pedaling_start` counts seconds 1, 2, … up to the duration; `average_summaries` `avg_output` and the
 * output metric's `average_value` are the mean of the per-second output rounded to whole watts (97.72 → 98,
 * 142.268 → 142, 112.049 → 112, 118.695 → 119: the mean of the samples, not total work over the class length), and
 * `summaries` `total_output` is the per-second sum in kJ, rounded (142.268 W × 1800 s → 256 kJ). With every_n=5
 * (avchrisr) the values are whole numbers and there is one sample every 5 s. Public clients ask for every_n 1, 5,
 * 10000 (one sample) or any number they like: the fake takes any whole N ≥ 1.
 *
 * The fake's rule (issue 17): one series value per second (index i is the second ending at i + 1 s since pedaling
 * start); a sample labelled t covers the N seconds ending at t (labels N, 2N, …, and the duration last, whose window
 * may be shorter) and is the mean of those seconds, rounded to whole units (speed: 0.1 mph). The every_n=5 recording
 * places its labels at 1, 6, 11, …, 1796, 1800 instead: the server's `sampleLabels: 'recorded'` option does that.
 *
 * Every series is generated from seeds (the workout id), so it is the same from run to run; its mean output is
 * `avgOutput` plus a seeded offset within ±0.4 W, so that round(mean) is exactly `avgOutput` and the mean is not a
 * whole number (as in the recordings). An FTP test is one 20-minute effort shaped by its {@link Pacing}.
 */
import { type FakeWorkout, type Pacing, durationOf, isFtpTestClass } from './dataset';
import { type Rng, rngFor } from './random';

/** The maximum heart rate the fake rider's zones are based on, bpm. */
export const MAX_HEART_RATE = 184;

/** One segment of a class (`segment_list`): name, icon slug, start and length in seconds, intensity in METs. */
export interface Segment {
  name: string;
  slug: string;
  start: number;
  length: number;
  mets: number;
}

/**
 * The segments of a class: an FTP test is one 20-minute effort (its warm-up is a class of its own, "10 min FTP Warm
 * Up Ride"); other rides warm up (15 %), ride, and cool down (10 %), like the recorded segment lists.
 */
export function segmentsFor(w: FakeWorkout, duration: number): Segment[] {
  if (isFtpTestClass(w)) return [{ name: 'Cycling', slug: 'cycling', start: 0, length: duration, mets: 9 }];
  const warm = Math.round(duration * 0.15);
  const cool = Math.round(duration * 0.1);
  return [
    { name: 'Warmup', slug: 'warmup', start: 0, length: warm, mets: 3.5 },
    { name: 'Cycling', slug: 'cycling', start: warm, length: duration - warm - cool, mets: 6 },
    { name: 'Cool Down', slug: 'cooldown', start: duration - cool, length: cool, mets: 3.5 },
  ];
}

/** The 1-second series of one workout: index i is the second ending at i + 1 s since pedaling start. */
export interface SecondSeries {
  /** The class duration D, seconds (every series has D values). */
  duration: number;
  /** Output, whole watts; null when the workout has no `avg_output` (`avgOutput` null). */
  output: number[] | null;
  /** Cadence, whole rpm. */
  cadence: number[];
  /** Resistance, whole %. */
  resistance: number[];
  /** Speed, mph with one decimal. */
  speed: number[];
  /** Heart rate, whole bpm. */
  heartRate: number[];
}

const PACINGS: readonly Pacing[] = ['fade', 'negative-split', 'even'];

/** The pacing of an FTP test: its `pacing`, else one picked by a seed from its id. */
export function pacingOf(w: FakeWorkout): Pacing {
  return w.pacing ?? rngFor(`pacing:${w.id}`).pick(PACINGS);
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const round1 = (x: number): number => Math.round(x * 10) / 10;
const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * The relative effort of an FTP test, second by second (mean 1): a fade falls from 1 + m to 1 − m (m 4–9 %), a
 * negative split rises from 1 − m to 1 + m (m 2–6 %) and kicks harder at the end, an even test holds 1; all jump
 * off the start for 20 s and push in the last 45 s, with slow waves (riders breathe, climb out of the saddle).
 */
function testShape(pacing: Pacing, rng: Rng, duration: number): number[] {
  const m = pacing === 'fade' ? 0.04 + rng.next() * 0.05 : pacing === 'negative-split' ? 0.02 + rng.next() * 0.04 : 0;
  const kick = pacing === 'negative-split' ? 0.12 : 0.06;
  const shape: number[] = [];
  for (let t = 0; t < duration; t++) {
    const u = (t + 0.5) / duration;
    const trend = pacing === 'fade' ? 1 + m * (1 - 2 * u) : pacing === 'negative-split' ? 1 - m * (1 - 2 * u) : 1;
    const wave = 1 + 0.025 * Math.sin(t / 29) + 0.015 * Math.sin(t / 83);
    const surge = t < 20 ? 0.2 * (1 - t / 20) : 0;
    const finish = t >= duration - 45 ? (kick * (t - (duration - 45))) / 45 : 0;
    shape.push(trend * wave + surge + finish);
  }
  return shape;
}

/** The relative effort of any other ride: 60 % in the warm-up, 108 % in the main set, 50 % in the cool-down, with waves. */
function rideShape(segments: Segment[], duration: number): number[] {
  const shape: number[] = [];
  for (let t = 0; t < duration; t++) {
    const seg = segments.find((s) => t >= s.start && t < s.start + s.length) ?? segments[segments.length - 1];
    const level = seg.slug === 'warmup' ? 0.6 : seg.slug === 'cooldown' ? 0.5 : 1.08;
    shape.push(level * (1 + 0.06 * Math.sin(t / 37)));
  }
  return shape;
}

/** Adds ±1 to values[from..to) (spread over the range, never below 0) until their sum has changed by `diff`. */
function nudge(values: number[], from: number, to: number, diff: number): void {
  const length = to - from;
  const stride = length % 7919 === 0 ? 1 : 7919; // 7919 is prime: the stride visits every index of the range
  for (let k = 0; diff !== 0; k = (k + stride) % length) {
    const step = diff > 0 ? 1 : -1;
    if (values[from + k] + step >= 0) {
      values[from + k] += step;
      diff -= step;
    }
  }
}

/** Sets the sum of values[from..to) to `target` by nudging. */
const sumTo = (values: number[], from: number, to: number, target: number): void =>
  nudge(values, from, to, target - values.slice(from, to).reduce((a, b) => a + b, 0));

/**
 * Whole watts per second with mean `avg` + a seeded offset in ±0.4 W (so round(mean) = avg): the shape scaled to
 * `avg`, with noise, then nudged by single watts to the exact sum. An even FTP test gets the same sum in both halves
 * (to the watt), so that its half split is 0 %.
 */
function outputSeries(w: FakeWorkout, rng: Rng, avg: number, duration: number, segments: Segment[]): number[] {
  const test = isFtpTestClass(w);
  const pacing = pacingOf(w);
  const shape = test ? testShape(pacing, rngFor(`pacing-shape:${w.id}`), duration) : rideShape(segments, duration);
  const scale = avg / mean(shape);
  const values = shape.map((s) => Math.max(0, Math.round(s * scale + rng.noise(avg * 0.035))));
  const target = Math.round((avg + (rng.next() - 0.5) * 0.8) * duration);
  if (test && pacing === 'even' && duration >= 2) {
    const half = Math.floor(duration / 2);
    const first = Math.round((target * half) / duration);
    sumTo(values, 0, half, first);
    sumTo(values, half, duration, target - first);
  } else if (duration > 0) {
    sumTo(values, 0, duration, target);
  }
  return values;
}

/**
 * The 1-second series of a workout's performance graph (see the file's comment): output (absent when `avgOutput`
 * is null), and cadence, resistance, speed and heart rate derived from the effort. Deterministic.
 */
export function secondSeriesOf(w: FakeWorkout): SecondSeries {
  const rng = rngFor(`graph:${w.id}`);
  const duration = durationOf(w);
  const segments = segmentsFor(w, duration);
  // Without avg_output (a bike without a power meter) the other metrics still follow an effort.
  const avg = w.avgOutput ?? 120 + rng.int(0, 60);
  const power = outputSeries(w, rng, avg, duration, segments);
  const cadence = power.map((p) => Math.round(clamp(76 + (14 * p) / Math.max(avg, 1) + rng.noise(3), 50, 125)));
  const resistance = power.map((p) => Math.round(clamp(22 + p / 7 + rng.noise(1.5), 15, 80)));
  const speed = power.map((p) => round1(2.288 * Math.max(p, 1) ** 0.4228));
  let hr = 88;
  const heartRate = power.map((p) => {
    hr += (95 + p * 0.33 - hr) / 40 + rng.noise(0.4);
    return Math.round(clamp(hr, 60, MAX_HEART_RATE + 6));
  });
  return { duration, output: w.avgOutput === null ? null : power, cadence, resistance, speed, heartRate };
}

/**
 * Where a graph's samples are labelled: 'window-end' (the default) at N, 2N, …, and the duration last; 'recorded'
 * at 1, 1 + N, 1 + 2N, …, and the duration last, as the every_n=5 recording (harvest/avchrisr.performance_graph.json:
 * 1, 6, 11, …, 1796, 1800 for 1800 s; 361 samples).
 */
export type SampleLabels = 'window-end' | 'recorded';

/**
 * `seconds_since_pedaling_start` of a graph asked with every_n = n (a whole number ≥ 1) for a class of `duration`
 * seconds: see {@link SampleLabels}. A sample labelled t covers the seconds after the previous label up to t.
 */
export function sampleLabels(duration: number, n: number, style: SampleLabels = 'window-end'): number[] {
  const labels: number[] = [];
  for (let t = style === 'recorded' ? 1 : n; t < duration; t += n) labels.push(t);
  if (duration > 0) labels.push(duration);
  return labels;
}

/**
 * The samples of a 1-second series at `labels` (from {@link sampleLabels}): each the mean of the seconds after the
 * previous label up to its own (values[prev..t)), rounded to `digits` decimals (Math.round: half up).
 */
export function sampleValues(values: readonly number[], labels: readonly number[], digits = 0): number[] {
  const f = 10 ** digits;
  const out: number[] = [];
  let prev = 0;
  for (const t of labels) {
    let sum = 0;
    for (let i = prev; i < t; i++) sum += values[i];
    out.push(Math.round((sum / (t - prev)) * f) / f);
    prev = t;
  }
  return out;
}
