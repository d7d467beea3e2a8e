import assert from 'node:assert/strict';
import pLimit from 'p-limit';
import { PelotonApiError, PelotonAuthError } from '../../../../src/peloton/api/errors';
import { unbounded } from '../../../../src/peloton/api/pelotonApi';
import type { RideDetails } from '../../../../src/peloton/api/schemas';
import { FtpClassChecks, type FtpClassApi } from '../../../../src/peloton/ftp/ftpClasses';

/** A class-details API answering from a table, counting requests per class; a class not in it answers `failWith`. */
function classesApi(table: Record<string, boolean>, failWith: (rideId: string) => Error = (id) => new PelotonApiError(`GET /api/ride/${id}/details`, 500, null, 'Internal Server Error')) {
  const asked: string[] = [];
  const api: FtpClassApi = {
    getRideDetails: async (rideId: string): Promise<RideDetails> => {
      asked.push(rideId);
      await new Promise((r) => setTimeout(r, 2));
      if (rideId in table) return { is_ftp_test: table[rideId]! };
      throw failWith(rideId);
    },
  };
  return { api, asked };
}


describe('FtpClassChecks (GET /api/ride/{id}/details, each class once)', () => {
  it('asks each class once however many workouts ask at the same time, and remembers the answer', async () => {
    const { api, asked } = classesApi({ 'r-de': true, 'r-builder': false });
    const checks = new FtpClassChecks(api, undefined, unbounded, new AbortController().signal);
    assert.equal(checks.known('r-de'), undefined);
    const answers = await Promise.all(['r-de', 'r-builder', 'r-de', 'r-builder', 'r-de'].map((id) => checks.check(id)));
    assert.deepEqual(answers.map((a) => a.ok && a.isTest), [true, false, true, false, true]);
    assert.deepEqual(asked.sort(), ['r-builder', 'r-de']);
    assert.equal(checks.known('r-de'), true);
    assert.deepEqual(checks.toStore(), { 'r-de': true, 'r-builder': false });
  });

  it('a stored answer is given without a request, and kept with the new ones', async () => {
    const { api, asked } = classesApi({ 'r-es': true });
    const checks = new FtpClassChecks(api, { 'r-de': true, 'r-builder': false }, unbounded, new AbortController().signal);
    assert.deepEqual(await checks.check('r-builder'), { ok: true, isTest: false });
    assert.deepEqual(await checks.check('r-de'), { ok: true, isTest: true });
    assert.deepEqual(asked, []);
    await checks.check('r-es');
    assert.deepEqual(checks.toStore(), { 'r-de': true, 'r-builder': false, 'r-es': true });
  });

  it('a failed lookup is no answer: not remembered, so a later refresh asks again', async () => {
    const { api, asked } = classesApi({});
    const checks = new FtpClassChecks(api, undefined, unbounded, new AbortController().signal);
    const result = await checks.check('r-es');
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.error instanceof PelotonApiError);
    assert.deepEqual(await checks.check('r-es'), result, 'once per refresh, even when it failed');
    assert.deepEqual(checks.toStore(), {});
    const next = new FtpClassChecks(api, checks.toStore(), unbounded, new AbortController().signal);
    await next.check('r-es');
    assert.deepEqual(asked, ['r-es', 'r-es']);
  });

  it('a refused session (401) is thrown, not taken as a failed lookup', async () => {
    const { api } = classesApi({}, () => new PelotonAuthError('GET /api/ride/x/details', 3020, 'Not logged in'));
    const checks = new FtpClassChecks(api, undefined, unbounded, new AbortController().signal);
    await assert.rejects(checks.check('x'), PelotonAuthError);
  });

  it('an abort is thrown', async () => {
    const abort = new AbortController();
    const api: FtpClassApi = {
      getRideDetails: (_id, signal) =>
        new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true })),
    };
    const checks = new FtpClassChecks(api, undefined, unbounded, abort.signal);
    const pending = checks.check('x');
    abort.abort();
    await assert.rejects(pending, (error: unknown) => (error as Error).name === 'AbortError');
  });

  it('runs its requests under the bound it is given', async () => {
    let inFlight = 0;
    let most = 0;
    // The exchange runs under the slot it is handed (as PelotonApi does); reading the answer comes after.
    const api: FtpClassApi = {
      getRideDetails: async (_id, _signal, slot = unbounded) => {
        await slot(async () => {
          most = Math.max(most, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
        });
        return { is_ftp_test: false };
      },
    };
    const limit = pLimit(2);
    const checks = new FtpClassChecks(api, undefined, limit, new AbortController().signal);
    await Promise.all(Array.from({ length: 9 }, (_, i) => checks.check(`r${i}`)));
    assert.equal(most, 2);
  });
});
