import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PelotonApi } from '../../../../src/peloton/api/pelotonApi';
import { DEFAULT_RETRY_POLICY, createPelotonDispatcher, retryDelay, type RetryPolicy } from '../../../../src/peloton/api/dispatcher';
import { PelotonApiError, PelotonAuthError, PelotonNetworkError, PelotonSchemaError } from '../../../../src/peloton/api/errors';
import { sendRequest } from '../../../../src/peloton/api/http';
import type { Dispatcher } from '../../../../src/peloton/api/undici';
import { makeJwt } from '../../../fakePeloton/jwt';
import { getDataset } from '../../../fakePeloton/datasets';
import { startFakePeloton, type FakePeloton } from '../../../fakePeloton/server';
import { nowSeconds } from '../../../../src/shared/dates';

const NOW = Date.parse('2026-01-14T12:00:00Z');
const policy = (random: number, overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, random: () => random, ...overrides });

describe('retryDelay (the retry policy, pure)', () => {
  it('has the documented defaults: 3 tries, 500 ms base, Retry-After capped at 60 s', () => {
    assert.equal(DEFAULT_RETRY_POLICY.maxTries, 3);
    assert.equal(DEFAULT_RETRY_POLICY.baseDelayMs, 500);
    assert.equal(DEFAULT_RETRY_POLICY.maxRetryAfterMs, 60_000);
  });

  // [what, failedTries, status, code, Retry-After, expected ms or null]; random fixed at 0.5, base 500 ms
  const table: Array<[string, number, number | undefined, string | undefined, string | undefined, number | null]> = [
    ['429 Retry-After 2 s', 1, 429, undefined, '2', 2000],
    ['503 Retry-After 7 s', 1, 503, undefined, '7', 7000],
    ['503 Retry-After 1.5 s', 1, 503, undefined, '1.5', 1500],
    ['503 Retry-After 0', 1, 503, undefined, '0', 0],
    ['429 Retry-After 120 s, capped', 1, 429, undefined, '120', 60_000],
    ['429 Retry-After one day, capped', 2, 429, undefined, '86400', 60_000],
    ['503 Retry-After HTTP-date 5 s ahead', 1, 503, undefined, new Date(NOW + 5000).toUTCString(), 5000],
    ['429 Retry-After HTTP-date 10 min ahead, capped', 1, 429, undefined, new Date(NOW + 600_000).toUTCString(), 60_000],
    ['503 Retry-After HTTP-date in the past', 1, 503, undefined, new Date(NOW - 5000).toUTCString(), 0],
    ['429 Retry-After unreadable: backoff', 1, 429, undefined, 'soon', 375],
    ['429 without Retry-After: backoff', 1, 429, undefined, undefined, 375],
    ['500 ignores Retry-After: backoff', 1, 500, undefined, '30', 375],
    ['502, second failure: doubled backoff', 2, 502, undefined, undefined, 750],
    ['504 first failure', 1, 504, undefined, undefined, 375],
    ['599 first failure', 1, 599, undefined, undefined, 375],
    ['ECONNRESET', 1, undefined, 'ECONNRESET', undefined, 375],
    ['UND_ERR_SOCKET (other side closed)', 2, undefined, 'UND_ERR_SOCKET', undefined, 750],
    ['ECONNREFUSED', 1, undefined, 'ECONNREFUSED', undefined, 375],
    ['EPIPE', 1, undefined, 'EPIPE', undefined, 375],
    ['third failure of a 503: gives up (3 tries)', 3, 503, undefined, undefined, null],
    ['third failure of a 429 with Retry-After: gives up', 3, 429, undefined, '1', null],
    ['third reset: gives up', 3, undefined, 'ECONNRESET', undefined, null],
    ['400', 1, 400, undefined, undefined, null],
    ['401 (a refused token is never retried)', 1, 401, undefined, undefined, null],
    ['403', 1, 403, undefined, undefined, null],
    ['404', 1, 404, undefined, undefined, null],
    ['404 with Retry-After', 1, 404, undefined, '1', null],
    ['422', 1, 422, undefined, undefined, null],
    ['304', 1, 304, undefined, undefined, null],
    ['200', 1, 200, undefined, undefined, null],
    ['headers timeout', 1, undefined, 'UND_ERR_HEADERS_TIMEOUT', undefined, null],
    ['body too large', 1, undefined, 'UND_ERR_RES_EXCEEDED_MAX_SIZE', undefined, null],
    ['aborted', 1, undefined, 'UND_ERR_ABORTED', undefined, null],
    ['ENOTFOUND', 1, undefined, 'ENOTFOUND', undefined, null],
    ['no status, no code', 1, undefined, undefined, undefined, null],
  ];
  for (const [what, tries, status, code, retryAfter, expected] of table) {
    it(`${what} → ${expected === null ? 'no retry' : `${expected} ms`}`, () => {
      assert.equal(retryDelay(policy(0.5), tries, status, code, retryAfter, NOW), expected);
    });
  }

  it('jitter: backoff × [0.5, 1), i.e. base/2 at random 0 and just under base at random → 1', () => {
    assert.equal(retryDelay(policy(0), 1, 503, undefined, undefined, NOW), 250);
    assert.equal(retryDelay(policy(0.999_999), 1, 503, undefined, undefined, NOW), 500);
    assert.equal(retryDelay(policy(0), 2, 503, undefined, undefined, NOW), 500);
    assert.equal(retryDelay(policy(0.999_999), 2, 503, undefined, undefined, NOW), 1000);
    assert.equal(retryDelay(policy(0.25, { baseDelayMs: 100 }), 1, undefined, 'ECONNRESET', undefined, NOW), 63);
  });

  it('property: every delay is an integer within the jittered exponential bounds; Retry-After does not jitter', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom(500, 502, 503, 504, 429),
        (random, tries, base, status) => {
          const delay = retryDelay(policy(random, { baseDelayMs: base }), tries, status, undefined, undefined, NOW);
          const backoff = base * 2 ** (tries - 1);
          assert.ok(delay !== null && Number.isInteger(delay));
          assert.ok(delay >= Math.floor(backoff / 2) && delay <= backoff, `${delay} not in [${backoff / 2}, ${backoff}]`);
          assert.equal(retryDelay(policy(random, { baseDelayMs: base }), tries, 429, undefined, '3', NOW), 3000);
        },
      ),
    );
  });

  it('property: never a retry past maxTries, whatever the failure', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 10 }),
        fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }),
        fc.option(fc.constantFrom('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'), { nil: undefined }),
        (maxTries, tries, status, code) => {
          const delay = retryDelay(policy(0.5, { maxTries }), tries, status, code, '1', NOW);
          if (tries >= maxTries) assert.equal(delay, null);
          if (status !== undefined && status < 500 && status !== 429) assert.equal(delay, null);
        },
      ),
    );
  });
});

