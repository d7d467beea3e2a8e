/**
 * `npm run bench`: the extension's history builder (`refreshHistory`, src/peloton/ftp/historyBuilder.ts) measured
 * against the founding notes' reference walker, on the fake Peloton API with a per-request latency (default 50 ms,
 * `--latency <ms>`) and full-size payloads. Riders (`--riders`, default chain-2,chain-10,chain-50,many-10-500,
 * many-50-2000,many-120-3000): chain-<N> has N chained FTP tests among 3N + 3 workouts; many-<N>-<W> has N chained
 * tests among W workouts. The reference walks every chained test (the founding notes stop at 50: a rider of 120 tests
 * would otherwise be compared with a walk of 50). For each rider the fake API runs in processes of its own (as Peloton's servers are not in the
 * extension's process): one serving the rider, one the same rider one new FTP test later (<rider>+1). Variants run
 * in alternation after a warm-up, `--runs` times (default 5). Prints one table with each variant's floor and, for
 * the cold history, the chain's floor beside the list-driven one. Asserts nothing; says when a refresh sent another
 * number of requests than expected (1 with nothing new, 4 with one new test).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { PelotonApi } from '../src/peloton/api/pelotonApi';
import { createPelotonDispatcher } from '../src/peloton/api/dispatcher';
import { MAX_REQUESTS_IN_FLIGHT, refreshHistory } from '../src/peloton/ftp/historyBuilder';
import { referenceWalk } from './referenceWalker';
import { referenceLimit, roundTrips } from './roundTrips';

const { values: options } = parseArgs({
  options: {
    latency: { type: 'string', default: '50' },
    riders: { type: 'string', default: 'chain-2,chain-10,chain-50,many-10-500,many-50-2000,many-120-3000' },
    runs: { type: 'string', default: '5' },
  },
});
const latency = Number(options.latency);
const riders = options.riders.split(',');
const runs = Number(options.runs);
/** The repository: bench/ when run from source, out/bench/ when bundled (bench/build.mjs). */
const root = resolve(__dirname, __dirname.endsWith(join('out', 'bench')) ? '../..' : '..');
type Variant = 'reference' | 'cold history' | 'refresh, nothing new' | 'refresh, 1 new test';
const VARIANTS: Variant[] = ['reference', 'cold history', 'refresh, nothing new', 'refresh, 1 new test'];
/** Requests a refresh should send. */
const EXPECTED_REQUESTS: Partial<Record<Variant, number>> = { 'refresh, nothing new': 1, 'refresh, 1 new test': 4 };

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

/** The rider's workout count (`total_workouts` of GET /api/me), read outside the timed runs. */
async function totalWorkouts(fake: FakeProcess, dispatcher: Agent): Promise<number> {
  const res = await request(new URL('/api/me', fake.url), { dispatcher, headers: { authorization: `Bearer ${fake.token}` } });
  const me = (await res.body.json()) as { total_workouts: number };
  return me.total_workouts;
}

