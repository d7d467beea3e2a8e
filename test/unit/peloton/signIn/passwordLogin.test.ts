/**
 * The email-and-password sign-in (src/peloton/signIn/passwordLogin.ts) against the fake Auth0 of the fake Peloton server,
 * over real HTTP on 127.0.0.1: each of the four steps, each failure, the PKCE and one-time-code checks, no retry of a
 * credential POST, and no password (or email) in any error or log line.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { Agent } from 'undici';
import { BaseUrlError } from '../../../../src/peloton/api/baseUrl';
import type { ExchangeRecord } from '../../../../src/peloton/api/pelotonApi';
import { AUTH_REDIRECT_URI, AUTOMATION_REFUSED, signInWithPassword, type PasswordLoginOptions } from '../../../../src/peloton/signIn/passwordLogin';
import { PasswordLoginError, type PasswordLoginFailure, type PasswordLoginStep } from '../../../../src/peloton/signIn/passwordLoginErrors';
import { newPkceRequest, s256Challenge } from '../../../../src/peloton/signIn/pkce';
import { PELOTON_CLIENT_ID } from '../../../../src/peloton/signIn/tokens';
import { DEMO_EMAIL, DEMO_PASSWORD, DEFAULT_MAX_FAILED_ATTEMPTS } from '../../../fakePeloton/auth0';
import { seedExample } from '../../../fakePeloton/datasets';
import { startFakePeloton, type FakePeloton } from '../../../fakePeloton/server';

/** Everything the flow said or threw in this file: searched for the password and the email at the end. */
const said: string[] = [];
const WRONG_PASSWORD = 'Wrong-Horse-Battery-77';

