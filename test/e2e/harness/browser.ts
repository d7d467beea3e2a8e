/**
 * Headless Debian Chromium driven by playwright-core, plus helpers that act on the VS Code workbench the way a
 * person would (command palette, notifications, activity bar, tree views, webviews, screenshots).
 * See README.md beside this file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { ensureVsCodeEnvironment } from '../../../scripts/setup-vscode';
import { CHROMIUM_ARGS } from './chromiumFlags';

export { CHROMIUM_ARGS };

/** Repository root. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Where {@link screenshot} writes PNG files. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-artifacts', 'screenshots');

/** Options for {@link launchBrowser}. */
export interface LaunchBrowserOptions {
  /** Viewport size. Default 1440×900. */
  viewport?: { width: number; height: number };
  /** Default timeout for Playwright actions, ms. Default 20 000. */
  actionTimeoutMs?: number;
  /** Print the page's console errors to stdout prefixed `[browser]` (also when env `E2E_VERBOSE=1`). */
  echoConsole?: boolean;
}

/** A launched browser, as returned by {@link launchBrowser}. */
export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its scratch profile folders. Idempotent. */
  close(): Promise<void>;
}

/**
 * Launches headless `/usr/bin/chromium` (Playwright's own browser download fails here) with a fresh profile and
 * XDG folders of its own, and opens one page.
 */
