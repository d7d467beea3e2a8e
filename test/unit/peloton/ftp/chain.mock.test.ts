import assert from 'node:assert/strict';
import { MockAgent } from 'undici';
import { PelotonApi } from '../../../../src/peloton/api/pelotonApi';
import { PelotonAuthError } from '../../../../src/peloton/api/errors';
import { walkFtpChain } from '../../../../src/peloton/ftp/chain';

const BASE = 'https://api.example.test';
const TOKEN = 'test-access-token';

interface Link {
  id: string;
  next: string | null;
  ftp: number;
  source: string | null;
  avg: number | null;
  start: number;
}

/** Intercepts /api/me and each link's workout and graph on a MockAgent; counts requests per path. */
function mockChain(agent: MockAgent, firstId: string | null, links: Link[], counts: Map<string, number>) {
  const pool = agent.get(BASE);
  const count = (path: string) => counts.set(path, (counts.get(path) ?? 0) + 1);
  pool
    .intercept({ path: '/api/me', headers: { authorization: `Bearer ${TOKEN}`, 'peloton-platform': 'web' } })
    .reply(200, () => (count('/api/me'), { id: 'u1', username: 'rider', cycling_ftp: 176, cycling_ftp_workout_id: firstId }))
    .persist();
  for (const link of links) {
    pool
      .intercept({ path: (p) => p.startsWith(`/api/workout/${link.id}?`) })
      .reply(200, () => {
        count(`/api/workout/${link.id}`);
        return {
          id: link.id,
          created_at: link.start - 60,
          start_time: link.start,
          ride: { title: '20 min FTP Test Ride', instructor: { name: 'Coach' } },
          ftp_info: { ftp: link.ftp, ftp_source: link.source, ftp_workout_id: link.next },
        };
      })
      .persist();
    pool
      .intercept({ path: (p) => p.startsWith(`/api/workout/${link.id}/performance_graph`) })
      .reply<object>(() => {
        count(`/api/workout/${link.id}/performance_graph`);
        return link.avg === null
          ? { statusCode: 404, data: { status: 404, error_code: 404, message: 'Not found' } }
          : { statusCode: 200, data: { duration: 1200, average_summaries: [{ display_name: 'Avg Output', display_unit: 'watts', value: link.avg, slug: 'avg_output' }] } };
      })
      .persist();
  }
}

describe('walkFtpChain against undici MockAgent', () => {
  let agent: MockAgent;
  let counts: Map<string, number>;
  let api: PelotonApi;
  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    counts = new Map();
    api = new PelotonApi({ baseUrl: BASE, getAccessToken: () => TOKEN, dispatcher: agent });
  });
  afterEach(() => agent.close());
  const total = () => [...counts.values()].reduce((a, b) => a + b, 0);

  it('walks the worked example: two tests newest first, 5 requests', async () => {
    mockChain(agent, 'w2026', [
      { id: 'w2026', next: 'w2019', ftp: 183, source: 'ftp_workout_source', avg: 185, start: 1768392000 },
      { id: 'w2019', next: null, ftp: 0, source: null, avg: 193, start: 1575460800 },
    ], counts);
    const seen: string[] = [];
    const result = await walkFtpChain(api, { onTest: (t) => seen.push(t.workoutId) });
    assert.deepEqual(
      result.tests.map((t) => [t.workoutId, t.avgOutput, t.calculatedFtp, t.baselineFtp]),
      [
        ['w2026', 185, 176, 183],
        ['w2019', 193, 183, null],
      ],
    );
    assert.equal(result.stoppedBecause, 'end');
    assert.deepEqual(seen, ['w2026', 'w2019']);
    assert.equal(total(), 5);
    assert.equal(result.rider.username, 'rider');
  });

  it('stops at a cycle back to an earlier test (not only a self-loop)', async () => {
    mockChain(agent, 'a', [
      { id: 'a', next: 'b', ftp: 200, source: 'ftp_workout_source', avg: 220, start: 3 },
      { id: 'b', next: 'c', ftp: 190, source: 'ftp_workout_source', avg: 210, start: 2 },
      { id: 'c', next: 'a', ftp: 180, source: 'ftp_workout_source', avg: 200, start: 1 },
    ], counts);
    const result = await walkFtpChain(api);
    assert.deepEqual(result.tests.map((t) => t.workoutId), ['a', 'b', 'c']);
    assert.equal(result.stoppedBecause, 'cycle');
    assert.equal(result.stoppedAt, 'a');
    assert.equal(counts.get('/api/workout/a'), 1, 'the cycle is not fetched twice');
  });

  it('a missing performance graph gives a test without a result and a warning', async () => {
    mockChain(agent, 'a', [
      { id: 'a', next: 'b', ftp: 180, source: 'ftp_workout_source', avg: null, start: 2 },
      { id: 'b', next: null, ftp: 0, source: null, avg: 190, start: 1 },
    ], counts);
    const result = await walkFtpChain(api);
    assert.equal(result.tests.length, 2);
    assert.equal(result.tests[0]!.calculatedFtp, null);
    assert.equal(result.tests[0]!.baselineFtp, 180);
    assert.deepEqual(result.warnings, [{ kind: 'no-graph', workoutId: 'a' }]);
  });

  it('stops at maxTests with the next link reported', async () => {
    const links: Link[] = Array.from({ length: 6 }, (_, i) => ({ id: `t${i}`, next: `t${i + 1}`, ftp: 200, source: 'ftp_workout_source', avg: 210, start: 100 - i }));
    mockChain(agent, 't0', links, counts);
    const result = await walkFtpChain(api, { maxTests: 4 });
    assert.equal(result.tests.length, 4);
    assert.equal(result.stoppedBecause, 'limit');
    assert.equal(result.stoppedAt, 't4');
    assert.equal(total(), 1 + 4 * 2);
  });

  it('fails with PelotonAuthError on 401, carrying Peloton error_code', async () => {
    agent.get(BASE).intercept({ path: '/api/me' }).reply(401, { status: 401, error_code: 3020, subcode: null, message: 'Not logged in', details: null });
    await assert.rejects(walkFtpChain(api), (error: unknown) => error instanceof PelotonAuthError && error.errorCode === 3020 && !error.message.includes(TOKEN));
  });

  it('no FTP test on the account: no tests, a warning, one request', async () => {
    mockChain(agent, null, [], counts);
    const result = await walkFtpChain(api);
    assert.deepEqual(result.tests, []);
    assert.equal(result.stoppedBecause, 'end');
    assert.deepEqual(result.warnings, [{ kind: 'no-ftp-test' }]);
    assert.equal(total(), 1);
  });

  it('isKnown stops the walk before fetching a stored test', async () => {
    mockChain(agent, 'new', [
      { id: 'new', next: 'old', ftp: 183, source: 'ftp_workout_source', avg: 200, start: 2 },
      { id: 'old', next: null, ftp: 0, source: null, avg: 193, start: 1 },
    ], counts);
    const result = await walkFtpChain(api, { isKnown: (id) => id === 'old' });
    assert.deepEqual(result.tests.map((t) => t.workoutId), ['new']);
    assert.equal(result.stoppedBecause, 'known');
    assert.equal(total(), 3);
  });
});