describe('createPelotonDispatcher against the fake Peloton API on 127.0.0.1', () => {
  let fake: FakePeloton;
  let dispatcher: Dispatcher;
  let api: PelotonApi;

  beforeEach(async () => {
    fake = await startFakePeloton({ rider: getDataset('seed-example') });
    dispatcher = createPelotonDispatcher({ retry: { baseDelayMs: 5 } });
    api = new PelotonApi({ baseUrl: fake.url, getAccessToken: () => fake.accessToken, dispatcher });
  });
  afterEach(async () => {
    await fake.close();
    await dispatcher.close();
  });

  it('503 twice, then OK: succeeds on the third try (3 requests)', async () => {
    fake.fault({ match: '/api/me', status: 503, times: 2 });
    const me = await api.getMe();
    assert.equal(me.id, fake.rider.userId);
    assert.equal(fake.count('/api/me'), 3);
    assert.deepEqual(fake.requests.map((r) => r.status), [503, 503, 200]);
  });

  it('500 three times: PelotonApiError 500 after exactly 3 requests', async () => {
    fake.fault({ match: '/api/me', status: 500, times: 3 });
    await assert.rejects(api.getMe(), (error: unknown) => {
      assert.ok(error instanceof PelotonApiError);
      assert.equal(error.status, 500);
      assert.equal(error.message, 'GET /api/me: HTTP 500: Internal Server Error');
      return true;
    });
    assert.equal(fake.count(), 3);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fake.count(), 3, 'no fourth try later');
  });

  it('a mix of 502, reset and 503 counts as three tries', async () => {
    fake.fault({ match: '/api/me', status: 502 });
    fake.fault({ match: '/api/me', kind: 'reset' });
    fake.fault({ match: '/api/me', status: 503 });
    await assert.rejects(api.getMe(), (error: unknown) => error instanceof PelotonApiError && error.status === 503);
    assert.equal(fake.count(), 3);
  });

  it('a connection reset, then OK: succeeds on the second try', async () => {
    fake.fault({ match: '/api/me', kind: 'reset' });
    assert.equal((await api.getMe()).id, fake.rider.userId);
    assert.equal(fake.count('/api/me'), 2);
  });

  it('three resets: PelotonNetworkError naming the reset, after 3 requests', async () => {
    fake.fault({ match: '/api/me', kind: 'reset', times: 3 });
    await assert.rejects(api.getMe(), (error: unknown) => {
      assert.ok(error instanceof PelotonNetworkError);
      assert.equal(error.message, `Could not reach ${fake.url}/api/me: the connection was reset (ECONNRESET)`);
      return true;
    });
    assert.equal(fake.count(), 3);
  });

  it('429 with Retry-After: 1 waits about a second, then succeeds', async () => {
    fake.fault({ match: '/api/me', status: 429, headers: { 'Retry-After': '1' } });
    const started = performance.now();
    await api.getMe();
    const ms = performance.now() - started;
    assert.ok(ms >= 950, `waited only ${Math.round(ms)} ms`);
    assert.ok(ms < 5000, `waited ${Math.round(ms)} ms`);
    assert.equal(fake.count(), 2);
  });

  it('429 with Retry-After: 30 and a signal aborted after 200 ms: AbortError at once, no retry', async () => {
    fake.fault({ match: '/api/me', status: 429, headers: { 'Retry-After': '30' } });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    try {
      await assert.rejects(api.getMe(controller.signal), (error: unknown) => (error as Error).name === 'AbortError');
    } finally {
      clearTimeout(timer);
    }
    const ms = performance.now() - started;
    assert.ok(ms >= 150 && ms < 1500, `rejected after ${Math.round(ms)} ms`);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(fake.count(), 1);
  });

  it('an abort during a backoff wait (503) cuts the wait short too', async () => {
    const slow = createPelotonDispatcher({ retry: { baseDelayMs: 20_000 } });
    try {
      fake.fault({ match: '/api/me', status: 503 });
      const slowApi = new PelotonApi({ baseUrl: fake.url, getAccessToken: () => fake.accessToken, dispatcher: slow });
      const started = performance.now();
      await assert.rejects(slowApi.getMe(AbortSignal.timeout(150)), (error: unknown) => (error as Error).name === 'AbortError');
      assert.ok(performance.now() - started < 1500);
      assert.equal(fake.count(), 1);
    } finally {
      await slow.close();
    }
  });

  it('an already aborted signal sends nothing', async () => {
    await assert.rejects(api.getMe(AbortSignal.abort()), (error: unknown) => (error as Error).name === 'AbortError');
    assert.equal(fake.count(), 0);
  });

  it('404: one request, PelotonApiError with Peloton\u2019s message', async () => {
    await assert.rejects(api.getWorkout('0'.repeat(32)), (error: unknown) => {
      assert.ok(error instanceof PelotonApiError);
      assert.equal(error.message, `GET /api/workout/${'0'.repeat(32)}: HTTP 404 (error_code 4040): Workout not found`);
      return true;
    });
    assert.equal(fake.count(), 1);
  });

  it('401: one request, never retried', async () => {
    const stranger = new PelotonApi({ baseUrl: fake.url, getAccessToken: () => makeJwt({ sub: 'x', exp: nowSeconds() + 3600 }), dispatcher });
    await assert.rejects(stranger.getMe(), PelotonAuthError);
    assert.equal(fake.count(), 1);
  });

  it('POST is never retried: a 503 on the refresh grant is answered after one request', async () => {
    fake.fault({ match: '/oauth/token', status: 503, times: 3 });
    const res = await sendRequest({ method: 'POST', url: `${fake.url}/oauth/token`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=refresh_token', dispatcher });
    assert.equal(res.status, 503);
    assert.equal(fake.count('/oauth/token'), 1);
  });

  it('POST is never retried: a reset on the refresh grant fails after one request', async () => {
    fake.fault({ match: '/oauth/token', kind: 'reset' });
    await assert.rejects(
      sendRequest({ method: 'POST', url: `${fake.url}/oauth/token`, headers: {}, body: 'grant_type=refresh_token', dispatcher }),
      PelotonNetworkError,
    );
    assert.equal(fake.count('/oauth/token'), 1);
  });

  it('onRetry hears of each retry: next try, jittered delay, reason', async () => {
    fake.fault({ match: '/api/me', status: 503 });
    fake.fault({ match: '/api/me', kind: 'reset' });
    const retries: Array<{ nextTry: number; delayMs: number; reason: string }> = [];
    const res = await sendRequest({ method: 'GET', url: `${fake.url}/api/me`, headers: { authorization: `Bearer ${fake.accessToken}` }, dispatcher, onRetry: (r) => retries.push(r) });
    assert.equal(res.status, 200);
    assert.deepEqual(retries.map((r) => [r.nextTry, r.reason]), [
      [2, 'HTTP 503'],
      [3, 'ECONNRESET'],
    ]);
    assert.ok(retries[0]!.delayMs >= 3 && retries[0]!.delayMs <= 5);
    assert.ok(retries[1]!.delayMs >= 5 && retries[1]!.delayMs <= 10);
  });

  it('a 10 MB body: PelotonNetworkError "larger than 5 MB", and the client keeps working', async () => {
    fake.fault({ match: '/api/me', kind: 'huge' });
    await assert.rejects(api.getMe(), (error: unknown) => {
      assert.ok(error instanceof PelotonNetworkError);
      assert.equal(error.message, `Could not reach ${fake.url}/api/me: the response is larger than 5 MB`);
      return true;
    });
    assert.equal(fake.count(), 1);
    assert.equal((await api.getMe()).id, fake.rider.userId);
  });

  it('a hung request: PelotonNetworkError "took too long" after timeoutMs, not retried', async () => {
    fake.fault({ match: '/api/me', kind: 'hang' });
    const impatient = new PelotonApi({ baseUrl: fake.url, getAccessToken: () => fake.accessToken, dispatcher, timeoutMs: 150 });
    const started = performance.now();
    await assert.rejects(impatient.getMe(), (error: unknown) => {
      assert.ok(error instanceof PelotonNetworkError);
      assert.equal(error.message, `Could not reach ${fake.url}/api/me: the server took too long to answer (UND_ERR_HEADERS_TIMEOUT)`);
      return true;
    });
    const ms = performance.now() - started;
    assert.ok(ms >= 140 && ms < 3000, `${Math.round(ms)} ms`);
    assert.equal(fake.count(), 1);
  });

  it('an HTML page with 200 on /api/me: PelotonSchemaError "HTML page"', async () => {
    fake.fault({ match: '/api/me', kind: 'html', status: 200 });
    await assert.rejects(api.getMe(), (error: unknown) => {
      assert.ok(error instanceof PelotonSchemaError);
      assert.equal(error.message, 'GET /api/me: unexpected response: expected JSON, got an HTML page');
      return true;
    });
    assert.equal(fake.count(), 1);
  });
});
