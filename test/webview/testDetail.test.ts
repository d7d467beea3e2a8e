/**
 * The test detail of the FTP chart page in real Chromium (pageHarness.ts): selecting a test by its table row (click,
 * or Enter from the keyboard) or its point on the chart, the `showTest` it posts, the chart drawn from the host's
 * `testDetail` answer (output, the test before dashed, the quarters band, the levels, cadence that can be hidden), the
 * words beside it, closing it, a reload, and the three themes (screenshots in test-artifacts/screenshots/).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ChartRow, HistoryMessage, PowerSeriesData, TestDetailMessage } from '../../src/shared/pageProtocol';
import { dark, highContrast, light } from './themes';
import { SCREENSHOTS, canvasPixels, frames, noonUtc, openChartPage, posted, send, setTheme, violations, type ChartPageSession } from './pageHarness';

/** A 20-minute test at every_n=5: output from `start` to `end` W in a straight line with a wave, cadence about 90 rpm. */
function series(start: number, end: number, cadence = true): PowerSeriesData {
  const seconds = Array.from({ length: 240 }, (_, i) => 5 * (i + 1));
  return {
    duration: 1200,
    seconds,
    output: seconds.map((t) => Math.round(start + ((end - start) * t) / 1200 + 6 * Math.sin(t / 40))),
    cadence: cadence ? seconds.map((t) => Math.round(90 + 3 * Math.sin(t / 70))) : null,
  };
}

const row = (fields: Partial<ChartRow> & Pick<ChartRow, 'workoutId' | 'takenAt'>): ChartRow => ({
  rideTitle: '20 min FTP Test Ride',
  instructor: 'Denis Morton',
  avgOutput: 185,
  calculatedFtp: 176,
  baselineFtp: 183,
  baselineOrigin: 'test',
  baselineSetAt: null,
  enteredBaseline: null,
  applied: null,
  pacing: null,
  ...fields,
});

const newest = row({ workoutId: 'newest', takenAt: noonUtc('2026-01-14'), pacing: { quartersW: [193, 187, 182, 178], halfSplitPct: -5 } });
const middle = row({ workoutId: 'middle', takenAt: noonUtc('2024-11-13'), avgOutput: 180, calculatedFtp: 171, pacing: { quartersW: [176, 179, 181, 184], halfSplitPct: 2 } });
const oldest = row({ workoutId: 'oldest', takenAt: noonUtc('2019-12-04'), avgOutput: 193, calculatedFtp: 183, baselineFtp: null, baselineOrigin: 'none' });

const history: HistoryMessage = {
  type: 'history',
  rows: [newest, middle, oldest],
  username: 'pacing_rider',
  currentFtp: 176,
  currentFtpOrigin: 'test',
  currentFtpEntered: null,
  estimatedFtp: null,
  fetchedAt: noonUtc('2026-01-15'),
  notice: null,
};

const detailOfNewest: TestDetailMessage = {
  type: 'testDetail',
  workoutId: 'newest',
  series: series(205, 168),
  previous: { workoutId: 'middle', takenAt: middle.takenAt, series: series(172, 188) },
};

const DETAIL_CANVAS = '#test-detail canvas';
/** Canvas rows from here down are below the detail chart's legend. */
const BELOW_LEGEND = 90;

const lastPosted = async (page: Page): Promise<unknown> => (await posted(page)).at(-1);
const bodyRow = (page: Page, index: number) => page.locator('vscode-data-grid-row:not([row-type="header"])').nth(index);
const selectedRows = (page: Page): Promise<string[]> =>
  page.evaluate(() => [...document.querySelectorAll('vscode-data-grid-row[aria-selected="true"]')].map((r) => r.querySelector('vscode-data-grid-cell')?.textContent?.trim() ?? ''));
const detailText = (page: Page): Promise<string> => page.locator('#test-detail').innerText();

