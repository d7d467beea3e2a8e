/**
 * The FTP chart page in a real browser (pageHarness.ts: the bundle from src/webview/main.ts, the HTML from
 * renderChartHtml with its CSP, headless Chromium standing in for VS Code's webview). Screenshots land in
 * test-artifacts/screenshots/. The test detail has its own suite (testDetail.test.ts).
 *
 * Run: npx mocha --config test/webview/.mocharc.json   (CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { HistoryMessage } from '../../src/shared/pageProtocol';
import { dark, highContrast, light } from './themes';
import {
  SCREENSHOTS as screenshots,
  canvasPixels,
  colourColumns,
  frames,
  gridText,
  noonUtc,
  openChartPage,
  posted,
  send,
  setTheme,
  violations,
  type ChartPageSession,
} from './pageHarness';

/** The seed example: two chained tests, newest first, as the host sends them. */
const seedHistory: HistoryMessage = {
  type: 'history',
  rows: [
    {
      workoutId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      takenAt: noonUtc('2026-01-14'),
      rideTitle: '20 min FTP Test Ride',
      instructor: 'Denis Morton',
      avgOutput: 185,
      calculatedFtp: 176,
      baselineFtp: 183,
      baselineOrigin: 'test',
      baselineSetAt: noonUtc('2019-12-04'),
      enteredBaseline: null,
      applied: 'applied',
      pacing: { quartersW: [193, 187, 182, 178], halfSplitPct: -5 },
    },
    {
      workoutId: '0f9e8d7c6b5a49382716f5e4d3c2b1a0',
      takenAt: noonUtc('2019-12-04'),
      rideTitle: '20 min FTP Test Ride',
      instructor: 'Matt Wilpers',
      avgOutput: 193,
      calculatedFtp: 183,
      baselineFtp: null,
      baselineOrigin: 'none',
      baselineSetAt: null,
      enteredBaseline: null,
      applied: 'applied',
      pacing: null,
    },
  ],
  username: 'seed_rider',
  currentFtp: 176,
  currentFtpOrigin: 'test',
  currentFtpEntered: null,
  estimatedFtp: 181,
  fetchedAt: noonUtc('2026-01-15'),
  notice: 'Refresh failed: showing history from 3 h ago',
};

/**
 * Eight tests for the screenshots: one without output data, a declined one (not applied), a hand-entered
 * baseline, one from Peloton's estimate, and a current FTP from the estimate.
 */
const demoDays = ['2026-02-03', '2025-09-18', '2025-03-02', '2024-07-21', '2023-11-05', '2022-06-12', '2021-01-30', '2020-04-08'];
const demoHistory: HistoryMessage = {
  ...seedHistory,
  username: 'demo_rider',
  currentFtp: 209,
  currentFtpOrigin: 'estimated',
  estimatedFtp: 209,
  notice: null,
  rows: (
    [
      // avg output, result, baseline, origin, index of the test that set it, entered, applied
      [225, 214, 205, 'test', 2, null, null],
      [225, 214, 205, 'test', 2, null, 'not-applied'],
      [216, 205, 198, 'test', 4, null, 'applied'],
      [null, null, 198, 'test', 4, null, null],
      [208, 198, 187, 'manual', null, 197, 'applied'],
      [197, 187, 176, 'estimated', null, null, null],
      [185, 176, 183, 'test', 7, null, null],
      [193, 183, null, 'none', null, null, 'applied'],
    ] as const
  ).map(([avgOutput, calculatedFtp, baselineFtp, baselineOrigin, setBy, enteredBaseline, applied], i) => ({
    workoutId: `demo${i}`,
    takenAt: noonUtc(demoDays[i]),
    rideTitle: i === 3 ? null : '20 min FTP Test Ride',
    instructor: i === 3 ? null : ['Denis Morton', 'Olivia Amato', 'Matt Wilpers'][i % 3],
    avgOutput,
    calculatedFtp,
    baselineFtp,
    baselineOrigin,
    baselineSetAt: setBy === null ? null : noonUtc(demoDays[setBy]),
    enteredBaseline,
    applied,
  })),
};

