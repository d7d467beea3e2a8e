/**
 * Sign-in with email and password: Peloton's hosted Auth0 login replayed with PKCE, the way the web app's
 * login page does it (PELOTON_API.md, "Tokens"; facts from peloton-to-garmin `PelotonAuthApiClient.cs`):
 *   1. GET /authorize (S256 code challenge, state, nonce), following redirects on the sign-in host, to the login
 *      page; read its `state` and the `_csrf` cookie;
 *   2. POST /usernamepassword/login (JSON, the password travels here, ONCE: never retried);
 *   3. POST the hidden form it answers to /login/callback, then follow redirects until one points at the web app's
 *      callback with `code` (and our `state`);
 *   4. POST /oauth/token (grant `authorization_code`, with the code verifier).
 * Every host is the `authBaseUrl` origin: cookies live in a jar of that origin only, a redirect elsewhere stops
 * the flow, and the web app's callback URL is only read, never requested. Every step has a time limit and honours
 * the caller's AbortSignal. No request of this flow is retried (its dispatcher has no retry interceptor).
 */
import { Agent, type Dispatcher } from '../api/undici';
import { auth0LoginErrorSchema, authorizationRedirectSchema } from './auth0Schemas';
import type { ExchangeRecord } from '../api/pelotonApi';
import { checkBaseUrl } from '../api/baseUrl';
import { OriginCookieJar } from './cookieJar';
import { PelotonNetworkError, isAbortError } from '../api/errors';
import { parseHiddenForm } from './hiddenForm';
import { sendRequest, type HttpResponse } from '../api/http';
import { PasswordLoginError, type PasswordLoginFailure, type PasswordLoginStep } from './passwordLoginErrors';
import { newPkceRequest, type PkceRequest } from './pkce';
import { stripBom } from '../api/schemas';
import { readTokenAnswer } from './oauthToken';
import { PELOTON_CLIENT_ID, type Credentials } from './tokens';

/** The API audience the web app asks for. */
export const AUTH_AUDIENCE = 'https://api.onepeloton.com/';
/** The scope the web app's login asks for. */
export const AUTH_SCOPE = 'offline_access openid peloton-api.members:default';
/** The web app's OAuth callback: the flow reads `code` from a redirect to it and never requests it. */
export const AUTH_REDIRECT_URI = 'https://members.onepeloton.com/callback';
/** Peloton's Auth0 tenant and database connection (fields of the credential POST). */
export const AUTH_TENANT = 'peloton-prod';
export const AUTH_CONNECTION = 'pelo-user-password';
/** Default time limit of one step, its redirects included (milliseconds). */
export const DEFAULT_STEP_TIMEOUT_MS = 20_000;
/** Most redirects followed in one step. */
export const MAX_REDIRECTS = 10;

/** `auth0Client` of /authorize (the web app's SPA SDK) and `Auth0-Client` of the credential POST (the login page's SDK). */
const AUTHORIZE_CLIENT = Buffer.from(JSON.stringify({ name: 'auth0-spa-js', version: '2.1.3' })).toString('base64');
const LOGIN_CLIENT = Buffer.from(JSON.stringify({ name: 'auth0.js-ulp', version: '9.14.3' })).toString('base64');
/** A browser's User-Agent: Auth0's bot detection refuses clients without one. */
const BROWSER_USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0';
/** Largest page read from the sign-in server (bytes). */
const MAX_PAGE_BYTES = 1024 * 1024;

/** The words every `automation-refused` message starts with. */
export const AUTOMATION_REFUSED = "Peloton's sign-in page did not accept an automated sign-in";

