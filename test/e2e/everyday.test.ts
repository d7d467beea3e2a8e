/**
 * Everyday use as a rider sees it, in a real VS Code (code-server) with the packaged .vsix, signed in as the
 * fake API's demo rider: the current-FTP row expands to the seven power zones, the status bar shows the
 * current FTP and opens the chart (with its zones table), and "Export FTP History..." writes a CSV and a
 * JSON through VS Code's own save dialog whose tests equal the tree's rows. Screenshots land in
 * test-artifacts/screenshots/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { calendarDaysBetween } from '../../src/views/statusBarModel';
import { demo } from '../fakePeloton/datasets';
import type { FakePeloton } from '../fakePeloton/server';
import {
  answerFileDialog,
  clearNotifications,
  findWebviewFrame,
  hasSelector,
  openViewContainer,
  readTreeRows,
  runCommand,
  screenshot,
  typeInQuickInput,
  waitForNotification,
  waitForTreeRows,
} from './harness/browser';
import type { CodeServerInstance } from './harness/codeServer';
import { ftpStatusItem, showsRefreshProgress, startUiSession, type UiSession } from './harness/session';

const ZONE_NAMES = ['Active Recovery', 'Endurance', 'Tempo', 'Threshold', 'VO2 Max', 'Anaerobic Capacity', 'Neuromuscular'];
const UPPER_PERCENTS = [55, 75, 90, 105, 120, 150];

/** The rule's watts in integers: top of zone k = round-half-up(FTP × upper %), next zone starts one above. */
function zoneWatts(ftp: number): string[] {
  const tops = UPPER_PERCENTS.map((p) => Math.floor((ftp * p * 2 + 100) / 200));
  return [...tops.map((top, i) => `${i === 0 ? 0 : tops[i - 1]! + 1}\u2013${top} W`), `> ${tops[5]} W`];
}

/** The current FTP by its source rule: a hand-entered `cycling_ftp` is a 20-minute average (× 0.95, half up). */
function expectedFtp(fake: FakePeloton): number {
  const { cyclingFtp, cyclingFtpSource } = fake.rider;
  return cyclingFtpSource === 'ftp_manual_source' ? Math.floor((cyclingFtp * 190 + 100) / 200) : cyclingFtp;
}

/** The tooltip's first sentence for the rider's FTP source. */
function sourceSentence(fake: FakePeloton): RegExp {
  const ftp = expectedFtp(fake);
  switch (fake.rider.cyclingFtpSource) {
    case 'ftp_manual_source':
      return new RegExp(`Your FTP of ${ftp} W was entered by hand \\(a 20-minute average of ${fake.rider.cyclingFtp} W × 0\\.95\\)\\.`);
    case 'ftp_estimated_source':
      return new RegExp(`Your FTP of ${ftp} W is Peloton's estimate\\.`);
    default:
      return new RegExp(`Your FTP of ${ftp} W was set by (your FTP test of \\d{4}-\\d{2}-\\d{2}|an FTP test)\\.`);
  }
}

/** The tooltip's sentence for `days` since the last test. */
function lastTestSentence(days: number): string {
  return days === 0 ? 'Last test today.' : days === 1 ? 'Last test yesterday.' : `Last test ${days} days ago.`;
}


/** Runs the export command and answers VS Code's save dialog with `file`. */
async function exportTo(page: Page, file: string): Promise<void> {
  await runCommand(page, 'Peloton: Export FTP History...');
  await answerFileDialog(page, file);
}

