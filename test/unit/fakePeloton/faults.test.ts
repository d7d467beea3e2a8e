/*
 * Fault injection: every bad input and every bad day at Peloton we know of, against the fake Peloton API on
 * 127.0.0.1 through the real client (PelotonApi on createPelotonDispatcher, retries with a 5 ms base), the history
 * builder (refreshHistory: list + chain + figures + merge) and the HistoryStore. Each case starts with a good stored
 * history on disk (listed down to its newest test), runs the refresh the way the extension does (paste →
 * parsePastedCredentials; refreshHistory with the stored history; save only when it replaced; nothing saved when
 * anything threw), and checks the user-facing message and what is left on disk.
 *
 * input / fault                                   → outcome (message)                                                        stored file
 * ----------------------------------------------- → ------------------------------------------------------------------------ -----------
 * pasted garbage ("hello there")                  → TokenFormatError "That is not a Peloton access token. Paste the access   identical
 *                                                   token (a JWT: …), "Bearer <token>", or the whole value of the localStorage
 *                                                   entry "@@auth0spajs::…" from members.onepeloton.com."; no request
 * a JWT without exp                               → TokenFormatError "This token has no expiry ("exp" claim), so it is not a identical
 *                                                   Peloton access token. Paste the access token …"; no request
 * an expired JWT                                  → TokenFormatError "This access token expired on 2026-01-09 22:06 UTC. Sign identical
 *                                                   in to members.onepeloton.com again and copy a fresh token."; no request
 * localStorage value of another client id         → TokenFormatError "That entry belongs to another application (client id   identical
 *                                                   SomeOtherSpaClientId); copy the entry whose key is "@@auth0spajs::…"."
 * well-formed token /api/me refuses (401, 3020)   → PelotonAuthError "GET /api/me: Not logged in (HTTP 401, error_code 3020)"; identical
 *                                                   1 request, token not in the message
 * /api/me answers an HTML page (200)              → PelotonSchemaError "GET /api/me: unexpected response: expected JSON, got    identical
 *                                                   an HTML page"; 1 request
 * /api/me answers an HTML page (503, 3 times)     → PelotonApiError "GET /api/me: HTTP 503: the server answered with an HTML    identical
 *                                                   page, not JSON"; 3 requests
 * a workout that fails its schema (ftp "abc")     → PelotonSchemaError "GET /api/workout/<id>: unexpected response at           identical
 *                                                   ftp_info.ftp: Invalid input: expected number, received string"
 * a workout body that is not JSON (garbage)       → PelotonSchemaError "GET /api/workout/<id>: unexpected response: expected     identical
 *                                                   JSON, got text that is not JSON"
 * performance graph without avg_output            → walk ends; that test has no result, warning no-avg-output (its workout id)  tail kept,
 *   (dataset no-avg-output)                                                                                                    re-saved
 * performance graph 404 (dataset missing-graph)   → walk ends; that test has no result, warning no-graph (its workout id)       tail kept,
 *                                                                                                                              re-saved
 * performance graph not JSON (garbage)            → walk ends; warning unreadable-graph (its workout id, path null: not JSON)   tail kept,
 *                                                                                                                              re-saved
 * a chain cycle (dataset cycle)                   → the list's 3 tests join the stored ones, each fetched once; warning         union,
 *                                                   chain-cycle (the workout the chain came back to)                           re-saved
 * a chain longer than the limit (50, max 10)      → the list finds all 12 new tests (the walker stops at 10); no warning         tail kept,
 *                                                                                                                              re-saved
 * a workout 404 mid-chain                         → the list's 3 tests join the stored ones; warning chain-missing (the         union,
 *   (dataset workout-404-mid-chain)                 workout that answered 404)                                                 re-saved
 * a list page: 500 three times                    → PelotonApiError "GET /api/user/<id>/workouts page 0: HTTP 500: …"; 3 tries  identical
 * a list page: an HTML page with 200              → PelotonSchemaError "GET /api/user/<id>/workouts page 0: unexpected         identical
 *                                                   response: expected JSON, got an HTML page"
 * 429 with Retry-After: 1, once                   → absorbed: waits ≥ 1 s, refresh succeeds (2 requests to /api/me)             tail kept,
 *                                                                                                                              re-saved
 * 429 with Retry-After: 1, three times            → PelotonApiError "GET /api/me: HTTP 429: Too Many Requests" after 3 requests  identical
 *                                                   and ≥ 2 s
 * a connection reset, once                        → absorbed: refresh succeeds (2 requests to the workout)                      tail kept,
 *                                                                                                                              re-saved
 * a connection reset, three times                 → PelotonNetworkError "Could not reach http://127.0.0.1:<port>/api/workout/    identical
 *                                                   <id>?joins=ride,ride.instructor: the connection was reset (ECONNRESET)"
 * a 10 MB body (performance graph)                → PelotonNetworkError "Could not reach http://127.0.0.1:<port>/api/workout/    identical
 *                                                   <id>/performance_graph?every_n=60: the response is larger than 5 MB"
 * no answer at all (hang, timeout 150 ms)         → PelotonNetworkError "Could not reach http://127.0.0.1:<port>/api/me: the     identical
 *                                                   server took too long to answer (UND_ERR_HEADERS_TIMEOUT)"
 *
 * "identical": the history file is byte for byte what it was. "tail kept, re-saved": the refresh succeeded, so the
 * extension saves the merged history (a new fetchedAt, the new tests on top); the stored tests are in it unchanged.
 * "union, re-saved": the same, with the new tests among the stored ones by date.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore } from '../../../src/history/historyStore';
import { PelotonApi } from '../../../src/peloton/api/pelotonApi';
import { createPelotonDispatcher } from '../../../src/peloton/api/dispatcher';
import { PelotonApiError, PelotonAuthError, PelotonNetworkError, PelotonSchemaError, TokenFormatError } from '../../../src/peloton/api/errors';
import { refreshHistory, type RefreshHistoryResult } from '../../../src/peloton/ftp/historyBuilder';
import type { FtpHistory } from '../../../src/peloton/ftp/model';
import { parsePastedCredentials } from '../../../src/peloton/signIn/tokens';
import { nowSeconds } from '../../../src/shared/dates';
import type { Dispatcher } from '../../../src/peloton/api/undici';
import type { FakeRider } from '../../fakePeloton/dataset';
import { chainOf, getDataset } from '../../fakePeloton/datasets';
import { makeJwt, makeJwtWithoutExp, makeLocalStorageValue } from '../../fakePeloton/jwt';
import { startFakePeloton, type FakePeloton } from '../../fakePeloton/server';

const EXPECTED_PASTE =
  'Paste the access token (a JWT: three dot-separated parts starting with "eyJ"), "Bearer <token>", or the whole value of the ' +
  'localStorage entry "@@auth0spajs::WVoJxVDdPoFx4RNewvvg6ch2mZ7bwnsM::https://api.onepeloton.com/::openid offline_access" from members.onepeloton.com.';
/** When the stored history was fetched (Unix s). */
const STORED_AT = 1_767_000_000;

