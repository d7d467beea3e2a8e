/**
 * What the UI suites share: the packaged .vsix, and one session per suite — the fake Peloton API on 127.0.0.1
 * serving a rider, code-server with the .vsix installed and pointed at that fake (user settings), and headless
 * Chromium on the workbench at 1280 × 800.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { FakeRider } from '../../fakePeloton/dataset';
import { startFakePeloton, type FakePeloton } from '../../fakePeloton/server';
import { launchBrowser, openWorkbench, type BrowserSession } from './browser';
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
export interface UiSessionOptions extends Pick<StartCodeServerOptions, 'extraVsixPaths' | 'locale'> {
  /** More user settings, over the fake's base URLs. */
  userSettings?: Record<string, unknown>;
  /** false: start without the extension, for a test that installs {@link UiSession.vsixPath} as a rider would. Default true. */
  installed?: boolean;
}

/**
 * Starts the fake on `rider`, code-server on the packaged extension pointed at it, and Chromium on the workbench.
 * @param options more for code-server: other extensions to install, a display language (see codeServer.ts), settings.
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
