/**
 * One Peloton session in two VS Code windows, as users have it: two browser pages on one code-server, each on a
 * folder of its own (REAL_VSCODE.md, "Two windows": each page is a window with an extension host of its own; they
 * share SecretStorage as it was when each page loaded, but not what either stores later, and they share the
 * extension's global storage). Against the fake Auth0, which rotates refresh tokens with reuse detection and here
 * answers the token endpoint slowly:
 * - signed in to one session with the access token inside the renewal margin, "Peloton: Refresh FTP History" in both
 *   at once: neither window is signed out, Peloton sees each refresh token once, and the token family lives;
 * - the window that could not read the other's renewal never presents its retired refresh token: when its own access
 *   token is refused it asks for a reload ("Reload Window"), and after the reload it uses the renewed session.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REFRESH_MARGIN_SECONDS } from '../../src/auth/accessTokens';
import { nowSeconds } from '../../src/shared/dates';
import { seedExample } from '../fakePeloton/datasets';
import { makeLocalStorageValue } from '../fakePeloton/jwt';
import type { FakePeloton } from '../fakePeloton/server';
import { openViewContainer, openWorkbench, readNotifications, runCommand, screenshot, typeInQuickInput, waitForNotification } from './harness/browser';
import { filesUnder, pelotonLogs } from './harness/files';
import { startUiSession, steadyFtpTestRows, type UiSession } from './harness/session';

/** How long the fake's token endpoint takes to answer (ms): long enough that the two renewals would overlap. */
const TOKEN_DELAY_MS = 4_000;
/** What an outdated window asks for. */
const RELOAD_MESSAGE = 'Another VS Code window renewed your Peloton session. Reload this window to use the renewed session.';
/** What neither window may say. */
const SIGNED_OUT = /session expired|not signed in|Could not refresh|refused/i;

/** The FTP Tests rows of a window once no refresh runs (waits for at least `atLeast`). */
async function steadyRows(page: Page, atLeast: number): Promise<string[]> {
  return (await steadyFtpTestRows(page, atLeast, 90_000)).map((r) => r.text);
}

