/**
 * The extension's settings (`pelotonFtp.*`), read fresh each time and checked: an `http:` base URL is
 * refused unless its host is loopback, so the bearer token never travels in clear text to another machine.
 *
 * Who may change what (package.json `scope`, and each setting's description says it):
 * - `apiBaseUrl`, `authBaseUrl` (where the access and refresh tokens go) and `maxChainLength` (shapes the one
 *   stored history every window shares) are `application` settings: VS Code ignores them in workspace and folder
 *   settings. They are also read here from the user's settings only ({@link userSetting}), so a repository's
 *   `.vscode/settings.json` can never redirect a token, whatever VS Code's scope handling does.
 * - `refreshAfterHours` is a `window` setting: a workspace may change it; it only decides whether this window
 *   refreshes at start, and a refresh still goes to the user's own URLs.
 */
import * as vscode from 'vscode';
import { checkBaseUrl } from './peloton/api/baseUrl';
import { DEFAULT_MAX_TESTS } from './peloton/ftp/chain';
import { SETTINGS } from './ids';

/** The settings in effect. URLs are origins without a trailing slash. */
export interface PelotonSettings {
  /** `pelotonFtp.apiBaseUrl`, default https://api.onepeloton.com (user settings only). */
  apiBaseUrl: string;
  /** `pelotonFtp.authBaseUrl`, default https://auth.onepeloton.com (user settings only). */
  authBaseUrl: string;
  /** `pelotonFtp.maxChainLength`: most FTP tests one walk fetches (1–500, default 50; user settings only). */
  maxChainLength: number;
  /** `pelotonFtp.refreshAfterHours`: refresh at start when the stored history is older (hours, default 12; 0 = never). */
  refreshAfterHours: number;
}

/**
 * A setting's value from the user's settings (`globalValue`), else `fallback`: never a workspace or folder value.
 * For the `application`-scoped settings.
 */
function userSetting<T>(config: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  return config.inspect<T>(key)?.globalValue ?? fallback;
}

/**
 * Reads the `pelotonFtp` settings.
 * @throws {BaseUrlError} when a base URL is not allowed (the message names the setting).
 */
export function readSettings(): PelotonSettings {
  const config = vscode.workspace.getConfiguration();
  const maxChainLength = Math.trunc(userSetting(config, SETTINGS.maxChainLength, DEFAULT_MAX_TESTS));
  const refreshAfterHours = config.get<number>(SETTINGS.refreshAfterHours, 12);
  return {
    apiBaseUrl: checkBaseUrl(userSetting(config, SETTINGS.apiBaseUrl, 'https://api.onepeloton.com'), SETTINGS.apiBaseUrl),
    authBaseUrl: checkBaseUrl(userSetting(config, SETTINGS.authBaseUrl, 'https://auth.onepeloton.com'), SETTINGS.authBaseUrl),
    maxChainLength: Number.isFinite(maxChainLength) ? Math.min(Math.max(maxChainLength, 1), 500) : DEFAULT_MAX_TESTS,
    refreshAfterHours: Number.isFinite(refreshAfterHours) && refreshAfterHours >= 0 ? refreshAfterHours : 12,
  };
}
