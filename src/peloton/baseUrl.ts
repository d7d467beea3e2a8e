/**
 * Which base URLs the extension may send a bearer token to: `https:` anywhere, `http:` only to this
 * machine (loopback: 127.0.0.0/8, ::1, localhost), so a token never travels in clear text to another host.
 */
import { PelotonError } from './errors';

/** A base URL setting that is not allowed; the message names the setting and why. */
export class BaseUrlError extends PelotonError {}

/** True for loopback host names: `localhost`, `127.x.x.x`, `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Checks a base URL setting and returns its origin (scheme, host, port; no path, no trailing slash).
 * @param setting the setting's name, for the message (e.g. `pelotonFtp.apiBaseUrl`).
 * @throws {BaseUrlError} for a value that is not an absolute http(s) URL, carries credentials, or is
 *   `http:` to a host that is not loopback.
 */
export function checkBaseUrl(value: string, setting: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new BaseUrlError(`The setting ${setting} is not a URL: "${value}".`);
  }
  if (url.username || url.password) throw new BaseUrlError(`The setting ${setting} must not contain a user name or password.`);
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return url.origin;
    throw new BaseUrlError(
      `The setting ${setting} uses http:// to ${url.hostname}: the access token would travel unencrypted. Use https://, or http:// only for 127.0.0.1 or localhost.`,
    );
  }
  throw new BaseUrlError(`The setting ${setting} must be an https:// URL, got ${url.protocol}//.`);
}
