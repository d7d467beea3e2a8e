/**
 * A fake of Peloton's hosted Auth0 login, served by the fake Peloton server (server.ts calls {@link FakeAuth0.handle}
 * for every request and {@link FakeAuth0.exchangeCode} for the `authorization_code` grant). It plays the four steps
 * the extension replays (PELOTON_API.md, "Tokens") and checks what the real tenant checks:
 *   1. GET /authorize: client id, response type, redirect URI, S256 challenge, state, nonce → a session cookie and a
 *      302 to /login?state=<transaction>; GET /login: the session cookie → the login page and a `_csrf` cookie
 *      (path /usernamepassword/login);
 *   2. POST /usernamepassword/login: the `_csrf` cookie equals the body's, the transaction state, nonce and challenge
 *      match, the Origin is this server; then the email and password → Auth0's JSON error bodies, or the hidden
 *      form (wa, wresult, wctx) to /login/callback;
 *   3. POST /login/callback: a one-time wresult of this transaction and session → 302 /authorize/resume →
 *      302 <redirect_uri>?code=…&state=<the client's state>;
 *   4. POST /oauth/token (grant authorization_code): a one-time code (a reused one is refused), the same client id
 *      and redirect URI, and SHA-256(code_verifier) equal to the challenge → tokens minted by the server.
 * Failures on demand with {@link FakeAuth0.failNext}; wrong passwords count toward a lockout like Auth0's brute-force
 * protection (`maxFailedAttempts`, then 429 `too_many_attempts`); {@link FakeAuth0.block} makes the user blocked (401).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PELOTON_CLIENT_ID, makeJwt } from './jwt';
import { nowSeconds } from '../../src/shared/dates';

/** The demo account's sign-in (printed by `npm start` and `npm run fake-api`). */
export const DEMO_EMAIL = 'demo.rider@example.com';
export const DEMO_PASSWORD = 'Demo-Pedal-Power-2026';

/** The web app's callback, the only redirect URI this client may use. */
export const REDIRECT_URI = 'https://members.onepeloton.com/callback';
/** Wrong passwords in a row before the account is blocked for a while (Auth0's brute-force protection default). */
export const DEFAULT_MAX_FAILED_ATTEMPTS = 10;

/**
 * A failure to play on the next sign-in(s):
 * - 'challenge': the login page is a bot check page (HTTP 403, Cloudflare-like HTML);
 * - 'no-csrf': the login page sets no `_csrf` cookie (the next credential POST then fails the CSRF check);
 * - 'no-form': the credential POST answers 200 with a page that has no form;
 * - 'too-many-attempts': the credential POST answers 429 `too_many_attempts`;
 * - 'blocked': the credential POST answers 401 `unauthorized` (user is blocked);
 * - 'redirect-elsewhere': /login/callback redirects to another host;
 * - 'wrong-state': the final redirect carries a state other than the client's.
 */
export type Auth0Failure = 'challenge' | 'no-csrf' | 'no-form' | 'too-many-attempts' | 'blocked' | 'redirect-elsewhere' | 'wrong-state';

/** What the fake Auth0 needs from the server. */
export interface FakeAuth0Options {
  /** The user id of the rider being served (the token's `sub`). */
  userId: () => string;
  /** Mints an access token the API accepts. */
  mintAccess: () => string;
  /** Mints a refresh token the refresh grant accepts. */
  mintRefresh: () => string;
  /** `expires_in` of the token answer, seconds. */
  tokenTtlSeconds: number;
  email?: string;
  password?: string;
  maxFailedAttempts?: number;
}

/** The fake login's controls and its two entry points. */
export interface FakeAuth0 {
  /** The account's email and password (case-insensitive email). */
  readonly email: string;
  readonly password: string;
  /** Wrong passwords since the last good one. */
  readonly failedAttempts: number;
  /** Codes issued and codes exchanged for tokens. */
  readonly codesIssued: number;
  readonly codesRedeemed: number;
  /** The last code issued (tests replay it to check that a code works once). */
  readonly lastCode: string | undefined;
  /** Changes the account's email and password. */
  setCredentials(email: string, password: string): void;
  /** Queues a failure for the next `times` (default 1) sign-ins that reach its step. */
  failNext(failure: Auth0Failure, times?: number): void;
  /** Blocks (or unblocks) the user: the credential POST answers 401 `unauthorized`. */
  block(blocked?: boolean): void;
  /** Forgets failed attempts, queued failures, the block, transactions, codes and their counts. */
  reset(): void;
  /** Serves the login routes; resolves false for any other request (left to the server). */
  handle(req: IncomingMessage, res: ServerResponse, rec: { status: number }, url: URL): Promise<boolean>;
  /** The `authorization_code` grant of POST /oauth/token, with the parsed body. */
  exchangeCode(form: Record<string, string>, res: ServerResponse, rec: { status: number }): void;
}

