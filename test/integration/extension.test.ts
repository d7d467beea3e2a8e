/**
 * The extension inside a real VS Code extension host, against a fake Peloton API that this suite starts
 * on 127.0.0.1 in the same process. The rider's typing is replaced by answers queued for
 * `window.showInputBox`; the messages the extension shows are recorded as they are shown.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { PelotonFtpExtensionApi } from '../../src/extension';
import { ACCESS_TOKEN_LIFETIME_SECONDS, makeJwt, makeLocalStorageValue } from '../fakePeloton/jwt';
import { ftpTest, baselineFrom, seedExample } from '../fakePeloton/datasets';
import { noonUtc } from '../fakePeloton/dataset';
import { startFakePeloton, type FakePeloton } from '../fakePeloton/server';
import { filesUnder } from '../e2e/harness/files';
import { EXTENSION_ID, buttonsOf, clearShown, inputAnswers, setSetting, shown, stubWindow, until } from './host';
import { localDate, nowSeconds } from '../../src/shared/dates';

const COMMANDS = ['signIn', 'signOut', 'refresh', 'cancelRefresh', 'showChart', 'openWorkout', 'copyWorkoutId', 'showLog'].map((c) => `pelotonFtp.${c}`);

/** Every token the fake minted during the suite: none may appear in a log line. */
const tokensSeen = new Set<string>();

