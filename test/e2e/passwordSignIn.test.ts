/**
 * "Sign In with Email and Password" as a rider uses it: the packaged .vsix in a real VS Code (code-server) in headless
 * Chromium, against the fake Peloton API and its fake Auth0 on 127.0.0.1. Walks the welcome view's buttons and the two
 * input boxes, a wrong password, the sign-in, a window reload (the session survives), and then searches everything
 * reachable for the password: every file of the code-server run (user data, logs, output channels, settings, global
 * storage, secrets), the browser's localStorage, sessionStorage, IndexedDB and cookies (where the web workbench keeps
 * its state and webview state), the workbench DOM and every frame (webviews included).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { seedExample } from '../fakePeloton/datasets';
import type { FakePeloton } from '../fakePeloton/server';
import { openViewContainer, reloadWindowUntilRows, runCommand, screenshot, typeInQuickInput, waitForNotification, findWebviewFrame, hasSelector } from './harness/browser';
import type { CodeServerInstance } from './harness/codeServer';
import { filesUnder, pelotonLogs } from './harness/files';
import { startUiSession, steadyFtpTestRows, type UiSession } from './harness/session';

const WRONG_PASSWORD = 'Typo-In-The-Password-9';

/** The FTP Tests rows as `label | description` once at least `atLeast` show and no refresh runs. */
async function waitForSteadyRows(page: Page, atLeast: number, timeoutMs?: number): Promise<string[]> {
  return (await steadyFtpTestRows(page, atLeast, timeoutMs)).map((r) => `${r.label} | ${r.description}`);
}

/**
 * Waits for a message: as a toast, or (toasts hide themselves, and a toast can be missed while another one takes its
 * place) in the notification center, which keeps every notification of the window.
 */
async function waitForMessage(page: Page, expected: string, timeoutMs = 30_000): Promise<void> {
  try {
    await waitForNotification(page, expected, Math.min(10_000, timeoutMs));
    return;
  } catch {
    // look in the notification center below
  }
  await runCommand(page, 'Notifications: Show Notifications');
  const item = page.locator('.notifications-center .notification-list-item-message', { hasText: expected });
  await item.first().waitFor({ state: 'attached', timeout: timeoutMs });
  await page.keyboard.press('Escape');
}

/** The welcome view's buttons, in order. */
async function welcomeButtons(page: Page): Promise<string[]> {
  const buttons = page.locator('.part.sidebar .welcome-view-content .monaco-button');
  await buttons.first().waitFor({ state: 'visible', timeout: 20_000 });
  return (await buttons.allTextContents()).map((t) => t.trim());
}

/** Everything the browser keeps for the workbench: local/session storage, every IndexedDB store, as text. */
async function browserStorage(page: Page): Promise<string> {
  // A plain string, evaluated as is: tsx would otherwise wrap the named helpers with its own `__name`, unknown in the page.
  return page.evaluate<string>(`(async () => {
    const out = [];
    const text = (value) => {
      if (value instanceof ArrayBuffer) return new TextDecoder().decode(value);
      if (ArrayBuffer.isView(value)) return new TextDecoder().decode(value);
      if (typeof value === 'string') return value;
      try { return JSON.stringify(value); } catch { return String(value); }
    };
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) { const key = storage.key(i); out.push(key, storage.getItem(key) ?? ''); }
    }
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise((res, rej) => { const req = indexedDB.open(info.name); req.onsuccess = () => res(req.result); req.onerror = () => rej(req.error); });
      for (const store of Array.from(db.objectStoreNames)) {
        const tx = db.transaction(store, 'readonly');
        const read = (method) => new Promise((res, rej) => { const req = tx.objectStore(store)[method](); req.onsuccess = () => res(req.result); req.onerror = () => rej(req.error); });
        const [keys, values] = await Promise.all([read('getAllKeys'), read('getAll')]);
        out.push('[' + info.name + '/' + store + ']', ...keys.map(text), ...values.map(text));
      }
      db.close();
    }
    return out.join('\\n');
  })()`);
}