/** What one refresh did: the error it ended with, or its result. */
interface RefreshRun {
  error?: unknown;
  result?: RefreshHistoryResult;
}

describe('faults: bad input and a bad day at Peloton leave the stored history alone', function () {
  this.timeout(20_000);
  let fake: FakePeloton;
  let dispatcher: Dispatcher;
  let folder: string;
  let store: HistoryStore;
  /** The stored history each case starts with, and its file's bytes. */
  let stored: FtpHistory;
  let storedBytes: Buffer;

  const api = (token: string = fake.accessToken, timeoutMs?: number) => new PelotonApi({ baseUrl: fake.url, getAccessToken: () => token, dispatcher, timeoutMs });
  const storedFile = () => join(folder, `history-${stored.rider.userId}.json`);

  /**
   * Serves `rider`, refreshes it cleanly and stores the tests from index `from` on as the good history (as if the
   * last refresh had been before the `from` newest tests: listed down to its newest test, /api/me's counters
   * moved since), or, with `earlier`, a good history of `earlier`'s tests for the same account (tests the
   * refresh will not meet: its list marker is not in the list either).
   */
  async function storeGoodHistory(rider: FakeRider, options: { from?: number; earlier?: FakeRider } = {}): Promise<void> {
    const source = options.earlier ? { ...options.earlier, userId: rider.userId } : rider;
    fake.setRider(source);
    const clean = (await refreshHistory(api(), null, { maxChainLength: 500 })).history!;
    const tests = clean.tests.slice(options.from ?? 0);
    assert.ok(tests.length > 0);
    stored = {
      ...clean,
      rider: { ...clean.rider, currentFtpWorkoutId: tests[0]!.workoutId },
      tests,
      warnings: [],
      fetchedAt: STORED_AT,
      listed: { throughWorkoutId: tests[0]!.workoutId, throughCreatedAt: null, totalWorkouts: null, lastWorkoutAt: null, pendingTestIds: [] },
    };
    await store.save(stored);
    storedBytes = await readFile(storedFile());
    fake.setRider(rider);
    fake.resetCounts();
  }

  /** The extension's refresh: refreshHistory over the stored history, save only a replaced history. */
  async function refresh(client: PelotonApi, maxChainLength = 50): Promise<RefreshRun> {
    const loaded = await store.load(stored.rider.userId);
    assert.equal(loaded.problem, null);
    let result: RefreshHistoryResult;
    try {
      result = await refreshHistory(client, loaded.history, { maxChainLength, expectedUserId: stored.rider.userId });
    } catch (error) {
      return { error };
    }
    if (result.replaced && result.history) await store.save(result.history);
    return { result };
  }

  /** Sign-in by paste, then the first refresh with the pasted access token. */
  async function pasteAndRefresh(pasted: string, now?: number): Promise<RefreshRun> {
    let accessToken: string;
    try {
      accessToken = parsePastedCredentials(pasted, now).accessToken;
    } catch (error) {
      return { error };
    }
    return refresh(api(accessToken));
  }

  /** The refresh failed with exactly this error and message. */
  function failedWith(run: RefreshRun, type: abstract new (...args: never[]) => Error, message: string): void {
    assert.equal(run.result, undefined, 'the refresh should have failed');
    assert.ok(run.error instanceof type, `expected ${type.name}, got ${String(run.error)}`);
    assert.equal(run.error.message, message);
  }

  /** The history file is byte for byte as stored, loads as stored, and no temp file is lying around. */
  async function assertStoredIdentical(): Promise<void> {
    assert.deepEqual(await readFile(storedFile()), storedBytes);
    assert.deepEqual((await store.load(stored.rider.userId)).history, stored);
    assert.deepEqual(await readdir(folder), [`history-${stored.rider.userId}.json`]);
  }

  /** The refresh succeeded and was saved: the stored tests are the tail of the saved history, unchanged. */
  async function assertStoredTailKept(run: RefreshRun, newTests: number): Promise<FtpHistory> {
    assert.equal(run.error, undefined, `the refresh failed: ${String(run.error)}`);
    assert.equal(run.result?.replaced, true);
    assert.equal(run.result?.newTests, newTests);
    const saved = (await store.load(stored.rider.userId)).history!;
    assert.deepEqual(saved.tests.slice(newTests), stored.tests);
    assert.equal(saved.tests.length, stored.tests.length + newTests);
    assert.equal(saved.endReason, stored.endReason);
    assert.ok(saved.fetchedAt > STORED_AT);
    return saved;
  }

  before(async () => {
    fake = await startFakePeloton({ rider: getDataset('seed-example') });
    dispatcher = createPelotonDispatcher({ retry: { baseDelayMs: 5 } });
  });
  after(async () => {
    await fake.close();
    await dispatcher.close();
  });
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'peloton-faults-'));
    store = new HistoryStore(folder);
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  describe('what the rider pastes', () => {
    beforeEach(() => storeGoodHistory(getDataset('seed-example'), { from: 1 }));

    it('pasted garbage: "That is not a Peloton access token. …", nothing sent', async () => {
      failedWith(await pasteAndRefresh('hello there'), TokenFormatError, `That is not a Peloton access token. ${EXPECTED_PASTE}`);
      assert.equal(fake.count(), 0);
      await assertStoredIdentical();
    });

    it('a JWT without exp: "This token has no expiry …", nothing sent', async () => {
      const token = makeJwtWithoutExp({ sub: fake.rider.userId });
      fake.acceptAccessToken(token); // the server would take it: the refusal is ours, before anything is sent
      failedWith(
        await pasteAndRefresh(token),
        TokenFormatError,
        `This token has no expiry ("exp" claim), so it is not a Peloton access token. ${EXPECTED_PASTE}`,
      );
      assert.equal(fake.count(), 0);
      await assertStoredIdentical();
    });

    it('an expired JWT: "This access token expired on 2026-01-09 22:06 UTC. …", nothing sent', async () => {
      const now = 1_768_000_000; // 2026-01-09 23:06:40 UTC
      failedWith(
        await pasteAndRefresh(`Bearer ${makeJwt({ sub: fake.rider.userId, exp: now - 3600, iat: now - 176_400 })}`, now),
        TokenFormatError,
        'This access token expired on 2026-01-09 22:06 UTC. Sign in to members.onepeloton.com again and copy a fresh token.',
      );
      assert.equal(fake.count(), 0);
      await assertStoredIdentical();
    });

    it('a localStorage value for another client id: "That entry belongs to another application …", nothing sent', async () => {
      const value = makeLocalStorageValue({ accessToken: fake.accessToken, refreshToken: fake.refreshToken, expiresAt: nowSeconds() + 3600, clientId: 'SomeOtherSpaClientId' });
      failedWith(
        await pasteAndRefresh(value),
        TokenFormatError,
        'That entry belongs to another application (client id SomeOtherSpaClientId); copy the entry whose key is ' +
          '"@@auth0spajs::WVoJxVDdPoFx4RNewvvg6ch2mZ7bwnsM::https://api.onepeloton.com/::openid offline_access".',
      );
      assert.equal(fake.count(), 0);
      await assertStoredIdentical();
    });

    it('a well-formed token that /api/me refuses: PelotonAuthError "Not logged in (HTTP 401, error_code 3020)"', async () => {
      const stranger = makeJwt({ sub: fake.rider.userId, exp: nowSeconds() + 3600 });
      const run = await pasteAndRefresh(stranger);
      failedWith(run, PelotonAuthError, 'GET /api/me: Not logged in (HTTP 401, error_code 3020)');
      assert.equal((run.error as PelotonAuthError).errorCode, 3020);
      assert.ok(!(run.error as Error).message.includes(stranger));
      assert.equal(fake.count(), 1, 'a 401 is never retried');
      await assertStoredIdentical();
    });

    it('control: the same paste with a good token refreshes and saves', async () => {
      const run = await pasteAndRefresh(makeLocalStorageValue({ accessToken: fake.accessToken, refreshToken: fake.refreshToken, expiresAt: nowSeconds() + 3600 }));
      await assertStoredTailKept(run, 1);
      assert.equal(fake.count(), 4, '/api/me, one list page, the new test\'s workout and graph');
    });
  });

  describe('what /api/me answers', () => {
    beforeEach(() => storeGoodHistory(getDataset('seed-example'), { from: 1 }));

    it('an HTML page with 200: PelotonSchemaError "expected JSON, got an HTML page"', async () => {
      fake.fault({ match: '/api/me', kind: 'html', status: 200 });
      failedWith(await refresh(api()), PelotonSchemaError, 'GET /api/me: unexpected response: expected JSON, got an HTML page');
      assert.equal(fake.count(), 1);
      await assertStoredIdentical();
    });

    it('an HTML maintenance page with 503, three times: PelotonApiError "HTTP 503: the server answered with an HTML page"', async () => {
      fake.fault({ match: '/api/me', kind: 'html', status: 503, times: 3 });
      failedWith(await refresh(api()), PelotonApiError, 'GET /api/me: HTTP 503: the server answered with an HTML page, not JSON');
      assert.equal(fake.count('/api/me'), 3);
      await assertStoredIdentical();
    });

    it('429 with Retry-After: 1, once: waits the second, then the refresh succeeds', async () => {
      fake.fault({ match: '/api/me', status: 429, headers: { 'Retry-After': '1' } });
      const started = performance.now();
      const run = await refresh(api());
      assert.ok(performance.now() - started >= 950, 'waited for Retry-After');
      await assertStoredTailKept(run, 1);
      assert.equal(fake.count('/api/me'), 2);
    });

    it('429 with Retry-After: 1, three times: PelotonApiError "HTTP 429: Too Many Requests" after 3 requests', async () => {
      fake.fault({ match: '/api/me', status: 429, headers: { 'Retry-After': '1' }, times: 3 });
      const started = performance.now();
      failedWith(await refresh(api()), PelotonApiError, 'GET /api/me: HTTP 429: Too Many Requests');
      assert.ok(performance.now() - started >= 1900, 'waited Retry-After twice');
      assert.equal(fake.count(), 3);
      await assertStoredIdentical();
    });

    it('no answer at all: PelotonNetworkError "the server took too long to answer"', async () => {
      fake.fault({ match: '/api/me', kind: 'hang' });
      failedWith(await refresh(api(undefined, 150)), PelotonNetworkError, `Could not reach ${fake.url}/api/me: the server took too long to answer (UND_ERR_HEADERS_TIMEOUT)`);
      assert.equal(fake.count(), 1);
      await assertStoredIdentical();
    });
  });

  describe('what the workout list answers', () => {
    beforeEach(() => storeGoodHistory(getDataset('seed-example'), { from: 1 }));
    const listPath = () => `/api/user/${fake.rider.userId}/workouts`;

    it('a page that answers 500 three times: PelotonApiError naming the page, after 3 tries', async () => {
      fake.fault({ match: listPath(), query: { page: '0' }, status: 500, times: 3 });
      const run = await refresh(api());
      assert.ok(run.error instanceof PelotonApiError, String(run.error));
      assert.match(run.error.message, new RegExp(`^GET ${listPath()} page 0: HTTP 500`));
      assert.equal(fake.countRoute('workout_list'), 3);
      await assertStoredIdentical();
    });

    it('a page that answers an HTML page with 200: PelotonSchemaError naming the page', async () => {
      fake.fault({ match: listPath(), kind: 'html', status: 200 });
      failedWith(await refresh(api()), PelotonSchemaError, `GET ${listPath()} page 0: unexpected response: expected JSON, got an HTML page`);
      await assertStoredIdentical();
    });
  });

  describe('what a workout answers', () => {
    let newest: string;
    beforeEach(async () => {
      await storeGoodHistory(getDataset('seed-example'), { from: 1 });
      newest = fake.rider.cyclingFtpWorkoutId!;
    });
    const workoutPath = () => new RegExp(`^/api/workout/${newest}$`);

    it('a workout that fails its schema: PelotonSchemaError naming the field', async () => {
      const body = JSON.stringify({ id: newest, created_at: 1_768_392_000, ftp_info: { ftp: 'abc', ftp_source: 'ftp_workout_source', ftp_workout_id: null } });
      fake.fault({ match: workoutPath(), status: 200, body });
      const run = await refresh(api());
      failedWith(run, PelotonSchemaError, `GET /api/workout/${newest}: unexpected response at ftp_info.ftp: Invalid input: expected number, received string`);
      assert.equal((run.error as PelotonSchemaError).path, 'ftp_info.ftp');
      await assertStoredIdentical();
    });

    it('a workout body that is not JSON: PelotonSchemaError "expected JSON, got text that is not JSON"', async () => {
      fake.fault({ match: workoutPath(), kind: 'garbage' });
      failedWith(await refresh(api()), PelotonSchemaError, `GET /api/workout/${newest}: unexpected response: expected JSON, got text that is not JSON`);
      await assertStoredIdentical();
    });

    it('a connection reset, once: absorbed by a retry, the refresh succeeds', async () => {
      fake.fault({ match: workoutPath(), kind: 'reset' });
      await assertStoredTailKept(await refresh(api()), 1);
      assert.equal(fake.count(`/api/workout/${newest}`), 3, 'workout twice, graph once');
    });

    it('a connection reset, three times: PelotonNetworkError "the connection was reset (ECONNRESET)"', async () => {
      fake.fault({ match: workoutPath(), kind: 'reset', times: 3 });
      failedWith(
        await refresh(api()),
        PelotonNetworkError,
        `Could not reach ${fake.url}/api/workout/${newest}?joins=ride,ride.instructor: the connection was reset (ECONNRESET)`,
      );
      await assertStoredIdentical();
    });

    it('a 10 MB performance graph: PelotonNetworkError "larger than 5 MB"', async () => {
      fake.fault({ match: `/api/workout/${newest}/performance_graph`, kind: 'huge' });
      failedWith(
        await refresh(api()),
        PelotonNetworkError,
        `Could not reach ${fake.url}/api/workout/${newest}/performance_graph?every_n=60: the response is larger than 5 MB`,
      );
      await assertStoredIdentical();
      // and the client is fine afterwards
      await assertStoredTailKept(await refresh(api()), 1);
    });

    it('a performance graph that is not JSON: the test comes without a result and a warning', async () => {
      fake.fault({ match: `/api/workout/${newest}/performance_graph`, kind: 'garbage' });
      const run = await refresh(api());
      const saved = await assertStoredTailKept(run, 1);
      assert.equal(saved.tests[0]!.calculatedFtp, null);
      assert.deepEqual(run.result?.warnings, [{ kind: 'unreadable-graph', workoutId: newest, path: null }]);
    });
  });

  describe('the shape of the chain', () => {
    it('a performance graph without avg_output (no-avg-output): no result for that test, a warning', async () => {
      await storeGoodHistory(getDataset('no-avg-output'), { from: 2 });
      const middle = fake.rider.workouts.find((w) => w.avgOutput === null)!.id;
      const run = await refresh(api());
      const saved = await assertStoredTailKept(run, 2);
      assert.deepEqual(run.result?.warnings, [{ kind: 'no-avg-output', workoutId: middle }]);
      assert.deepEqual(
        saved.tests.map((t) => [t.workoutId === middle, t.avgOutput === null, t.calculatedFtp === null]),
        [
          [false, false, false],
          [true, true, true],
          [false, false, false],
        ],
      );
    });

    it('a performance graph 404 (missing-graph): no result for that test, a warning', async () => {
      await storeGoodHistory(getDataset('missing-graph'), { from: 2 });
      const run = await refresh(api());
      const saved = await assertStoredTailKept(run, 2);
      const middle = saved.tests[1]!.workoutId;
      assert.equal(saved.tests[1]!.calculatedFtp, null);
      assert.deepEqual(run.result?.warnings, [{ kind: 'no-graph', workoutId: middle }]);
    });

    /** The saved history holds every stored test (unchanged apart from its mark) and the `found` new ones. */
    async function assertUnion(run: RefreshRun, found: number): Promise<FtpHistory> {
      assert.equal(run.error, undefined, `the refresh failed: ${String(run.error)}`);
      assert.equal(run.result?.replaced, true);
      assert.equal(run.result?.newTests, found);
      const saved = (await store.load(stored.rider.userId)).history!;
      assert.equal(saved.tests.length, stored.tests.length + found);
      const byId = new Map(saved.tests.map((t) => [t.workoutId, t]));
      for (const test of stored.tests) assert.deepEqual({ ...byId.get(test.workoutId), applied: null }, { ...test, applied: null });
      return saved;
    }

    it('a chain cycle: stops at the repeated workout with a warning; the list\'s tests join the stored ones', async () => {
      await storeGoodHistory(getDataset('cycle'), { earlier: chainOf(5, { label: 'before-the-cycle' }) });
      const run = await refresh(api());
      assert.deepEqual(run.result?.warnings, [{ kind: 'chain-cycle', workoutId: fake.rider.cyclingFtpWorkoutId }]);
      const saved = await assertUnion(run, 3);
      assert.equal(saved.endReason, 'cycle');
      assert.equal(fake.count(), 1 + 1 + 3 * 2, 'each test fetched once although the chain comes back to it');
    });

    it('a chain longer than the limit: the list finds the tests the chain walker did not reach, no warning', async () => {
      // 12 tests since the last refresh and a chain limit of 10: the list goes on down to the stored tests.
      await storeGoodHistory(chainOf(50), { from: 12 });
      const run = await refresh(api(), 10);
      await assertStoredTailKept(run, 12);
      assert.deepEqual(run.result?.warnings, []);
      assert.equal(fake.countRoute('workout'), 12);
      assert.equal(fake.countRoute('performance_graph'), 12);
      assert.equal(fake.countRoute('me'), 1);
    });

    it('a workout 404 in the middle of the chain: a warning; the list still finds the test behind it', async () => {
      const rider = getDataset('workout-404-mid-chain');
      await storeGoodHistory(rider, { earlier: chainOf(5, { label: 'before-the-ghost' }) });
      const run = await refresh(api());
      const saved = await assertUnion(run, 3);
      const middle = saved.tests.find((t) => t.previousTestId && !saved.tests.some((o) => o.workoutId === t.previousTestId))!;
      assert.deepEqual(run.result?.warnings, [{ kind: 'chain-missing', workoutId: middle.previousTestId }]);
      assert.equal(saved.endReason, 'missing');
    });
  });
});
