/**
 * A rider of many years at startup, as a rider has it: the packaged .vsix in a real VS Code (code-server), signed in as
 * the fake's many-120-3000 rider (120 FTP tests among 3,000 workouts, 30 list pages). Once the history was built and
 * stored, the window is reloaded (a new extension host, as when VS Code starts again the next day, within
 * `pelotonFtp.refreshAfterHours`): the stored 120 tests are in the tree, the status bar and the chart without a single
 * request to Peloton. Prints how long after the reload the 120 rows were on screen.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { getDataset } from '../fakePeloton/datasets';
import type { FakePeloton } from '../fakePeloton/server';
import {
  findWebviewFrame,
  hasSelector,
  openViewContainer,
  readTreeRows,
  reloadWindowUntilRows,
  runCommand,
  screenshot,
  typeInQuickInput,
  waitForNotification,
  type TreeRow,
} from './harness/browser';
import { filesUnder, pelotonLogs } from './harness/files';
import { chartTableRows, ftpStatusItem, showsRefreshProgress, startUiSession, type UiSession } from './harness/session';

const TESTS = 120;

/** The FTP Tests view's top-level rows when they are settled: the current-FTP row and one row per test. */
function settledCount(rows: readonly TreeRow[]): number | null {
  if (rows.length === 0 || showsRefreshProgress(rows.map((r) => r.text))) return null;
  return rows[0]!.setSize;
}

/** The stored history files of the run (`history-<user id>.json` under the extension's global storage). */
function storedHistoryFiles(userDataDir: string): string[] {
  return filesUnder(join(userDataDir, 'User', 'globalStorage')).filter((file) => /[\\/]history-[^\\/]+\.json$/.test(file));
}

/** The lines of the extension's log (every window of the run) that match `pattern`. */
function logLines(dataDir: string, pattern: RegExp): string[] {
  return pelotonLogs(dataDir)
    .flatMap((text) => text.split('\n'))
    .filter((line) => pattern.test(line));
}

describe('A rider of many years: the stored 120-test history at startup', function () {
  this.timeout(240_000);
  let session: UiSession | undefined;
  let fake: FakePeloton;
  let page: Page;
  let rowsBefore: TreeRow[] = [];

  before(async () => {
    session = await startUiSession(getDataset('many-120-3000'));
    ({ fake, page } = session);
  });

  after(async () => {
    await session?.close();
  });

  it('signs in and builds the history of 120 tests from 30 list pages; it is stored', async () => {
    await runCommand(page, 'Peloton: Sign In with Access Token');
    await typeInQuickInput(page, fake.issueAccessToken(), { enter: true });
    await waitForNotification(page, `Signed in to Peloton as ${fake.rider.username}`);
    await openViewContainer(page, 'Peloton');
    const deadline = Date.now() + 120_000;
    for (;;) {
      rowsBefore = await readTreeRows(page, 'FTP Tests');
      if (settledCount(rowsBefore) === 1 + TESTS) break;
      assert.ok(Date.now() < deadline, `120 tests in the tree; rows: ${JSON.stringify(rowsBefore.map((r) => r.text))}`);
      await page.waitForTimeout(250);
    }
    assert.ok(fake.count('/api/user/') >= 30, `the list was read (${fake.count('/api/user/')} pages)`);
    // The history goes on screen before it is written: wait for the file to hold all 120 tests.
    const writtenBy = Date.now() + 30_000;
    let stored = 0;
    while (stored !== TESTS) {
      assert.ok(Date.now() < writtenBy, `the stored history holds ${stored} tests`);
      await page.waitForTimeout(250);
      const files = storedHistoryFiles(session!.server.userDataDir);
      stored = files.length === 1 ? (JSON.parse(readFileSync(files[0]!, 'utf8')) as { history?: { tests?: unknown[] } }).history?.tests?.length ?? 0 : 0;
    }
  });

  it('after a window reload the 120 stored tests are in the tree, the status bar and the chart, with no request to Peloton', async () => {
    fake.resetCounts();
    const { rows, afterLoadMs: onScreenMs } = await reloadWindowUntilRows(page, 'Peloton', 'FTP Tests', (r) => settledCount(r) === 1 + TESTS);
    // The list draws only the rows in view, and the view may be a row taller or shorter after the reload: the rows
    // drawn both times must be the same.
    const drawn = Math.min(rows.length, rowsBefore.length);
    assert.ok(drawn >= 5, `rows drawn: ${rows.length} after the reload, ${rowsBefore.length} before`);
    const text = (r: TreeRow): string => `${r.label} | ${r.description}`;
    assert.deepEqual(rows.slice(0, drawn).map(text), rowsBefore.slice(0, drawn).map(text), 'the same rows as before the reload');
    await ftpStatusItem(page).waitFor({ state: 'visible', timeout: 10_000 });
    await runCommand(page, 'Peloton: Show FTP Chart');
    const frame = await findWebviewFrame(page, hasSelector('vscode-data-grid-row'));
    const tableBy = Date.now() + 20_000;
    let tableRows = await chartTableRows(frame);
    while (tableRows.length < TESTS && Date.now() < tableBy) {
      await page.waitForTimeout(250);
      tableRows = await chartTableRows(frame);
    }
    assert.equal(tableRows.length, TESTS, 'the chart table shows every stored test');
    await screenshot(page, 'many-years-after-reload');
    // Still nothing asked of Peloton a moment later: a request after the rows were drawn would count too.
    await page.waitForTimeout(2000);
    assert.deepEqual(
      fake.requests.map((r) => `${r.method} ${r.path}`),
      [],
      'no request to Peloton at startup',
    );
    // The extension's own part of that time, from its log: the last activation's, and the stored history's read.
    const readLines = logLines(session!.server.dataDir, /Stored history: \d+ test\(s\), read in \d+ ms/);
    assert.equal(readLines.length, 1, 'read once, at the startup after the reload (sign-in built the history)');
    assert.match(readLines[0]!, new RegExp(`Stored history: ${TESTS} test\\(s\\)`));
    const activated = logLines(session!.server.dataDir, /Activated in [\d.]+ ms/);
    console.log(
      `stored history of ${TESTS} tests: in the tree ${onScreenMs} ms after the reloaded window loaded, 0 requests to Peloton ` +
        `(the extension: ${activated.at(-1)?.match(/Activated in [\d.]+ ms/)?.[0] ?? 'activation not logged'}; ${readLines[0]!.match(/read in \d+ ms/)![0]})`,
    );
  });
});
