/**
 * The UI smoke on the oldest VS Code the extension claims (`engines.vscode` ^1.100.0): code-server 4.100.3 =
 * VS Code 1.100.3, installed by scripts/setup/oldestCodeServer.ts. The packaged .vsix, the fake Peloton API's
 * seed-example rider, and what a rider does first: the welcome view, sign in, the FTP Tests rows, the status bar,
 * the chart panel (table, chart, zones), sign out. The full suites (test/e2e/*.test.ts) run on 1.139.
 *
 * `E2E_CODE_SERVER=newest` runs the same smoke on code-server 4.139.1 instead (to tell a 1.100 difference from a
 * broken smoke); `E2E_CODE_SERVER=oldest` runs the full suites on 1.100 the other way round.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seedExample } from '../../fakePeloton/datasets';
import type { FakePeloton } from '../../fakePeloton/server';
import { openViewContainer, readTreeRows, runCommand, screenshot, typeInQuickInput, waitForNotification } from '../harness/browser';
import { codeServerChoice, codeServerVersion, selectCodeServer } from '../harness/codeServer';
import { ftpStatusItem, settledFtpTestRows, startUiSession, type UiSession } from '../harness/session';
import { expectSeedExampleChart, SEED_EXAMPLE_TREE_ROWS } from '../seedExampleScreen';

/** The signed-out welcome view's Sign In with Access Token button. */
function signInButton(page: Page) {
  return page.locator('.part.sidebar .welcome-view-content .monaco-button', { hasText: 'Sign In with Access Token' }).first();
}

describe(`UI smoke on code-server ${codeServerVersion(codeServerChoice('oldest'))}`, function () {
  this.timeout(180_000);
  let session: UiSession | undefined;
  let fake: FakePeloton;
  let page: Page;
  let shot: (name: string) => Promise<string>;

  before(async () => {
    const codeServer = await selectCodeServer('oldest');
    session = await startUiSession(seedExample(), { codeServer });
    ({ fake, page } = session);
    shot = (name) => screenshot(page, `smoke-vscode-${codeServer.vscodeVersion}-${name}`);
  });

  after(async () => {
    await session?.close();
  });

  it('signed out, the Peloton container shows the welcome view with its sign-in buttons', async () => {
    await openViewContainer(page, 'Peloton');
    await signInButton(page).waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual(await readTreeRows(page, 'FTP Tests'), []);
    await shot('signed-out');
  });

  it('signs in with an access token: the FTP Tests view lists the current FTP and both tests', async () => {
    await runCommand(page, 'Peloton: Sign In with Access Token');
    await typeInQuickInput(page, fake.issueAccessToken(), { enter: true });
    await waitForNotification(page, `Signed in to Peloton as ${fake.rider.username}`);
    assert.deepEqual(await settledFtpTestRows(page, 3), SEED_EXAMPLE_TREE_ROWS);
    await shot('tree');
  });

  it('the status bar shows the current FTP; a click opens the chart panel with its table, chart and zones', async () => {
    const item = ftpStatusItem(page);
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(((await item.textContent()) ?? '').trim(), 'FTP 176 W');
    await item.click();
    const frame = await expectSeedExampleChart(page);
    await frame.waitForFunction(() => document.querySelectorAll('.zones-table tbody tr').length === 7);
    assert.equal((await frame.locator('#zones-heading').textContent())?.trim(), 'Power zones at FTP 176 W');
    await shot('chart');
  });

  it('signs out: the welcome view is back and the status bar no longer shows an FTP', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Peloton: Sign Out');
    await waitForNotification(page, 'Signed out of Peloton.');
    await openViewContainer(page, 'Peloton');
    await signInButton(page).waitFor({ state: 'visible', timeout: 15_000 });
    assert.deepEqual(await readTreeRows(page, 'FTP Tests'), []);
    assert.equal(await ftpStatusItem(page).filter({ visible: true }).count(), 0);
  });
});
