import assert from 'node:assert/strict';
import { MockAgent } from 'undici';
import { PelotonApi, USER_AGENT, type ExchangeRecord, type ExchangeSlot } from '../../../../src/peloton/api/pelotonApi';
import { createPelotonDispatcher } from '../../../../src/peloton/api/dispatcher';
import { PelotonApiError, PelotonSchemaError } from '../../../../src/peloton/api/errors';
import { seedExample } from '../../../fakePeloton/datasets';
import { rideIdOf } from '../../../fakePeloton/builder';
import { startFakePeloton } from '../../../fakePeloton/server';

describe('PelotonApi', () => {
  it('sends the bearer token, Peloton-Platform: web and a User-Agent naming the extension and its version', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    let seen: Record<string, string> = {};
    agent
      .get('https://api.example.test')
      .intercept({ path: '/api/me', headers: (h) => ((seen = h as Record<string, string>), true) })
      .reply(200, { id: 'u1', username: 'rider' });
    const api = new PelotonApi({ baseUrl: 'https://api.example.test', getAccessToken: () => 'tok-123', dispatcher: agent });
    await api.getMe();
    assert.equal(seen.authorization, 'Bearer tok-123');
    assert.equal(seen['peloton-platform'], 'web');
    assert.match(USER_AGENT, /^PelotonFtpHistory-VSCode\/\d+\.\d+\.\d+$/);
    assert.equal(seen['user-agent'], USER_AGENT);
    await agent.close();
  });

  it('reports each exchange with its path (no query), status, bytes and retries, and never the token', async () => {
    const fake = await startFakePeloton({ rider: seedExample() });
    try {
      const records: ExchangeRecord[] = [];
      const api = new PelotonApi({
        baseUrl: fake.url,
        getAccessToken: () => fake.accessToken,
        dispatcher: createPelotonDispatcher({ retry: { baseDelayMs: 1 } }),
        onExchange: (r) => records.push(r),
      });
      fake.fault({ match: '/api/me', status: 503 });
      await api.getMe();
      const id = fake.rider.cyclingFtpWorkoutId!;
      await api.getPerformanceGraph(id);
      assert.deepEqual(
        records.map((r) => [r.method, r.path, r.status, r.retries]),
        [
          ['GET', '/api/me', 200, 1],
          ['GET', `/api/workout/${id}/performance_graph`, 200, 0],
        ],
      );
      assert.ok(records.every((r) => r.bytes > 0 && r.ms >= 0));
      assert.ok(!JSON.stringify(records).includes(fake.accessToken));
    } finally {
      await fake.close();
    }
  });

  it('a 404 workout is a PelotonApiError with Peloton’s message and status', async () => {
    const fake = await startFakePeloton({ rider: seedExample() });
    try {
      const api = new PelotonApi({ baseUrl: fake.url, getAccessToken: () => fake.accessToken });
      await assert.rejects(api.getWorkout('0123456789abcdef0123456789abcdef'), (error: unknown) => {
        assert.ok(error instanceof PelotonApiError);
        assert.equal(error.status, 404);
        assert.match(error.message, /^GET \/api\/workout\/0123456789abcdef0123456789abcdef: HTTP 404 \(error_code \d+\): Workout not found$/);
        return true;
      });
    } finally {
      await fake.close();
    }
  });

  it('GET /api/ride/{id}/details: is_ftp_test of a test class and of another class; an unknown class is a 404 PelotonApiError', async () => {
    const fake = await startFakePeloton({ rider: seedExample() });
    try {
      const api = new PelotonApi({ baseUrl: fake.url, getAccessToken: () => fake.accessToken });
      const test = fake.rider.workouts.find((w) => w.id === fake.rider.cyclingFtpWorkoutId)!;
      const other = fake.rider.workouts.find((w) => !/FTP Test/.test(w.title))!;
      assert.deepEqual(await api.getRideDetails(rideIdOf(test)), { is_ftp_test: true }, 'only is_ftp_test is kept');
      assert.deepEqual(await api.getRideDetails(rideIdOf(other)), { is_ftp_test: false });
      await assert.rejects(api.getRideDetails('0123456789abcdef0123456789abcdef'), (error: unknown) => {
        assert.ok(error instanceof PelotonApiError);
        assert.equal(error.status, 404);
        assert.match(error.message, /^GET \/api\/ride\/0123456789abcdef0123456789abcdef\/details: HTTP 404/);
        return true;
      });
      assert.equal(fake.countRoute('ride_details'), 3);
    } finally {
      await fake.close();
    }
  });
  it('runs each exchange under the slot it is given and checks the answer after the slot is left; a 401 retry takes a slot again', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const origin = agent.get('https://api.example.test');
    origin.intercept({ path: '/api/me' }).reply(200, { id: 'u1', username: 'rider' });
    origin.intercept({ path: '/api/me' }).reply(200, { id: 42 }); // not a rider: a schema error
    origin.intercept({ path: '/api/me' }).reply(401, { status: 401, error_code: 3020, message: 'Not logged in' });
    origin.intercept({ path: '/api/me' }).reply(200, { id: 'u1', username: 'rider' });
    /** The slot's story: each exchange entering it, and leaving it with an answer or an error. */
    const story: string[] = [];
    const slot: ExchangeSlot = async (exchange) => {
      story.push('enter');
      try {
        const answer = await exchange();
        story.push('answered');
        return answer;
      } catch (error) {
        story.push('threw');
        throw error;
      }
    };
    let token = 'old';
    const api = new PelotonApi({
      baseUrl: 'https://api.example.test',
      getAccessToken: () => token,
      dispatcher: agent,
      onUnauthorized: async () => {
        story.push('renew');
        token = 'new';
        return true;
      },
    });
    assert.equal((await api.getMe(undefined, slot)).id, 'u1');
    assert.deepEqual(story.splice(0), ['enter', 'answered']);
    await assert.rejects(
      api.getMe(undefined, slot).finally(() => story.push('rejected')),
      PelotonSchemaError,
    );
    assert.deepEqual(story.splice(0), ['enter', 'answered', 'rejected'], 'the slot was left with the answer read; it was checked after');
    assert.equal((await api.getMe(undefined, slot)).id, 'u1');
    assert.deepEqual(story.splice(0), ['enter', 'answered', 'renew', 'enter', 'answered'], 'the renewal waits outside the slot');
    await agent.close();
  });
});
