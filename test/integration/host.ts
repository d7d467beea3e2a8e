/**
 * What the in-host suites share: the rider's typing replaced by answers queued for `window.showInputBox`, the
 * messages the extension shows recorded as they are shown, and small waits. Every suite runs in one extension host.
 */
import * as vscode from 'vscode';

/** The extension's id (publisher.name in package.json). */
export const EXTENSION_ID = 'peloton-ftp-history.peloton-ftp-history';

/** Messages the extension showed, by kind. */
export const shown: { info: string[]; warning: string[]; error: string[] } = { info: [], warning: [], error: [] };
/** The buttons each message was shown with (by its text). */
export const buttonsOf = new Map<string, string[]>();
/** Answers for the next `window.showInputBox` calls, in order (undefined: the rider pressed Escape). */
export const inputAnswers: Array<string | undefined> = [];
/** Answers for the next `window.showWarningMessage` calls, in order: the button chosen (undefined: dismissed). */
export const warningAnswers: Array<string | undefined> = [];

/** Replaces the input box and the three message kinds; returns the function that puts them back. */
export function stubWindow(): () => void {
  const win = vscode.window as unknown as Record<string, unknown>;
  const names = ['showInputBox', 'showInformationMessage', 'showWarningMessage', 'showErrorMessage'];
  const saved = Object.fromEntries(names.map((n) => [n, win[n]]));
  win.showInputBox = async () => inputAnswers.shift();
  const record = (kind: keyof typeof shown) => async (message: string, ...items: unknown[]) => {
    shown[kind].push(message);
    buttonsOf.set(message, items.filter((i): i is string => typeof i === 'string'));
    return kind === 'warning' ? warningAnswers.shift() : undefined;
  };
  win.showInformationMessage = record('info');
  win.showWarningMessage = record('warning');
  win.showErrorMessage = record('error');
  return () => Object.assign(win, saved);
}

/** Forgets the messages recorded so far. */
export function clearShown(): void {
  shown.info.length = 0;
  shown.warning.length = 0;
  shown.error.length = 0;
  buttonsOf.clear();
}

/** Waits (polling every 50 ms) until `condition` holds. @throws after `timeoutMs`, naming `what`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sets a `pelotonFtp.*` setting in the user's settings. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('pelotonFtp').update(key, value, vscode.ConfigurationTarget.Global);
}