describe('Sign In with Email and Password in code-server, as a rider uses it', function () {
  this.timeout(180_000);
  let fake: FakePeloton;
  let server: CodeServerInstance;
  let page: Page;
  let rowsBeforeReload: string[] = [];

  let session: UiSession | undefined;

  before(async () => {
    session = await startUiSession(seedExample());
    ({ fake, server, page } = session);
  });

  after(async () => {
    await session?.close();
  });

  it('the signed-out welcome view offers Sign In with Email and Password first, Sign In with Access Token beside it', async () => {
    await openViewContainer(page, 'Peloton');
    assert.deepEqual(await welcomeButtons(page), ['Sign In with Email and Password', 'Sign In with Access Token']);
    await screenshot(page, 'password-welcome');
  });

  it('walks the two boxes: an email is checked as typed, the password box hides what is typed; a wrong password says so, sent once', async () => {
    await runCommand(page, 'Peloton: Sign In with Email and Password');
    await typeInQuickInput(page, 'not an email');
    await page.waitForFunction(() => /Enter an email address/.test(document.querySelector('.quick-input-widget .quick-input-message')?.textContent ?? ''));
    await screenshot(page, 'password-email-refused');
    await typeInQuickInput(page, fake.auth0.email, { enter: true });
    const passwordInput = page.locator('.quick-input-widget input[type="password"]').filter({ visible: true });
    await passwordInput.first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.match((await page.locator('.quick-input-widget .quick-input-title').filter({ visible: true }).first().textContent()) ?? '', /\(2\/2\)/);
    await passwordInput.first().fill(WRONG_PASSWORD);
    await screenshot(page, 'password-box');
    await passwordInput.first().press('Enter');
    await waitForNotification(page, /^Wrong email or password\./);
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'Wrong email or password' }).first();
    assert.equal(await toast.locator('.monaco-button', { hasText: 'Sign In with Access Token' }).count(), 1, 'the error offers the token sign-in');
    await screenshot(page, 'password-wrong');
    assert.equal(fake.count('/usernamepassword/login'), 1, 'one credential POST, no second attempt');
    assert.equal(fake.count('/oauth/token'), 0);
  });

  it('signs in from the welcome button with the demo email and password, and the history shows', async () => {
    await page.keyboard.press('Escape');
    await openViewContainer(page, 'Peloton');
    await page.locator('.part.sidebar .welcome-view-content .monaco-button', { hasText: 'Sign In with Email and Password' }).first().click();
    await typeInQuickInput(page, fake.auth0.email, { enter: true });
    const passwordInput = page.locator('.quick-input-widget input[type="password"]').filter({ visible: true }).first();
    await passwordInput.waitFor({ state: 'visible', timeout: 10_000 });
    await passwordInput.fill(fake.auth0.password);
    await passwordInput.press('Enter');
    await waitForMessage(page, `Signed in to Peloton as ${fake.rider.username}`);
    rowsBeforeReload = await waitForSteadyRows(page, 2);
    assert.equal(fake.count('/usernamepassword/login'), 2, 'one more credential POST: this sign-in');
    await screenshot(page, 'password-signed-in');
  });

  it('the session survives a reload of the window', async () => {
    assert.ok(rowsBeforeReload.length >= 2, 'the history was on screen before the reload');
    await reloadWindowUntilRows(page, 'Peloton', 'FTP Tests', (rows) => rows.length >= rowsBeforeReload.length, 45_000);
    const rows = await waitForSteadyRows(page, rowsBeforeReload.length, 5000);
    assert.deepEqual(rows, rowsBeforeReload);
    assert.equal(await page.locator('.part.sidebar .welcome-view-content .monaco-button').filter({ visible: true }).count(), 0, 'no Sign In buttons');
  });

  it('the password appears nowhere: files of the run, browser storage, cookies, the DOM, any frame or webview', async () => {
    await runCommand(page, 'Peloton: Show FTP Chart');
    await findWebviewFrame(page, hasSelector('vscode-data-grid-row'));
    await runCommand(page, 'Peloton: Show Log');
    await page.waitForTimeout(1000);
    const secrets = [fake.auth0.password, WRONG_PASSWORD];
    const files = filesUnder(server.dataDir);
    let bytesSearched = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      bytesSearched += bytes.length;
      for (const secret of secrets) {
        assert.ok(!bytes.includes(Buffer.from(secret, 'utf8')), `the password is in ${file}`);
        assert.ok(!bytes.includes(Buffer.from(secret, 'utf16le')), `the password is in ${file} (UTF-16)`);
      }
    }
    // a positive control: the output channel's file was among them, with the wrong-password exchange (not the password)
    const channel = pelotonLogs(server.dataDir).join('\n');
    assert.match(channel, /POST \/usernamepassword\/login → 400/);
    assert.ok(!channel.toLowerCase().includes(fake.auth0.email.toLowerCase()), 'the email is not logged');
    const storage = await browserStorage(page);
    const cookies = JSON.stringify(await page.context().cookies());
    const frames = await Promise.all(page.frames().map((f) => f.content().catch(() => '')));
    const inputs = await page.evaluate(() => Array.from(document.querySelectorAll('input, textarea')).map((e) => (e as HTMLInputElement).value));
    for (const secret of secrets) {
      assert.ok(!storage.includes(secret), 'the password is in the browser storage');
      assert.ok(!cookies.includes(secret), 'the password is in a cookie');
      frames.forEach((html, i) => assert.ok(!html.includes(secret), `the password is in frame ${i} (${page.frames()[i]?.url().slice(0, 80)})`));
      assert.ok(!inputs.some((v) => v.includes(secret)), 'the password is still in an input field');
    }
    console.log(`searched ${files.length} files (${Math.round(bytesSearched / 1024)} KB), ${Math.round(storage.length / 1024)} KB of browser storage, ${frames.length} frames`);
  });

  it('signs out after the reload (the session was there)', async () => {
    await runCommand(page, 'Peloton: Sign Out');
    await waitForMessage(page, 'Signed out of Peloton.');
  });
});
