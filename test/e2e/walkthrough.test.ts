/**
 * The first run as a new rider meets it, in a real VS Code (code-server) with a fresh profile: the packaged .vsix is
 * installed through "Extensions: Install from VSIX..." while the window is open, VS Code opens the extension's
 * walkthrough (Getting Started), and each of its five steps ticks itself off when the rider does what it asks:
 * signs in (from the walkthrough's own button), sees the tests, opens the chart (from the status bar), expands the
 * current-FTP row to the power zones, and exports. Screenshots land in test-artifacts/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { demo } from '../fakePeloton/datasets';
import type { FakePeloton } from '../fakePeloton/server';
import {
  answerFileDialog,
  clearNotifications,
  findWebviewFrame,
  hasSelector,
  openViewContainer,
  runCommand,
  screenshot,
  typeInQuickInput,
  waitForNotification,
  waitForTreeRows,
} from './harness/browser';
import { showsRefreshProgress, startUiSession, type UiSession } from './harness/session';

/** The walkthrough's id as VS Code knows it: `<publisher>.<name>#<walkthrough id>`. */
const WALKTHROUGH = 'peloton-ftp-history.peloton-ftp-history#gettingStarted';
const STEPS = ['signIn', 'seeTests', 'openChart', 'powerZones', 'export'] as const;
type Step = (typeof STEPS)[number];

/** The Getting Started editor (the walkthrough's page). */
function walkthroughPage(page: Page): Locator {
  return page.locator('.gettingStartedContainer').filter({ visible: true }).first();
}

/** A step's button in the walkthrough's list (its title; a click expands it). */
function stepButton(page: Page, step: Step): Locator {
  return page.locator(`button.getting-started-step[data-step-id="${WALKTHROUGH}#${step}"]`);
}

/** The steps VS Code shows as done (ticked), in the walkthrough's order. */
async function doneSteps(page: Page): Promise<Step[]> {
  const done: Step[] = [];
  for (const step of STEPS) {
    const button = stepButton(page, step);
    if ((await button.getAttribute('aria-checked')) === 'true' || ((await button.getAttribute('class')) ?? '').includes('complete')) done.push(step);
  }
  return done;
}

/** Brings the walkthrough's editor to the front (its tab), as a rider going back to it would. */
async function showWalkthrough(page: Page): Promise<void> {
  if ((await walkthroughPage(page).count()) > 0) return;
  await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).first().click();
  await walkthroughPage(page).waitFor({ state: 'visible', timeout: 10_000 });
}

/** Waits until exactly `expected` steps are ticked, reading the walkthrough page. */
async function waitForDoneSteps(page: Page, expected: readonly Step[], timeoutMs = 20_000): Promise<void> {
  await showWalkthrough(page);
  const deadline = Date.now() + timeoutMs;
  let done: Step[] = [];
  while (Date.now() < deadline) {
    done = await doneSteps(page);
    if (done.join() === expected.join()) return;
    await page.waitForTimeout(200);
  }
  assert.deepEqual(done, expected, 'the ticked steps');
}

/** Expands a step and clicks the button of its description whose text is `label`. */
async function clickStepButton(page: Page, step: Step, label: string): Promise<void> {
  await stepButton(page, step).click();
  const button = page.locator('.getting-started-step.expanded .monaco-button', { hasText: label }).first();
  await button.waitFor({ state: 'visible', timeout: 10_000 });
  await button.click();
}

