/**
 * Which base URLs the extension may send a bearer token to: `https:` anywhere, `http:` only to this
 * machine (loopback: 127.0.0.0/8, ::1, localhost), so a token never travels in clear text to another host.
 */
import { PelotonError } from './errors';

/**
 * Why a base URL is refused: `not-url`, `credentials` (a user name or password in it), `insecure-http` (`http:`
 * to a host that is not loopback), `bad-scheme` (neither http nor https).
 */
export type BaseUrlProblem = 'not-url' | 'credentials' | 'insecure-http' | 'bad-scheme';

/** A base URL setting that is not allowed; the (English) message names the setting and why. */
export class BaseUrlError extends PelotonError {
  /**
   * @param problem why; @param setting the setting's name; @param detail the value (`not-url`), the host
   * (`insecure-http`) or the scheme (`bad-scheme`), else ''.
   */
  constructor(
    readonly problem: BaseUrlProblem,
    readonly setting: string,
    readonly detail: string,
    message: string,
  ) {
    super(message);
  }
}

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
    throw new BaseUrlError('not-url', setting, value, `The setting ${setting} is not a URL: "${value}".`);
  }
  if (url.username || url.password) throw new BaseUrlError('credentials', setting, '', `The setting ${setting} must not contain a user name or password.`);
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return url.origin;
    throw new BaseUrlError(
      'insecure-http',
      setting,
      url.hostname,
      `The setting ${setting} uses http:// to ${url.hostname}: the access token would travel unencrypted. Use https://, or http:// only for 127.0.0.1 or localhost.`,
    );
  }
  throw new BaseUrlError('bad-scheme', setting, url.protocol, `The setting ${setting} must be an https:// URL, got ${url.protocol}//.`);
}
