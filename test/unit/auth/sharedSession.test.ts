/**
 * The session every window shares (src/auth/sharedSession.ts), without VS Code: a sign-in and a sign-out are changes
 * stamped with the next renewal generation under the lock; a reread tells a change only when the record differs; and
 * the rider's own sign-in or sign-out still happens when the lock cannot be had.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGeneration } from '../../../src/auth/renewalGeneration';
import type { PelotonSessionRecord } from '../../../src/auth/sessionRecord';
import { SharedSession } from '../../../src/auth/sharedSession';
import { readStoreFile, sessionSlot, writeStore } from '../support/sessionSlots';

const record = (n: number, generation?: number): PelotonSessionRecord => ({
  id: 'peloton-u1',
  accessToken: `access-${n}`,
  refreshToken: `v1.refresh-${n}`,
  expiresAt: 2_000_000_000,
  userId: 'u1',
  username: 'rider',
  origin: 'password',
  ...(generation === undefined ? {} : { generation }),
});

describe('the shared session', () => {
  let dir: string;
  let storeFile: string;
  let lockFolder: string;
  let changes: Array<[string | null, string | null]>;
  let log: string[];
  const open = async (folder = lockFolder) => {
    const session = new SharedSession(sessionSlot(storeFile, 'live'), folder, {
      onChange: (previous, next) => changes.push([previous?.accessToken ?? null, next?.accessToken ?? null]),
      log: (m) => log.push(m),
    });
    await session.load();
    return session;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'peloton-shared-'));
    storeFile = join(dir, 'secret-storage.json');
    lockFolder = join(dir, 'session-renewal');
    changes = [];
    log = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the stored record without telling a change', async () => {
    writeStore(storeFile, record(1));
    const session = await open();
    assert.equal(session.current?.accessToken, 'access-1');
    assert.deepEqual(changes, []);
  });

  it('a sign-in stores the record at the next generation and records it; a sign-out is the generation after', async () => {
    const session = await open();
    await session.save(record(1));
    assert.equal(readStoreFile(storeFile)?.generation, 1);
    assert.equal((await readGeneration(lockFolder)).generation, 1);
    await session.save(record(2, 7));
    assert.equal(readStoreFile(storeFile)?.generation, 8, 'one past the record it replaces');
    await session.signOut();
    assert.equal(readStoreFile(storeFile), null);
    assert.equal((await readGeneration(lockFolder)).generation, 9);
    assert.deepEqual(changes, [[null, 'access-1'], ['access-1', 'access-2'], ['access-2', null]]);
  });

  it('a reread tells a change only when the stored record differs', async () => {
    writeStore(storeFile, record(1));
    const session = await open();
    assert.equal((await session.reread())?.accessToken, 'access-1');
    assert.deepEqual(changes, []);
    writeStore(storeFile, record(2));
    assert.equal((await session.reread())?.accessToken, 'access-2');
    writeStore(storeFile, null);
    assert.equal(await session.reread(), null);
    assert.deepEqual(changes, [['access-1', 'access-2'], ['access-2', null]]);
  });

  it('when the lock folder cannot be made, the sign-in and the sign-out still happen (and say so in the log)', async () => {
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    const session = await open(join(blocked, 'session-renewal'));
    await session.save(record(1));
    assert.equal(readStoreFile(storeFile)?.accessToken, 'access-1');
    await session.signOut();
    assert.equal(readStoreFile(storeFile), null);
    assert.equal(log.length, 2);
    assert.match(log[0]!, /^Could not take the renewal lock to store the new session \(.*\): done without it$/);
    assert.match(log[1]!, /^Could not take the renewal lock to sign out/);
  });

  it('a renewal cannot go on without the lock: the error reaches the caller', async () => {
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    const session = await open(join(blocked, 'session-renewal'));
    await assert.rejects(session.underLock(async () => 'renewed'), /ENOTDIR|EEXIST/);
  });
});