async function benchRider(rider: string): Promise<{ lines: string[]; notes: string[] }> {
  const [current, afterNewTest] = await Promise.all([startFakeProcess(rider), startFakeProcess(`${rider}+1`)]);
  const referenceAgent = new Agent();
  const clients = { current: ourClient(current), afterNewTest: ourClient(afterNewTest) };
  const workouts = await totalWorkouts(current, referenceAgent);
  const cold = await refreshHistory(clients.current.api, null);
  const stored = cold.history!;
  const tests = stored.tests.length;
  const trips = await roundTrips(clients.current.api, stored);

  const timed = async (work: () => Promise<{ requests: number; bytes: number }>): Promise<Sample> => {
    const started = performance.now();
    const { requests, bytes } = await work();
    return { ms: performance.now() - started, requests, bytes };
  };
  const ours = async (client: ReturnType<typeof ourClient>, from: typeof stored | null) => {
    client.counters.requests = 0;
    client.counters.bytes = 0;
    // As the extension calls it: with the session's user id (page 0 then goes out beside /api/me).
    const result = await refreshHistory(client.api, from, { expectedUserId: stored.rider.userId });
    if (!result.history || result.history.tests.length < tests) throw new Error(`${rider}: the refresh lost tests`);
    return { ...client.counters };
  };
  const runVariant = (variant: Variant): Promise<Sample> => {
    switch (variant) {
      case 'reference':
        return timed(() => referenceWalk(current.url, current.token, referenceAgent, referenceLimit(stored)));
      case 'cold history':
        return timed(() => ours(clients.current, null));
      case 'refresh, nothing new':
        return timed(() => ours(clients.current, stored));
      case 'refresh, 1 new test':
        return timed(() => ours(clients.afterNewTest, stored));
    }
  };
  for (const variant of VARIANTS) await runVariant(variant); // warm-up: connections, JIT, the fake's payload cache
  const samples = new Map<Variant, Sample[]>(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < runs; round++) {
    for (const variant of round % 2 ? [...VARIANTS].reverse() : VARIANTS) samples.get(variant)!.push(await runVariant(variant));
  }
  await Promise.all([stopFakeProcess(current), stopFakeProcess(afterNewTest), referenceAgent.close(), clients.current.dispatcher.close(), clients.afterNewTest.dispatcher.close()]);

  const floors: Record<Variant, number> = {
    reference: trips.reference * latency,
    'cold history': trips.list * latency,
    'refresh, nothing new': latency,
    'refresh, 1 new test': 2 * latency,
  };
  const ref = samples.get('reference')!;
  const notes: string[] = [];
  const lines = VARIANTS.map((variant) => {
    const s = samples.get(variant)!;
    const ms = s.map((x) => x.ms);
    const floor = floors[variant];
    const requests = median(s.map((x) => x.requests));
    const expected = EXPECTED_REQUESTS[variant];
    if (expected !== undefined && s.some((x) => x.requests !== expected)) {
      notes.push(`${rider}, ${variant}: ${s.map((x) => x.requests).join(', ')} requests (expected ${expected})`);
    }
    const cells = [
      `${rider} (${tests} of ${workouts})`,
      variant,
      String(requests),
      `${(median(s.map((x) => x.bytes)) / 1024).toFixed(1)} KB`,
      `${median(ms).toFixed(0)} (${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)})`,
      median(s.map((x, i) => x.ms / ref[i]!.ms)).toFixed(2),
      String(floor),
      `${(((median(ms) - floor) / floor) * 100).toFixed(1)} %`,
      variant === 'cold history' ? String(trips.chain * latency) : '',
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return { lines, notes };
}

async function main(): Promise<void> {
  console.log(`Benchmark: fake Peloton API on 127.0.0.1 (own processes), ${latency} ms per request, ${runs} runs per variant after a warm-up, Node ${process.version}\n`);
  console.log('| rider (tests of workouts) | variant | requests | bytes received | wall ms median (min–max) | ratio to reference | floor ms | above floor | chain floor ms |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  const notes: string[] = [];
  for (const rider of riders) {
    const result = await benchRider(rider);
    for (const line of result.lines) console.log(line);
    notes.push(...result.notes);
  }
  console.log(`\nPeak memory of the benchmark process (max RSS, client side): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  console.log(`Floors (round trips × ${latency} ms): the reference makes 1 + 2N sequential requests. The cold history's floor is the`);
  console.log(`list-driven fetch at the bound of ${MAX_REQUESTS_IN_FLIGHT} in flight, simulated on the rider's layout (bench/floor.ts): /api/me and`);
  console.log(`page 0 together, the other pages, each test's workout and graph once its page (or the chain link naming it) arrived,`);
  console.log(`${MAX_REQUESTS_IN_FLIGHT} a round; beside it, the chain's floor: N + 1 sequential round trips.`);
  console.log('A refresh needs 1 round trip with nothing new (/api/me), 2 with one new test (/api/me names it, so its workout and');
  console.log('graph go out beside page 0).');
  for (const note of notes) console.log(`NOTE: ${note}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