export async function launchBrowser(opts: LaunchBrowserOptions = {}): Promise<BrowserSession> {
  const env = await ensureVsCodeEnvironment();
  const scratch = fs.mkdtempSync(path.join(env.cacheDir, 'browser-'));
  const browser = await chromium.launch({
    executablePath: env.chromiumPath,
    headless: true,
    args: [...CHROMIUM_ARGS],
    // Playwright gives the browser a fresh temporary --user-data-dir; keep the rest of Chromium's writes out of $HOME.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(scratch, 'config'),
      XDG_CACHE_HOME: path.join(scratch, 'cache'),
      XDG_DATA_HOME: path.join(scratch, 'data'),
    },
  });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 900 } });
  context.setDefaultTimeout(opts.actionTimeoutMs ?? 20_000);
  const page = await context.newPage();
  if (opts.echoConsole ?? process.env.E2E_VERBOSE === '1') {
    page.on('console', (msg) => {
      if (msg.type() === 'error') process.stdout.write(`[browser] ${msg.text()}\n`);
    });
    page.on('pageerror', (err) => process.stdout.write(`[browser] pageerror: ${err.message}\n`));
  }
  let closed = false;
  return {
    browser,
    context,
    page,
    async close() {
      if (closed) return;
      closed = true;
      await browser.close().catch(() => undefined);
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the workbench at `url` (a code-server base URL; `folder`, when given, is opened with `?folder=`) and waits
 * until `.monaco-workbench` and then `.statusbar` are drawn.
 */
export async function openWorkbench(page: Page, url: string, folder?: string, timeoutMs = 60_000): Promise<void> {
  const target = new URL(url);
  if (folder) target.searchParams.set('folder', path.resolve(folder));
  await page.goto(target.toString(), { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.statusbar').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** The visible quick input (command palette) widget. */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget').filter({ visible: true });
}

/** Rows of the visible quick input list. */
function quickInputRows(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ visible: true });
}

async function rowLabel(row: Locator): Promise<string> {
  // The label (without description/keybinding/"recently used" decorations).
  const label = row.locator('.label-name').first();
  if ((await label.count()) > 0) return ((await label.textContent()) ?? '').trim();
  return ((await row.getAttribute('aria-label')) ?? '').trim();
}

/**
 * Opens the command palette (F1) and waits for its input. A palette already open (its value starts with `>`) is
 * kept; any other quick input still open (a file dialog, an input box a failed step left) is closed first with
 * Escape, so that a command is never typed into it.
 */
export async function openCommandPalette(page: Page): Promise<void> {
  const input = page.locator('.quick-input-widget input').filter({ visible: true });
  if ((await input.count()) > 0 && !((await input.first().inputValue().catch(() => '')).startsWith('>'))) {
    await input.first().press('Escape').catch(() => undefined);
    await input.first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  }
  if ((await input.count()) === 0) {
    // Focus the workbench first: key presses go nowhere while focus sits in a webview iframe or nowhere at all.
    await page.locator('.monaco-workbench').first().focus().catch(() => undefined);
    await page.keyboard.press('F1');
    try {
      await input.first().waitFor({ state: 'visible', timeout: 5000 });
    } catch {
      await page.keyboard.press('Control+Shift+P');
      await input.first().waitFor({ state: 'visible', timeout: 10_000 });
    }
  }
}

/**
 * Runs a command through the command palette as a user would: F1, types `>` + `title`, and picks the row whose
 * label is exactly `title` (e.g. "Hello: Say Hi"). The palette lists only the commands known when its filter last
 * changed, and an extension's commands appear only once the extension host has started (several seconds after the
 * workbench is drawn), so the filter is typed again until the row shows. Throws, listing the rows seen, on timeout.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  let attempt = 0;
  while (Date.now() < deadline) {
    await openCommandPalette(page);
    const input = page.locator('.quick-input-widget input').filter({ visible: true }).first();
    if (attempt++ > 0) await input.fill('>');
    await input.fill(`>${title}`);
    // Give the list a moment to settle after each (re)typing.
    const settle = Math.min(Date.now() + 1500, deadline);
    while (Date.now() < settle) {
      const rows = quickInputRows(page);
      const count = await rows.count();
      seen = [];
      for (let i = 0; i < count; i++) {
        const row = rows.nth(i);
        const label = await rowLabel(row).catch(() => '');
        seen.push(label);
        if (label === title) {
          await row.click();
          await quickInput(page).first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
          return;
        }
      }
      await page.waitForTimeout(150);
    }
  }
  await page.keyboard.press('Escape');
  throw new Error(`command "${title}" not found in the command palette within ${timeoutMs} ms; rows seen: ${JSON.stringify(seen)}`);
}

/** Types `text` into the visible quick input (an input box or quick pick the extension opened); Enter when asked. */
export async function typeInQuickInput(page: Page, text: string, opts: { enter?: boolean; timeoutMs?: number } = {}): Promise<void> {
  const input = page.locator('.quick-input-widget input').filter({ visible: true }).first();
  await input.waitFor({ state: 'visible', timeout: opts.timeoutMs ?? 10_000 });
  await input.fill(text);
  if (opts.enter) await input.press('Enter');
}

/**
 * Answers VS Code's own file dialog (a quick input in the browser) with `file` (a path), typed in, then Enter. The
 * dialog reads folders as the path is typed and may rewrite a path typed while it is still reading, and an Enter
 * while a folder row is active goes into that folder instead of answering. So the path is typed, Enter waits until
 * the dialog has shown it as typed and not busy for half a second, and all of it is done again until the dialog
 * closes. Throws after five tries, naming what the dialog showed.
 */
export async function answerFileDialog(page: Page, file: string): Promise<void> {
  const dialog = page.locator('.quick-input-widget').filter({ visible: true }).first();
  const input = dialog.locator('input').first();
  const busy = dialog.locator('.quick-input-progress.active');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  let shown = '';
  for (let attempt = 1; attempt <= 5; attempt++) {
    await input.fill(file);
    let steady = 0;
    for (const until = Date.now() + 5000; steady < 3 && Date.now() < until; ) {
      await page.waitForTimeout(150);
      shown = await input.inputValue().catch(() => '');
      steady = shown === file && (await busy.count()) === 0 ? steady + 1 : 0;
    }
    if (steady < 3) continue;
    await input.press('Enter');
    if (await dialog.waitFor({ state: 'hidden', timeout: 5000 }).then(() => true, () => false)) return;
    shown = await input.inputValue().catch(() => shown);
  }
  const rows = await dialog.locator('.monaco-list-row').allTextContents().catch(() => []);
  throw new Error(`the file dialog did not take ${file}; it shows ${shown}, rows ${JSON.stringify(rows.slice(0, 8))}`);
}

/**
 * Texts of the notification toasts now on screen (`.notifications-toasts .notification-list-item-message`).
 * Toasts hide themselves after a while (they stay in the notification center); a server started with the
 * smoke-test driver never shows them.
 */
export async function readNotifications(page: Page): Promise<string[]> {
  const messages = page.locator('.notifications-toasts .notification-list-item-message');
  const texts = await messages.allTextContents();
  return texts.map((t) => t.trim()).filter((t) => t.length > 0);
}

/** Waits until a toast whose text contains `expected` (or matches the RegExp) shows, and returns its text. */
export async function waitForNotification(page: Page, expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[];
  for (;;) {
    seen = await readNotifications(page);
    const hit = seen.find((t) => (typeof expected === 'string' ? t.includes(expected) : expected.test(t)));
    if (hit !== undefined) return hit;
    if (Date.now() > deadline) break;
    await page.waitForTimeout(200);
  }
  throw new Error(`no notification matching ${String(expected)} within ${timeoutMs} ms; notifications seen: ${JSON.stringify(seen)}`);
}

/** Closes every notification toast (Escape on each, then "Clear All Notifications" if any remain). */
export async function clearNotifications(page: Page): Promise<void> {
  if ((await readNotifications(page)).length === 0) return;
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
}

/**
 * Opens the view container whose activity bar entry's aria-label starts with `title` (e.g. "Explorer", or the
 * extension's `viewsContainers` title). Does nothing when it is already open (a second click would close it).
 */
export async function openViewContainer(page: Page, title: string, timeoutMs = 15_000): Promise<void> {
  const item = page.locator('.activitybar .action-item').filter({ has: page.locator(`a[aria-label^="${cssString(title)}"]`) }).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  const isOpen = async (): Promise<boolean> => {
    const cls = (await item.getAttribute('class')) ?? '';
    return cls.split(/\s+/).includes('checked') && (await page.locator('.part.sidebar').filter({ visible: true }).count()) > 0;
  };
  if (!(await isOpen())) await item.locator('a').first().click();
  const deadline = Date.now() + timeoutMs;
  while (!(await isOpen())) {
    if (Date.now() > deadline) throw new Error(`view container "${title}" did not open`);
    await page.waitForTimeout(100);
  }
}

function cssString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** One row of a tree or list view in the side bar, as read by {@link readTreeRows}. */
export interface TreeRow {
  /** The row's visible label (`.label-name`), or its text when it has none. */
  label: string;
  /** The row's description (`.label-description`), '' when none. */
  description: string;
  /** Label and description joined by a space (the row's whole text when it has no label element). */
  text: string;
  /** The row's aria-label (label, description and tooltip as announced to screen readers). */
  ariaLabel: string;
  /** aria-level (1 = top level), or null. */
  level: number | null;
  /** aria-expanded: true/false for collapsible rows, null for leaves. */
  expanded: boolean | null;
  /** aria-setsize: how many rows the row's level holds, rendered or not (a long list renders only what is in view). */
  setSize: number | null;
}

/**
 * Reads the rows of the side bar's tree/list views (`.part.sidebar .monaco-list-row`), optionally only those of the
 * view whose header title is `viewTitle` (case-insensitive). Rows are read as rendered: only expanded, scrolled-in rows.
 */
export async function readTreeRows(page: Page, viewTitle?: string): Promise<TreeRow[]> {
  return page.evaluate((wanted: string | null) => {
    const sidebar = document.querySelector('.part.sidebar');
    if (!sidebar) return [];
    let scopes: Element[] = [sidebar];
    if (wanted) {
      const lower = wanted.toLowerCase();
      scopes = Array.from(sidebar.querySelectorAll('.pane')).filter((pane) => {
        const header = pane.querySelector('.pane-header');
        const title = header?.querySelector('.title')?.textContent ?? header?.getAttribute('aria-label') ?? '';
        return title.trim().toLowerCase() === lower || (header?.getAttribute('aria-label') ?? '').toLowerCase().startsWith(lower);
      });
      // A container with a single view shows no pane header: its title is the container's title.
      if (scopes.length === 0) {
        const compositeTitle = sidebar.querySelector('.composite.title .title-label')?.textContent ?? '';
        if (compositeTitle.toLowerCase().includes(lower)) scopes = [sidebar];
      }
    }
    const rows: TreeRow[] = [];
    for (const scope of scopes) {
      for (const row of Array.from(scope.querySelectorAll('.monaco-list-row'))) {
        const whole = (row.textContent ?? '').replace(/\s+/g, ' ').trim();
        const labelEl = row.querySelector('.label-name');
        const label = (labelEl?.textContent ?? whole).trim();
        const description = (row.querySelector('.label-description')?.textContent ?? '').trim();
        const text = labelEl ? [label, description].filter((t) => t.length > 0).join(' ') : whole;
        const level = row.getAttribute('aria-level');
        const expanded = row.getAttribute('aria-expanded');
        const setSize = row.getAttribute('aria-setsize');
        rows.push({
          label,
          description,
          text,
          ariaLabel: row.getAttribute('aria-label') ?? '',
          level: level === null ? null : Number(level),
          expanded: expanded === null ? null : expanded === 'true',
          setSize: setSize === null ? null : Number(setSize),
        });
      }
    }
    return rows;
  }, viewTitle ?? null);
}

/**
 * Reloads the window (**Developer: Reload Window**: a new extension host, as when VS Code starts again) and waits until
 * the rows of the view `viewTitle` satisfy `until`. The reloaded window restores its view container by itself, some
 * seconds after the workbench is drawn, and a click while it restores would close it again: so the container
 * `containerTitle` is opened only when the view has shown no row for 8 s.
 * @returns the rows, and the milliseconds from the reloaded page's load to them.
 * @throws when `until` does not hold within `timeoutMs` of the load.
 */
export async function reloadWindowUntilRows(
  page: Page,
  containerTitle: string,
  viewTitle: string,
  until: (rows: TreeRow[]) => boolean,
  timeoutMs = 90_000,
): Promise<{ rows: TreeRow[]; afterLoadMs: number }> {
  const reloaded = page.waitForEvent('load', { timeout: 90_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded;
  const loadedAt = Date.now();
  let rows: TreeRow[] = [];
  let lastOpenTry = loadedAt;
  while (!until(rows)) {
    if (Date.now() - loadedAt > timeoutMs) {
      throw new Error(`rows of "${viewTitle}" after the reload not as expected within ${timeoutMs} ms; rows: ${JSON.stringify(rows.map((r) => r.text))}`);
    }
    await page.waitForTimeout(100);
    rows = await readTreeRows(page, viewTitle);
    if (rows.length === 0 && Date.now() - lastOpenTry > 8000) {
      lastOpenTry = Date.now();
      await openViewContainer(page, containerTitle, 5000).catch(() => undefined);
    }
  }
  return { rows, afterLoadMs: Date.now() - loadedAt };
}

/**
 * Polls {@link readTreeRows} until `until(rows)` holds (default: at least one row) and returns the rows. Tree views
 * fill in asynchronously (the extension host starts seconds after the workbench is drawn, then getChildren runs).
 */
export async function waitForTreeRows(
  page: Page,
  viewTitle?: string,
  until: (rows: TreeRow[]) => boolean = (rows) => rows.length > 0,
  timeoutMs = 20_000,
): Promise<TreeRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await readTreeRows(page, viewTitle);
    if (until(rows)) return rows;
    if (Date.now() > deadline) {
      throw new Error(`tree rows${viewTitle ? ` of "${viewTitle}"` : ''} not as expected within ${timeoutMs} ms; rows: ${JSON.stringify(rows.map((r) => r.text))}`);
    }
    await page.waitForTimeout(200);
  }
}

/**
 * Finds the frame of a webview whose content satisfies `predicate`. Webviews are nested iframes (an outer
 * `iframe.webview` holding the `#active-frame` with the extension's HTML), so this searches every frame of the page
 * until `timeoutMs`. A predicate that throws counts as false.
 */
export async function findWebviewFrame(
  page: Page,
  predicate: (frame: Frame) => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame() || frame.isDetached()) continue;
      try {
        if (await predicate(frame)) return frame;
      } catch {
        /* frame navigating or detached: try again */
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`no webview frame matched within ${timeoutMs} ms; frames: ${JSON.stringify(page.frames().map((f) => f.url()))}`);
    }
    await page.waitForTimeout(200);
  }
}

/** A {@link findWebviewFrame} predicate: the frame has an element matching `selector`. */
export function hasSelector(selector: string): (frame: Frame) => Promise<boolean> {
  return async (frame) => (await frame.locator(selector).count()) > 0;
}

/** Saves a PNG of the page to `test-artifacts/screenshots/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'screenshot';
  const file = path.join(SCREENSHOT_DIR, safe.endsWith('.png') ? safe : `${safe}.png`);
  await page.screenshot({ path: file });
  return file;
}
