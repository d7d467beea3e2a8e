/**
 * The extension as a rider uses it: the packaged .vsix installed in a real VS Code (code-server) in
 * headless Chromium, against the fake Peloton API on 127.0.0.1. Typing, clicking, reading the tree and
 * the chart panel's table, with screenshots saved to test-artifacts/screenshots/.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { demo, getDataset, seedExample } from '../fakePeloton/datasets';
import { ACCESS_TOKEN_LIFETIME_SECONDS, makeJwt, makeLocalStorageValue } from '../fakePeloton/jwt';
import type { FakePeloton } from '../fakePeloton/server';
import { clearNotifications, openViewContainer, readTreeRows, runCommand, screenshot, typeInQuickInput, waitForNotification, findWebviewFrame, type TreeRow } from './harness/browser';
import { chartTableRows, settledFtpTestRows, startUiSession, type UiSession } from './harness/session';
import { expectSeedExampleChart, SEED_EXAMPLE_TREE_ROWS } from './seedExampleScreen';
import { nowSeconds } from '../../src/shared/dates';


/** Rows of the FTP Tests view as `label | description`. */
const asText = (rows: TreeRow[]): string[] => rows.map((r) => `${r.label} | ${r.description}`);

async function treeRows(page: Page): Promise<string[]> {
  return asText(await readTreeRows(page, 'FTP Tests'));
}

/** Widens the side bar (drags its sash) so tree descriptions show in full in screenshots. */
async function widenSideBar(page: Page, width = 500): Promise<void> {
  const box = await page.locator('.part.sidebar').first().boundingBox();
  if (!box) return;
  const edge = box.x + box.width;
  const sashes = await page.locator('.monaco-sash.vertical').all();
  for (const sash of sashes) {
    const rect = await sash.boundingBox();
    if (!rect || Math.abs(rect.x + rect.width / 2 - edge) > 6 || rect.height < box.height / 2) continue;
    const x = rect.x + rect.width / 2;
    const y = rect.y + rect.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 40, y, { steps: 2 });
    await page.mouse.move(box.x + width, y, { steps: 5 });
    await page.mouse.up();
    return;
  }
}

/** Clears notifications, then saves a screenshot. */
async function cleanScreenshot(page: Page, name: string): Promise<void> {
  await clearNotifications(page);
  await page.mouse.move(1100, 12); // off any hover target, so no tooltip sits in the picture
  await page.waitForTimeout(300);
  await screenshot(page, name);
}

async function welcomeButton(page: Page) {
  return page.locator('.part.sidebar .welcome-view-content a.monaco-button, .part.sidebar .welcome-view-content .monaco-button', { hasText: 'Sign In with Access Token' });
}