interface Transaction {
  sid: string;
  clientState: string;
  nonce: string;
  challenge: string;
  redirectUri: string;
  csrf?: string;
  loggedIn?: boolean;
}

interface IssuedCode {
  challenge: string;
  redirectUri: string;
  userId: string;
  nonce: string;
  used: boolean;
}

const random = (bytes = 24) => randomBytes(bytes).toString('base64url');
const s256 = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url');
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&#34;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Parses a request's Cookie header. */
function cookiesOf(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A bot check page like Cloudflare's ("Just a moment…", challenge-platform script). */
export function challengePage(): string {
  return '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><div id="challenge-body">Verify you are human by completing the action below.</div><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>\n';
}

/** Creates the fake login. */
export function createFakeAuth0(opts: FakeAuth0Options): FakeAuth0 {
  let email = opts.email ?? DEMO_EMAIL;
  let password = opts.password ?? DEMO_PASSWORD;
  const maxFailed = opts.maxFailedAttempts ?? DEFAULT_MAX_FAILED_ATTEMPTS;
  let failedAttempts = 0;
  let blocked = false;
  let codesIssued = 0;
  let codesRedeemed = 0;
  let lastCode: string | undefined;
  const queued: Array<{ failure: Auth0Failure; remaining: number }> = [];
  const transactions = new Map<string, Transaction>();
  const wresults = new Map<string, string>(); // wresult → transaction state
  const codes = new Map<string, IssuedCode>();

  /** Takes a queued failure of this kind, if any. */
  const take = (failure: Auth0Failure): boolean => {
    const i = queued.findIndex((q) => q.failure === failure);
    if (i < 0) return false;
    if (--queued[i]!.remaining <= 0) queued.splice(i, 1);
    return true;
  };

  const send = (res: ServerResponse, rec: { status: number; answeredAtMs?: number | null }, status: number, contentType: string, body: string, headers: Record<string, string | string[]> = {}): void => {
    rec.status = status;
    const payload = Buffer.from(body, 'utf8');
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(payload.length), 'Cache-Control': 'no-store', ...headers });
    res.end(payload);
    rec.answeredAtMs = performance.now();
  };
  const json = (res: ServerResponse, rec: { status: number }, status: number, value: unknown) => send(res, rec, status, 'application/json; charset=utf-8', JSON.stringify(value));
  const html = (res: ServerResponse, rec: { status: number }, status: number, body: string, headers: Record<string, string | string[]> = {}) =>
    send(res, rec, status, 'text/html; charset=utf-8', body, headers);
  const redirect = (res: ServerResponse, rec: { status: number }, location: string, headers: Record<string, string | string[]> = {}) =>
    send(res, rec, 302, 'text/html; charset=utf-8', `<p>Found. Redirecting to <a href="${escapeHtml(location)}">${escapeHtml(location)}</a></p>`, { Location: location, ...headers });
  const errorPage = (res: ServerResponse, rec: { status: number }, status: number, why: string) =>
    html(res, rec, status, `<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Oops!, something went wrong</h1><p>${escapeHtml(why)}</p></body></html>\n`);
  const auth0Error = (res: ServerResponse, rec: { status: number }, status: number, name: string, code: string, description: string) =>
    json(res, rec, status, { name, code, description, statusCode: status });

  /** GET /authorize: checks the request and starts a transaction. */
  const authorize = (url: URL, res: ServerResponse, rec: { status: number }) => {
    const q = url.searchParams;
    if (q.get('client_id') !== PELOTON_CLIENT_ID) return errorPage(res, rec, 400, 'Unknown client.');
    if (q.get('response_type') !== 'code') return errorPage(res, rec, 400, 'Unsupported response_type.');
    if (q.get('redirect_uri') !== REDIRECT_URI) return errorPage(res, rec, 400, 'Callback URL mismatch.');
    if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '')) {
      return errorPage(res, rec, 400, 'A code_challenge with code_challenge_method S256 is required.');
    }
    const clientState = q.get('state');
    const nonce = q.get('nonce');
    if (!clientState || !nonce) return errorPage(res, rec, 400, 'state and nonce are required.');
    const sid = random();
    const txn = random();
    transactions.set(txn, { sid, clientState, nonce, challenge: q.get('code_challenge')!, redirectUri: REDIRECT_URI });
    const login = new URLSearchParams({ state: txn, client: PELOTON_CLIENT_ID, protocol: 'oauth2' });
    for (const key of ['audience', 'scope', 'response_type', 'response_mode', 'redirect_uri', 'nonce', 'code_challenge', 'code_challenge_method']) {
      const v = q.get(key);
      if (v !== null) login.set(key, v);
    }
    redirect(res, rec, `/login?${login.toString()}`, {
      'Set-Cookie': [`auth0=${sid}; Path=/; Expires=${new Date(Date.now() + 3 * 86_400_000).toUTCString()}; HttpOnly; Secure; SameSite=None`, `auth0_compat=${sid}; Path=/; HttpOnly; Secure`],
    });
  };

  /** GET /login: the login page, with the `_csrf` cookie. */
  const loginPage = (req: IncomingMessage, url: URL, res: ServerResponse, rec: { status: number }) => {
    const txn = transactions.get(url.searchParams.get('state') ?? '');
    if (!txn || cookiesOf(req).get('auth0') !== txn.sid) return errorPage(res, rec, 400, 'Invalid state.');
    if (take('challenge')) return html(res, rec, 403, challengePage());
    const headers: Record<string, string[]> = {};
    if (!take('no-csrf')) {
      txn.csrf = random();
      headers['Set-Cookie'] = [`_csrf=${txn.csrf}; Path=/usernamepassword/login; Max-Age=864000; HttpOnly; Secure; SameSite=None`];
    }
    // its script configuration mentions a captcha (as a login page's may): that alone is no bot check
    html(
      res,
      rec,
      200,
      '<!DOCTYPE html><html><head><title>Log in | Peloton</title></head><body><div id="auth0-lock-container"></div><script>var config = {"auth0Tenant":"peloton-prod","callbackOnLocationHash":false,"captcha":{"provider":"none","required":false}};</script></body></html>\n',
      headers,
    );
  };

  /** POST /usernamepassword/login: CSRF, transaction and credentials. */
  const usernamePassword = async (req: IncomingMessage, res: ServerResponse, rec: { status: number }) => {
    let body: Record<string, unknown> = {};
    try {
      const value: unknown = JSON.parse(await readBody(req));
      if (typeof value === 'object' && value !== null) body = value as Record<string, unknown>;
    } catch {
      return auth0Error(res, rec, 400, 'BadRequestError', 'invalid_body', 'The body is not JSON.');
    }
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const origin = `http://${req.headers.host ?? ''}`;
    const csrfCookie = cookiesOf(req).get('_csrf');
    if (!csrfCookie || !str('_csrf') || csrfCookie !== str('_csrf')) return auth0Error(res, rec, 403, 'ForbiddenError', 'access_denied', 'Missing CSRF token');
    const txn = transactions.get(str('state'));
    const valid =
      txn !== undefined &&
      cookiesOf(req).get('auth0') === txn.sid &&
      txn.csrf === csrfCookie &&
      req.headers.origin === origin &&
      str('client_id') === PELOTON_CLIENT_ID &&
      str('redirect_uri') === txn.redirectUri &&
      str('tenant') === 'peloton-prod' &&
      str('connection') === 'pelo-user-password' &&
      str('nonce') === txn.nonce &&
      str('code_challenge') === txn.challenge &&
      str('code_challenge_method') === 'S256';
    if (!valid || !txn) return auth0Error(res, rec, 403, 'AnomalyDetected', 'access_denied', 'Invalid state');
    if (take('too-many-attempts') || failedAttempts >= maxFailed) {
      return auth0Error(res, rec, 429, 'AnomalyDetected', 'too_many_attempts', "Your account has been blocked after multiple consecutive login attempts. We've sent you an email with instructions on how to unblock it.");
    }
    if (take('blocked') || blocked) return auth0Error(res, rec, 401, 'UnauthorizedError', 'unauthorized', 'user is blocked');
    if (str('username').toLowerCase() !== email.toLowerCase() || str('password') !== password) {
      failedAttempts++;
      return auth0Error(res, rec, 400, 'ValidationError', 'invalid_user_password', 'Wrong email or password.');
    }
    failedAttempts = 0;
    if (take('no-form')) return html(res, rec, 200, '<!DOCTYPE html><html><body><p>Something changed.</p></body></html>\n');
    const wresult = makeJwt({ sub: `auth0|${opts.userId()}`, exp: nowSeconds() + 300, extra: { jti: random(), txn: str('state') } });
    wresults.set(wresult, str('state'));
    const wctx = JSON.stringify({ strategy: 'auth0', tenant: 'peloton-prod', connection: 'pelo-user-password', client_id: PELOTON_CLIENT_ID, response_type: 'code', scope: str('scope'), protocol: 'oauth2', redirect_uri: txn.redirectUri, state: str('state'), nonce: txn.nonce, sid: txn.sid, realm: 'pelo-user-password' });
    html(
      res,
      rec,
      200,
      `<form method="post" name="hiddenform" action="${escapeHtml(`${origin}/login/callback`)}">\n` +
        `    <input type="hidden" name="wa" value="wsignin1.0">\n` +
        `    <input type="hidden" name="wresult" value="${escapeHtml(wresult)}">\n` +
        `    <input type="hidden" name="wctx" value="${escapeHtml(wctx)}">\n` +
        `    <noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript>\n</form>\n`,
    );
  };

  /** POST /login/callback: the hidden form, once. */
  const callback = async (req: IncomingMessage, res: ServerResponse, rec: { status: number }) => {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const txnState = wresults.get(form.wresult ?? '');
    let ctxState: unknown;
    try {
      ctxState = (JSON.parse(form.wctx ?? '') as { state?: unknown }).state;
    } catch {
      ctxState = undefined;
    }
    const txn = txnState ? transactions.get(txnState) : undefined;
    if (form.wa !== 'wsignin1.0' || !txn || ctxState !== txnState || cookiesOf(req).get('auth0') !== txn.sid) {
      return errorPage(res, rec, 400, 'Invalid login callback.');
    }
    wresults.delete(form.wresult!);
    txn.loggedIn = true;
    if (take('redirect-elsewhere')) return redirect(res, rec, 'https://verify.example.com/challenge?step=mfa');
    redirect(res, rec, `/authorize/resume?state=${encodeURIComponent(txnState!)}`);
  };

  /** GET /authorize/resume: a one-time code, back to the client's redirect URI with its state. */
  const resume = (req: IncomingMessage, url: URL, res: ServerResponse, rec: { status: number }) => {
    const txnState = url.searchParams.get('state') ?? '';
    const txn = transactions.get(txnState);
    if (!txn?.loggedIn || cookiesOf(req).get('auth0') !== txn.sid) return errorPage(res, rec, 400, 'Invalid state.');
    transactions.delete(txnState);
    const code = random(16);
    codes.set(code, { challenge: txn.challenge, redirectUri: txn.redirectUri, userId: opts.userId(), nonce: txn.nonce, used: false });
    codesIssued++;
    lastCode = code;
    const state = take('wrong-state') ? random() : txn.clientState;
    redirect(res, rec, `${txn.redirectUri}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`);
  };

  return {
    get email() {
      return email;
    },
    get password() {
      return password;
    },
    get failedAttempts() {
      return failedAttempts;
    },
    get codesIssued() {
      return codesIssued;
    },
    get codesRedeemed() {
      return codesRedeemed;
    },
    get lastCode() {
      return lastCode;
    },
    setCredentials(e, p) {
      email = e;
      password = p;
    },
    failNext(failure, times = 1) {
      queued.push({ failure, remaining: times });
    },
    block(b = true) {
      blocked = b;
    },
    reset() {
      failedAttempts = 0;
      codesIssued = 0;
      codesRedeemed = 0;
      lastCode = undefined;
      blocked = false;
      queued.length = 0;
      transactions.clear();
      wresults.clear();
      codes.clear();
    },
    async handle(req, res, rec, url) {
      const method = req.method ?? 'GET';
      const path = url.pathname;
      if (method === 'GET' && path === '/authorize') authorize(url, res, rec);
      else if (method === 'GET' && path === '/login') loginPage(req, url, res, rec);
      else if (method === 'POST' && path === '/usernamepassword/login') await usernamePassword(req, res, rec);
      else if (method === 'POST' && path === '/login/callback') await callback(req, res, rec);
      else if (method === 'GET' && path === '/authorize/resume') resume(req, url, res, rec);
      else return false;
      return true;
    },
    exchangeCode(form, res, rec) {
      const oauthError = (status: number, error: string, description: string) => json(res, rec, status, { error, error_description: description });
      if (form.client_id !== PELOTON_CLIENT_ID) return oauthError(401, 'invalid_client', 'Unknown client.');
      const issued = codes.get(form.code ?? '');
      if (!issued) return oauthError(403, 'invalid_grant', 'Invalid authorization code');
      if (issued.used) return oauthError(403, 'invalid_grant', 'Invalid authorization code');
      issued.used = true; // one attempt per code, whatever its outcome
      if (form.redirect_uri !== issued.redirectUri) return oauthError(403, 'invalid_grant', 'Invalid redirect_uri');
      if (!form.code_verifier || s256(form.code_verifier) !== issued.challenge) return oauthError(403, 'invalid_grant', 'Failed to verify code verifier');
      codesRedeemed++;
      json(res, rec, 200, {
        access_token: opts.mintAccess(),
        refresh_token: opts.mintRefresh(),
        id_token: makeJwt({ sub: `auth0|${issued.userId}`, exp: nowSeconds() + 36_000, extra: { nonce: issued.nonce, aud: PELOTON_CLIENT_ID } }),
        scope: 'openid offline_access peloton-api.members:default',
        expires_in: opts.tokenTtlSeconds,
        token_type: 'Bearer',
      });
    },
  };
}