/** What {@link signInWithPassword} needs. */
export interface PasswordLoginOptions {
  /** `pelotonFtp.authBaseUrl`, e.g. `https://auth.onepeloton.com` (checked: https, or http to loopback). */
  authBaseUrl: string;
  email: string;
  /**
   * Sent once, in step 2. The flow blanks this field (sets it to '') as it builds that request, so neither the
   * flow nor this options object refers to the password after it is sent (a JS string cannot be wiped, only dropped).
   */
  password: string;
  /** The caller's cancellation: aborting rejects with an `AbortError` at once. */
  signal?: AbortSignal;
  /** Time limit of each step (milliseconds, redirects included). Default {@link DEFAULT_STEP_TIMEOUT_MS}. */
  stepTimeoutMs?: number;
  /** Dispatcher to send through (tests); by default a fresh Agent without retries, closed at the end. */
  dispatcher?: Dispatcher;
  /** Told when a step starts (for progress). */
  onStep?: (step: PasswordLoginStep) => void;
  /** Told of every exchange: method, path (no query), status, ms, bytes. Never a body, a cookie or a header. */
  onExchange?: (record: ExchangeRecord) => void;
  /** PKCE values (tests); fresh random ones by default. */
  pkce?: PkceRequest;
}

const isRedirect = (res: HttpResponse) => res.status >= 300 && res.status < 400 && res.status !== 304;
const header = (res: HttpResponse, name: string): string | undefined => {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
};
/**
 * An HTML bot check page (Cloudflare's challenge or block page) rather than the login page. Only markers of such
 * pages count: a login page's own script may mention captchas in its configuration.
 */
const isChallengePage = (res: HttpResponse) =>
  /html/i.test(header(res, 'content-type') ?? '') &&
  /\/cdn-cgi\/challenge-platform\/|cf_chl_opt|<title>\s*just a moment|attention required! \| cloudflare/i.test(res.text);
/** A short, safe rendering of an Auth0 `code` (letters, digits, `_`, `.`, `-`), or null. */
const safeCode = (code: string | undefined) => (code && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : null);

/**
 * Signs in with email and password.
 * @returns the credentials (access token, refresh token when Auth0 gave one, expiry in Unix seconds from the
 *   token's `exp` or `expires_in`); the caller checks them with GET /api/me and builds the session record.
 * @throws {PasswordLoginError} with a `kind` (wrong-credentials, too-many-attempts, blocked, automation-refused,
 *   server-error, network) and a message without any credential; an `AbortError` when `signal` aborts;
 *   `BaseUrlError` for an `authBaseUrl` that is not allowed.
 */
export async function signInWithPassword(options: PasswordLoginOptions): Promise<Credentials> {
  let ownDispatcher: Dispatcher | undefined;
  let flow: LoginFlow | undefined;
  try {
    const origin = checkBaseUrl(options.authBaseUrl, 'pelotonFtp.authBaseUrl');
    ownDispatcher = options.dispatcher ? undefined : new Agent({ connections: 2, maxResponseSize: MAX_PAGE_BYTES });
    flow = new LoginFlow(origin, options, options.dispatcher ?? ownDispatcher!);
    return await flow.run(options.email, () => {
      const taken = options.password;
      options.password = '';
      return taken;
    });
  } finally {
    options.password = '';
    flow?.jar.clear();
    // destroy, not close: nothing of this sign-in is worth waiting for (close would wait for a hung request)
    await ownDispatcher?.destroy().catch(() => undefined);
  }
}

/** One sign-in's state: the PKCE values, the cookie jar, the current step and its time limit. */
class LoginFlow {
  readonly jar: OriginCookieJar;
  private readonly pkce: PkceRequest;
  private readonly stepTimeoutMs: number;
  private step: PasswordLoginStep = 'authorize';
  private stepSignal: AbortSignal = new AbortController().signal;

  constructor(
    private readonly origin: string,
    private readonly options: PasswordLoginOptions,
    private readonly dispatcher: Dispatcher,
  ) {
    this.jar = new OriginCookieJar(origin);
    this.pkce = options.pkce ?? newPkceRequest();
    this.stepTimeoutMs = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  }

  async run(email: string, takePassword: () => string): Promise<Credentials> {
    const login = await this.authorize();
    const next = await this.submitCredentials(login, email, takePassword);
    const code = await this.followToCode(next);
    return this.exchangeCode(code);
  }