describe('password sign-in against the fake Auth0 (real HTTP on 127.0.0.1)', function () {
  this.timeout(20_000);
  let fake: FakePeloton;
  let dispatcher: Agent;

  before(async () => {
    fake = await startFakePeloton({ rider: seedExample() });
  });
  after(async () => {
    await fake.close();
    for (const text of said) {
      assert.ok(!text.includes(DEMO_PASSWORD), `the password leaked: ${text}`);
      assert.ok(!text.includes(WRONG_PASSWORD), `a wrong password leaked: ${text}`);
      assert.ok(!text.toLowerCase().includes(DEMO_EMAIL.toLowerCase()), `the email leaked: ${text}`);
    }
  });
  beforeEach(() => {
    fake.resetCounts();
    fake.auth0.reset();
    dispatcher = new Agent();
  });
  afterEach(async () => {
    await dispatcher.close();
  });

  /** Runs the flow, recording steps, exchanges and any error text. */
  async function run(overrides: Partial<PasswordLoginOptions> = {}) {
    const steps: PasswordLoginStep[] = [];
    const exchanges: ExchangeRecord[] = [];
    const options: PasswordLoginOptions = {
      authBaseUrl: fake.url,
      email: DEMO_EMAIL,
      password: DEMO_PASSWORD,
      dispatcher,
      onStep: (s) => steps.push(s),
      onExchange: (r) => {
        exchanges.push(r);
        said.push(JSON.stringify(r));
      },
      ...overrides,
    };
    try {
      const credentials = await signInWithPassword(options);
      return { credentials, steps, exchanges, error: undefined };
    } catch (error) {
      said.push(String(error), (error as Error).stack ?? '', JSON.stringify(error));
      return { credentials: undefined, steps, exchanges, error };
    }
  }

  /** Asserts a typed failure and returns it. */
  function failure(error: unknown, kind: PasswordLoginFailure, step: PasswordLoginStep): PasswordLoginError {
    assert.ok(error instanceof PasswordLoginError, `a PasswordLoginError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    assert.equal(error.step, step, error.message);
    return error;
  }

  const trail = () => fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

  it('signs in through the four steps and gets tokens the API accepts', async () => {
    const { credentials, steps, exchanges, error } = await run();
    assert.equal(error, undefined, String(error));
    assert.deepEqual(trail(), [
      'GET /authorize 302',
      'GET /login 200',
      'POST /usernamepassword/login 200',
      'POST /login/callback 302',
      'GET /authorize/resume 302',
      'POST /oauth/token 200',
    ]);
    assert.deepEqual(steps, ['authorize', 'credentials', 'callback', 'token']);
    assert.equal(credentials!.accessToken, fake.accessToken, 'the token the fake minted last');
    assert.equal(credentials!.refreshToken, fake.refreshToken);
    assert.ok(credentials!.expiresAt > Date.now() / 1000 + 172_000, 'expiry from the token (48 h)');
    assert.ok(exchanges.every((e) => !e.path.includes('?')), 'exchange records carry no query string');
    const me = await fetch(`${fake.url}/api/me`, { headers: { authorization: `Bearer ${credentials!.accessToken}` } });
    assert.equal(me.status, 200);
    assert.equal(fake.auth0.codesRedeemed, 1);
  });

  it('accepts the email in another case (Auth0 compares emails case-insensitively)', async () => {
    const { error } = await run({ email: DEMO_EMAIL.toUpperCase() });
    assert.equal(error, undefined, String(error));
  });

  it('a wrong password: "wrong-credentials", the credential POST sent exactly once, nothing after it', async () => {
    const { error } = await run({ password: WRONG_PASSWORD });
    const e = failure(error, 'wrong-credentials', 'credentials');
    assert.equal(e.status, 400);
    assert.match(e.message, /^Wrong email or password \(credentials: HTTP 400, invalid_user_password\)$/);
    assert.equal(fake.count('/usernamepassword/login'), 1, 'sent once, never retried');
    assert.equal(fake.count('/login/callback') + fake.count('/oauth/token'), 0);
    assert.equal(fake.auth0.failedAttempts, 1);
  });

  it('too many attempts: a queued 429 too_many_attempts, sent once', async () => {
    fake.auth0.failNext('too-many-attempts');
    const e = failure((await run()).error, 'too-many-attempts', 'credentials');
    assert.equal(e.status, 429);
    assert.match(e.message, /too_many_attempts/);
    assert.equal(fake.count('/usernamepassword/login'), 1);
  });

  it(`too many attempts, as Auth0 does it: after ${DEFAULT_MAX_FAILED_ATTEMPTS} wrong passwords even the right one is refused`, async () => {
    for (let i = 0; i < DEFAULT_MAX_FAILED_ATTEMPTS; i++) failure((await run({ password: WRONG_PASSWORD })).error, 'wrong-credentials', 'credentials');
    failure((await run()).error, 'too-many-attempts', 'credentials');
    assert.equal(fake.count('/usernamepassword/login'), DEFAULT_MAX_FAILED_ATTEMPTS + 1, 'one POST per sign-in');
  });

  it('a blocked user: 401 unauthorized → "blocked"', async () => {
    fake.auth0.block();
    const e = failure((await run()).error, 'blocked', 'credentials');
    assert.equal(e.status, 401);
    assert.equal(fake.count('/usernamepassword/login'), 1);
  });

  it('no _csrf cookie on the login page: refused before the password is sent', async () => {
    fake.auth0.failNext('no-csrf');
    const e = failure((await run()).error, 'automation-refused', 'authorize');
    assert.ok(e.message.startsWith(AUTOMATION_REFUSED), e.message);
    assert.match(e.message, /no _csrf cookie/);
    assert.equal(fake.count('/usernamepassword/login'), 0, 'the password never left');
  });

  it('a bot check page instead of the login page: refused before the password is sent', async () => {
    fake.auth0.failNext('challenge');
    const e = failure((await run()).error, 'automation-refused', 'authorize');
    assert.match(e.message, /bot check/);
    assert.equal(fake.count('/usernamepassword/login'), 0);
  });

  it('a Cloudflare-like HTML page with 403 at /authorize (a scripted fault): refused, no retry', async () => {
    fake.fault({ match: '/authorize', kind: 'html', status: 403, body: '<html><title>Attention Required! | Cloudflare</title></html>' });
    const e = failure((await run()).error, 'automation-refused', 'authorize');
    assert.equal(e.status, 403);
    assert.equal(fake.count('/authorize'), 1);
  });

  it('the credential POST answers a page without the form: refused', async () => {
    fake.auth0.failNext('no-form');
    const e = failure((await run()).error, 'automation-refused', 'credentials');
    assert.match(e.message, /without the expected form/);
    assert.equal(fake.count('/login/callback'), 0);
  });

  it('a redirect to another host after the callback: refused, never followed', async () => {
    fake.auth0.failNext('redirect-elsewhere');
    const e = failure((await run()).error, 'automation-refused', 'callback');
    assert.match(e.message, /redirected to another host \(verify\.example\.com\)/);
    assert.equal(fake.count('/oauth/token'), 0);
  });

  it('a redirect to another host at /authorize: refused, never followed', async () => {
    fake.fault({ match: '/authorize', status: 302, headers: { Location: 'https://elsewhere.example.net/login' }, body: '' });
    const e = failure((await run()).error, 'automation-refused', 'authorize');
    assert.match(e.message, /elsewhere\.example\.net/);
  });

  it('a final redirect with a state other than ours: refused, the code is not exchanged', async () => {
    fake.auth0.failNext('wrong-state');
    const e = failure((await run()).error, 'automation-refused', 'callback');
    assert.match(e.message, /another state/);
    assert.equal(fake.count('/oauth/token'), 0);
  });

  it('the code verifier is checked: a verifier that does not hash to the challenge gets no tokens', async () => {
    const pkce = { ...newPkceRequest(), codeVerifier: newPkceRequest().codeVerifier };
    const e = failure((await run({ pkce })).error, 'automation-refused', 'token');
    assert.match(e.message, /refused the code \(HTTP 403, invalid_grant\)/);
    assert.equal(fake.auth0.codesIssued, 1);
    assert.equal(fake.auth0.codesRedeemed, 0);
  });

  it('a code works once: replaying it with the right verifier is refused', async () => {
    const pkce = newPkceRequest();
    assert.equal((await run({ pkce })).error, undefined);
    const code = fake.auth0.lastCode!;
    const replay = await fetch(`${fake.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', client_id: PELOTON_CLIENT_ID, code_verifier: pkce.codeVerifier, code, redirect_uri: AUTH_REDIRECT_URI }),
    });
    assert.equal(replay.status, 403);
    assert.equal(((await replay.json()) as { error: string }).error, 'invalid_grant');
    assert.equal(fake.auth0.codesRedeemed, 1);
  });

  it('a 503 on the credential POST is not retried (even with Retry-After): "server-error"', async () => {
    fake.fault({ match: '/usernamepassword/login', status: 503, headers: { 'Retry-After': '0' } });
    const e = failure((await run()).error, 'server-error', 'credentials');
    assert.equal(e.status, 503);
    assert.equal(fake.count('/usernamepassword/login'), 1);
  });

  it('a reset connection on the credential POST: "network", not retried', async () => {
    fake.fault({ match: '/usernamepassword/login', kind: 'reset' });
    failure((await run()).error, 'network', 'credentials');
    assert.equal(fake.count('/usernamepassword/login'), 1);
  });

  it('a 429 at /authorize: "too-many-attempts", no retry', async () => {
    fake.fault({ match: '/authorize', status: 429, headers: { 'Retry-After': '0' } });
    failure((await run()).error, 'too-many-attempts', 'authorize');
    assert.equal(fake.count('/authorize'), 1);
  });

  it('each step has a time limit: a hung step fails as "network" within it', async () => {
    for (const [match, step] of [
      ['/authorize', 'authorize'],
      ['/usernamepassword/login', 'credentials'],
      ['/login/callback', 'callback'],
      ['/oauth/token', 'token'],
    ] as const) {
      fake.fault({ match, kind: 'hang' });
      const started = Date.now();
      const e = failure((await run({ stepTimeoutMs: 300 })).error, 'network', step);
      assert.match(e.message, /no answer within/);
      assert.ok(Date.now() - started < 3000, `${step} gave up in time`);
    }
  });

  it('cancelling aborts at once with an AbortError', async () => {
    fake.fault({ match: '/usernamepassword/login', kind: 'hang' });
    const controller = new AbortController();
    const pending = run({ signal: controller.signal, onStep: (s) => s === 'credentials' && setTimeout(() => controller.abort(), 50) });
    const { error } = await pending;
    assert.ok(error instanceof Error && error.name === 'AbortError', String(error));
  });

  it('with its own dispatcher (no test agent), a hung step still ends the flow at its time limit', async () => {
    fake.fault({ match: '/oauth/token', kind: 'hang' });
    const started = Date.now();
    failure((await run({ dispatcher: undefined, stepTimeoutMs: 300 })).error, 'network', 'token');
    assert.ok(Date.now() - started < 3000);
  });

  it('a server that is not there: "network"', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    failure((await run({ authBaseUrl: `http://127.0.0.1:${port}` })).error, 'network', 'authorize');
  });

  it('refuses an http:// sign-in server that is not loopback, sending nothing', async () => {
    const options = { authBaseUrl: 'http://auth.example.com', email: DEMO_EMAIL, password: DEMO_PASSWORD };
    await assert.rejects(signInWithPassword(options), BaseUrlError);
    assert.equal(options.password, '', 'dropped all the same');
  });

  it("blanks the caller's password field once it is sent (success or failure), and not before the POST", async () => {
    for (const password of [DEMO_PASSWORD, WRONG_PASSWORD]) {
      const seen: string[] = [];
      const options: PasswordLoginOptions = { authBaseUrl: fake.url, email: DEMO_EMAIL, password, dispatcher, onStep: (s) => seen.push(`${s}:${options.password.length}`) };
      await signInWithPassword(options).catch((error: unknown) => said.push(String(error)));
      assert.equal(options.password, '');
      assert.equal(seen[0], `authorize:${password.length}`, 'still there while the login page loads');
      assert.equal(seen[1], `credentials:${password.length}`, 'still there until the POST is built');
    }
    fake.auth0.failNext('no-csrf');
    const refused: PasswordLoginOptions = { authBaseUrl: fake.url, email: DEMO_EMAIL, password: DEMO_PASSWORD, dispatcher };
    await signInWithPassword(refused).catch(() => undefined);
    assert.equal(refused.password, '', 'dropped also when the flow stops before sending it');
  });

  it('S256: base64url of SHA-256, as WebCrypto computes it', async () => {
    const { codeVerifier, codeChallenge } = newPkceRequest();
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier))).toString('base64url');
    assert.equal(codeChallenge, digest);
    assert.equal(s256Challenge(codeVerifier), digest);
    assert.match(codeVerifier, /^[A-Za-z0-9_-]{43,128}$/);
  });
});
