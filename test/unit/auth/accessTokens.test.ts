/**
 * Renewing the access token across windows (src/auth/accessTokens.ts over src/auth/sharedSession.ts), without VS
 * Code: windows in one process, each with its own SharedSession and AccessTokens over one stand-in SecretStorage
 * (desktop: live; code-server: a snapshot per window) and one renewal lock folder, renewing against the fake Auth0 on
 * 127.0.0.1, which rotates refresh tokens with reuse detection. Every refresh token a window presents is counted here
 * and by the fake; none may be presented twice, and no token family revoked. Across processes: renewalRace.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFRESH_MARGIN_SECONDS } from '../../../src/auth/accessTokens';
import { readGeneration } from '../../../src/auth/renewalGeneration';
import { SessionExpiredError, SessionOutdatedError } from '../../../src/auth/sessionErrors';
import type { SessionOrigin } from '../../../src/auth/sessionRecord';
import { seedExample } from '../../fakePeloton/datasets';
import { startFakePeloton, type FakePeloton } from '../../fakePeloton/server';
import { openWindow, recordOf, type RenewingWindow } from '../support/renewingWindow';
import { readStoreFile, writeStore, type SlotKind } from '../support/sessionSlots';

describe('access tokens across windows', function () {
  this.timeout(20_000);
  let fake: FakePeloton;
  let dir: string;
  let storeFile: string;
  let lockFolder: string;
  /** Every refresh token presented, with how many times. */
  let presented: Map<string, number>;

  beforeEach(async () => {
    fake = await startFakePeloton({ rider: seedExample() });
    dir = mkdtempSync(join(tmpdir(), 'peloton-windows-'));
    storeFile = join(dir, 'secret-storage.json');
    lockFolder = join(dir, 'globalStorage', 'session-renewal');
    presented = new Map();
  });
  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Stores a session (as a sign-in before the windows start) whose access token lasts `ttl` seconds. */
  const storeSession = (ttl: number, origin: SessionOrigin = 'password') => {
    const record = recordOf(fake.rider, fake.issueAccessToken(ttl), fake.refreshToken, origin);
    writeStore(storeFile, record);
    return record;
  };
  /** Opens a window; `beforeGrant` runs after a presentation is counted, before it is sent. */
  const open = (kind: SlotKind, beforeGrant?: () => void): Promise<RenewingWindow> =>
    openWindow({
      storeFile,
      lockFolder,
      kind,
      authBaseUrl: fake.url,
      onPresent: (t) => {
        presented.set(t, (presented.get(t) ?? 0) + 1);
        beforeGrant?.();
      },
    });
  const presentedTwice = () => [...presented.values()].filter((n) => n > 1).length;
  /** What Peloton saw: each refresh token once, and no token family revoked. */
  const peloton = () => ({
    twice: [...fake.refreshPresentations().values()].filter((n) => n > 1).length,
    revoked: fake.refreshFamilies().filter((f) => f.revoked !== null).length,
  });
  /** True when the fake accepts this access token (GET /api/me → 200). */
  const works = async (accessToken: string) => (await fetch(`${fake.url}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status === 200;

  it('a token far from expiry is used as it is: no lock taken, nothing presented', async () => {
    const stored = storeSession(3_600);
    const one = await open('live');
    assert.equal(await one.tokens.getAccessToken(), stored.accessToken);
    assert.equal(presented.size, 0);
    assert.deepEqual(readdirSync(dir), ['secret-storage.json'], 'the lock folder was not even made');
  });

  it('within the margin one window renews once, stores the rotated refresh token as generation 1, and records generation 1', async () => {
    const stored = storeSession(REFRESH_MARGIN_SECONDS - 60);
    const one = await open('live');
    const renewed = await one.tokens.getAccessToken();
    assert.notEqual(renewed, stored.accessToken);
    assert.ok(await works(renewed));
    assert.deepEqual([...presented], [[stored.refreshToken, 1]]);
    const now = readStoreFile(storeFile);
    assert.deepEqual([now?.accessToken, now?.refreshToken, now?.generation], [renewed, fake.refreshToken, 1]);
    assert.equal((await readGeneration(lockFolder)).generation, 1);
    assert.equal(await one.tokens.getAccessToken(), renewed, 'then used as it is');
    assert.equal(presented.size, 1);
  });

  for (const kind of ['live', 'snapshot'] as const) {
    it(`${kind === 'live' ? 'desktop' : 'code-server'}: two windows within the margin at once present the refresh token once, and both go on`, async () => {
      const stored = storeSession(REFRESH_MARGIN_SECONDS - 60);
      const [one, two] = await Promise.all([open(kind), open(kind)]);
      const [a, b] = await Promise.all([one.tokens.getAccessToken(), two.tokens.getAccessToken()]);
      assert.deepEqual([...presented], [[stored.refreshToken, 1]]);
      assert.ok((await works(a)) && (await works(b)), 'both access tokens work');
      const newest = readStoreFile(storeFile)!;
      assert.equal(newest.refreshToken, fake.refreshToken, 'the store holds the rotated refresh token');
      if (kind === 'live') {
        assert.deepEqual([a, b], [newest.accessToken, newest.accessToken], 'the second window read the first one\'s renewal');
        assert.ok([one, two].some((w) => w.log.includes('Another window already renewed the Peloton access token: using its tokens')));
      } else {
        // The window that could not read the renewal keeps its own access token while it lasts.
        assert.deepEqual([a, b].sort(), [newest.accessToken, stored.accessToken].sort());
        const outdated = a === stored.accessToken ? one : two;
        assert.match(outdated.log.join('\n'), /after this window read it \(generation 0\): this window's refresh token is not presented/);
        assert.equal(await outdated.tokens.getAccessToken(), stored.accessToken, 'asked again: no second look, no presentation');
        assert.equal(await outdated.tokens.afterUnauthorized('some other token'), true);
      }
      assert.equal(presented.size, 1);
      assert.deepEqual(peloton(), { twice: 0, revoked: 0 });
    });
  }

  it('code-server, the morning after (access token expired): one window renews, the other asks for a reload and presents nothing; after the reload it uses the renewal', async () => {
    const stored = storeSession(-60);
    const [one, two] = await Promise.all([open('snapshot'), open('snapshot')]);
    const outcomes = await Promise.allSettled([one.tokens.getAccessToken(), two.tokens.getAccessToken()]);
    assert.deepEqual([...presented], [[stored.refreshToken, 1]]);
    const renewed = outcomes.find((o) => o.status === 'fulfilled');
    const reload = outcomes.find((o) => o.status === 'rejected');
    assert.ok(renewed && reload, JSON.stringify(outcomes.map((o) => o.status)));
    assert.ok(reload.reason instanceof SessionOutdatedError, String(reload.reason));
    const outdated = outcomes[0] === reload ? one : two;
    assert.notEqual(outdated.session.current, null, 'still signed in: the session is fine');
    await assert.rejects(outdated.tokens.afterUnauthorized(stored.accessToken), SessionOutdatedError);
    assert.equal(presented.size, 1, 'and still nothing presented');
    const reloaded = await open('snapshot');
    assert.equal(await reloaded.tokens.getAccessToken(), (renewed as PromiseFulfilledResult<string>).value);
    assert.equal(presented.size, 1);
    assert.deepEqual(peloton(), { twice: 0, revoked: 0 });
  });

  it('code-server: the renewal of the window that could read it goes on normally the next time, and the store stays in step', async () => {
    storeSession(REFRESH_MARGIN_SECONDS - 60);
    const one = await open('snapshot');
    await one.tokens.getAccessToken();
    const reloaded = await open('snapshot');
    // both hold generation 1 now; force the next renewal with a 401 of its current token
    const current = reloaded.session.current!;
    assert.equal(await reloaded.tokens.afterUnauthorized(current.accessToken), true);
    assert.equal(readStoreFile(storeFile)?.generation, 2);
    // window one holds generation 1: outdated now, so a 401 of its token asks for a reload instead of presenting
    await assert.rejects(one.tokens.afterUnauthorized(one.session.current!.accessToken), SessionOutdatedError);
    assert.equal(presentedTwice(), 0);
    assert.equal(presented.size, 2);
    assert.deepEqual(peloton(), { twice: 0, revoked: 0 });
  });

  it('a sign-in in one window moves the generation on: a code-server window holding the old session never presents its refresh token', async () => {
    storeSession(-60);
    const old = await open('snapshot');
    const other = await open('snapshot');
    await other.session.save(recordOf(fake.rider, fake.issueAccessToken(), fake.issueRefreshToken()));
    assert.equal(readStoreFile(storeFile)?.generation, 1);
    await assert.rejects(old.tokens.getAccessToken(), SessionOutdatedError);
    assert.equal(presented.size, 0);
  });

  it("a rider's sign-out in one window: a code-server window still holding the session does not renew it back into the store", async () => {
    storeSession(-60);
    const stays = await open('snapshot');
    const leaves = await open('snapshot');
    await leaves.session.signOut();
    assert.equal(readStoreFile(storeFile), null);
    await assert.rejects(stays.tokens.getAccessToken(), SessionOutdatedError);
    assert.equal(readStoreFile(storeFile), null, 'still signed out');
    assert.equal(presented.size, 0);
    const desktop = await open('live');
    await assert.rejects(desktop.tokens.getAccessToken(), (e: unknown) => e instanceof SessionExpiredError && e.reason === 'not-signed-in');
  });

  /** Asks a window for a token after Peloton refused the stored refresh token; checks the session is gone for every window. */
  async function refusedOnce(reason: SessionExpiredError['reason']) {
    const one = await open('live');
    await assert.rejects(one.tokens.getAccessToken(), (e: unknown) => e instanceof SessionExpiredError && e.reason === reason);
    assert.equal(readStoreFile(storeFile), null);
    assert.equal(one.session.current, null);
    assert.equal((await readGeneration(lockFolder)).generation, 1, 'the sign-out is a change other windows learn of');
    return one;
  }

  it('a refused refresh token (a password session): the stored session is read again, then removed for every window', async () => {
    const stored = storeSession(-60, 'password');
    fake.revokeAll();
    const one = await refusedOnce('expired');
    assert.deepEqual([...presented], [[stored.refreshToken, 1]]);
    assert.match(one.log.join('\n'), /Peloton refused the refresh token \(invalid_grant\): signing out, the stored history is kept/);
  });

  it('a pasted web-app value whose browser renewed first: refused, signed out, and the browser named (refused-shared)', async () => {
    const stored = storeSession(-60, 'web-app-value');
    assert.ok(fake.presentRefreshToken(stored.refreshToken!), 'the browser renews its session');
    const one = await refusedOnce('refused-shared');
    assert.match(one.log.join('\n'), /of a pasted web-app session: its browser has probably renewed it: signing out/);
    // What the paste-time message warns of: the browser's family is revoked too.
    assert.deepEqual(fake.refreshFamilies().map((f) => f.revoked), ['reuse']);
  });

  it('a refused refresh token while the stored session was renewed meanwhile (by a window without the lock): no sign-out, its tokens are used', async () => {
    const stored = storeSession(-60);
    const elsewhere = recordOf(fake.rider, fake.issueAccessToken(), fake.issueRefreshToken());
    // Another (older) extension renews without the lock just before this window's grant reaches Peloton.
    const one = await open('live', () => {
      writeStore(storeFile, elsewhere);
      fake.revokeAll();
    });
    assert.equal(await one.tokens.getAccessToken(), elsewhere.accessToken);
    assert.equal(readStoreFile(storeFile)?.accessToken, elsewhere.accessToken, 'not signed out');
    assert.match(one.log.join('\n'), /Peloton refused the refresh token \(invalid_grant\), but the stored session was renewed meanwhile: using it/);
    assert.deepEqual([...presented], [[stored.refreshToken, 1]]);
  });

  it('the lock folder holds no token: a lock and a counter with a time', async () => {
    const stored = storeSession(REFRESH_MARGIN_SECONDS - 60);
    const windows = await Promise.all([open('snapshot'), open('live'), open('snapshot')]);
    await Promise.allSettled(windows.map((w) => w.tokens.getAccessToken()));
    const newest = readStoreFile(storeFile)!;
    const files = readdirSync(lockFolder, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(lockFolder, f)).isFile());
    assert.deepEqual(files, ['generation.json']);
    const text = readFileSync(join(lockFolder, 'generation.json'), 'utf8');
    assert.match(text, /^\{"generation":1,"changedAt":\d+\}$/);
    for (const token of [stored.accessToken, stored.refreshToken!, newest.accessToken, newest.refreshToken!]) assert.ok(!text.includes(token));
    assert.equal(presentedTwice(), 0);
    assert.deepEqual(peloton(), { twice: 0, revoked: 0 });
    for (const w of windows) for (const line of w.log) for (const token of [stored.refreshToken!, newest.refreshToken!, newest.accessToken]) assert.ok(!line.includes(token), line);
  });
});
