/**
 * The extension's settings (`pelotonFtp.*`), read fresh each time and checked: an `http:` base URL is
 * refused unless its host is loopback, so the bearer token never travels in clear text to another machine.
 */
import * as vscode from 'vscode';
import { checkBaseUrl } from './peloton/baseUrl';
import { DEFAULT_MAX_TESTS } from './peloton/ftpChain';

/** The settings in effect. URLs are origins without a trailing slash. */
export interface PelotonSettings {
  /** `pelotonFtp.apiBaseUrl`, default https://api.onepeloton.com. */
  apiBaseUrl: string;
  /** `pelotonFtp.authBaseUrl`, default https://auth.onepeloton.com. */
  authBaseUrl: string;
  /** `pelotonFtp.maxChainLength`: most FTP tests one walk fetches (1–500, default 50). */
  maxChainLength: number;
  /** `pelotonFtp.refreshAfterHours`: refresh at start when the stored history is older (hours, default 12; 0 = never). */
  refreshAfterHours: number;
}

/**
 * Reads the `pelotonFtp` settings.
 * @throws {BaseUrlError} when a base URL is not allowed (the message names the setting).
 */
export function readSettings(): PelotonSettings {
  const config = vscode.workspace.getConfiguration('pelotonFtp');
  const maxChainLength = Math.trunc(config.get<number>('maxChainLength', DEFAULT_MAX_TESTS));
  const refreshAfterHours = config.get<number>('refreshAfterHours', 12);
  return {
    apiBaseUrl: checkBaseUrl(config.get<string>('apiBaseUrl', 'https://api.onepeloton.com'), 'pelotonFtp.apiBaseUrl'),
    authBaseUrl: checkBaseUrl(config.get<string>('authBaseUrl', 'https://auth.onepeloton.com'), 'pelotonFtp.authBaseUrl'),
    maxChainLength: Number.isFinite(maxChainLength) ? Math.min(Math.max(maxChainLength, 1), 500) : DEFAULT_MAX_TESTS,
    refreshAfterHours: Number.isFinite(refreshAfterHours) && refreshAfterHours >= 0 ? refreshAfterHours : 12,
  };
}
