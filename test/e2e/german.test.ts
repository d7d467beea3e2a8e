/**
 * The extension in German, in a real VS Code (code-server started with `--locale de`) with the packaged .vsix,
 * signed in as the fake API's demo rider: its commands, the sign-in notice, the FTP Tests tree (rows, zones),
 * the status bar's tooltip and the chart page (headings, table, zones) are German, from l10n/bundle.l10n.de.json
 * and package.nls.de.json. VS Code 1.139 switches `vscode.env.language` (and so the bundle an extension gets)
 * only when a language pack for the locale is installed, so the server also gets an empty German language pack
 * (harness/languagePack.ts): the workbench's own strings stay English. Screenshots land in
 * test-artifacts/screenshots/ (german-tree.png, german-chart.png).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { demo } from '../fakePeloton/datasets';
import type { FakePeloton } from '../fakePeloton/server';
import {
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
import { buildLanguagePackVsix } from './harness/languagePack';
import { startUiSession, type UiSession } from './harness/session';

const root = resolve(__dirname, '../..');
const de = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
const nlsDe = JSON.parse(readFileSync(join(root, 'package.nls.de.json'), 'utf8')) as Record<string, string>;

/** The German translation of an English message, with `{n}` filled in (fails the test when it is missing). */
function t(message: string, ...args: Array<string | number>): string {
  const text = de[message];
  assert.ok(text, `no German for "${message}"`);
  return text.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
}

describe('In German (code-server --locale de): the tree, the status bar, the chart page and the notices', function () {
  this.timeout(180_000);
  let session: UiSession;
  let fake: FakePeloton;
  let page: Page;
  let packDir: string;
  let currentFtpLabel = '';

  before(async () => {
    packDir = mkdtempSync(join(tmpdir(), 'peloton-e2e-langpack-'));
    const pack = buildLanguagePackVsix(packDir, 'de', 'German', 'Deutsch');
    session = await startUiSession(demo(), { extraVsixPaths: [pack], locale: 'de' });
    ({ fake, page } = session);
  });

  after(async () => {
    await session?.close();
    if (packDir) rmSync(packDir, { recursive: true, force: true });
  });

  it('signs in through the German command and notice; the tree and its zones are German', async () => {
    await runCommand(page, `Peloton: ${nlsDe['command.signIn']}`);
    await typeInQuickInput(page, fake.issueAccessToken(), { enter: true });
    await waitForNotification(page, t('Signed in to Peloton as {0}', fake.rider.username));
    await openViewContainer(page, 'Peloton');
    const rows = await waitForTreeRows(page, nlsDe['view.tests'], (r) => r.length > 1, 30_000);
    currentFtpLabel = rows[0]!.label;
    assert.match(currentFtpLabel, new RegExp(`^${t('Current FTP {0} W', '\\d+')}$`));
    const tests = rows.slice(1);
    assert.ok(tests.length >= 2, JSON.stringify(rows.map((r) => r.text)));
    // Every test row: `2026-01-07 · 220 W` or `… · keine Leistungsdaten`, described in German.
    for (const row of tests) {
      assert.match(row.label, /^\d{4}-\d{2}-\d{2} · (\d+ W|keine Leistungsdaten)$/);
      assert.ok(row.description === t('first test') || row.description.includes('Ausgangs-FTP'), row.description);
    }
    assert.ok(tests.some((r) => r.description.startsWith(`${t('not applied')} · `)), 'the declined test is "nicht übernommen"');
    assert.ok(tests.some((r) => r.description === t('first test')), 'the first test is "erster Test"');

    await page.locator('.part.sidebar .monaco-list-row', { hasText: currentFtpLabel }).first().click();
    const expanded = await waitForTreeRows(page, nlsDe['view.tests'], (r) => r.filter((x) => x.level === 2).length === 7);
    const zones = expanded.filter((r) => r.level === 2).map((r) => r.label);
    assert.deepEqual(zones, ['Aktive Erholung', 'Ausdauer', 'Tempo', 'Schwelle', 'VO2max', 'Anaerobe Kapazität', 'Neuromuskulär'].map((n, i) => `Z${i + 1} · ${n}`));
    await clearNotifications(page);
    await page.mouse.move(1100, 12);
    await screenshot(page, 'german-tree');
  });

  it("the status bar's tooltip is German, and a click opens the German chart page", async () => {
    const item = page.locator('.part.statusbar .statusbar-item', { hasText: /FTP \d+ W/ }).first();
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    await item.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Letzter Test' }).filter({ visible: true }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    const text = (await hover.textContent()) ?? '';
    assert.match(text, /Deine FTP von \d+ W (wurde|ist)/);
    assert.match(text, /Letzter Test (heute|gestern|vor \d+ Tagen)\./);
    assert.ok(text.includes(t('Click to open the FTP History chart.')), text);

    await item.click();
    const frame = await findWebviewFrame(page, hasSelector('.zones-table tbody tr'));
    await frame.waitForFunction(() => document.querySelectorAll('.zones-table tbody tr').length === 7);
    assert.equal(await frame.evaluate(() => document.documentElement.lang), 'de');
    assert.equal((await frame.locator('#tests-heading').textContent())?.trim(), t('FTP tests'));
    const ftp = /(\d+) W$/.exec(currentFtpLabel)![1];
    assert.equal((await frame.locator('#zones-heading').textContent())?.trim(), t('Power zones at FTP {0} W', ftp!));
    const zoneRow = await frame.evaluate(() =>
      Array.from(document.querySelectorAll('.zones-table tbody tr')[3]!.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim()),
    );
    assert.equal(zoneRow[0], 'Z4 · Schwelle');
    const pageText = await frame.evaluate(() => document.body.innerText);
    for (const word of [t('Result (W)'), t('Baseline from'), t('Avg output (W)'), t('Refresh')]) {
      assert.ok(pageText.includes(word), `the chart page shows "${word}"`);
    }
    assert.ok(pageText.includes(t('not applied')), 'the table says "nicht übernommen"');
    assert.ok(!/\bnot applied\b|\bfirst test\b|Baseline from/.test(pageText), 'no English left in the page text');
    const label = await frame.locator('.chart-box canvas').getAttribute('aria-label');
    assert.match(label ?? '', /^FTP-Verlaufsdiagramm: \d+ FTP-Tests vom /);
    await screenshot(page, 'german-chart');
    await runCommand(page, 'View: Close All Editors');
  });

  it('signing out says so in German', async () => {
    await clearNotifications(page);
    await runCommand(page, `Peloton: ${nlsDe['command.signOut']}`);
    await waitForNotification(page, t('Signed out of Peloton.'));
  });
});