describe('Everyday use in code-server: power zones, the status bar, export', function () {
  this.timeout(180_000);
  let fake: FakePeloton;
  let server: CodeServerInstance;
  let page: Page;
  let dir: string;
  /** The tree's test rows as `label | description`, newest first. */
  let treeTests: string[] = [];

  let session: UiSession | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peloton-e2e-export-'));
    session = await startUiSession(demo());
    ({ fake, server, page } = session);
  });

  after(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs in as the demo rider: the current-FTP row expands to seven zones with the rule\'s watts', async () => {
    await runCommand(page, 'Peloton: Sign In with Access Token');
    await typeInQuickInput(page, fake.issueAccessToken(), { enter: true });
    await waitForNotification(page, `Signed in to Peloton as ${fake.rider.username}`);
    await openViewContainer(page, 'Peloton');
    const rows = await waitForTreeRows(page, 'FTP Tests', (r) => r.length > 1 && !showsRefreshProgress(r.map((x) => x.text)));
    const currentRow = rows[0]!;
    assert.equal(currentRow.expanded, false, 'the current-FTP row is collapsed and expandable');
    treeTests = rows.slice(1).map((r) => `${r.label} | ${r.description}`);
    await page.locator('.part.sidebar .monaco-list-row', { hasText: currentRow.label }).first().click();
    const expanded = await waitForTreeRows(page, 'FTP Tests', (r) => r.filter((x) => x.level === 2).length === 7);
    const zones = expanded.filter((r) => r.level === 2).map((r) => `${r.label} | ${r.description}`);
    const ftp = expectedFtp(fake);
    assert.deepEqual(zones, ZONE_NAMES.map((name, i) => `Z${i + 1} · ${name} | ${zoneWatts(ftp)[i]}`));
    await clearNotifications(page);
    await page.mouse.move(1100, 12);
    await screenshot(page, 'tree-zones-demo');
  });

  it('the status bar shows the current FTP, says how long since the last test, and opens the chart with its zones', async () => {
    const ftp = expectedFtp(fake);
    const item = ftpStatusItem(page);
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(((await item.textContent()) ?? '').trim(), `FTP ${ftp} W`);
    assert.equal(await item.locator('.codicon-pulse').count(), 1, 'the pulse icon');
    // The newest test is the tree's first test row (`2026-01-07 · 220 W`); its local date to today.
    const [y, m, d] = treeTests[0]!.slice(0, 10).split('-').map(Number);
    const days = calendarDaysBetween(new Date(y!, m! - 1, d!, 12).getTime() / 1000, Math.floor(Date.now() / 1000));
    await item.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Last test' }).filter({ visible: true }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    const text = (await hover.textContent()) ?? '';
    assert.match(text, sourceSentence(fake));
    assert.ok(text.includes(lastTestSentence(days)), text);
    await screenshot(page, 'status-bar-ftp');
    await item.click();
    const frame = await findWebviewFrame(page, hasSelector('.zones-table tbody tr'));
    await frame.waitForFunction(() => document.querySelectorAll('.zones-table tbody tr').length === 7);
    const zoneRows = await frame.evaluate(() =>
      Array.from(document.querySelectorAll('.zones-table tbody tr')).map((row) =>
        Array.from(row.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim()).join(' | '),
      ),
    );
    assert.equal(zoneRows[3], `Z4 · Threshold | 91\u2013105 % | ${zoneWatts(ftp)[3]}`);
    assert.equal(zoneRows[6], `Z7 · Neuromuscular | > 150 % | ${zoneWatts(ftp)[6]}`);
    assert.equal((await frame.locator('#zones-heading').textContent())?.trim(), `Power zones at FTP ${ftp} W`);
    await frame.locator('.zones-section').scrollIntoViewIfNeeded();
    await screenshot(page, 'chart-zones-demo');
    await runCommand(page, 'View: Close All Editors');
  });

  it('the setting pelotonFtp.statusBar.enabled hides it and shows it again', async () => {
    const folder = join(server.workspaceFolder, '.vscode');
    mkdirSync(folder, { recursive: true });
    const settings = join(folder, 'settings.json');
    try {
      writeFileSync(settings, JSON.stringify({ 'pelotonFtp.statusBar.enabled': false }));
      await ftpStatusItem(page).waitFor({ state: 'hidden', timeout: 15_000 });
      writeFileSync(settings, JSON.stringify({ 'pelotonFtp.statusBar.enabled': true }));
      await ftpStatusItem(page).waitFor({ state: 'visible', timeout: 15_000 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('exports a CSV and a JSON through the save dialog; both parse, and their tests equal the tree\'s rows', async () => {
    const csvFile = join(dir, 'demo-history.csv');
    await exportTo(page, csvFile);
    await waitForNotification(page, `Exported ${treeTests.length} FTP tests to demo-history.csv.`);
    assert.ok(existsSync(csvFile));
    const [header, ...records] = parse(readFileSync(csvFile, 'utf8'), { record_delimiter: '\r\n' }) as string[][];
    assert.equal(header!.join(','), 'date,result_w,baseline_w,baseline_source,change_w,applied,avg_output_w,workout_id,title,q1_w,q2_w,q3_w,q4_w,half_split_pct');
    assert.ok(records.every((r) => r.length === 14 && (r[1] === '' || /^-?\d+$/.test(r[13]!))), 'every test with a result has its pacing');
    assert.deepEqual(
      records.map((r) => `${r[0]} · ${r[1] ? `${r[1]} W` : 'no output data'}`),
      treeTests.map((t) => t.split(' | ')[0]),
    );
    records.forEach((r, i) => {
      if (r[2]) assert.ok(treeTests[i]!.includes(` baseline ${r[2]} W`), `${treeTests[i]} has baseline ${r[2]}`);
      assert.equal(r[5] === 'not-applied', treeTests[i]!.includes('| not applied'), `${treeTests[i]}: applied is '${r[5]}'`);
    });

    await clearNotifications(page);
    const jsonFile = join(dir, 'demo-history.json');
    await exportTo(page, jsonFile);
    await waitForNotification(page, `Exported ${treeTests.length} FTP tests to demo-history.json.`);
    const data = JSON.parse(readFileSync(jsonFile, 'utf8')) as { schemaVersion: number; rider: { username: string }; tests: Array<Record<string, unknown>> };
    assert.equal(data.schemaVersion, 1);
    assert.equal(data.rider.username, fake.rider.username);
    // The JSON nests the CSV's pacing columns as `pacing`.
    const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
    assert.deepEqual(
      data.tests.map((t) => {
        const pacing = t.pacing as { quarters_w: number[]; half_split_pct: number } | null;
        return [...header!.slice(0, 9).map((c) => cell(t[c])), ...(pacing ? [...pacing.quarters_w, pacing.half_split_pct].map(cell) : ['', '', '', '', ''])];
      }),
      records,
    );
    const everything = readFileSync(csvFile, 'utf8') + readFileSync(jsonFile, 'utf8');
    assert.ok(!everything.includes(fake.accessToken), 'no token in the exports');
  });

  it('signing out hides the FTP in the status bar', async () => {
    await runCommand(page, 'Peloton: Sign Out');
    await waitForNotification(page, 'Signed out of Peloton.');
    await ftpStatusItem(page).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    assert.equal(await ftpStatusItem(page).filter({ visible: true }).count(), 0);
    assert.deepEqual((await readTreeRows(page, 'FTP Tests')).length, 0);
  });
});
