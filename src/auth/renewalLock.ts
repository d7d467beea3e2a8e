/**
 * One renewal at a time across every VS Code window of the machine: a lock in a folder every window shares (the
 * extension's global storage), taken with proper-lockfile: an atomic `mkdir` of `<folder>/renewal.lock`, whose
 * modification time the holder refreshes while it holds it. A lock whose holder died (a window closed or killed
 * mid-renewal) stops being refreshed and counts as stale after `staleMs`; the next window then takes it over. The
 * lock is an empty folder: it holds no token. Plain Node.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as lockfile from 'proper-lockfile';
import { RenewalLockBusyError } from './sessionErrors';

/** The lock's name inside the folder. */
export const LOCK_NAME = 'renewal.lock';

/** A lock not refreshed for this long (ms) is stale: its holder is gone. proper-lockfile's default; its floor is 2000. */
export const DEFAULT_STALE_MS = 10_000;

/**
 * How long (ms) to wait for another window's renewal before giving up: two token requests' time limit (30 s each,
 * src/peloton/api/http.ts) and then some, since a live holder keeps its lock fresh for as long as its request runs.
 */
export const DEFAULT_WAIT_MS = 75_000;

/** Options of {@link holdRenewalLock}. */
export interface RenewalLockOptions {
  /** See {@link DEFAULT_STALE_MS}. */
  staleMs?: number;
  /** See {@link DEFAULT_WAIT_MS}. */
  waitMs?: number;
  /**
   * Told when the lock was lost while held (its refresh failed for longer than `staleMs`, e.g. after the machine slept,
   * so another window may have taken it over). The work under the lock goes on; without this, nothing is told.
   */
  onCompromised?: (error: Error) => void;
}

/**
 * Runs `work` holding the renewal lock of `folder` (created when missing), waiting for another holder with backoff
 * (50 ms, growing to 500 ms between tries) up to `waitMs`, and releases the lock when `work` settles.
 * @returns what `work` returns.
 * @throws {RenewalLockBusyError} when the lock stayed held (and fresh) for `waitMs`; the file system's error when the
 *   folder cannot be made or locked; what `work` throws.
 */
export async function holdRenewalLock<T>(folder: string, work: () => Promise<T>, options: RenewalLockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  await mkdir(folder, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(folder, {
      lockfilePath: join(folder, LOCK_NAME),
      realpath: false,
      stale: options.staleMs ?? DEFAULT_STALE_MS,
      // `maxRetryTime` ends the waiting; the count only has to outlast it.
      retries: { retries: Math.ceil(waitMs / 50) + 10, minTimeout: 50, maxTimeout: 500, factor: 1.5, maxRetryTime: waitMs },
      onCompromised: (error) => options.onCompromised?.(error),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new RenewalLockBusyError(waitMs);
    throw error;
  }
  try {
    return await work();
  } finally {
    // Already released means compromised and taken over: nothing of ours to remove.
    await release().catch(() => undefined);
  }
}