/** Waits `ms` milliseconds. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('One Peloton session in two code-server windows', function () {
  this.timeout(420_000);
  let session: UiSession | undefined;
  let fake: FakePeloton;
  let one: Page;
  let two: Page;
  /** Every token of the suite: none may reach a log. */
  const tokens = new Set<string>();
  let pasted: string;

  before(async () => {
    session = await startUiSession(seedExample());
    fake = session.fake;
    one = session.page;
    two = await session.browser.context.newPage();
    await two.setViewportSize({ width: 1280, height: 800 });
  });

  after(async () => {
    await session?.close();
  });

  it('signed in to one session in both windows, the access token inside the renewal margin; Refresh in both at once while the token endpoint is slow: neither is signed out, Peloton sees the refresh token once', async () => {
    const server = session!.server;
    // The access token enters the renewal margin about 40 s after the sign-in: time to open the second window.
    const expiresAt = nowSeconds() + REFRESH_MARGIN_SECONDS + 40;
    const access = fake.issueAccessToken(expiresAt - nowSeconds());
    pasted = fake.refreshToken;
    tokens.add(access).add(pasted);
    await openViewContainer(one, 'Peloton');
    await runCommand(one, 'Peloton: Sign In with Access Token');
    await typeInQuickInput(one, makeLocalStorageValue({ accessToken: access, refreshToken: pasted, expiresAt }), { enter: true });
    await waitForNotification(one, 'This session is shared with your browser', 30_000);
    const rows = await steadyRows(one, 3);

    // The second window loads the stored session and the stored history (shared global storage): no request.
    const folderTwo = join(server.dataDir, 'second-window');
    mkdirSync(folderTwo, { recursive: true });
    fake.resetCounts();
    await openWorkbench(two, server.url, folderTwo, 90_000);
    await openViewContainer(two, 'Peloton', 60_000);
    assert.deepEqual(await steadyRows(two, rows.length), rows, 'the second window shows the same history');
    assert.equal(fake.count(), 0, 'the second window asked Peloton nothing');

    const wait = expiresAt - REFRESH_MARGIN_SECONDS - nowSeconds() + 2;
    if (wait > 0) await sleep(wait * 1000);
    assert.ok(expiresAt - nowSeconds() < REFRESH_MARGIN_SECONDS && expiresAt > nowSeconds() + 60, 'inside the margin, still valid');

    fake.setTokenDelay(TOKEN_DELAY_MS);
    fake.resetCounts();
    await Promise.all([runCommand(one, 'Peloton: Refresh FTP History', 60_000), runCommand(two, 'Peloton: Refresh FTP History', 60_000)]);
    // Both refreshes end with their /api/me answered (each window asks once: nothing new).
    const deadline = Date.now() + 120_000;
    while (fake.requests.filter((r) => r.path === '/api/me' && r.status === 200).length < 2) {
      assert.ok(Date.now() < deadline, `both refreshes: ${JSON.stringify(fake.requests.map((r) => `${r.path} ${r.status}`))}`);
      await sleep(250);
    }
    assert.deepEqual(await steadyRows(one, rows.length), rows);
    assert.deepEqual(await steadyRows(two, rows.length), rows);
    await sleep(1_000);
    for (const page of [one, two]) {
      const said = await readNotifications(page);
      assert.deepEqual(said.filter((m) => SIGNED_OUT.test(m)), [], `a window says: ${JSON.stringify(said)}`);
    }
    await screenshot(one, 'two-windows-one');
    await screenshot(two, 'two-windows-two');

    assert.equal(fake.count('/oauth/token'), 1, 'one renewal');
    assert.deepEqual([...fake.refreshPresentations()], [[pasted, 1]], 'Peloton saw the refresh token once');
    assert.deepEqual(fake.refreshFamilies().map((f) => [f.origin, f.tokens.length, f.revoked]), [['startup', 2, null]], 'the family lives');
    for (const token of fake.refreshFamilies()[0]!.tokens) tokens.add(token);
    tokens.add(fake.accessToken);

    const logs = pelotonLogs(join(server.userDataDir, 'logs'));
    assert.equal(logs.length, 2, 'a log per window');
    assert.equal(logs.filter((l) => l.includes('Renewing the Peloton access token with the refresh token')).length, 1, 'one window renewed');
    assert.equal(
      logs.filter((l) => /after this window read it \(generation 1\): this window's refresh token is not presented/.test(l)).length,
      1,
      'the other found the session renewed after it read it, and presented nothing',
    );
  });

  it('the window that could not read the renewal asks for a reload when its access token is refused; Reload Window reads the renewed session', async () => {
    const server = session!.server;
    fake.setTokenDelay(0);
    fake.revokeAccessTokens();
    fake.resetCounts();
    const presentedBefore = new Map(fake.refreshPresentations());
    await Promise.all([runCommand(one, 'Peloton: Refresh FTP History', 60_000), runCommand(two, 'Peloton: Refresh FTP History', 60_000)]);
    // The window that renewed before renews again (its refresh token is the newest); the other asks for a reload.
    let asking: Page | undefined;
    const deadline = Date.now() + 90_000;
    while (!asking) {
      assert.ok(Date.now() < deadline, 'a window asks for a reload');
      for (const page of [one, two]) if ((await readNotifications(page)).some((m) => m.startsWith(RELOAD_MESSAGE))) asking = page;
      await sleep(250);
    }
    const other = asking === one ? two : one;
    const toast = asking.locator('.notifications-toasts .notification-list-item', { hasText: RELOAD_MESSAGE }).first();
    assert.deepEqual((await toast.locator('.monaco-button').allTextContents()).map((t) => t.trim()), ['Reload Window', 'Sign In']);
    await screenshot(asking, 'two-windows-reload-asked');
    await steadyRows(other, 3);
    assert.deepEqual((await readNotifications(other)).filter((m) => SIGNED_OUT.test(m) || m.startsWith(RELOAD_MESSAGE)), []);
    assert.equal(fake.count('/oauth/token'), 1, 'only the window holding the newest refresh token renewed');
    assert.ok([...fake.refreshPresentations().values()].every((n) => n === 1), 'no refresh token presented twice');
    assert.equal(fake.refreshFamilies()[0]!.revoked, null);

    const reloaded = asking.waitForEvent('load', { timeout: 90_000 });
    await toast.locator('.monaco-button', { hasText: 'Reload Window' }).click();
    await reloaded;
    await asking.locator('.monaco-workbench .part.statusbar').first().waitFor({ state: 'visible', timeout: 90_000 });
    // The command first (the palette waits for the extension host): the side bar the window had is restored
    // meanwhile, so opening the Peloton container afterwards does not race the restore (a click would close it).
    fake.resetCounts();
    await runCommand(asking, 'Peloton: Refresh FTP History', 90_000);
    const until = Date.now() + 60_000;
    while (fake.requests.filter((r) => r.path === '/api/me' && r.status === 200).length < 1) {
      assert.ok(Date.now() < until, `the reloaded window's refresh: ${JSON.stringify(fake.requests.map((r) => `${r.path} ${r.status}`))}`);
      await sleep(250);
    }
    await openViewContainer(asking, 'Peloton', 60_000);
    assert.ok((await steadyRows(asking, 3)).length >= 3, 'signed in, the history on screen');
    assert.equal(fake.count('/oauth/token'), 0, 'the reloaded window uses the renewed session as it is');
    assert.deepEqual((await readNotifications(asking)).filter((m) => SIGNED_OUT.test(m) || m.startsWith(RELOAD_MESSAGE)), []);
    const presented = fake.refreshPresentations();
    assert.ok([...presented.values()].every((n) => n === 1), 'no refresh token presented twice');
    assert.equal(presented.size, presentedBefore.size + 1);
    assert.equal(fake.refreshFamilies()[0]!.revoked, null, 'the family lives');
    await screenshot(asking, 'two-windows-reloaded');

    for (const token of fake.refreshFamilies()[0]!.tokens) tokens.add(token);
    tokens.add(fake.accessToken);
    const everything = filesUnder(join(server.userDataDir, 'logs')).map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const token of tokens) assert.ok(!everything.includes(token), 'a token is in a log file');
    const storage = filesUnder(join(server.userDataDir, 'User', 'globalStorage')).filter((f) => f.includes('peloton-ftp-history'));
    assert.ok(storage.some((f) => f.endsWith(join('session-renewal', 'generation.json'))), JSON.stringify(storage));
    for (const file of storage) {
      const text = readFileSync(file, 'utf8');
      for (const token of tokens) assert.ok(!text.includes(token), `a token is in ${file}`);
    }
  });
});
