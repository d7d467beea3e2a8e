/**
 * The FTP chart page in a real browser: the bundle built from src/webview/main.ts, the HTML from
 * renderChartHtml with its CSP, served on loopback, driven in headless Chromium through playwright-core.
 * A nonce'd inline script stands in for VS Code: `acquireVsCodeApi` records what the page posts and
 * keeps its state in sessionStorage (as VS Code keeps it across a reload), and the test delivers host
 * messages as `message` events. Screenshots land in test-artifacts/screenshots/.
 *
 * Run: npx mocha --config test/webview/.mocharc.json   (CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { CHROMIUM_ARGS } from '../e2e/harness/browser';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderChartHtml } from '../../src/views/webviewHtml';
import type { HistoryMessage } from '../../src/shared/pageProtocol';
import { dark, highContrast, light, type WebviewTheme } from './themes';

const root = path.resolve(__dirname, '../..');
const screenshots = path.join(root, 'test-artifacts', 'screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NONCE = 'dGVzdC1ub25jZS1mb3ItdGhlLWNoYXJ0LXBhZ2U=';

/** Noon UTC of a day, Unix seconds. */
const noonUtc = (day: string): number => Date.parse(`${day}T12:00:00Z`) / 1000;

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

/** The stand-in for VS Code, run before the page script (it carries the page's nonce). */
function stubScript(themes: Record<string, WebviewTheme>): string {
  return `
window.__posted = [];
window.__violations = [];
let acquired = 0;
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '') + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber);
});
window.acquireVsCodeApi = () => {
  if (acquired++) throw new Error('acquireVsCodeApi may be called once');
  return {
    postMessage: (m) => { window.__posted.push(JSON.parse(JSON.stringify(m))); },
    getState: () => { const s = sessionStorage.getItem('state'); return s == null ? undefined : JSON.parse(s); },
    setState: (s) => { sessionStorage.setItem('state', JSON.stringify(s)); return s; },
  };
};
window.__send = (data) => window.dispatchEvent(new MessageEvent('message', { data }));
const themes = ${JSON.stringify(themes)};
window.__setTheme = (name) => {
  const theme = themes[name];
  const html = document.documentElement;
  for (const [key, value] of Object.entries(themes.dark.vars)) html.style.removeProperty('--vscode-' + key);
  for (const [key, value] of Object.entries(theme.vars)) html.style.setProperty('--vscode-' + key, value);
  document.body.className = theme.kind;
  document.body.setAttribute('data-vscode-theme-kind', theme.kind);
};
document.addEventListener('DOMContentLoaded', () => window.__setTheme('dark'));
`;
}

/** Serves the page, its script (built into `bundleDir`) and stylesheet on 127.0.0.1. */
async function servePage(bundleDir: string): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const html = renderChartHtml({
    cspSource: origin,
    nonce: NONCE,
    scriptUri: `${origin}/dist/webview/main.js`,
    styleUri: `${origin}/media/chart.css`,
  }).replace('</head>', `<script nonce="${NONCE}">${stubScript({ light, dark, hc: highContrast })}</script>\n  </head>`);
  server.on('request', (req, res) => {
    const files: Record<string, [string, () => string | Buffer]> = {
      '/': ['text/html; charset=utf-8', () => html],
      '/dist/webview/main.js': ['text/javascript; charset=utf-8', () => readFileSync(path.join(bundleDir, 'main.js'))],
      '/media/chart.css': ['text/css; charset=utf-8', () => readFileSync(path.join(root, 'media', 'chart.css'))],
    };
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]());
  });
  return { server, origin };
}

interface GridText {
  header: string[];
  rows: string[][];
}

/** The data grid's text, header and rows. */
function gridText(page: Page): Promise<GridText> {
  // No named functions inside evaluate(): tsx's keepNames would wrap them in a `__name` the page lacks.
  return page.evaluate(() => {
    const [header, ...rows] = [...document.querySelectorAll('vscode-data-grid vscode-data-grid-row')].map((row) =>
      [...row.querySelectorAll('vscode-data-grid-cell')].map((cell) => {
        // The cell as drawn: without the text kept for screen readers only.
        const drawn = cell.cloneNode(true) as Element;
        drawn.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
        return (drawn.textContent ?? '').trim();
      }),
    );
    return { header: header ?? [], rows };
  });
}

