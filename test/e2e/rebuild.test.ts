/**
 * "Peloton: Rebuild FTP History" as a rider uses it, in a real VS Code (code-server) with the packaged .vsix, signed
 * in as the fake's demo-multilingual rider (two tests titled in German and Spanish): a test deleted on Peloton leaves
 * the tree at the next refresh; Rebuild asks first in a modal dialog (Escape: nothing happens), shows its progress in
 * a notification with a Cancel button while the stored rows stay in the tree, and replaces them when complete; its
 * Cancel keeps the rows. Screenshots land in test-artifacts/screenshots/.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { getDataset } from '../fakePeloton/datasets';
import type { FakePeloton } from '../fakePeloton/server';
import { clearNotifications, openViewContainer, readTreeRows, runCommand, screenshot, typeInQuickInput, waitForNotification } from './harness/browser';
import { settledFtpTestRows, showsRefreshProgress, startUiSession, type UiSession } from './harness/session';

/** VS Code's modal dialog (a web workbench draws its own). */
const dialog = (page: Page): Locator => page.locator('.monaco-dialog-box').first();
/** The tree rows' labels (`2024-11-13 · 195 W`): a row's description names the test before it, so it may change. */
const labels = (rows: readonly string[]): string[] => rows.map((r) => r.split(' | ')[0]!);
/** The notification toast whose text contains `text`. */
const toast = (page: Page, text: string): Locator => page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();

describe('Rebuild FTP History in code-server', function () {
  this.timeout(180_000);
  let session: UiSession | undefined;
  let fake: FakePeloton;
  let page: Page;
  /** The tree's rows (current FTP first) before the rebuilds. */
  let rowsBefore: string[] = [];

  before(async () => {
    session = await startUiSession(getDataset('demo-multilingual'));
    ({ fake, page } = session);
  });

  after(async () => {
    await session?.close();
  });

  /** Runs Rebuild, answers its dialog with the Rebuild button (the list held back `listDelayMs`), returns its progress toast. */
  async function startRebuild(listDelayMs: number): Promise<Locator> {
    fake.fault({ match: '/api/user/', delayMs: listDelayMs, times: 1 });
    await runCommand(page, 'Peloton: Rebuild FTP History');
    await dialog(page).waitFor({ state: 'visible', timeout: 15_000 });
    await dialog(page).locator('.monaco-button', { hasText: /^Rebuild$/ }).first().click();
    const progress = toast(page, 'Rebuilding your FTP history');
    await progress.waitFor({ state: 'visible', timeout: 15_000 });
    return progress;
  }

  it('signs in: 8 tests, two of them titled in German and Spanish; a test deleted on Peloton leaves the tree at the next refresh', async () => {
    await runCommand(page, 'Peloton: Sign In with Access Token');
    await typeInQuickInput(page, fake.issueAccessToken(), { enter: true });
    await waitForNotification(page, `Signed in to Peloton as ${fake.rider.username}`);
    await openViewContainer(page, 'Peloton');
    const rows = await settledFtpTestRows(page, 1 + 8);
    assert.equal(new Set(fake.rideDetailsCounts().values()).size, 1, 'each class asked once');
    const deleted = fake.rider.workouts.find((w) => w.title === 'Prueba FTP de 20 min')!;
    const deletedDate = new Date(deleted.createdAt * 1000);
    assert.ok(fake.deleteWorkout(deleted.id));
    await clearNotifications(page);
    await runCommand(page, 'Peloton: Refresh FTP History');
    rowsBefore = await settledFtpTestRows(page, 1 + 7);
    const gone = labels(rows).filter((label) => !labels(rowsBefore).includes(label));
    assert.equal(gone.length, 1, gone.join(' / '));
    assert.ok(gone[0]!.startsWith(String(deletedDate.getFullYear())), gone[0]);
  });

  it('asks first in a modal dialog; Escape leaves everything as it was', async () => {
    fake.resetCounts();
    await runCommand(page, 'Peloton: Rebuild FTP History');
    await dialog(page).waitFor({ state: 'visible', timeout: 15_000 });
    const text = (await dialog(page).innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Rebuild your FTP history from Peloton\?/);
    assert.match(text, /Your history stays on screen until the rebuild is complete/);
    await screenshot(page, 'rebuild-confirm');
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'hidden', timeout: 5_000 });
    await page.waitForTimeout(500);
    assert.equal(fake.count(), 0, 'nothing asked of Peloton');
    assert.deepEqual(await settledFtpTestRows(page, 1 + 7), rowsBefore);
  });

  it('Rebuild: progress in a notification while the stored rows stay in the tree, then the rebuilt history replaces them', async () => {
    fake.setRider(getDataset('demo-multilingual')); // the deleted test is back: only a rebuild can see it
    const progress = await startRebuild(4000);
    assert.equal(await progress.locator('.monaco-button', { hasText: 'Cancel' }).count(), 1, 'a Cancel button');
    const during = (await readTreeRows(page, 'FTP Tests')).map((r) => `${r.label} | ${r.description}`).filter((r) => !showsRefreshProgress([r]));
    assert.deepEqual(labels(during), labels(rowsBefore), 'the stored rows stay while it runs');
    await screenshot(page, 'rebuild-progress');
    await waitForNotification(page, 'Rebuilt your FTP history from Peloton: 8 FTP tests.', 30_000);
    const after = await settledFtpTestRows(page, 1 + 8);
    assert.equal(labels(after).filter((label) => !labels(rowsBefore).includes(label)).length, 1, 'the test the refresh could not see is back');
    rowsBefore = after;
  });

  it('the notification\'s Cancel stops a rebuild and keeps the rows', async () => {
    await clearNotifications(page);
    const progress = await startRebuild(8000);
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
    await progress.waitFor({ state: 'hidden', timeout: 15_000 });
    await page.locator('.part.sidebar', { hasText: 'Rebuild cancelled: showing the history as it was.' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.deepEqual(await settledFtpTestRows(page, 1 + 8), rowsBefore);
    await screenshot(page, 'rebuild-cancelled');
  });
});
