/**
 * What the UI suites share: the packaged .vsix, and one session per suite — the fake Peloton API on 127.0.0.1
 * serving a rider, code-server (4.139.1 unless told otherwise) with the .vsix installed and pointed at that fake
 * (user settings), and headless Chromium on the workbench at 1280 × 800; and readers of the extension's UI.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import type { FakeRider } from '../../fakePeloton/dataset';
import { startFakePeloton, type FakePeloton } from '../../fakePeloton/server';
import { launchBrowser, openWorkbench, waitForTreeRows, type BrowserSession, type TreeRow } from './browser';
import { startCodeServer, type CodeServerInstance, type StartCodeServerOptions } from './codeServer';

const root = resolve(__dirname, '../../..');

/** Builds the .vsix with `scripts/package.mjs` and returns its absolute path. @throws when none was made. */
export function packageVsix(): string {
  execFileSync(process.execPath, ['scripts/package.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = readdirSync(root).find((name) => name.endsWith('.vsix'));
  assert.ok(vsix, 'npm run package made a .vsix');
  return resolve(root, vsix);
}

/** One UI suite's running parts; `close()` stops them all (browser, code-server, fake). */
export interface UiSession {
  fake: FakePeloton;
  server: CodeServerInstance;
  browser: BrowserSession;
  page: Page;
  /** The packaged extension (installed before start unless `installed: false` was asked for). */
  vsixPath: string;
  close(): Promise<void>;
}

/** Options of {@link startUiSession}. */
export interface UiSessionOptions extends Pick<StartCodeServerOptions, 'codeServer' | 'extraVsixPaths' | 'locale'> {
  /** More user settings, over the fake's base URLs. */
  userSettings?: Record<string, unknown>;
  /** false: start without the extension, for a test that installs {@link UiSession.vsixPath} as a rider would. Default true. */
  installed?: boolean;
}

/**
 * Starts the fake on `rider`, code-server on the packaged extension pointed at it, and Chromium on the workbench.
 * @param options more for code-server: which install (e.g. VS Code 1.100), other extensions to install, a display
 *   language (see codeServer.ts), settings, or no extension installed at start.
 */
export async function startUiSession(rider: FakeRider, options: UiSessionOptions = {}): Promise<UiSession> {
  const { userSettings, installed = true, ...serverOptions } = options;
  const vsixPath = packageVsix();
  const fake = await startFakePeloton({ rider });
  const server = await startCodeServer({
    ...serverOptions,
    vsixPath: installed ? vsixPath : undefined,
    userSettings: { 'pelotonFtp.apiBaseUrl': fake.url, 'pelotonFtp.authBaseUrl': fake.url, ...userSettings },
  });
  const browser = await launchBrowser();
  const { page } = browser;
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWorkbench(page, server.url);
  return {
    fake,
    server,
    browser,
    page,
    vsixPath,
    close: async () => {
      await browser.close();
      await server.stop();
      await fake.close();
    },
  };
}

/** True while the FTP Tests view shows a refresh's progress row (its text, as read from the tree rows). */
export function showsRefreshProgress(rowTexts: readonly string[]): boolean {
  return rowTexts.some((text) => /Looking for your FTP tests|Reading your new FTP tests/.test(text));
}

/** True when the FTP Tests view's rows show no refresh in progress. */
const noRefreshRow = (rows: readonly TreeRow[]): boolean => !showsRefreshProgress(rows.map((r) => r.text));

/**
 * The FTP Tests view's rows as `label | description`, once there are `count` of them and no walk is in progress.
 * @throws when they do not settle so within 20 s.
 */
export async function settledFtpTestRows(page: Page, count: number): Promise<string[]> {
  const rows = await waitForTreeRows(page, 'FTP Tests', (r) => r.length === count && noRefreshRow(r));
  return rows.map((r) => `${r.label} | ${r.description}`);
}

/**
 * The FTP Tests view's rows once there are at least `atLeast` of them and no refresh is in progress (a window whose
 * history may still grow, or whose count is not known in advance). @throws when they do not within `timeoutMs`.
 */
export async function steadyFtpTestRows(page: Page, atLeast: number, timeoutMs = 30_000): Promise<TreeRow[]> {
  return waitForTreeRows(page, 'FTP Tests', (r) => r.length >= atLeast && noRefreshRow(r), timeoutMs);
}

/** The chart page's table rows (header rows left out), each as its cells' text joined by ` | `. */
export async function chartTableRows(frame: Frame): Promise<string[]> {
  return frame.evaluate(() =>
    Array.from(document.querySelectorAll('vscode-data-grid-row'))
      .filter((row) => row.getAttribute('row-type') !== 'header' && row.getAttribute('row-type') !== 'sticky-header')
      .map((row) =>
        Array.from(row.querySelectorAll('vscode-data-grid-cell'))
          .map((cell) => (cell.textContent ?? '').trim())
          .join(' | '),
      ),
  );
}

/** The status bar item showing the current FTP (`FTP 176 W`). */
export function ftpStatusItem(page: Page): Locator {
  return page.locator('.part.statusbar .statusbar-item', { hasText: /FTP \d+ W/ }).first();
}
