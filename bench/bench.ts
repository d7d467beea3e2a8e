/**
 * `npm run bench`: the chain walk measured against the founding notes' reference walker, on the fake
 * Peloton API with a per-request latency (default 50 ms, `--latency <ms>`), full-size payloads, and
 * riders of N = 2, 10 and 50 FTP tests (`--sizes 2,10,50`, `--runs 5`). Variants run in alternation
 * after a warm-up. Prints one table and the floor ((N + 1) round trips × latency). Asserts nothing.
 */
import { Agent } from 'undici';
import { PelotonApi } from '../src/peloton/api';
import { createPelotonDispatcher } from '../src/peloton/dispatcher';
import { walkFtpChain } from '../src/peloton/ftpChain';
import { mergeWalk, type FtpHistory } from '../src/peloton/historyMerge';
import { baselineFrom, chainOf, ftpTest } from '../test/fakePeloton/datasets';
import type { FakeRider } from '../test/fakePeloton/dataset';
import { startFakePeloton, type FakePeloton } from '../test/fakePeloton/server';
import { referenceWalk } from './referenceWalker';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const latency = Number(option('latency', '50'));
const sizes = option('sizes', '2,10,50').split(',').map(Number);
const runs = Number(option('runs', '5'));

type Variant = 'reference' | 'walk (cold)' | 'refresh, no new test' | 'refresh, 1 new test';
const VARIANTS: Variant[] = ['reference', 'walk (cold)', 'refresh, no new test', 'refresh, 1 new test'];

interface Sample {
  ms: number;
  requests: number;
  bytes: number;
}

/** The rider with one more FTP test on top (what a rider has after taking a new test). */
function withNewTest(rider: FakeRider): FakeRider {
  const newest = rider.workouts.find((w) => w.id === rider.cyclingFtpWorkoutId)!;
  const added = ftpTest(`bench:new:${rider.workouts.length}`, newest.createdAt + 30 * 86_400, 240, baselineFrom(newest));
  return { ...rider, workouts: [...rider.workouts, added], cyclingFtpWorkoutId: added.id };
}

async function measure(fake: FakePeloton, run: () => Promise<number>): Promise<Sample> {
  fake.resetCounts();
  const started = performance.now();
  const bytes = await run();
  return { ms: performance.now() - started, requests: fake.count(), bytes };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function benchSize(n: number): Promise<string[]> {
  const rider = chainOf(n, { label: `bench-${n}` });
  const fake = await startFakePeloton({ rider, latencyMs: latency });
  const referenceAgent = new Agent();
  const dispatcher = createPelotonDispatcher();
  let bytes = 0;
  const api = new PelotonApi({ baseUrl: fake.url, getAccessToken: () => fake.accessToken, dispatcher, onExchange: (r) => (bytes += r.bytes) });
  const ours = async (options: Parameters<typeof walkFtpChain>[1] = {}) => {
    bytes = 0;
    const walk = await walkFtpChain(api, { maxTests: 50, ...options });
    return { walk, bytes };
  };
  const full = await ours();
  const stored: FtpHistory = mergeWalk(null, full.walk, 0).history!;
  const known = new Set(stored.tests.map((t) => t.workoutId));
  const runVariant = async (variant: Variant): Promise<Sample> => {
    fake.setRider(variant === 'refresh, 1 new test' ? withNewTest(rider) : rider);
    switch (variant) {
      case 'reference':
        return measure(fake, async () => (await referenceWalk(fake.url, fake.accessToken, referenceAgent)).bytes);
      case 'walk (cold)':
        return measure(fake, async () => (await ours()).bytes);
      default:
        return measure(fake, async () => {
          const { walk, bytes: b } = await ours({ isKnown: (id) => known.has(id) });
          mergeWalk(stored, walk, 0);
          return b;
        });
    }
  };
  for (const variant of VARIANTS) await runVariant(variant); // warm-up: connections, JIT
  const samples = new Map<Variant, Sample[]>(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < runs; round++) {
    for (const variant of round % 2 ? [...VARIANTS].reverse() : VARIANTS) samples.get(variant)!.push(await runVariant(variant));
  }
  await fake.close();
  await referenceAgent.close();
  await dispatcher.close();
  const ref = samples.get('reference')!;
  const floors: Record<Variant, number> = {
    reference: (1 + 2 * Math.min(n, 50)) * latency,
    'walk (cold)': (Math.min(n, 50) + 1) * latency,
    'refresh, no new test': latency,
    'refresh, 1 new test': 2 * latency,
  };
  return VARIANTS.map((variant) => {
    const s = samples.get(variant)!;
    const ms = s.map((x) => x.ms);
    const ratio = median(s.map((x, i) => x.ms / ref[i]!.ms));
    const floor = floors[variant];
    const cells = [
      String(n),
      variant,
      String(median(s.map((x) => x.requests))),
      `${(median(s.map((x) => x.bytes)) / 1024).toFixed(1)} KB`,
      `${median(ms).toFixed(0)} (${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)})`,
      variant === 'reference' ? '1.00' : ratio.toFixed(2),
      `${floor}`,
      `${(((median(ms) - floor) / floor) * 100).toFixed(1)} %`,
    ];
    return `| ${cells.join(' | ')} |`;
  });
}

async function main(): Promise<void> {
  console.log(`Benchmark: fake Peloton API on 127.0.0.1, ${latency} ms per request, ${runs} runs per variant after a warm-up, Node ${process.version}\n`);
  console.log('| N | variant | requests | bytes received | wall ms median (min–max) | ratio to reference | floor ms | above floor |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const n of sizes) for (const line of await benchSize(n)) console.log(line);
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(`\nPeak memory of this process (max RSS): ${peak.toFixed(0)} MB`);
  console.log('Floor: the least time the chain allows. A cold walk needs N + 1 sequential round trips (/api/me, then one per test:');
  console.log('each link is known only once the previous workout has arrived); the reference needs 1 + 2N; a refresh 1 or 2.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
