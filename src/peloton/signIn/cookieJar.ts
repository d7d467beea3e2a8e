/**
 * A cookie jar for ONE origin (the sign-in server named by `pelotonFtp.authBaseUrl`): cookies set by any
 * other origin are ignored and never sent anywhere else. Set-Cookie headers are parsed by undici's own
 * RFC 6265bis parser; path matching, expiry (Max-Age, Expires) and Secure follow RFC 6265 §5.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type { Cookie } from 'undici';
import { isLoopbackHost } from '../api/baseUrl';

/** undici's Set-Cookie parser (`undici/lib/web/cookies/parse.js`), required alone so the bundle stays small. */
const { parseSetCookie } = require('undici/lib/web/cookies/parse.js') as { parseSetCookie(header: string): Cookie | null };

interface StoredCookie {
  name: string;
  value: string;
  path: string;
  secure: boolean;
  /** Milliseconds since the epoch; undefined for a session cookie. */
  expiresAt?: number;
}

/** RFC 6265 §5.1.4 default-path of a request path: its directory, or `/`. */
function defaultPath(requestPath: string): string {
  if (!requestPath.startsWith('/')) return '/';
  const slash = requestPath.lastIndexOf('/');
  return slash <= 0 ? '/' : requestPath.slice(0, slash);
}

/** RFC 6265 §5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** The cookies of one origin, in memory only (dropped with the jar at the end of a sign-in). */
export class OriginCookieJar {
  private readonly cookies = new Map<string, StoredCookie>();
  private readonly origin: string;
  private readonly host: string;

  /** @param origin e.g. `https://auth.onepeloton.com`; only URLs of this origin store or receive cookies. */
  constructor(origin: string) {
    const url = new URL(origin);
    this.origin = url.origin;
    this.host = url.hostname.toLowerCase();
  }

  /**
   * Stores the cookies of a response from `url` (its `set-cookie` header values). Cookies from another origin,
   * or whose Domain attribute names another host, are ignored; an expired one removes the stored cookie.
   */
  store(url: string, setCookie: string | string[] | undefined, now = Date.now()): void {
    const from = new URL(url);
    if (from.origin !== this.origin || setCookie === undefined) return;
    for (const header of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const cookie = parseSetCookie(header);
      if (!cookie?.name) continue;
      const domain = cookie.domain?.replace(/^\./, '').toLowerCase();
      if (domain && domain !== this.host && !this.host.endsWith(`.${domain}`)) continue;
      const path = cookie.path?.startsWith('/') ? cookie.path : defaultPath(from.pathname);
      const key = `${cookie.name};${path}`;
      let expiresAt: number | undefined;
      if (cookie.maxAge !== undefined) expiresAt = now + cookie.maxAge * 1000;
      else if (cookie.expires !== undefined) expiresAt = new Date(cookie.expires).getTime();
      if (expiresAt !== undefined && expiresAt <= now) {
        this.cookies.delete(key);
        continue;
      }
      this.cookies.set(key, { name: cookie.name, value: cookie.value, path, secure: cookie.secure === true, expiresAt });
    }
  }

  /** The `cookie` request header for `url`, or undefined when no cookie applies (or `url` is another origin). */
  header(url: string, now = Date.now()): string | undefined {
    const to = new URL(url);
    if (to.origin !== this.origin) return undefined;
    const secureOk = to.protocol === 'https:' || isLoopbackHost(to.hostname);
    const matching = [...this.cookies.values()]
      .filter((c) => (c.expiresAt === undefined || c.expiresAt > now) && (!c.secure || secureOk) && pathMatches(to.pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  /** The value of the cookie `name` that a request to `path` would carry, or undefined. */
  get(name: string, path = '/'): string | undefined {
    const matching = [...this.cookies.values()]
      .filter((c) => c.name === name && pathMatches(path, c.path))
      .sort((a, b) => b.path.length - a.path.length);
    return matching[0]?.value;
  }

  /** Forgets every cookie. */
  clear(): void {
    this.cookies.clear();
  }
}