describe('Peloton FTP History in code-server, as a rider uses it', function () {
  this.timeout(180_000);
  let fake: FakePeloton;
  let page: Page;

  let session: UiSession | undefined;

  before(async () => {
    session = await startUiSession(seedExample());
    ({ fake, page } = session);
    await widenSideBar(page);
  });

  after(async () => {
    await session?.close();
  });

  it('shows the Peloton container with a Sign In welcome view while signed out', async () => {
    await openViewContainer(page, 'Peloton');
    const button = await welcomeButton(page);
    await button.first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.deepEqual(await treeRows(page), []);
    await cleanScreenshot(page, 'tree-signed-out');
  });

  it('a malformed token is refused as it is typed, and nothing is stored', async () => {
    await runCommand(page, 'Peloton: Sign In with Access Token');
    await typeInQuickInput(page, 'this is not a token');
    const message = page.locator('.quick-input-widget .quick-input-message').filter({ visible: true });
    await message.first().waitFor({ state: 'visible' });
    await page.waitForFunction(() => /That is not a Peloton access token/.test(document.querySelector('.quick-input-widget .quick-input-message')?.textContent ?? ''));
    await page.keyboard.press('Enter'); // refused: the box stays open
    assert.equal(await page.locator('.quick-input-widget').filter({ visible: true }).count(), 1);
    await screenshot(page, 'sign-in-refused-as-typed');
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden' });
    assert.deepEqual(await treeRows(page), []);
    assert.equal(fake.count(), 0, 'nothing reached Peloton');
  });

  it('a token Peloton refuses gets a clear error, and nothing is stored', async () => {
    await runCommand(page, 'Peloton: Sign In with Access Token');
    await typeInQuickInput(page, makeJwt({ sub: 'someone-else', exp: nowSeconds() + 3600 }), { enter: true });
    await waitForNotification(page, /Peloton refused this token/);
    assert.deepEqual(await treeRows(page), []);
  });

  it('signs in with the demo token and lists the seed example: exactly two FTP tests', async () => {
    await runCommand(page, 'Peloton: Sign In with Access Token');
    const paste = makeLocalStorageValue({ accessToken: fake.accessToken, refreshToken: fake.refreshToken, expiresAt: nowSeconds() + ACCESS_TOKEN_LIFETIME_SECONDS });
    await typeInQuickInput(page, paste, { enter: true });
    await waitForNotification(page, `Signed in to Peloton as ${fake.rider.username}`);
    assert.deepEqual(await settledFtpTestRows(page, 3), SEED_EXAMPLE_TREE_ROWS);
    await cleanScreenshot(page, 'tree-seed-example');
  });

  it('a test row has a Markdown tooltip and a context menu with Open Workout and Copy Workout ID', async () => {
    const row = page.locator('.part.sidebar .monaco-list-row', { hasText: '2026-01-14 · 176 W' }).first();
    await row.hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Average output: 185 W' }).filter({ visible: true });
    await hover.first().waitFor({ state: 'visible', timeout: 10_000 });
    const text = (await hover.first().textContent()) ?? '';
    assert.match(text, /Result \(average output × 0\.95\): 176 W/);
    assert.match(text, /Baseline FTP: 183 W, set by the test of 2019-12-04 \(change \u22127 W\)/);
    assert.match(text, /Applied: this result became your FTP/);
    await screenshot(page, 'tree-tooltip');
    await page.mouse.move(1100, 12);
    await row.click({ button: 'right' });
    const menu = page.locator('.monaco-menu .action-label').filter({ visible: true });
    await menu.first().waitFor({ state: 'visible' });
    const items = await menu.allTextContents();
    assert.ok(items.includes('Open Workout on Peloton') && items.includes('Copy Workout ID'), JSON.stringify(items));
    await page.keyboard.press('Escape');
  });

  it('shows the FTP History chart with a table of the same two tests', async () => {
    await runCommand(page, 'Peloton: Show FTP Chart');
    await expectSeedExampleChart(page);
    await cleanScreenshot(page, 'chart-seed-example');
  });

  it('signs out: the tree goes back to its welcome view', async () => {
    await runCommand(page, 'Peloton: Sign Out');
    await waitForNotification(page, 'Signed out of Peloton.');
    await openViewContainer(page, 'Peloton');
    await (await welcomeButton(page)).first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.deepEqual(await treeRows(page), []);
  });

  it('signs in as the demo rider: eight FTP tests over six years (a hand-entered FTP, a declined test, an estimate now), and the chart', async () => {
    fake.setRider(demo());
    const token = fake.issueAccessToken();
    await page.locator('.part.editor').first().click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await runCommand(page, 'Peloton: Sign In with Access Token');
    await typeInQuickInput(page, token, { enter: true });
    await waitForNotification(page, `Signed in to Peloton as ${fake.rider.username}`);
    await runCommand(page, 'View: Close All Editors');
    const rows = await settledFtpTestRows(page, 9);
    assert.deepEqual(rows, [
      "Current FTP 205 W | Peloton's estimate",
      '2026-01-07 · 201 W | baseline 195 W · +6 W · from the test of 2024-11-13',
      '2024-11-13 · 195 W | baseline 182 W · +13 W · from the test of 2022-10-05',
      '2023-08-16 · 167 W | not applied · baseline 182 W · \u221215 W · from the test of 2022-10-05',
      '2022-10-05 · 182 W | baseline 170 W · +12 W · from the test of 2022-01-19',
      '2022-01-19 · 170 W | baseline 180 W · \u221210 W · entered by hand',
      '2021-05-12 · 175 W | baseline 162 W · +13 W · from the test of 2020-10-07',
      '2020-10-07 · 162 W | baseline 150 W · +12 W · from the test of 2020-03-11',
      '2020-03-11 · 150 W | first test',
    ]);
    const declined = page.locator('.part.sidebar .monaco-list-row', { hasText: '2023-08-16 · 167 W' }).first();
    await declined.hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Not applied:' }).filter({ visible: true });
    await hover.first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.match((await hover.first().textContent()) ?? '', /never became your FTP/);
    await page.mouse.move(1100, 12);
    await cleanScreenshot(page, 'tree-demo');
    await runCommand(page, 'Peloton: Show FTP Chart');
    const frame = await findWebviewFrame(page, async (f) => (await chartTableRows(f).catch(() => [])).length === 8);
    const table = await chartTableRows(frame);
    assert.equal(table.length, 8);
    assert.match(table[2]!, /^2023-08-16 \| 167 \| not applied \| 182 \| set by the test of 2022-10-05 \|/);
    assert.match(table[4]!, /^2022-01-19 \| 170 \| applied \| 180 \| entered by hand \(189 W × 0\.95\) \|/);
    await page.waitForTimeout(500);
    await cleanScreenshot(page, 'chart-demo');
  });

  it('a rider with no FTP test at all: the summary row, and a view message saying so and where the current FTP comes from', async () => {
    await runCommand(page, 'Peloton: Sign Out');
    await waitForNotification(page, 'Signed out of Peloton.');
    // The no-chain rider (a hand-entered 142 W now) without its tests: only other rides and classes.
    const rider = getDataset('no-chain');
    fake.setRider({ ...rider, workouts: rider.workouts.filter((w) => !/FTP Test Ride/.test(w.title)) });
    const token = fake.issueAccessToken();
    await runCommand(page, 'Peloton: Sign In with Access Token');
    await typeInQuickInput(page, token, { enter: true });
    await waitForNotification(page, `Signed in to Peloton as ${fake.rider.username}`);
    await openViewContainer(page, 'Peloton');
    assert.deepEqual(await settledFtpTestRows(page, 1), ['Current FTP 135 W | entered by hand · Peloton estimate 157 W']);
    const message = page.locator('.part.sidebar .pane-body .message', { hasText: 'No FTP test found' }).filter({ visible: true });
    await message.first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(
      ((await message.first().textContent()) ?? '').trim(),
      'No FTP test found in your Peloton workouts. Your current FTP, 135 W, was entered by hand (142 W × 0.95).',
    );
    await cleanScreenshot(page, 'tree-no-tests');
  });
});