/**
 * A rider of many years (issue 16): `count` chained FTP tests, newest first, about five weeks apart from 2014 on, each
 * applied and setting the next one's baseline; `shift` moves every result (so two such histories differ in each row).
 */
function manyYearsHistory(count: number, shift = 0): HistoryMessage {
  const first = noonUtc('2014-03-05');
  const tests = Array.from({ length: count }, (_, i) => {
    const avgOutput = 170 + Math.round(40 * Math.sin(i / 9)) + (i % 7) + shift;
    return { i, takenAt: first + i * 35 * 86_400, avgOutput, calculatedFtp: Math.round(avgOutput * 0.95) };
  });
  const rows = tests.map((t) => {
    const previous = tests[t.i - 1];
    return {
      workoutId: `${t.i.toString(16).padStart(4, '0')}${'ab'.repeat(14)}`,
      takenAt: t.takenAt,
      rideTitle: '20 min FTP Test Ride',
      instructor: ['Denis Morton', 'Olivia Amato', 'Matt Wilpers'][t.i % 3],
      avgOutput: t.avgOutput,
      calculatedFtp: t.calculatedFtp,
      baselineFtp: previous?.calculatedFtp ?? null,
      baselineOrigin: previous ? ('test' as const) : ('none' as const),
      baselineSetAt: previous?.takenAt ?? null,
      enteredBaseline: null,
      applied: 'applied' as const,
    };
  });
  const newest = tests[tests.length - 1]!;
  return { ...seedHistory, username: 'many_years_rider', currentFtp: newest.calculatedFtp, estimatedFtp: newest.calculatedFtp + 4, notice: null, rows: rows.reverse() };
}

/** Renders of the 120-test history timed in the page test (after one that is not counted). */
const MANY_RENDERS = 7;
/** Issue 16's target for drawing 120 tests (ms), printed beside the measured median. */
const RENDER_TARGET_MS = 100;
/**
 * The bound the test asserts (ms): generous, because a machine shared with other jobs stretches wall times several
 * fold; the printed median is the figure to compare with {@link RENDER_TARGET_MS}.
 */
const RENDER_BOUND_MS = 400;

/** One timed render: wall time in the page, and the page's main-thread CPU time meanwhile (ms). */
interface Render {
  wallMs: number;
  cpuMs: number;
}

const medianOf = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** `95.2 ms (CPU 41.0 ms)` with each render's wall time. */
function describeRenders(renders: readonly Render[]): string {
  const wall = renders.map((r) => r.wallMs);
  return `${medianOf(wall).toFixed(1)} ms (CPU ${medianOf(renders.map((r) => r.cpuMs)).toFixed(1)} ms; each ${wall.map((ms) => ms.toFixed(0)).join(', ')})`;
}

