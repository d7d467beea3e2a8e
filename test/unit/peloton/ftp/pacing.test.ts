/*
 * The pacing rule (src/peloton/ftp/pacing.ts) on hand-made series, and as properties against a reference written
 * differently: quarters found by comparing 4t with k·D in BigInt, means and the half split as exact fractions rounded
 * half up in BigInt, so no figure here comes from the code under test.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pacingOf, type Pacing } from '../../../../src/peloton/ftp/pacing';
import type { PowerSeries } from '../../../../src/peloton/ftp/model';

/** Labels N, 2N, …, D (the window-end labelling of every_n = N). */
const windowEnd = (duration: number, n: number): number[] => Array.from({ length: Math.ceil(duration / n) }, (_, i) => Math.min(duration, (i + 1) * n));

/** A series of `duration` seconds at every_n = `n` whose output is `watts(t)` at label t. */
function series(duration: number, n: number, watts: (t: number) => number | null): PowerSeries {
  const seconds = windowEnd(duration, n);
  return { duration, seconds, output: seconds.map(watts), cadence: null };
}

/** ⌊p / q + 1/2⌋ for BigInt p and q > 0 (round half up), by floor division. */
function bigRoundHalfUp(p: bigint, q: bigint): number {
  const num = 2n * p + q;
  const den = 2n * q;
  const quotient = num / den; // truncates toward 0
  return Number(num % den !== 0n && num < 0n ? quotient - 1n : quotient);
}

/** The rule, written out plainly with BigInt (whole watts only). */
function referencePacing(s: PowerSeries): Pacing | null {
  const d = BigInt(s.duration);
  const quarters: bigint[][] = [[], [], [], []];
  s.seconds.forEach((t, i) => {
    const w = s.output[i];
    if (w === null || w === undefined) return;
    let k = 0;
    while (k < 3 && 4n * BigInt(t) > BigInt(k + 1) * d) k++;
    quarters[k]!.push(BigInt(w));
  });
  if (quarters.some((q) => q.length === 0)) return null;
  const sum = (xs: bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);
  const means = quarters.map((q) => bigRoundHalfUp(sum(q), BigInt(q.length)));
  const first = [...quarters[0]!, ...quarters[1]!];
  const second = [...quarters[2]!, ...quarters[3]!];
  const [s1, n1, s2, n2] = [sum(first), BigInt(first.length), sum(second), BigInt(second.length)];
  if (s1 === 0n) return null;
  return { quartersW: means as Pacing['quartersW'], halfSplitPct: bigRoundHalfUp(100n * (s2 * n1 - s1 * n2), s1 * n2) };
}