/** How many canvas pixels are within a small distance of `hex` (and how many are drawn at all). */
function canvasPixels(page: Page, hex: string): Promise<{ drawn: number; matching: number }> {
  return page.evaluate((color) => {
    const canvas = document.querySelector('canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || canvas.width === 0) return { drawn: 0, matching: 0 };
    const target = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    let matching = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      drawn++;
      if (data[i + 3] > 200 && Math.abs(data[i] - target[0]) + Math.abs(data[i + 1] - target[1]) + Math.abs(data[i + 2] - target[2]) < 30) {
        matching++;
      }
    }
    return { drawn, matching };
  }, hex);
}

const posted = (page: Page): Promise<unknown[]> => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
const violations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
const send = (page: Page, data: unknown): Promise<void> =>
  page.evaluate((d) => (window as unknown as { __send: (d: unknown) => void }).__send(d), data);
const setTheme = (page: Page, name: 'light' | 'dark' | 'hc'): Promise<void> =>
  page.evaluate((n) => (window as unknown as { __setTheme: (n: string) => void }).__setTheme(n), name);
/** Two animation frames: enough for the theme observer and Chart.js to redraw. */
const frames = (page: Page): Promise<void> =>
  page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

describe('FTP chart page in Chromium', function () {
  this.timeout(30_000);

  let tempDir: string;
  let server: http.Server;
  let origin: string;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const consoleWarnings: string[] = [];
  const pageErrors: string[] = [];

  before(async function () {
    if (!existsSync(chromiumPath)) throw new Error(`No Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
    tempDir = mkdtempSync(path.join(tmpdir(), 'ftp-chart-page-'));
    await esbuild.build({
      entryPoints: [path.join(root, 'src/webview/main.ts')],
      outfile: path.join(tempDir, 'bundle', 'main.js'),
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      logLevel: 'error',
      define: { 'process.env.NODE_ENV': '"development"' },
    });
    ({ server, origin } = await servePage(path.join(tempDir, 'bundle')));
    context = await chromium.launchPersistentContext(path.join(tempDir, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 1000, height: 860 },
      reducedMotion: 'reduce',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
      if (message.type() === 'warning') consoleWarnings.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  });

  after(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
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
    assert.deepEqual(grid.header, ['Date', 'Result (W)', 'Applied', 'Baseline (W)', 'Baseline from', 'Change (W)', 'Avg output (W)', 'Ride']);
    assert.deepEqual(grid.rows, [
      ['2026-01-14', '176', 'applied', '183', 'set by the test of 2019-12-04', '\u22127', '185', '20 min FTP Test Ride · Denis Morton'],
      ['2019-12-04', '183', 'applied', '\u2014', 'first test', '\u2014', '193', '20 min FTP Test Ride · Matt Wilpers'],
    ]);
    assert.equal(await page.locator('vscode-data-grid').getAttribute('role'), 'grid');

    await page.waitForFunction(() => {
      const c = document.querySelector('canvas');
      return !!c && c.width > 0;
    });
    const blue = await canvasPixels(page, dark.vars['charts-blue']);
    const orange = await canvasPixels(page, dark.vars['charts-orange']);
    assert.ok(blue.drawn > 2000, `the canvas has drawn pixels (${blue.drawn})`);
    assert.ok(blue.matching > 50, `the calculated series is drawn in charts-blue (${blue.matching})`);
    assert.ok(orange.matching > 30, `the baseline series is drawn in charts-orange (${orange.matching})`);
    const red = await canvasPixels(page, dark.vars['charts-red']);
    assert.equal(red.matching, 0, 'no not-applied mark (nor its legend entry) when every result was applied');
    assert.match((await page.locator('canvas').getAttribute('aria-label')) ?? '', /2 FTP tests from 2019-12-04 to 2026-01-14/);
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
    assert.match((await page.locator('canvas').getAttribute('aria-label')) ?? '', /1 result was not applied/);
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
        const box = await page.locator('canvas').boundingBox();
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
    assert.deepEqual((await gridText(page)).rows[0].slice(0, 7), ['2026-01-14', '\u2014', 'applied', '183', 'set by the test of 2019-12-04', '\u2014', 'no output data']);
    assert.equal(await page.locator('.empty').isVisible(), false);
  });

  it('reports no CSP violation and no console error', async () => {
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(pageErrors, []);
  });
});
