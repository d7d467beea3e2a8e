/**
 * The FTP chart page in a real browser, for the page's suites: the bundle built from src/webview/main.ts, the HTML
 * from renderChartHtml with its CSP, served on loopback, driven in headless Chromium through playwright-core.
 * A nonce'd inline script stands in for VS Code: `acquireVsCodeApi` records what the page posts and keeps its state
 * in sessionStorage (as VS Code keeps it across a reload), and the test delivers host messages as `message` events.
 */
import { CHROMIUM_ARGS } from '../e2e/harness/browser';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderChartHtml } from '../../src/views/webviewHtml';
import { dark, highContrast, light, type WebviewTheme } from './themes';

const root = path.resolve(__dirname, '../..');
/** Where the page suites save their screenshots. */
export const SCREENSHOTS = path.join(root, 'test-artifacts', 'screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NONCE = 'dGVzdC1ub25jZS1mb3ItdGhlLWNoYXJ0LXBhZ2U=';

/** Noon UTC of a day, Unix seconds. */
export const noonUtc = (day: string): number => Date.parse(`${day}T12:00:00Z`) / 1000;

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

/** The page open in Chromium, what it logged, and how to close it all. */
export interface ChartPageSession {
  page: Page;
  consoleErrors: string[];
  consoleWarnings: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

/** Builds the page, serves it, opens it in Chromium (1000 × 860, reduced motion) and waits for its `ready`. */
export async function openChartPage(): Promise<ChartPageSession> {
  if (!existsSync(chromiumPath)) throw new Error(`No Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
  const tempDir = mkdtempSync(path.join(tmpdir(), 'ftp-chart-page-'));
  let server: http.Server | undefined;
  let context: BrowserContext | undefined;
  const close = async (): Promise<void> => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    rmSync(tempDir, { recursive: true, force: true });
  };
  try {
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
    const served = await servePage(path.join(tempDir, 'bundle'));
    server = served.server;
    context = await chromium.launchPersistentContext(path.join(tempDir, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 1000, height: 860 },
      reducedMotion: 'reduce',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const session: ChartPageSession = { page, consoleErrors: [], consoleWarnings: [], pageErrors: [], close };
    page.on('console', (message) => {
      if (message.type() === 'error') session.consoleErrors.push(message.text());
      if (message.type() === 'warning') session.consoleWarnings.push(message.text());
    });
    page.on('pageerror', (error) => session.pageErrors.push(error.message));
    await page.goto(`${served.origin}/`);
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    return session;
  } catch (error) {
    await close();
    throw error;
  }
}

/** A data grid's text, header and rows. */
export interface GridText {
  header: string[];
  rows: string[][];
}

/** The data grid's text, header and rows. */
export function gridText(page: Page): Promise<GridText> {
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

/**
 * How many pixels of the canvas `selector` picks are within a small distance of `hex` (and how many are drawn at
 * all), optionally only those at or below `fromY` (canvas pixels: to leave the legend out).
 */
export function canvasPixels(page: Page, hex: string, selector = '.chart-box canvas', fromY = 0): Promise<{ drawn: number; matching: number }> {
  return page.evaluate(
    ([color, sel, top]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(sel);
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx || canvas.width === 0) return { drawn: 0, matching: 0 };
      const target = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
      const data = ctx.getImageData(0, top, canvas.width, canvas.height - top).data;
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
    },
    [hex, selector, fromY] as const,
  );
}

/**
 * For each pixel column of the canvas `selector` picks, the rows (canvas pixels, top down) whose colour is within a
 * small distance of `hex`, at or below `fromY`: where a line of that colour runs.
 */
export function colourColumns(page: Page, hex: string, selector: string, fromY: number): Promise<number[][]> {
  return page.evaluate(
    ([color, sel, top]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(sel);
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return [];
      const target = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
      const { width, height } = canvas;
      const data = ctx.getImageData(0, 0, width, height).data;
      const columns: number[][] = Array.from({ length: width }, () => []);
      for (let y = top; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          if (data[i + 3] > 200 && Math.abs(data[i] - target[0]) + Math.abs(data[i + 1] - target[1]) + Math.abs(data[i + 2] - target[2]) < 30) {
            columns[x].push(y);
          }
        }
      }
      return columns;
    },
    [hex, selector, fromY] as const,
  );
}

/** What the page has posted to the host, in order. */
export const posted = (page: Page): Promise<unknown[]> => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
/** CSP violations the page reported. */
export const violations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
/** Delivers a host message to the page. */
export const send = (page: Page, data: unknown): Promise<void> =>
  page.evaluate((d) => (window as unknown as { __send: (d: unknown) => void }).__send(d), data);
/** Switches the page to a theme. */
export const setTheme = (page: Page, name: 'light' | 'dark' | 'hc'): Promise<void> =>
  page.evaluate((n) => (window as unknown as { __setTheme: (n: string) => void }).__setTheme(n), name);
/** Two animation frames: enough for the theme observer and Chart.js to redraw. */
export const frames = (page: Page): Promise<void> =>
  page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
