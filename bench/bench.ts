/**
 * `npm run bench`: the chain walk measured against the founding notes' reference walker, on the fake
 * Peloton API with a per-request latency (default 50 ms, `--latency <ms>`), full-size payloads, and
 * riders of N = 2, 10 and 50 FTP tests (`--sizes 2,10,50`, `--runs 5`). The fake API runs in processes
 * of its own (as Peloton's servers are not in the extension's process): one serving the rider, one the
 * same rider after one more test. Variants run in alternation after a warm-up. Prints one table and the
 * floor ((N + 1) round trips × latency). Asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Agent } from 'undici';
import { PelotonApi } from '../src/peloton/api';
import { createPelotonDispatcher } from '../src/peloton/dispatcher';
import { walkFtpChain } from '../src/peloton/ftpChain';
import { mergeWalk } from '../src/peloton/historyMerge';
import { referenceWalk } from './referenceWalker';

const { values: options } = parseArgs({
  options: { latency: { type: 'string', default: '50' }, sizes: { type: 'string', default: '2,10,50' }, runs: { type: 'string', default: '5' } },
});
const latency = Number(options.latency);
const sizes = options.sizes.split(',').map(Number);
const runs = Number(options.runs);
const root = resolve(__dirname, '..');

type Variant = 'reference' | 'walk (cold)' | 'refresh, no new test' | 'refresh, 1 new test';
const VARIANTS: Variant[] = ['reference', 'walk (cold)', 'refresh, no new test', 'refresh, 1 new test'];

interface Sample {
  ms: number;
  requests: number;
  bytes: number;
}

interface FakeProcess {
  url: string;
  token: string;
  child: ChildProcess;
}

/** Starts `npm run fake-api` for a dataset in a process of its own and reads its URL and token. */
async function startFakeProcess(dataset: string): Promise<FakeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fakePeloton/cli.ts', '--dataset', dataset, '--latency', String(latency)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let url = '';
  let token = '';
  for await (const line of createInterface({ input: child.stdout! })) {
    url ||= /^Fake Peloton API: (\S+)/.exec(line)?.[1] ?? '';
    token ||= /^Demo access token: (\S+)/.exec(line)?.[1] ?? '';
    if (url && token) break;
  }
  if (!url || !token) throw new Error(`the fake API for ${dataset} did not start`);
  return { url, token, child };
}

async function stopFakeProcess(fake: FakeProcess): Promise<void> {
  fake.child.kill('SIGTERM');
  if (fake.child.exitCode === null) await once(fake.child, 'exit');
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Our client for one fake server, counting requests and body bytes. */
function ourClient(fake: FakeProcess) {
  const counters = { requests: 0, bytes: 0 };
  const dispatcher = createPelotonDispatcher();
  const api = new PelotonApi({
    baseUrl: fake.url,
    getAccessToken: () => fake.token,
    dispatcher,
    onExchange: (r) => {
      counters.requests++;
      counters.bytes += r.bytes;
    },
  });
  return { api, counters, dispatcher };
}

async function benchSize(n: number): Promise<string[]> {
  const [current, afterNewTest] = await Promise.all([startFakeProcess(`chain-${n}`), startFakeProcess(`chain-${n}+1`)]);
  const referenceAgent = new Agent();
  const clients = { current: ourClient(current), afterNewTest: ourClient(afterNewTest) };
  const stored = mergeWalk(null, await walkFtpChain(clients.current.api, { maxTests: 50 }), 0).history!;
  const known = new Set(stored.tests.map((t) => t.workoutId));

  const timed = async (work: () => Promise<{ requests: number; bytes: number }>): Promise<Sample> => {
    const started = performance.now();
    const { requests, bytes } = await work();
    return { ms: performance.now() - started, requests, bytes };
  };
  const ours = async (client: ReturnType<typeof ourClient>, isKnown?: (id: string) => boolean) => {
    client.counters.requests = 0;
    client.counters.bytes = 0;
    const walk = await walkFtpChain(client.api, { maxTests: 50, isKnown });
    if (isKnown) mergeWalk(stored, walk, 0);
    return { ...client.counters };
  };
  const runVariant = (variant: Variant): Promise<Sample> => {
    switch (variant) {
      case 'reference':
        return timed(() => referenceWalk(current.url, current.token, referenceAgent));
      case 'walk (cold)':
        return timed(() => ours(clients.current));
      case 'refresh, no new test':
        return timed(() => ours(clients.current, (id) => known.has(id)));
      case 'refresh, 1 new test':
        return timed(() => ours(clients.afterNewTest, (id) => known.has(id)));
    }
  };
  for (const variant of VARIANTS) await runVariant(variant); // warm-up: connections, JIT
  const samples = new Map<Variant, Sample[]>(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < runs; round++) {
    for (const variant of round % 2 ? [...VARIANTS].reverse() : VARIANTS) samples.get(variant)!.push(await runVariant(variant));
  }
  await Promise.all([stopFakeProcess(current), stopFakeProcess(afterNewTest), referenceAgent.close(), clients.current.dispatcher.close(), clients.afterNewTest.dispatcher.close()]);

  const tests = Math.min(n, 50);
  const floors: Record<Variant, number> = {
    reference: (1 + 2 * tests) * latency,
    'walk (cold)': (tests + 1) * latency,
    'refresh, no new test': latency,
    'refresh, 1 new test': 2 * latency,
  };
  const ref = samples.get('reference')!;
  return VARIANTS.map((variant) => {
    const s = samples.get(variant)!;
    const ms = s.map((x) => x.ms);
    const floor = floors[variant];
    const cells = [
      String(n),
      variant,
      String(median(s.map((x) => x.requests))),
      `${(median(s.map((x) => x.bytes)) / 1024).toFixed(1)} KB`,
      `${median(ms).toFixed(0)} (${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)})`,
      median(s.map((x, i) => x.ms / ref[i]!.ms)).toFixed(2),
      String(floor),
      floor > 0 ? `${(((median(ms) - floor) / floor) * 100).toFixed(1)} %` : '—',
    ];
    return `| ${cells.join(' | ')} |`;
  });
}

async function main(): Promise<void> {
  console.log(`Benchmark: fake Peloton API on 127.0.0.1 (own processes), ${latency} ms per request, ${runs} runs per variant after a warm-up, Node ${process.version}\n`);
  console.log('| N | variant | requests | bytes received | wall ms median (min–max) | ratio to reference | floor ms | above floor |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const n of sizes) for (const line of await benchSize(n)) console.log(line);
  console.log(`\nPeak memory of the benchmark process (max RSS, client side): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  console.log('Floor: the least time the chain allows at this latency. A cold walk needs N + 1 sequential round trips');
  console.log('(/api/me, then one per test: a link is known only once the previous workout has arrived); the reference');
  console.log('makes 1 + 2N sequential requests; a refresh needs 1 (nothing new) or 2 (one new test).');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
