/**
 * The fake API's seed-example rider as the extension shows it (two FTP tests, 2019-12-04 at 183 W and 2026-01-14 at
 * 176 W, Peloton's estimate 180 W): what the full UI suite and the smoke on the oldest VS Code both expect.
 */
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { findWebviewFrame, hasSelector } from './harness/browser';
import { chartTableRows } from './harness/session';

/** The FTP Tests view's rows (`label | description`) once the seed example is loaded. */
export const SEED_EXAMPLE_TREE_ROWS: readonly string[] = [
  'Current FTP 176 W | Peloton estimate 180 W',
  '2026-01-14 · 176 W | baseline 183 W · \u22127 W · from the test of 2019-12-04',
  '2019-12-04 · 183 W | first test',
];

/**
 * Waits for the chart panel (opened by the caller) and checks its table holds the seed example's two tests and
 * that the chart's canvas is there. @returns the panel's frame.
 */
export async function expectSeedExampleChart(page: Page): Promise<Frame> {
  const frame = await findWebviewFrame(page, hasSelector('vscode-data-grid-row'));
  await frame.waitForFunction(() => document.querySelectorAll('vscode-data-grid-cell').length > 6);
  const rows = await chartTableRows(frame);
  assert.equal(rows.length, 2, JSON.stringify(rows));
  assert.match(rows[0]!, /^2026-01-14 \| 176 \| applied \| 183 \| set by the test of 2019-12-04 \| \u22127 \| 185/);
  assert.match(rows[1]!, /^2019-12-04 \| 183 \| applied \| — \| first test \| — \| 193/);
  assert.equal(await frame.locator('canvas').count(), 1, 'the chart canvas');
  return frame;
}
