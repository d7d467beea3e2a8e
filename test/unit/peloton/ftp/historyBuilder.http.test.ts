/*
 * refreshHistory through the real client (PelotonApi on createPelotonDispatcher, retries with a 1 ms base) against a
 * small HTTP server on 127.0.0.1 serving an in-memory rider: the exact list query, the page cap, a failing list page
 * retried, then named in the error, and the stored history on disk left byte for byte as it was.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HistoryStore } from '../../../../src/history/historyStore';
import { PelotonApi } from '../../../../src/peloton/api/pelotonApi';
import { createPelotonDispatcher } from '../../../../src/peloton/api/dispatcher';
import { PelotonApiError } from '../../../../src/peloton/api/errors';
import { refreshHistory } from '../../../../src/peloton/ftp/historyBuilder';
import { USER_ID, chainRider, otherWorkout, type FakeRider } from '../../support/fakeRider';

const TOKEN = 'test-access-token';

/** Serves `rider` on 127.0.0.1; `pageStatus` can make a page answer an HTTP error; records every path+query. */
async function serve(rider: FakeRider, seen: string[], pageStatus: (page: number) => number = () => 200): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push(`${url.pathname}${url.search}`);
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { status: 401, error_code: 3020, message: 'Not logged in' });
    if (url.pathname === '/api/me') {
      return send(200, { id: USER_ID, username: 'rider', ...rider.me, total_workouts: rider.workouts.length, last_workout_at: rider.workouts[0]!.createdAt });
    }
    const list = /^\/api\/user\/([^/]+)\/workouts$/.exec(url.pathname);
    if (list) {
      const page = Number(url.searchParams.get('page'));
      const status = pageStatus(page);
      if (status !== 200) return send(status, { status, message: 'Internal Server Error' });
      return send(200, rider.pageBody(page, Number(url.searchParams.get('limit'))));
    }
    const graph = /^\/api\/workout\/([^/]+)\/performance_graph$/.exec(url.pathname);
    const workout = /^\/api\/workout\/([^/]+)$/.exec(url.pathname);
    try {
      if (graph) return send(200, rider.graphBody(graph[1]!));
      if (workout) return send(200, rider.workoutBody(workout[1]!));
    } catch {
      // unknown workout: 404 below
    }
    return send(404, { status: 404, error_code: 404, message: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('refreshHistory through PelotonApi (HTTP on 127.0.0.1)', () => {
  let folder: string;
  const servers: Server[] = [];
  const dispatcher = createPelotonDispatcher({ retry: { baseDelayMs: 1 } });
  const apiFor = (url: string) => new PelotonApi({ baseUrl: url, getAccessToken: () => TOKEN, dispatcher });
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'peloton-builder-'));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
    await rm(folder, { recursive: true, force: true });
  });
  after(() => dispatcher.close());
  const start = async (rider: FakeRider, seen: string[], pageStatus?: (page: number) => number) => {
    const { url, server } = await serve(rider, seen, pageStatus);
    servers.push(server);
    return apiFor(url);
  };

  it('asks for the list exactly as documented, 100 a page, each page once', async () => {
    const rider = chainRider(5, 230);
    const seen: string[] = [];
    const result = await refreshHistory(await start(rider, seen), null, { expectedUserId: USER_ID });
    assert.equal(result.history?.tests.length, 5);
    const pages = seen.filter((p) => p.startsWith('/api/user/')).sort();
    assert.deepEqual(pages, [0, 1, 2].map((k) => `/api/user/${USER_ID}/workouts?joins=ride&limit=100&page=${k}&sort_by=-created`));
    assert.equal(seen.filter((p) => p === '/api/me').length, 1);
    assert.equal(seen.length, 1 + 3 + 5 * 2);
  });

  it('a list page that fails once is retried and the refresh succeeds', async () => {
    const rider = chainRider(5, 230);
    const seen: string[] = [];
    let failed = 0;
    const api = await start(rider, seen, (page) => (page === 2 && failed++ === 0 ? 500 : 200));
    const result = await refreshHistory(api, null, { expectedUserId: USER_ID });
    assert.equal(result.history?.tests.length, 5);
    assert.equal(seen.filter((p) => p.includes('page=2')).length, 2);
  });

  it('a list page that keeps failing: 3 tries, the error names the page, the stored history stays byte for byte', async () => {
    const store = new HistoryStore(folder);
    // A stored history from an earlier refresh, saved the way the extension does; then 250 new workouts, so the
    // incremental listing pages down, one page after another, to the stored marker on page 2.
    const rider = chainRider(6, 230);
    const first = await refreshHistory(await start(rider, []), null, { expectedUserId: USER_ID });
    await store.save(first.history!);
    const file = join(folder, `history-${USER_ID}.json`);
    const before = await readFile(file, 'utf8');
    const newest = rider.workouts[0]!.createdAt;
    rider.workouts.unshift(...Array.from({ length: 250 }, (_, i) => otherWorkout(`n${i}`, newest + (250 - i) * 3600, i)));
    rider.workouts.splice(100, 0, { ...rider.workouts[100]!, id: 'new-test', title: '20 min FTP Test Ride', ftpInfo: { ftp: 200, ftp_source: 'ftp_workout_source', ftp_workout_id: 't5' }, avg: 230 });
    const seen: string[] = [];
    const api = await start(rider, seen, (page) => (page === 2 ? 500 : 200));
    const stored = (await store.load(USER_ID)).history;
    let saved = false;
    await assert.rejects(
      refreshHistory(api, stored, { expectedUserId: USER_ID }).then(async (r) => {
        if (r.replaced && r.history) {
          saved = true;
          await store.save(r.history);
        }
      }),
      (error: unknown) => {
        assert.ok(error instanceof PelotonApiError, String(error));
        assert.equal(error.status, 500);
        assert.match(error.message, /^GET \/api\/user\/u1\/workouts page 2: HTTP 500/);
        assert.ok(!error.message.includes(TOKEN));
        return true;
      },
    );
    assert.equal(saved, false);
    assert.equal(seen.filter((p) => p.includes('page=2')).length, 3, 'three tries');
    assert.deepEqual(seen.filter((p) => p.includes('page=')).map((p) => /page=(\d+)/.exec(p)![1]), ['0', '1', '2', '2', '2'], 'page after page, none past the failure');
    assert.equal(await readFile(file, 'utf8'), before);
  });
});