describe('First run: the walkthrough opens on install and ticks each step as the rider does it', function () {
  this.timeout(240_000);
  let session: UiSession | undefined;
  let page: Page;
  let fake: FakePeloton;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peloton-e2e-walkthrough-'));
    // A fresh profile as VS Code ships it (the harness turns both off for the other suites): the Welcome page at
    // start, and walkthroughs that open on install.
    session = await startUiSession(demo(), {
      installed: false,
      userSettings: { 'workbench.startupEditor': 'welcomePage', 'workbench.welcomePage.walkthroughs.openOnInstall': true },
    });
    ({ page, fake } = session);
    await page.setViewportSize({ width: 1600, height: 900 }); // wide enough for the steps' pictures beside them
  });

  // Each step builds on the one before: after a failure the later ones are skipped (mocha's bail would also skip
  // this whole suite after a failure in another file).
  let failed = false;
  beforeEach(function () {
    if (failed) this.skip();
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    failed = true;
    await screenshot(page, `walkthrough-failed-${this.currentTest.title.slice(0, 40)}`);
  });

  after(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('installing the .vsix in the open window opens the walkthrough, with five steps and none done', async () => {
    // The rider is in the Extensions view, as when installing from the Marketplace. (VS Code opens a walkthrough in
    // the background when the focus is in an editor, such as the Welcome page itself.)
    await openViewContainer(page, 'Extensions');
    // While the Extensions view is still loading, the command may open no dialog: ask again, as a rider would.
    for (let attempt = 1; ; attempt++) {
      await runCommand(page, 'Extensions: Install from VSIX...', 60_000);
      const dialog = page.locator('.quick-input-widget input').filter({ visible: true }).first();
      if (await dialog.waitFor({ state: 'visible', timeout: 20_000 }).then(() => true, () => false)) break;
      if (attempt === 3) throw new Error('Extensions: Install from VSIX... opened no dialog');
    }
    await answerFileDialog(page, session!.vsixPath);
    // The walkthrough's own page (its first step expanded), not just its entry in the Welcome page's list.
    await stepButton(page, 'signIn').waitFor({ state: 'visible', timeout: 60_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'walkthrough-not-opened');
      throw error;
    });
    assert.ok(await walkthroughPage(page).getByText('Get Started with Peloton FTP History', { exact: true }).first().isVisible(), 'the title');
    for (const step of STEPS) assert.equal(await stepButton(page, step).count(), 1, `step ${step}`);
    assert.deepEqual(await doneSteps(page), []);
    await clearNotifications(page);
    await screenshot(page, 'walkthrough-installed');
  });

  it('signing in from the walkthrough\'s button ticks "Sign in to Peloton"', async () => {
    await clickStepButton(page, 'signIn', 'Sign In with Email and Password');
    await typeInQuickInput(page, fake.auth0.email, { enter: true });
    const passwordInput = page.locator('.quick-input-widget input[type="password"]').filter({ visible: true }).first();
    await passwordInput.waitFor({ state: 'visible', timeout: 10_000 });
    await passwordInput.fill(fake.auth0.password);
    await passwordInput.press('Enter');
    await waitForNotification(page, `Signed in to Peloton as ${fake.rider.username}`, 30_000);
    await waitForDoneSteps(page, ['signIn']);
  });

  it('opening the FTP Tests view with the history on screen ticks "See your FTP tests"', async () => {
    await openViewContainer(page, 'Peloton');
    await waitForTreeRows(page, 'FTP Tests', (r) => r.length > 1 && !showsRefreshProgress(r.map((x) => x.text)), 30_000);
    await waitForDoneSteps(page, ['signIn', 'seeTests']);
  });

  it('a click on the FTP in the status bar (the chart) ticks "Open the FTP chart"', async () => {
    await page.locator('.part.statusbar .statusbar-item', { hasText: /FTP \d+ W/ }).first().click();
    await page.locator('.tab', { hasText: 'FTP History' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await waitForDoneSteps(page, ['signIn', 'seeTests', 'openChart']);
  });

  it('expanding the current-FTP row to the power zones ticks "Read your power zones"', async () => {
    const rows = await waitForTreeRows(page, 'FTP Tests');
    await page.locator('.part.sidebar .monaco-list-row', { hasText: rows[0]!.label }).first().click();
    await waitForTreeRows(page, 'FTP Tests', (r) => r.filter((x) => x.level === 2).length === 7);
    await waitForDoneSteps(page, ['signIn', 'seeTests', 'openChart', 'powerZones']);
  });

  it('exporting from the walkthrough\'s button ticks "Export your FTP history", and all five are done', async () => {
    await clickStepButton(page, 'export', 'Export FTP History...');
    await answerFileDialog(page, join(dir, 'history.csv'));
    await waitForNotification(page, /^Exported \d+ FTP tests to history\.csv\.$/);
    await waitForDoneSteps(page, [...STEPS]);
    await clearNotifications(page);
    await stepButton(page, 'export').click();
    await screenshot(page, 'walkthrough-done');
  });

  it("the step's picture follows the colour theme (light, then dark)", async () => {
    /** The computed fill of the picture's background, read in its webview. */
    const background = async () => {
      const frame = await findWebviewFrame(page, hasSelector('svg[viewBox="0 0 520 260"] rect'));
      return frame.evaluate(() => getComputedStyle(document.querySelector('svg[viewBox="0 0 520 260"] rect')!).fill);
    };
    const light = await background();
    // The folder's settings, which VS Code picks up as they change.
    mkdirSync(join(session!.server.workspaceFolder, '.vscode'), { recursive: true });
    writeFileSync(join(session!.server.workspaceFolder, '.vscode', 'settings.json'), JSON.stringify({ 'workbench.colorTheme': 'Default Dark Modern' }));
    const deadline = Date.now() + 20_000;
    let dark = light;
    while (dark === light && Date.now() < deadline) {
      await page.waitForTimeout(300);
      dark = await background().catch(() => light);
    }
    assert.notEqual(dark, light, `the background ${light} changes with the theme`);
    assert.equal(dark, 'rgb(31, 31, 31)', "Dark Modern's editor background");
    await screenshot(page, 'walkthrough-dark');
  });
});