describe('pacing: quarters and half split of an FTP test', () => {
  it('a fade ridden in four steps: each quarter its own watts, the half split negative', () => {
    const steps = [200, 190, 180, 170];
    const fade = series(1200, 5, (t) => steps[Math.ceil(t / 300) - 1]!);
    // halves 195 and 175 W: (175 − 195) / 195 = −10.26 %
    assert.deepEqual(pacingOf(fade), { quartersW: [200, 190, 180, 170], halfSplitPct: -10 });
  });

  it('a negative split, and an even test at 0 %', () => {
    const negative = series(1200, 5, (t) => (t <= 600 ? 180 : 186));
    assert.deepEqual(pacingOf(negative), { quartersW: [180, 180, 186, 186], halfSplitPct: 3 }); // 6 / 180 = 3.33 %
    const even = series(1200, 15, (t) => (t % 30 === 0 ? 199 : 201));
    assert.deepEqual(pacingOf(even), { quartersW: [200, 200, 200, 200], halfSplitPct: 0 });
  });

  it('a sample at a quarter boundary belongs to the quarter it ends', () => {
    // Only the samples labelled 300, 600 and 900 are high: each counts in the quarter before the boundary.
    const s = series(1200, 300, (t) => (t === 300 ? 400 : t === 600 ? 300 : t === 900 ? 200 : 100));
    assert.deepEqual(s.seconds, [300, 600, 900, 1200]);
    assert.deepEqual(pacingOf(s)?.quartersW, [400, 300, 200, 100]);
  });

  it('rounds half up: a quarter of 200.5 W is 201 W, a split of −4.5 % is −4 %, of +2.5 % is 3 %', () => {
    // 60 samples a quarter; 30 of 200 and 30 of 201 make 200.5.
    const halfWatt = series(1200, 5, (t) => (t % 10 === 0 ? 201 : 200));
    assert.deepEqual(pacingOf(halfWatt)?.quartersW, [201, 201, 201, 201]);
    // first half 200 W, second half 191 W: −4.5 % exactly.
    assert.equal(pacingOf(series(1200, 5, (t) => (t <= 600 ? 200 : 191)))?.halfSplitPct, -4);
    // 200 → 205: +2.5 % exactly.
    assert.equal(pacingOf(series(1200, 5, (t) => (t <= 600 ? 200 : 205)))?.halfSplitPct, 3);
    assert.ok(Object.is(pacingOf(series(1200, 5, (t) => (t <= 600 ? 200 : 199)))?.halfSplitPct, 0), '−0.5 % is 0 %, never −0');
  });

  it("reads the recording's labels (1, 6, …, 1796, 1800) and a label 0 (in the first quarter)", () => {
    const seconds = [...Array.from({ length: 360 }, (_, i) => 1 + 5 * i), 1800];
    const output = seconds.map((t) => (t <= 900 ? 150 : 120));
    // Q1 holds 1..446 (90 labels), Q2 451..896 (90), Q3 901..1346 (90), Q4 1351..1796 and 1800 (91).
    assert.deepEqual(pacingOf({ duration: 1800, seconds, output, cadence: null }), { quartersW: [150, 150, 120, 120], halfSplitPct: -20 });
    const zero = { duration: 20, seconds: [0, 5, 10, 15, 20], output: [100, 100, 100, 100, 100], cadence: null };
    assert.deepEqual(pacingOf(zero), { quartersW: [100, 100, 100, 100], halfSplitPct: 0 });
  });

  it('leaves out samples without output; no pacing without a series, with an empty quarter, a 0 W first half, or no duration', () => {
    const gaps = series(1200, 5, (t) => (t % 20 === 0 ? null : t <= 600 ? 200 : 190));
    assert.deepEqual(pacingOf(gaps), { quartersW: [200, 200, 190, 190], halfSplitPct: -5 });
    assert.equal(pacingOf(null), null);
    assert.equal(pacingOf(undefined), null);
    assert.equal(pacingOf(series(1200, 5, (t) => (t > 900 ? null : 200))), null, 'the last quarter has no output');
    assert.equal(pacingOf(series(1200, 5, (t) => (t <= 600 ? 0 : 150))), null, 'a first half of 0 W');
    assert.equal(pacingOf({ ...series(1200, 5, () => 200), duration: 0 }), null);
  });

  describe('properties', () => {
    const divisors = [1, 2, 3, 4, 5, 6, 10, 12, 15];
    /** A whole-watt series at a divisor of 300, with gaps, for classes of 5 to 45 minutes. */
    const seriesArb = fc
      .record({
        n: fc.constantFrom(...divisors),
        minutes: fc.integer({ min: 5, max: 45 }),
        base: fc.integer({ min: 60, max: 400 }),
        seed: fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 1, maxLength: 50 }),
        gaps: fc.integer({ min: 0, max: 7 }),
      })
      .map(({ n, minutes, base, seed, gaps }) =>
        series(minutes * 60, n, (t) => {
          const i = Math.floor(t / n);
          if (gaps > 0 && i % (gaps + 3) === 0) return null;
          return Math.max(0, base + seed[i % seed.length]!);
        }),
      );

    it('equals the BigInt reference on any whole-watt series', () => {
      fc.assert(fc.property(seriesArb, (s) => assert.deepEqual(pacingOf(s), referencePacing(s))), { numRuns: 400 });
    });

    it('each quarter lies within the output it averages, and a constant ride is even', () => {
      fc.assert(
        fc.property(seriesArb, (s) => {
          const p = pacingOf(s);
          if (!p) return;
          const watts = s.output.filter((w): w is number => w !== null);
          for (const q of p.quartersW) assert.ok(q >= Math.min(...watts) && q <= Math.max(...watts));
        }),
      );
      fc.assert(
        fc.property(fc.constantFrom(...divisors), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 600 }), (n, minutes, w) => {
          const p = pacingOf(series(minutes * 60, n, () => w));
          assert.deepEqual(p, { quartersW: [w, w, w, w], halfSplitPct: 0 });
        }),
      );
    });

    it('the half split does not change when every watt is doubled; quarters double (± rounding)', () => {
      fc.assert(
        fc.property(seriesArb, (s) => {
          const p = pacingOf(s);
          const doubled = pacingOf({ ...s, output: s.output.map((w) => (w === null ? null : 2 * w)) });
          assert.equal(doubled?.halfSplitPct, p?.halfSplitPct);
          if (p && doubled) p.quartersW.forEach((q, k) => assert.ok(Math.abs(doubled.quartersW[k]! - 2 * q) <= 1));
        }),
      );
    });
  });
});
