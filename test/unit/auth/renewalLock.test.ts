/**
 * The renewal lock (src/auth/renewalLock.ts, proper-lockfile): one holder at a time, released however the work ends,
 * a lock left by a holder that died taken over once stale, and a clear error when a live holder keeps it too long.
 * Across processes: test/unit/auth/renewalRace.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_NAME, holdRenewalLock } from '../../../src/auth/renewalLock';
import { RenewalLockBusyError } from '../../../src/auth/sessionErrors';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the renewal lock', function () {
  this.timeout(20_000);
  let root: string;
  let folder: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'peloton-lock-'));
    folder = join(root, 'session-renewal');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('makes the folder, holds the lock while the work runs, and removes it after', async () => {
    const seen = await holdRenewalLock(folder, async () => existsSync(join(folder, LOCK_NAME)));
    assert.equal(seen, true);
    assert.deepEqual(readdirSync(folder), [], 'the lock is gone, nothing else was left');
  });

  it('one holder at a time: the second work starts only after the first ended', async () => {
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} start`);
      await sleep(300);
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([holdRenewalLock(folder, work('a')), sleep(20).then(() => holdRenewalLock(folder, work('b')))]);
    assert.deepEqual(results, ['a', 'b']);
    assert.deepEqual(events, ['a start', 'a end', 'b start', 'b end']);
  });

  it('is released when the work throws', async () => {
    await assert.rejects(holdRenewalLock(folder, async () => Promise.reject(new Error('grant failed'))), /grant failed/);
    assert.equal(existsSync(join(folder, LOCK_NAME)), false);
    assert.equal(await holdRenewalLock(folder, async () => 'again', { waitMs: 500 }), 'again');
  });

  it('a lock whose holder died long ago (not refreshed for over the stale time) is taken over at once', async () => {
    mkdirSync(join(folder, LOCK_NAME), { recursive: true });
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(folder, LOCK_NAME), old, old);
    const started = Date.now();
    assert.equal(await holdRenewalLock(folder, async () => 'taken', { staleMs: 10_000, waitMs: 5_000 }), 'taken');
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
  });

  it('a lock whose holder died just now is taken over once it is stale, not before', async () => {
    mkdirSync(join(folder, LOCK_NAME), { recursive: true });
    const started = Date.now();
    assert.equal(await holdRenewalLock(folder, async () => 'taken', { staleMs: 2_000, waitMs: 10_000 }), 'taken');
    const waited = Date.now() - started;
    assert.ok(waited >= 1_900, `taken over after ${waited} ms, before the lock was stale`);
  });

  it('a live holder keeps its lock fresh past the stale time; a window that waits longer than its wait gets RenewalLockBusyError', async () => {
    let releaseHolder!: () => void;
    const holding = holdRenewalLock(folder, () => new Promise<void>((resolve) => (releaseHolder = resolve)), { staleMs: 2_000 });
    await sleep(50);
    const started = Date.now();
    await assert.rejects(
      holdRenewalLock(folder, async () => 'never', { staleMs: 2_000, waitMs: 3_500 }),
      (error: unknown) => error instanceof RenewalLockBusyError && error.waitedMs === 3_500,
    );
    assert.ok(Date.now() - started >= 3_000, 'it waited (past the stale time: the holder kept the lock fresh)');
    releaseHolder();
    await holding;
    assert.equal(await holdRenewalLock(folder, async () => 'free', { waitMs: 500 }), 'free');
  });
});
