/**
 * The fake Peloton API on a thread of its own (node:worker_threads), for timings taken inside the extension host: the
 * real Peloton's work is not done on the extension host's thread, and a fake served from that thread puts its own work
 * (reading requests, writing 300 KB list pages) between the extension's requests. This module is both sides: the
 * worker's entry (run when loaded as a worker: starts the fake and answers the parent's messages) and
 * {@link startFakePelotonThread} for the parent.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { getDataset } from './datasets';
import type { RecordedRequest } from './http';
import { startFakePeloton } from './server';

/** What the worker is started with. */
export interface FakeThreadOptions {
  /** A dataset name (see datasets.ts), e.g. `many-120-3000`. */
  dataset: string;
  /** Delay before every answer, milliseconds. */
  latencyMs?: number;
}

/** The parent's handle on a fake served from a worker thread. */
export interface FakePelotonThread {
  readonly url: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** The requests served since the start or the last {@link resetCounts}, in order of arrival. */
  requests(): Promise<RecordedRequest[]>;
  /** Forgets the recorded requests. */
  resetCounts(): Promise<void>;
  /** Stops the server and the thread. */
  close(): Promise<void>;
}

type Ask = { id: number; op: 'requests' | 'reset' | 'close' };
type Answer = { id: number; requests?: RecordedRequest[] };
type Started = { url: string; accessToken: string; refreshToken: string };

/**
 * Starts the fake on a worker thread. @param script the file of this module as the worker can load it (a bundled
 * `.js`: e.g. `out/integration/fakeThread.js`). @throws when the worker fails to start the fake.
 */
export async function startFakePelotonThread(script: string, options: FakeThreadOptions): Promise<FakePelotonThread> {
  const worker = new Worker(script, { workerData: options });
  const started = await new Promise<Started>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the fake's thread exited (${code}) before it started`)));
  });
  worker.removeAllListeners('error').removeAllListeners('exit');
  let nextId = 0;
  const waiting = new Map<number, (answer: Answer) => void>();
  worker.on('message', (answer: Answer) => {
    waiting.get(answer.id)?.(answer);
    waiting.delete(answer.id);
  });
  const ask = (op: Ask['op']): Promise<Answer> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      worker.postMessage({ id, op } satisfies Ask);
    });
  return {
    ...started,
    requests: async () => (await ask('requests')).requests ?? [],
    resetCounts: async () => void (await ask('reset')),
    close: async () => {
      await ask('close');
      await worker.terminate();
    },
  };
}

/** The worker's side: start the fake, then answer the parent. */
async function serveInWorker(options: FakeThreadOptions): Promise<void> {
  const fake = await startFakePeloton({ rider: getDataset(options.dataset), latencyMs: options.latencyMs });
  const port = parentPort!;
  port.on('message', (ask: Ask) => {
    void (async () => {
      if (ask.op === 'requests') return port.postMessage({ id: ask.id, requests: fake.requests } satisfies Answer);
      if (ask.op === 'reset') fake.resetCounts();
      if (ask.op === 'close') await fake.close();
      port.postMessage({ id: ask.id } satisfies Answer);
    })();
  });
  port.postMessage({ url: fake.url, accessToken: fake.accessToken, refreshToken: fake.refreshToken } satisfies Started);
}

if (!isMainThread && parentPort && (workerData as { dataset?: unknown } | null)?.dataset) void serveInWorker(workerData as FakeThreadOptions);
