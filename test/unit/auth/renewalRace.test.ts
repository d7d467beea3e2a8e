/**
 * Windows in processes of their own race for the renewal lock (test/unit/support/windowProcess.ts: the real
 * SharedSession, renewal lock and AccessTokens, renewing with the real refresh grant against the fake Auth0 on
 * 127.0.0.1, which rotates refresh tokens with reuse detection and answers slowly). Each is told to go at the same moment; Peloton must see
 * each refresh token exactly once, and every window must end with the newest tokens or in the clear "reload" state.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { REFRESH_MARGIN_SECONDS } from '../../../src/auth/accessTokens';
import { readGeneration } from '../../../src/auth/renewalGeneration';
import { seedExample } from '../../fakePeloton/datasets';
import { startFakePeloton, type FakePeloton } from '../../fakePeloton/server';
import { fingerprint, openWindow, recordOf, type WindowOptions, type WindowReport } from '../support/renewingWindow';
import { readStoreFile, writeStore, type SlotKind } from '../support/sessionSlots';

const WINDOW_PROCESS = resolve(__dirname, '../support/windowProcess.ts');

/** A window process: resolves its report once told to go. */
interface WindowProcess {
  ready: Promise<void>;
  go(): void;
  report: Promise<WindowReport>;
}

function startWindowProcess(options: WindowOptions): WindowProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WINDOW_PROCESS, JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  const report = new Promise<WindowReport>((resolvePromise, reject) => {
    lines.on('line', (line) => {
      if (line === 'ready') markReady();
      else if (line.startsWith('{')) resolvePromise(JSON.parse(line) as WindowReport);
    });
    child.on('exit', (code) => reject(new Error(`window process exited (${code}) without a report: ${stderr}`)));
  });
  return { ready: Promise.race([ready, report.then(() => undefined)]), go: () => child.stdin.end('go\n'), report };
}

describe('renewal across processes: windows racing for the lock', function () {
  this.timeout(120_000);
  let fake: FakePeloton;
  let dir: string;
  let storeFile: string;
  let lockFolder: string;

  beforeEach(async () => {
    // The token endpoint answers 1.5 s late (a grant is decided on arrival): renewals would overlap.
    fake = await startFakePeloton({ rider: seedExample(), tokenDelayMs: 1_500 });
    dir = mkdtempSync(join(tmpdir(), 'peloton-race-'));
    storeFile = join(dir, 'secret-storage.json');
    lockFolder = join(dir, 'globalStorage', 'session-renewal');
  });
  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Stores a session whose access token lasts `ttl` seconds, starts `count` windows, tells them to go at once. */
  async function race(kind: SlotKind, ttl: number, count: number) {
    const stored = recordOf(fake.rider, fake.issueAccessToken(ttl), fake.refreshToken);
    writeStore(storeFile, stored);
    fake.resetCounts();
    const windows = Array.from({ length: count }, () => startWindowProcess({ storeFile, lockFolder, kind, authBaseUrl: fake.url }));
    await Promise.all(windows.map((w) => w.ready));
    for (const w of windows) w.go();
    const reports = await Promise.all(windows.map((w) => w.report));
    const newest = readStoreFile(storeFile);
    assert.ok(newest?.refreshToken, 'a session is stored');
    const presented = reports.flatMap((r) => r.presented);
    assert.deepEqual(presented, [fingerprint(stored.refreshToken!)], 'the stored refresh token was presented once, by one window');
    assert.equal(fake.count('/oauth/token'), 1, 'Peloton saw one refresh grant');
    assert.deepEqual([...fake.refreshPresentations()], [[stored.refreshToken, 1]], 'Peloton saw the refresh token once');
    assert.deepEqual(fake.refreshFamilies().map((f) => [f.tokens.length, f.revoked]), [[2, null]], 'one rotation, the family alive');
    assert.notEqual(newest.refreshToken, stored.refreshToken, 'the rotated refresh token is stored');
    assert.equal(newest.generation, 1);
    assert.equal((await readGeneration(lockFolder)).generation, 1);
    for (const r of reports) assert.ok(!JSON.stringify(r).includes(newest.refreshToken!) && !JSON.stringify(r).includes(stored.refreshToken!));
    return { stored, newest, reports, outcomes: reports.map((r) => r.outcome).sort() };
  }

  it('desktop (SecretStorage shared live), within the margin: both windows end with the newest tokens', async () => {
    const { newest, reports, outcomes } = await race('live', REFRESH_MARGIN_SECONDS - 60, 2);
    assert.deepEqual(outcomes, ['token', 'token'], JSON.stringify(reports.map((r) => r.log)));
    assert.deepEqual(reports.map((r) => r.accessToken), [fingerprint(newest.accessToken), fingerprint(newest.accessToken)]);
  });

  it('code-server (a window sees only its own writes), within the margin: one renews, the other keeps its valid access token and presents nothing', async () => {
    const { stored, newest, reports, outcomes } = await race('snapshot', REFRESH_MARGIN_SECONDS - 60, 2);
    assert.deepEqual(outcomes, ['token', 'token'], JSON.stringify(reports.map((r) => r.log)));
    assert.deepEqual(reports.map((r) => r.accessToken).sort(), [fingerprint(newest.accessToken), fingerprint(stored.accessToken)].sort());
  });

  it('the morning after (access token expired), three code-server windows start together: one renews, two ask for a reload; a reloaded window uses the renewal', async () => {
    const { newest, reports, outcomes } = await race('snapshot', -60, 3);
    assert.deepEqual(outcomes, ['outdated', 'outdated', 'token'], JSON.stringify(reports.map((r) => r.log)));
    assert.equal(reports.find((r) => r.outcome === 'token')?.accessToken, fingerprint(newest.accessToken));
    const reloaded = await openWindow({ storeFile, lockFolder, kind: 'snapshot', authBaseUrl: fake.url, onPresent: () => assert.fail('a reloaded window presents nothing') });
    assert.equal(await reloaded.tokens.getAccessToken(), newest.accessToken);
  });
});
