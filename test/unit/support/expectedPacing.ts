/**
 * A test's pacing computed from the fake's exact 1-second output (FakePeloton.secondSeries), independently of src/:
 * the 5-second samples as Peloton makes them (each the mean of the seconds after the previous label up to its own,
 * rounded), then each quarter's mean and the half split in plain loops, as the README states the rule. Shared by the
 * unit test against the fake and the UI suite.
 */

export interface Expected {
  quartersW: number[];
  halfSplitPct: number;
}

/** Labels N, 2N, …, D ('window-end') or 1, 1 + N, …, D ('recorded'), and each sample's mean of its seconds, rounded. */
function samples(seconds: readonly number[], n: number, labels: 'window-end' | 'recorded'): { t: number[]; w: number[] } {
  const d = seconds.length;
  const t: number[] = [];
  for (let at = labels === 'recorded' ? 1 : n; at < d; at += n) t.push(at);
  t.push(d);
  const w: number[] = [];
  let from = 0;
  for (const to of t) {
    let sum = 0;
    for (let i = from; i < to; i++) sum += seconds[i]!;
    w.push(Math.round(sum / (to - from)));
    from = to;
  }
  return { t, w };
}

/** The pacing of a test from its 1-second output, as the README states the rule. */
export function expectedPacing(output: readonly number[], labels: 'window-end' | 'recorded' = 'window-end'): Expected {
  const d = output.length;
  const { t, w } = samples(output, 5, labels);
  const quarters: number[][] = [[], [], [], []];
  t.forEach((at, i) => quarters[at <= d / 4 ? 0 : at <= d / 2 ? 1 : at <= (3 * d) / 4 ? 2 : 3]!.push(w[i]!));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = mean([...quarters[0]!, ...quarters[1]!]);
  const second = mean([...quarters[2]!, ...quarters[3]!]);
  // `+ 0`: a split that rounds to zero from below is 0 %, not −0.
  return { quartersW: quarters.map((q) => Math.round(mean(q))), halfSplitPct: Math.round(((second - first) / first) * 100) + 0 };
}


/** The chart table's Pacing text of these figures: `−5 % · 193 · 187 · 182 · 178 W`. */
export function expectedPacingText(p: Expected): string {
  const split = p.halfSplitPct > 0 ? `+${p.halfSplitPct} %` : p.halfSplitPct < 0 ? `\u2212${-p.halfSplitPct} %` : '0 %';
  return `${split} · ${p.quartersW.join(' · ')} W`;
}