  private begin(step: PasswordLoginStep): void {
    this.options.signal?.throwIfAborted();
    this.step = step;
    this.stepSignal = AbortSignal.timeout(this.stepTimeoutMs);
    this.options.onStep?.(step);
  }

  private fail(kind: PasswordLoginFailure, detail: string, status?: number): PasswordLoginError {
    const lead: Record<PasswordLoginFailure, string> = {
      'wrong-credentials': 'Wrong email or password',
      'too-many-attempts': 'Too many sign-in attempts: Peloton has blocked sign-in to this account for a while',
      blocked: 'Peloton has blocked this account from signing in',
      'automation-refused': AUTOMATION_REFUSED,
      'server-error': "Peloton's sign-in server answered with an error",
      network: 'Could not reach the Peloton sign-in server',
    };
    return new PasswordLoginError(kind, this.step, `${lead[kind]} (${this.step}: ${detail})`, status);
  }

  /** The failure a non-success status stands for, when no more specific answer applies. */
  private statusFailure(res: HttpResponse, what: string): PasswordLoginError {
    if (res.status === 429) return this.fail('too-many-attempts', `${what} answered HTTP 429`, 429);
    if (res.status >= 500) return this.fail('server-error', `${what} answered HTTP ${res.status}`, res.status);
    if (isChallengePage(res)) return this.fail('automation-refused', `${what} answered a bot check page (HTTP ${res.status})`, res.status);
    return this.fail('automation-refused', `${what} answered HTTP ${res.status}`, res.status);
  }

