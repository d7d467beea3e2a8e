/**
 * The fake Auth0 checks what the real one checks, step by step, over real HTTP: a flow that skips the session
 * cookie, the `_csrf` cookie, the transaction state or the one-time form is refused (so the client's passing tests
 * mean it does these things right).
 */
import assert from 'node:assert/strict';
import { newPkceRequest } from '../../../src/peloton/signIn/pkce';
import { PELOTON_CLIENT_ID } from '../../../src/peloton/signIn/tokens';
import { DEMO_EMAIL, DEMO_PASSWORD, REDIRECT_URI } from '../../fakePeloton/auth0';
import { seedExample } from '../../fakePeloton/datasets';
import { startFakePeloton, type FakePeloton } from '../../fakePeloton/server';

describe('the fake Auth0 (test/fakePeloton/auth0.ts)', () => {
  let fake: FakePeloton;
  before(async () => {
    fake = await startFakePeloton({ rider: seedExample() });
  });
  after(() => fake.close());

  /** Cookie header value of the Set-Cookie list (name=value pairs). */
  const cookies = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

  /** Steps 1 by hand: returns the login URL, its state, and the cookies. */
  async function startLogin() {
    const pkce = newPkceRequest();
    const q = new URLSearchParams({ client_id: PELOTON_CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT_URI, state: pkce.state, nonce: pkce.nonce, code_challenge: pkce.codeChallenge, code_challenge_method: 'S256' });
    const authorize = await fetch(`${fake.url}/authorize?${q}`, { redirect: 'manual' });
    assert.equal(authorize.status, 302);
    const session = cookies(authorize);
    const loginUrl = new URL(authorize.headers.get('location')!, fake.url);
    const login = await fetch(loginUrl, { headers: { cookie: session.join('; ') } });
    assert.equal(login.status, 200);
    const csrf = cookies(login).find((c) => c.startsWith('_csrf='))!;
    return { pkce, session, csrf, state: loginUrl.searchParams.get('state')! };
  }

  const credentialPost = (s: Awaited<ReturnType<typeof startLogin>>, cookie: string, overrides: Record<string, string> = {}) =>
    fetch(`${fake.url}/usernamepassword/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: fake.url, cookie },
      body: JSON.stringify({
        client_id: PELOTON_CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        tenant: 'peloton-prod',
        connection: 'pelo-user-password',
        _csrf: s.csrf.slice('_csrf='.length),
        state: s.state,
        nonce: s.pkce.nonce,
        code_challenge: s.pkce.codeChallenge,
        code_challenge_method: 'S256',
        username: DEMO_EMAIL,
        password: DEMO_PASSWORD,
        ...overrides,
      }),
    });

  it('/authorize refuses a request without an S256 challenge or with another redirect URI', async () => {
    const base = { client_id: PELOTON_CLIENT_ID, response_type: 'code', state: 's', nonce: 'n' };
    const plain = await fetch(`${fake.url}/authorize?${new URLSearchParams({ ...base, redirect_uri: REDIRECT_URI, code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' })}`, { redirect: 'manual' });
    assert.equal(plain.status, 400);
    const elsewhere = await fetch(`${fake.url}/authorize?${new URLSearchParams({ ...base, redirect_uri: 'https://evil.example/cb', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' })}`, { redirect: 'manual' });
    assert.equal(elsewhere.status, 400);
  });

  it('the login page needs the session cookie of its transaction', async () => {
    const s = await startLogin();
    const without = await fetch(`${fake.url}/login?state=${encodeURIComponent(s.state)}`);
    assert.equal(without.status, 400);
  });

  it('the credential POST needs the _csrf cookie, the same _csrf in the body, and the transaction state', async () => {
    const s = await startLogin();
    assert.equal((await credentialPost(s, s.session.join('; '))).status, 403, 'no _csrf cookie');
    assert.equal((await credentialPost(s, [...s.session, s.csrf].join('; '), { _csrf: 'forged' })).status, 403, 'another _csrf');
    assert.equal((await credentialPost(s, [...s.session, s.csrf].join('; '), { state: 'forged' })).status, 403, 'another state');
    assert.equal((await credentialPost(s, [...s.session, s.csrf].join('; '), { code_challenge: newPkceRequest().codeChallenge })).status, 403, 'another challenge');
    const ok = await credentialPost(s, [...s.session, s.csrf].join('; '));
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /<form method="post" name="hiddenform" action="[^"]+\/login\/callback">/);
  });

  it('the hidden form works once, and only with its session cookie', async () => {
    const s = await startLogin();
    const page = await (await credentialPost(s, [...s.session, s.csrf].join('; '))).text();
    const fields = Object.fromEntries([...page.matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&#34;/g, '"').replace(/&amp;/g, '&')]));
    const post = (cookie: string) =>
      fetch(`${fake.url}/login/callback`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: new URLSearchParams(fields).toString() });
    assert.equal((await post('auth0=someone-else')).status, 400, 'another session');
    const first = await post(s.session.join('; '));
    assert.equal(first.status, 302);
    assert.match(first.headers.get('location')!, /^\/authorize\/resume\?state=/);
    assert.equal((await post(s.session.join('; '))).status, 400, 'replayed');
    const resume = await fetch(new URL(first.headers.get('location')!, fake.url), { redirect: 'manual', headers: { cookie: s.session.join('; ') } });
    const done = new URL(resume.headers.get('location')!);
    assert.equal(`${done.origin}${done.pathname}`, REDIRECT_URI);
    assert.equal(done.searchParams.get('state'), s.pkce.state, "the client's own state comes back");
    assert.ok(done.searchParams.get('code'));
  });
});