describe('FTP chart page in Chromium', function () {
  this.timeout(30_000);

  let session: ChartPageSession;
  let page: Page;
  let consoleErrors: string[];
  let consoleWarnings: string[];
  let pageErrors: string[];

  before(async function () {
    session = await openChartPage();
    ({ page, consoleErrors, consoleWarnings, pageErrors } = session);
  });

  after(async () => {
    await session?.close();
  });

  it('posts ready first, before any data, and shows a loading line', async () => {
    assert.deepEqual(await posted(page), [{ type: 'ready' }]);
    assert.match(await page.locator('#app').innerText(), /Loading FTP history/);
    assert.equal(await page.locator('vscode-data-grid').count(), 0);
  });

  it('draws the seed history: heading, notice, table newest first, both series on the canvas', async () => {
    await send(page, seedHistory);
    await page.waitForFunction(() => document.querySelectorAll('vscode-data-grid-row').length === 3);
    assert.equal(await page.locator('h1').innerText(), 'seed_rider');
    assert.match(await page.locator('.figures').innerText(), /Current FTP 176 W · Peloton estimate 181 W/);
    assert.equal(await page.locator('[role="status"]').innerText(), seedHistory.notice);
    assert.match(await page.locator('.updated').innerText(), /^Updated 2026-01-1[45] \d\d:\d\d$/);

    const grid = await gridText(page);
    assert.deepEqual(grid.header, ['Date', 'Result (W)', 'Applied', 'Baseline (W)', 'Baseline from', 'Change (W)', 'Avg output (W)', 'Pacing', 'Ride']);
    assert.deepEqual(grid.rows, [
      ['2026-01-14', '176', 'applied', '183', 'set by the test of 2019-12-04', '\u22127', '185', '\u22125 % · 193 · 187 · 182 · 178 W', '20 min FTP Test Ride · Denis Morton'],
      ['2019-12-04', '183', 'applied', '\u2014', 'first test', '\u2014', '193', '\u2014', '20 min FTP Test Ride · Matt Wilpers'],
    ]);
    assert.equal(await page.locator('vscode-data-grid').getAttribute('role'), 'grid');

    await page.waitForFunction(() => {
      const c = document.querySelector('.chart-box canvas');
      return c instanceof HTMLCanvasElement && c.width > 0;
    });
    const blue = await canvasPixels(page, dark.vars['charts-blue']);
    const orange = await canvasPixels(page, dark.vars['charts-orange']);
    assert.ok(blue.drawn > 2000, `the canvas has drawn pixels (${blue.drawn})`);
    assert.ok(blue.matching > 50, `the calculated series is drawn in charts-blue (${blue.matching})`);
    assert.ok(orange.matching > 30, `the baseline series is drawn in charts-orange (${orange.matching})`);
    const red = await canvasPixels(page, dark.vars['charts-red']);
    assert.equal(red.matching, 0, 'no not-applied mark (nor its legend entry) when every result was applied');
    assert.match((await page.locator('.chart-box canvas').getAttribute('aria-label')) ?? '', /2 FTP tests from 2019-12-04 to 2026-01-14/);
  });

  it('draws the baseline FTP as a step: level from the test before until the next test, no slope between tests years apart', async () => {
    const [newest, oldest] = seedHistory.rows;
    const middle = { ...newest, workoutId: 'b0b0', takenAt: noonUtc('2020-01-08'), baselineFtp: 150, calculatedFtp: 220, avgOutput: 232 };
    const stepHistory = { ...seedHistory, notice: null, rows: [{ ...newest, baselineFtp: 220, calculatedFtp: 225 }, middle, { ...oldest, calculatedFtp: 158 }] };
    await send(page, stepHistory);
    await page.waitForFunction(() => document.querySelectorAll('vscode-data-grid-row').length === 4);
    await page.mouse.move(0, 0);
    await frames(page);
    // The baseline's pixels (charts-orange) below the legend: from the 2020 test's point to the 2026 test's.
    const columns = await colourColumns(page, dark.vars['charts-orange'], '.chart-box canvas', 60);
    const drawn = columns.map((rows, x) => (rows.length ? x : -1)).filter((x) => x >= 0);
    const [left, right] = [drawn[0]!, drawn[drawn.length - 1]!];
    assert.ok(right - left > 300, `the baseline spans the chart (${left}–${right})`);
    const medianAround = (x: number): number => {
      const ys = columns.slice(Math.round(x) - 10, Math.round(x) + 10).flat().sort((a, b) => a - b);
      assert.ok(ys.length > 0, `baseline pixels near x ${Math.round(x)}`);
      return ys[Math.floor(ys.length / 2)]!;
    };
    const [y30, y70, yEnd] = [medianAround(left + 0.3 * (right - left)), medianAround(left + 0.7 * (right - left)), medianAround(right - 6)];
    assert.ok(Math.abs(y30 - y70) <= 2 && Math.abs(y70 - yEnd) <= 3, `level at 220 W from 2020 on: y ${y30}, ${y70}, ${yEnd}`);
    const yStart = medianAround(left + 6);
    assert.ok(yStart - y30 > 50, `it rose at the 2020 test (150 W, y ${yStart}) to 220 W (y ${y30})`);
    await send(page, seedHistory);
    await page.waitForFunction(() => document.querySelectorAll('vscode-data-grid-row').length === 3);
  });

  it('ignores invalid and unknown messages: nothing changes, nothing throws, each is warned about', async () => {
    const before = await gridText(page);
    const postedBefore = (await posted(page)).length;
    const warningsBefore = consoleWarnings.length;
    for (const bad of [{ type: 'history', rows: 'x' }, { type: 'hack' }, null, 'history', { ...seedHistory, rows: [{ workoutId: 1 }] }]) {
      await send(page, bad);
    }
    await frames(page);
    assert.deepEqual(await gridText(page), before);
    assert.equal(await page.locator('h1').innerText(), 'seed_rider');
    assert.equal((await posted(page)).length, postedBefore);
    assert.deepEqual(pageErrors, []);
    assert.equal(consoleWarnings.length - warningsBefore, 5);
    assert.ok(consoleWarnings.slice(warningsBefore).every((w) => /ignored an invalid message/.test(w)));
  });

  it('Refresh posts refresh; a ride link posts openWorkout with its id', async () => {
    await page.locator('vscode-button', { hasText: 'Refresh' }).click();
    await page.getByRole('link', { name: /Denis Morton/ }).click();
    const messages = await posted(page);
    assert.deepEqual(messages.slice(-2), [
      { type: 'refresh' },
      { type: 'openWorkout', workoutId: seedHistory.rows[0].workoutId },
    ]);
  });

  it('a message changing only the notice updates it and keeps the table and the focus in it', async () => {
    await page.getByRole('link', { name: /Matt Wilpers/ }).focus();
    await page.evaluate(() => document.querySelector('vscode-data-grid')?.setAttribute('data-marked', ''));
    await send(page, { ...seedHistory, notice: 'Refreshing… 1 found' });
    await page.waitForFunction(() => document.querySelector('[role="status"]')?.textContent === 'Refreshing… 1 found');
    assert.equal(await page.locator('vscode-data-grid[data-marked]').count(), 1);
    assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /Matt Wilpers/);
    await send(page, seedHistory);
  });

  it('follows the theme (light, dark, high contrast) and saves a screenshot of each', async () => {
    mkdirSync(screenshots, { recursive: true });
    // A longer history than the seed, so the screenshots show both lines, the dashes and a gap.
    await send(page, demoHistory);
    await page.waitForFunction(() => document.querySelectorAll('vscode-data-grid-row').length === 9);
    const grid = await gridText(page);
    assert.deepEqual(
      grid.rows.map((r) => `${r[0]} | ${r[2]} | ${r[4]}`),
      [
        '2026-02-03 | \u2014 | set by the test of 2025-03-02',
        '2025-09-18 | not applied | set by the test of 2025-03-02',
        '2025-03-02 | applied | set by the test of 2023-11-05',
        '2024-07-21 | \u2014 | set by the test of 2023-11-05',
        '2023-11-05 | applied | entered by hand (197 W × 0.95)',
        "2022-06-12 | \u2014 | Peloton's estimate",
        '2021-01-30 | \u2014 | set by the test of 2020-04-08',
        '2020-04-08 | applied | first test',
      ],
    );
    assert.match(await page.locator('.figures').innerText(), /^Current FTP 209 W \(Peloton's estimate\)$/, 'the estimate is said once');
    assert.match((await page.locator('.chart-box canvas').getAttribute('aria-label')) ?? '', /1 result was not applied/);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.mouse.move(0, 0);
    for (const [name, theme] of [['light', light], ['hc', highContrast], ['dark', dark]] as const) {
      await setTheme(page, name);
      await frames(page);
      await frames(page);
      const blue = await canvasPixels(page, theme.vars['charts-blue']);
      assert.ok(blue.matching > 50, `${name}: the chart redrew in the theme's blue (${blue.matching})`);
      // The not-applied result's cross (in the legend and on the chart) in the theme's red.
      const red = await canvasPixels(page, theme.vars['charts-red']);
      assert.ok(red.matching > 40, `${name}: the not-applied mark is drawn in charts-red (${red.matching})`);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.notEqual(background, 'rgba(0, 0, 0, 0)', `${name}: the page takes the editor background`);
      if (name === 'dark') {
        // Hover near the newest test to show its tooltip in the screenshot.
        const box = await page.locator('.chart-box canvas').boundingBox();
        assert.ok(box);
        await page.mouse.move(box.x + box.width - 30, box.y + box.height / 2);
        await frames(page);
      }
      await page.screenshot({ path: path.join(screenshots, `chart-${name}.png`), fullPage: true });
    }
    await page.mouse.move(0, 0);
    await send(page, seedHistory);
    await page.waitForFunction(() => document.querySelectorAll('vscode-data-grid-row').length === 3);
  });

  it('says why a result has no applied mark: the dash points to its reason, read out too, with a note under the table', async () => {
    await send(page, demoHistory);
    await page.waitForFunction(() => document.querySelectorAll('vscode-data-grid-row').length === 9);
    const dashes = await page.evaluate(() =>
      [...document.querySelectorAll('vscode-data-grid-row')].slice(1).map((row) => {
        const cell = row.querySelectorAll('vscode-data-grid-cell')[2]!;
        const unknown = cell.querySelector('.applied-unknown');
        return {
          date: (row.querySelector('vscode-data-grid-cell')?.textContent ?? '').trim(),
          title: unknown?.getAttribute('title') ?? null,
          spoken: unknown?.querySelector('.visually-hidden')?.textContent ?? null,
          dashHidden: unknown?.querySelector('[aria-hidden="true"]')?.textContent ?? null,
        };
      }),
    );
    const explained = dashes.filter((d) => d.title !== null);
    assert.deepEqual(
      explained.map((d) => `${d.date} | ${d.title}`),
      [
        "2026-02-03 | Not known: this is your newest test, and your FTP now is Peloton's estimate.",
        '2024-07-21 | Not known: Peloton does not say whether this result became your FTP.',
        "2022-06-12 | Not known: the next test started from an FTP entered by hand, not from this result.",
        '2021-01-30 | Not known: the next test started from Peloton\'s estimate, not from this result.',
      ],
    );
    for (const d of explained) {
      assert.equal(d.spoken, d.title, `${d.date}: the reason is read out`);
      assert.equal(d.dashHidden, '\u2014', `${d.date}: the dash itself is not read out`);
    }
    const note = page.locator('#applied-note');
    assert.ok(await note.isVisible());
    assert.match(await note.innerText(), /^A dash \(\u2014\) under Applied: not known whether that result became your FTP/);
    assert.equal(await page.locator('vscode-data-grid').getAttribute('aria-describedby'), 'applied-note');
    await page.locator('.applied-unknown').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshots, 'chart-applied-note.png'), fullPage: true });

    await send(page, seedHistory); // every result marked: no note
    await page.waitForFunction(() => document.querySelectorAll('vscode-data-grid-row').length === 3);
    assert.equal(await page.locator('#applied-note').count(), 0);
    assert.equal(await page.locator('.applied-unknown').count(), 0);
  });

  it('keeps its state: a reloaded page redraws the last history before any message', async () => {
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('vscode-data-grid-row').length === 3);
    assert.deepEqual(await posted(page), [{ type: 'ready' }]);
    assert.deepEqual((await gridText(page)).rows.map((r) => r[0]), ['2026-01-14', '2019-12-04']);
  });

  it('shows an empty state when there are no tests, and a table again when there are', async () => {
    await send(page, { ...seedHistory, rows: [], notice: null });
    await page.waitForFunction(() => document.querySelector('vscode-data-grid') === null);
    assert.match(await page.locator('.empty').innerText(), /No FTP tests yet/);
    assert.equal(await page.locator('[role="status"]').innerText(), '');
    assert.equal(await page.locator('.history-body').isVisible(), false);
    await page.screenshot({ path: path.join(screenshots, 'chart-empty-dark.png') });

    await send(page, { ...seedHistory, rows: [], username: null, currentFtp: null, estimatedFtp: null });
    await page.waitForFunction(() => /Not signed in/.test(document.querySelector('.empty')?.textContent ?? ''));
    assert.equal(await page.locator('h1').innerText(), 'FTP History');

    const noOutput = { ...seedHistory.rows[0], avgOutput: null, calculatedFtp: null };
    await send(page, { ...seedHistory, rows: [noOutput, seedHistory.rows[1]] });
    await page.waitForFunction(() => document.querySelectorAll('vscode-data-grid-row').length === 3);
    assert.deepEqual((await gridText(page)).rows[0].slice(0, 8), ['2026-01-14', '\u2014', 'applied', '183', 'set by the test of 2019-12-04', '\u2014', 'no output data', '\u22125 % · 193 · 187 · 182 · 178 W']);
    assert.equal(await page.locator('.empty').isVisible(), false);
  });

  it('draws 120 tests without lag: the chart and the first rows painted within 100 ms of the message (printed)', async () => {
    // Two histories that differ in every row, sent in turn, so each message redraws the chart and the table.
    const histories = [manyYearsHistory(120), manyYearsHistory(120, 3)];
    // From the seed history's chart and table (2 tests), whatever the tests before left on the page.
    await send(page, seedHistory);
    await page.waitForFunction(() => document.querySelectorAll('vscode-data-grid-row').length === 3);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    /** The page's main-thread CPU time so far (ms): unlike wall time, other jobs on the machine do not stretch it. */
    const threadMs = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
    const firstPaint: Render[] = [];
    const wholeTable: Render[] = [];
    // The first render turns the 2-test table into 120 rows (118 of them new); it is printed, not counted in the medians.
    let newRows: [Render, Render] | null = null;
    for (let run = -1; run < MANY_RENDERS; run++) {
      const cpu0 = await threadMs();
      // From the message's arrival to the frame after the one it changed: parsing, the chart, the table's first rows,
      // style, layout and paint.
      const first = await page.evaluate(async (data) => {
        const t0 = performance.now();
        (window as unknown as { __send: (d: unknown) => void; __t0: number }).__send(data);
        (window as unknown as { __t0: number }).__t0 = t0;
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return performance.now() - t0;
      }, histories[(run + 2) % 2]);
      const cpu1 = await threadMs();
      // On to the frame after the table's last row arrived.
      const whole = await page.evaluate(async () => {
        while (document.querySelectorAll('vscode-data-grid-row').length < 121) await new Promise((resolve) => requestAnimationFrame(resolve));
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return performance.now() - (window as unknown as { __t0: number }).__t0;
      });
      const cpu2 = await threadMs();
      if (run < 0) {
        newRows = [
          { wallMs: first, cpuMs: cpu1 - cpu0 },
          { wallMs: whole, cpuMs: cpu2 - cpu0 },
        ];
        continue;
      }
      firstPaint.push({ wallMs: first, cpuMs: cpu1 - cpu0 });
      wholeTable.push({ wallMs: whole, cpuMs: cpu2 - cpu0 });
    }
    const grid = await gridText(page);
    assert.equal(grid.rows.length, 120);
    assert.equal(grid.rows[0]?.[0], '2025-07-30');
    assert.equal(grid.rows[119]?.[0], '2014-03-05');
    assert.match((await page.locator('.chart-box canvas').getAttribute('aria-label')) ?? '', /120 FTP tests from 2014-03-05 to 2025-07-30/);
    const blue = await canvasPixels(page, dark.vars['charts-blue']);
    assert.ok(blue.matching > 200, `the 120 results are drawn (${blue.matching} charts-blue pixels)`);
    console.log(
      `      120-test history (medians of ${MANY_RENDERS} renders; target ≤ ${RENDER_TARGET_MS} ms): chart and first rows painted ${describeRenders(firstPaint)}; ` +
        `all 120 rows ${describeRenders(wholeTable)}; from a 2-test table (118 new rows): first rows ${describeRenders(newRows!.slice(0, 1))}, ` +
        `all ${describeRenders(newRows!.slice(1))}; load average ${loadavg()[0]!.toFixed(1)}`,
    );
    await page.screenshot({ path: path.join(screenshots, 'chart-120-tests-dark.png') });
    const firstMs = medianOf(firstPaint.map((r) => r.wallMs));
    assert.ok(firstMs <= RENDER_BOUND_MS, `the 120-test history took ${firstMs.toFixed(1)} ms to paint (median)`);
  });

  it('reports no CSP violation and no console error', async () => {
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(pageErrors, []);
  });
});