describe('FTP chart page: the test detail in Chromium', function () {
  this.timeout(30_000);
  let session: ChartPageSession;
  let page: Page;

  before(async () => {
    session = await openChartPage();
    page = session.page;
    await send(page, history);
    await page.waitForFunction(() => document.querySelectorAll('vscode-data-grid-row').length === 4);
  });

  after(async () => {
    await session?.close();
  });

  it('is hidden until a test is selected; the table shows each test\'s pacing', async () => {
    assert.equal(await page.locator('#test-detail').isVisible(), false);
    const pacing = await page.evaluate(() =>
      [...document.querySelectorAll('vscode-data-grid-row')].map((r) => r.querySelectorAll('vscode-data-grid-cell')[7]?.textContent?.trim()),
    );
    assert.deepEqual(pacing, ['Pacing', '\u22125 % · 193 · 187 · 182 · 178 W', '+2 % · 176 · 179 · 181 · 184 W', '\u2014']);
  });

  it('a click on a row selects its test: the row is marked, its figures show at once, showTest is posted', async () => {
    await bodyRow(page, 0).locator('vscode-data-grid-cell').nth(1).click();
    await page.locator('#test-detail').waitFor({ state: 'visible' });
    assert.deepEqual(await lastPosted(page), { type: 'showTest', workoutId: 'newest' });
    assert.deepEqual(await selectedRows(page), ['2026-01-14']);
    assert.equal(await page.locator('#detail-heading').innerText(), 'FTP test of 2026-01-14');
    assert.match(await detailText(page), /Pacing \u22125 % · 193 · 187 · 182 · 178 W · Avg output 185 W · Result 176 W/);
    assert.equal(await page.locator('.detail-box').isVisible(), false, 'no chart before the series come');
  });

  it('draws the host\'s answer: output, the test before dashed, the quarters band, the result level, cadence on its axis', async () => {
    await send(page, detailOfNewest);
    await page.locator('.detail-box').waitFor({ state: 'visible' });
    await page.mouse.move(0, 0);
    await frames(page);
    const colours = dark.vars;
    const count = async (hex: string) => (await canvasPixels(page, hex, DETAIL_CANVAS, BELOW_LEGEND)).matching;
    assert.ok((await count(colours['charts-blue'])) > 300, 'the output line in charts-blue');
    assert.ok((await count(colours.descriptionForeground)) > 150, 'the test before, dashed, in the muted colour');
    assert.ok((await count(colours['charts-yellow'])) > 100, 'the result level in charts-yellow');
    assert.ok((await count(colours['charts-purple'])) > 150, 'cadence in charts-purple');
    assert.match(await detailText(page), /Dashed: the test before it, 2024-11-13 \(\+2 % · 176 · 179 · 181 · 184 W\)/);
    const label = (await page.locator(DETAIL_CANVAS).getAttribute('aria-label')) ?? '';
    assert.match(label, /Output over the 20 minutes of the test of 2026-01-14: \d+ W at the start, \d+ W at the end\./);
    assert.match(label, /Dashed: the test of 2024-11-13\./);
  });

  it('Hide cadence (from the keyboard) takes the cadence line and its axis away; Show cadence brings them back', async () => {
    const purple = () => canvasPixels(page, dark.vars['charts-purple'], DETAIL_CANVAS, BELOW_LEGEND);
    const button = page.locator('#test-detail vscode-button', { hasText: 'Hide cadence' });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.locator('#test-detail vscode-button', { hasText: 'Show cadence' }).waitFor();
    await frames(page);
    assert.equal((await purple()).matching, 0);
    assert.equal(await page.locator('#test-detail vscode-button', { hasText: 'Show cadence' }).getAttribute('aria-pressed'), 'false');
    await page.keyboard.press('Enter');
    await page.locator('#test-detail vscode-button', { hasText: 'Hide cadence' }).waitFor();
    await frames(page);
    assert.ok((await purple()).matching > 150);
  });

  it('Enter on a row (arrow keys to move) selects that test, as the keyboard reaches it', async () => {
    await bodyRow(page, 0).locator('vscode-data-grid-cell').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#detail-heading')?.textContent === 'FTP test of 2024-11-13');
    assert.deepEqual(await lastPosted(page), { type: 'showTest', workoutId: 'middle' });
    assert.deepEqual(await selectedRows(page), ['2024-11-13']);
  });

  it('ignores an answer for a test no longer selected', async () => {
    await send(page, detailOfNewest);
    await frames(page);
    assert.equal(await page.locator('#detail-heading').innerText(), 'FTP test of 2024-11-13');
    assert.equal(await page.locator('.detail-box').isVisible(), false);
  });

  it('says when a test, or the test before it, has no power data', async () => {
    await send(page, { type: 'testDetail', workoutId: 'middle', series: series(172, 188), previous: { workoutId: 'oldest', takenAt: oldest.takenAt, series: null } });
    await page.locator('.detail-box').waitFor({ state: 'visible' });
    assert.match(await detailText(page), /The test before it \(2019-12-04\) has no power data\./);
    await bodyRow(page, 2).locator('vscode-data-grid-cell').first().click();
    await send(page, { type: 'testDetail', workoutId: 'oldest', series: null, previous: null });
    await page.locator('.detail-box').waitFor({ state: 'hidden' });
    assert.match(await detailText(page), /This test has no power data: its performance graph has no output series\./);
    assert.match(await detailText(page), /Pacing \u2014/);
  });

  it('a click on the history chart selects the test nearest in time', async () => {
    const box = await page.locator('.chart-box canvas').boundingBox();
    assert.ok(box);
    await page.mouse.click(box.x + box.width - 25, box.y + box.height / 2);
    await page.waitForFunction(() => document.querySelector('#detail-heading')?.textContent === 'FTP test of 2026-01-14');
    assert.deepEqual(await lastPosted(page), { type: 'showTest', workoutId: 'newest' });
    assert.deepEqual(await selectedRows(page), ['2026-01-14']);
    await send(page, detailOfNewest);
    await page.locator('.detail-box').waitFor({ state: 'visible' });
  });

  it('a reloaded page reopens the detail and asks for its series again', async () => {
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('vscode-data-grid-row').length === 4);
    assert.deepEqual(await posted(page), [{ type: 'ready' }, { type: 'showTest', workoutId: 'newest' }]);
    assert.equal(await page.locator('#detail-heading').innerText(), 'FTP test of 2026-01-14');
    await send(page, detailOfNewest);
    await page.locator('.detail-box').waitFor({ state: 'visible' });
  });

  it('follows the theme (light, dark, high contrast), with a screenshot of each', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.mouse.move(0, 0);
    for (const [name, theme] of [['light', light], ['hc', highContrast], ['dark', dark]] as const) {
      await setTheme(page, name);
      await frames(page);
      await frames(page);
      for (const colour of ['charts-blue', 'charts-green', 'charts-yellow', 'charts-purple'] as const) {
        const { matching } = await canvasPixels(page, theme.vars[colour], DETAIL_CANVAS);
        assert.ok(matching > 50, `${name}: the detail redrew in the theme's ${colour} (${matching})`);
      }
      await page.locator('#test-detail').screenshot({ path: path.join(SCREENSHOTS, `detail-${name}.png`) });
    }
  });

  it('a new history without the selected test closes the detail; Escape and Close close it too', async () => {
    await send(page, { ...history, rows: [middle, oldest] });
    await page.locator('#test-detail').waitFor({ state: 'hidden' });
    assert.deepEqual(await selectedRows(page), []);
    await send(page, history);
    await bodyRow(page, 1).locator('vscode-data-grid-cell').first().click();
    await page.locator('#test-detail').waitFor({ state: 'visible' });
    await page.locator('#test-detail vscode-button', { hasText: 'Close' }).focus();
    await page.keyboard.press('Escape');
    await page.locator('#test-detail').waitFor({ state: 'hidden' });
    await bodyRow(page, 1).locator('vscode-data-grid-cell').first().click();
    await page.locator('#test-detail vscode-button', { hasText: 'Close' }).click();
    await page.locator('#test-detail').waitFor({ state: 'hidden' });
    assert.deepEqual(await selectedRows(page), []);
  });

  it('reports no CSP violation and no console error', async () => {
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(session.consoleErrors, []);
    assert.deepEqual(session.pageErrors, []);
  });
});