export function registerExtensionSuite(): void {
  describe('Peloton FTP History in the extension host', function () {
    this.timeout(60_000);
    let fake: FakePeloton;
    let api: PelotonFtpExtensionApi;
    let restoreWindow: () => void;

    const signInPaste = () => {
      const expiresAt = nowSeconds() + ACCESS_TOKEN_LIFETIME_SECONDS;
      tokensSeen.add(fake.accessToken).add(fake.refreshToken);
      return makeLocalStorageValue({ accessToken: fake.accessToken, refreshToken: fake.refreshToken, expiresAt });
    };
    const history = () => api.history.state.history;
    const session = async () => api.account() ?? undefined;
    const rows = () => (history()?.tests ?? []).map((t) => `${localDate(t.takenAt)} · ${t.calculatedFtp ?? 'no output data'} / ${t.baselineFtp ?? 'first'}`);

    before(async () => {
      fake = await startFakePeloton({ rider: seedExample() });
      await setSetting('apiBaseUrl', fake.url);
      await setSetting('authBaseUrl', fake.url);
      restoreWindow = stubWindow();
      const extension = vscode.extensions.getExtension<PelotonFtpExtensionApi>(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      api = await extension.activate();
    });

    after(async () => {
      restoreWindow?.();
      await fake?.close();
    });

    beforeEach(clearShown);

    it('activates, and reports how long activate() took', () => {
      assert.ok(Number.isFinite(api.activationMs) && api.activationMs > 0);
      console.log(`activate() took ${api.activationMs.toFixed(1)} ms in this VS Code (${vscode.version})`);
    });

    it('registers every Peloton command', async () => {
      const all = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(COMMANDS.filter((c) => !all.has(c)), []);
    });

    it('starts signed out: no session, no history', async () => {
      assert.equal(await session(), undefined);
      assert.equal(history(), null);
    });

    it('refuses a malformed token before anything is stored, saying what was expected', async () => {
      inputAnswers.push('definitely not a token');
      await vscode.commands.executeCommand('pelotonFtp.signIn');
      assert.match(shown.error.join('\n'), /That is not a Peloton access token\. Paste the access token/);
      assert.equal(await session(), undefined);
      assert.equal(fake.count(), 0, 'nothing was sent to Peloton');
    });

    it('refuses a well-formed token that Peloton refuses (401), storing nothing', async () => {
      inputAnswers.push(makeJwt({ sub: 'someone', exp: nowSeconds() + 3600 }));
      await vscode.commands.executeCommand('pelotonFtp.signIn');
      assert.match(shown.error.join('\n'), /Peloton refused this token/);
      assert.equal(await session(), undefined);
    });

    it('signs in with the localStorage value, says so (a session shared with the browser), and walks the seed example: two tests', async () => {
      inputAnswers.push(signInPaste());
      await vscode.commands.executeCommand('pelotonFtp.signIn');
      const signedIn =
        `Signed in to Peloton as ${fake.rider.username}. This session is shared with your browser: when both renew it, Peloton may sign both out. ` +
        'Sign in with email and password for a session of its own.';
      assert.deepEqual(shown.info, [signedIn]);
      assert.deepEqual(buttonsOf.get(signedIn), ['Sign In with Email and Password']);
      assert.equal((await session())?.username, fake.rider.username);
      const accounts = await vscode.authentication.getSession('peloton', [], { silent: true }).then(
        () => 'asked',
        (error: unknown) => String(error),
      );
      assert.equal(accounts, 'asked', 'the Peloton provider answers VS Code');
      await until(() => !api.history.state.refreshing && (history()?.tests.length ?? 0) > 0, 'the first walk');
      assert.deepEqual(rows(), ['2026-01-14 · 176 / 183', '2019-12-04 · 183 / first']);
    });

    it('a refresh with no new test makes exactly one request (/api/me)', async () => {
      fake.resetCounts();
      await vscode.commands.executeCommand('pelotonFtp.refresh');
      assert.deepEqual(fake.requests.map((r) => r.path), ['/api/me']);
      assert.equal(rows().length, 2);
    });

    it('a refresh with one new test makes four requests (/api/me, one list page, its workout and graph) and puts it first', async () => {
      const rider = seedExample();
      const newest = rider.workouts.find((w) => w.id === rider.cyclingFtpWorkoutId)!;
      const added = ftpTest('integration:test:2026-06-10', noonUtc(2026, 6, 10), 200, baselineFrom(newest));
      fake.setRider({ ...rider, workouts: [...rider.workouts, added], cyclingFtpWorkoutId: added.id, cyclingFtp: 190 });
      fake.resetCounts();
      await vscode.commands.executeCommand('pelotonFtp.refresh');
      assert.equal(fake.count(), 4, JSON.stringify(fake.requests.map((r) => r.path)));
      assert.equal(fake.count(`/api/workout/${added.id}`), 2, 'the new test: its workout and its graph');
      assert.equal(fake.count(`/api/user/${rider.userId}/workouts`), 1, 'one page of the workout list');
      assert.deepEqual(rows(), ['2026-06-10 · 190 / 176', '2026-01-14 · 176 / 183', '2019-12-04 · 183 / first']);
    });

    it('a 401 renews the access token once with the refresh token, and keeps the rotated refresh token', async () => {
      for (let round = 0; round < 2; round++) {
        fake.revokeAccessTokens();
        fake.resetCounts();
        await vscode.commands.executeCommand('pelotonFtp.refresh');
        tokensSeen.add(fake.accessToken).add(fake.refreshToken);
        assert.equal(fake.count('/oauth/token'), 1, `round ${round}: one renewal`);
        assert.equal(fake.requests.filter((r) => r.status === 401).length, 1, `round ${round}: one 401`);
        assert.equal(shown.warning.length + shown.error.length, 0, shown.error.join());
      }
      // the second round could renew only with the refresh token the first renewal rotated in
      assert.equal((await session())?.username, fake.rider.username);
    });

    it('renews a token within 5 minutes of expiry before using it (no 401 on the way)', async () => {
      const expiresAt = nowSeconds() + 200;
      const short = fake.issueAccessToken(200);
      tokensSeen.add(short).add(fake.refreshToken);
      inputAnswers.push(makeLocalStorageValue({ accessToken: short, refreshToken: fake.refreshToken, expiresAt }));
      await vscode.commands.executeCommand('pelotonFtp.signIn');
      assert.deepEqual(shown.error, []);
      fake.resetCounts();
      await vscode.commands.executeCommand('pelotonFtp.refresh');
      tokensSeen.add(fake.accessToken).add(fake.refreshToken);
      assert.deepEqual(
        fake.requests.map((r) => `${r.path} ${r.status}`),
        ['/oauth/token 200', '/api/me 200'],
      );
    });

    it('a failed refresh keeps the last good history on screen and says why', async () => {
      fake.fault({ match: '/api/me', status: 500, times: 3 });
      await vscode.commands.executeCommand('pelotonFtp.refresh');
      assert.match(shown.error.join('\n'), /Could not refresh your FTP history: Peloton's server answered with an error \(HTTP 500 for GET \/api\/me\)\. Try again later\./);
      assert.equal(rows().length, 3);
    });

    it('refuses an http:// API base URL on another host without sending anything', async () => {
      await setSetting('apiBaseUrl', 'http://peloton.example.com');
      try {
        fake.resetCounts();
        await vscode.commands.executeCommand('pelotonFtp.refresh');
        assert.match(shown.error.join('\n'), /uses http:\/\/ to peloton\.example\.com: the access token would travel unencrypted/);
        assert.equal(fake.count(), 0);
        assert.equal(rows().length, 3);
      } finally {
        await setSetting('apiBaseUrl', fake.url);
      }
    });

    it('opens one FTP History panel, revealed (not duplicated) when shown again', async () => {
      const chartTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'FTP History');
      await vscode.commands.executeCommand('pelotonFtp.showChart');
      await until(() => chartTabs().length > 0, 'the FTP History tab');
      await vscode.commands.executeCommand('pelotonFtp.showChart');
      await new Promise((r) => setTimeout(r, 300));
      const tabs = chartTabs();
      assert.equal(tabs.length, 1);
      await vscode.window.tabGroups.close(tabs);
    });

    it('a refused refresh token (invalid_grant) of a pasted web-app session signs out cleanly: history kept, the browser named, email and password offered first', async () => {
      fake.revokeAll();
      await vscode.commands.executeCommand('pelotonFtp.refresh');
      const refused =
        'Peloton refused to renew your session: the browser you copied it from has probably renewed it, which ends the copy. ' +
        'Sign in with email and password for a session of its own. The last good history stays on screen.';
      assert.deepEqual(shown.warning, [refused]);
      assert.deepEqual(buttonsOf.get(refused), ['Sign In with Email and Password', 'Sign In with Access Token']);
      assert.equal(await session(), undefined);
      assert.equal(rows().length, 3, 'the history stays on screen');
    });

    it('signing in again shows the stored history at once, without walking again (it is fresh)', async () => {
      fake.issueRefreshToken();
      fake.issueAccessToken();
      fake.resetCounts();
      inputAnswers.push(signInPaste());
      await vscode.commands.executeCommand('pelotonFtp.signIn');
      await until(() => shown.info.length > 0, 'the sign-in message');
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(fake.requests.map((r) => r.path), ['/api/me'], 'only the token check');
      assert.equal(rows().length, 3);
    });

    it('never writes a token to the log', async () => {
      const files = filesUnder(api.logUri.fsPath).filter((f) => f.endsWith('.log'));
      assert.ok(files.length > 0, `log files under ${api.logUri.fsPath}`);
      const text = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
      assert.match(text, /GET \/api\/me → 200/);
      for (const token of tokensSeen) assert.ok(!text.includes(token), 'a token leaked into the log');
      assert.ok(!/eyJ[A-Za-z0-9_-]{10,}\.eyJ/.test(text), 'no JWT-looking string in the log');
    });

    it('signs out: no session, and the tree empties back to its welcome view', async () => {
      await vscode.commands.executeCommand('pelotonFtp.signOut');
      assert.equal(await session(), undefined);
      assert.equal(history(), null);
    });
  });
}