  /** One request on the sign-in host with the jar's cookies; stores the answer's cookies. Never retried. */
  private async send(method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, body?: string): Promise<HttpResponse> {
    const path = new URL(url).pathname;
    const cookie = this.jar.header(url);
    const signals = [this.stepSignal, ...(this.options.signal ? [this.options.signal] : [])];
    const started = performance.now();
    let res: HttpResponse;
    try {
      res = await sendRequest({
        method,
        url,
        headers: {
          'user-agent': BROWSER_USER_AGENT,
          'accept-language': 'en-US,en;q=0.9',
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
        body,
        signal: AbortSignal.any(signals),
        timeoutMs: this.stepTimeoutMs,
        maxBodyBytes: MAX_PAGE_BYTES,
        dispatcher: this.dispatcher,
      });
    } catch (error) {
      this.options.onExchange?.({ method, path, status: 0, ms: Math.round(performance.now() - started), bytes: 0, retries: 0 });
      if (this.options.signal?.aborted) throw isAbortError(this.options.signal.reason) ? this.options.signal.reason : new DOMException('The operation was aborted', 'AbortError');
      if (this.stepSignal.aborted) throw this.fail('network', `no answer within ${Math.round(this.stepTimeoutMs / 1000)} s from ${path}`);
      if (error instanceof PelotonNetworkError) throw this.fail('network', `${method} ${path}: ${error.reason}`);
      throw this.fail('network', `${method} ${path}: ${error instanceof Error ? error.name : 'error'}`);
    }
    this.options.onExchange?.({ method, path, status: res.status, ms: Math.round(performance.now() - started), bytes: res.bytes, retries: 0 });
    this.jar.store(url, res.headers['set-cookie']);
    return res;
  }

  /** The absolute URL of a redirect's Location, or a failure when there is none. */
  private location(res: HttpResponse, from: string): URL {
    const to = header(res, 'location');
    if (!to) throw this.fail('automation-refused', `a redirect (HTTP ${res.status}) without a location`, res.status);
    try {
      return new URL(to, from);
    } catch {
      throw this.fail('automation-refused', 'a redirect to an unreadable location', res.status);
    }
  }

  /** Step 1: /authorize, redirects on the sign-in host, to the login page; its `state` and the `_csrf` cookie. */
  private async authorize(): Promise<{ loginUrl: string; state: string; csrf: string }> {
    this.begin('authorize');
    const query = new URLSearchParams({
      client_id: PELOTON_CLIENT_ID,
      audience: AUTH_AUDIENCE,
      scope: AUTH_SCOPE,
      response_type: 'code',
      response_mode: 'query',
      redirect_uri: AUTH_REDIRECT_URI,
      state: this.pkce.state,
      nonce: this.pkce.nonce,
      code_challenge: this.pkce.codeChallenge,
      code_challenge_method: 'S256',
      auth0Client: AUTHORIZE_CLIENT,
    });
    let url = `${this.origin}/authorize?${query.toString()}`;
    let firstState: string | null = null;
    for (let hop = 0; ; hop++) {
      const res = await this.send('GET', url, { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
      if (isRedirect(res)) {
        const next = this.location(res, url);
        if (next.origin !== this.origin) throw this.fail('automation-refused', `redirected to another host (${next.host})`, res.status);
        if (hop >= MAX_REDIRECTS) throw this.fail('automation-refused', `more than ${MAX_REDIRECTS} redirects`);
        firstState ??= next.searchParams.get('state');
        url = next.toString();
        continue;
      }
      if (res.status !== 200) throw this.statusFailure(res, 'the login page');
      if (isChallengePage(res)) throw this.fail('automation-refused', 'the login page is a bot check', res.status);
      break;
    }
    const state = new URL(url).searchParams.get('state') ?? firstState;
    if (!state) throw this.fail('automation-refused', 'the login page carries no state');
    const csrf = this.jar.get('_csrf', '/usernamepassword/login');
    if (!csrf) throw this.fail('automation-refused', 'the login page set no _csrf cookie');
    return { loginUrl: url, state, csrf };
  }

  /**
   * Step 2: the credential POST. Sent once; the password is taken just before and no reference is kept.
   * @returns the URL the chain continues with: the hidden form's answer to /login/callback, or a redirect.
   */
  private async submitCredentials(login: { loginUrl: string; state: string; csrf: string }, email: string, takePassword: () => string): Promise<{ res: HttpResponse; url: string }> {
    this.begin('credentials');
    const url = `${this.origin}/usernamepassword/login`;
    // The body is built inside the call, so nothing of this flow refers to the password once the request is sent.
    const res = await this.send(
      'POST',
      url,
      { 'content-type': 'application/json', accept: '*/*', origin: this.origin, referer: login.loginUrl, 'auth0-client': LOGIN_CLIENT },
      JSON.stringify({
        client_id: PELOTON_CLIENT_ID,
        redirect_uri: AUTH_REDIRECT_URI,
        tenant: AUTH_TENANT,
        response_type: 'code',
        scope: AUTH_SCOPE,
        audience: AUTH_AUDIENCE,
        _csrf: login.csrf,
        state: login.state,
        _intstate: 'deprecated',
        nonce: this.pkce.nonce,
        username: email,
        password: takePassword(),
        connection: AUTH_CONNECTION,
        code_challenge: this.pkce.codeChallenge,
        code_challenge_method: 'S256',
      }),
    );
    if (isRedirect(res)) return { res, url };
    if (res.status === 200) {
      if (isChallengePage(res)) throw this.fail('automation-refused', 'the sign-in answered a bot check page', 200);
      const form = parseHiddenForm(res.text);
      if (!form) throw this.fail('automation-refused', 'the sign-in answered without the expected form', 200);
      const action = new URL(form.action, url);
      if (action.origin !== this.origin) throw this.fail('automation-refused', `the form posts to another host (${action.host})`, 200);
      this.begin('callback');
      const posted = await this.send(
        'POST',
        action.toString(),
        { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', origin: this.origin, referer: login.loginUrl },
        new URLSearchParams(form.fields).toString(),
      );
      return { res: posted, url: action.toString() };
    }
    let json: unknown = null;
    try {
      json = JSON.parse(stripBom(res.text));
    } catch {
      // not JSON: decided by status below
    }
    const parsed = auth0LoginErrorSchema.safeParse(json);
    const code = parsed.success ? safeCode(parsed.data.code) : null;
    const what = `HTTP ${res.status}${code ? `, ${code}` : ''}`;
    if (code === 'invalid_user_password' || (res.status === 400 && code === 'invalid_grant')) throw this.fail('wrong-credentials', what, res.status);
    if (code === 'too_many_attempts' || res.status === 429) throw this.fail('too-many-attempts', what, res.status);
    if (res.status === 401 || code === 'unauthorized' || code === 'blocked_user') throw this.fail('blocked', what, res.status);
    if (res.status >= 500) throw this.fail('server-error', what, res.status);
    throw this.fail('automation-refused', isChallengePage(res) ? `a bot check page (${what})` : what, res.status);
  }

  /** Step 3: follows redirects on the sign-in host until one points at the web app's callback with `code`. */
  private async followToCode(start: { res: HttpResponse; url: string }): Promise<string> {
    if (this.step !== 'callback') this.begin('callback');
    let { res, url } = start;
    for (let hop = 0; ; hop++) {
      if (!isRedirect(res)) {
        if (res.status === 429 || res.status >= 500) throw this.statusFailure(res, new URL(url).pathname);
        throw this.fail('automation-refused', `stopped at ${new URL(url).pathname} (HTTP ${res.status}) before an authorization code`, res.status);
      }
      const next = this.location(res, url);
      if (`${next.origin}${next.pathname}` === AUTH_REDIRECT_URI) return this.codeFrom(next);
      if (next.origin !== this.origin) throw this.fail('automation-refused', `redirected to another host (${next.host})`, res.status);
      if (hop >= MAX_REDIRECTS) throw this.fail('automation-refused', `more than ${MAX_REDIRECTS} redirects`);
      url = next.toString();
      res = await this.send('GET', url, { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
    }
  }

  /** The code of the final redirect, once its `state` is ours; an `error` there is a refusal. */
  private codeFrom(redirect: URL): string {
    const parsed = authorizationRedirectSchema.safeParse(Object.fromEntries(redirect.searchParams));
    if (!parsed.success) throw this.fail('automation-refused', 'the callback redirect is unreadable');
    const { code, state, error } = parsed.data;
    if (error) {
      const safe = safeCode(error) ?? 'error';
      if (safe === 'unauthorized') throw this.fail('blocked', `the callback says ${safe}`);
      if (safe === 'too_many_attempts') throw this.fail('too-many-attempts', `the callback says ${safe}`);
      throw this.fail('automation-refused', `the callback says ${safe}`);
    }
    if (state !== this.pkce.state) throw this.fail('automation-refused', 'the callback carries another state');
    if (!code) throw this.fail('automation-refused', 'the callback carries no code');
    return code;
  }

  /** Step 4: the code and the verifier for tokens. */
  private async exchangeCode(code: string): Promise<Credentials> {
    this.begin('token');
    const res = await this.send(
      'POST',
      `${this.origin}/oauth/token`,
      { 'content-type': 'application/json', accept: 'application/json' },
      JSON.stringify({ grant_type: 'authorization_code', client_id: PELOTON_CLIENT_ID, code_verifier: this.pkce.codeVerifier, code, redirect_uri: AUTH_REDIRECT_URI }),
    );
    const answer = readTokenAnswer(res);
    if (answer.kind === 'credentials') return answer.credentials;
    if (answer.kind === 'unexpected-body') throw this.fail('automation-refused', 'the token endpoint answered an unexpected body', answer.status);
    if (res.status === 429 || res.status >= 500) throw this.statusFailure(res, 'the token endpoint');
    const error = safeCode(answer.oauthError ?? undefined);
    throw this.fail('automation-refused', `the token endpoint refused the code (HTTP ${res.status}${error ? `, ${error}` : ''})`, res.status);
  }
}
