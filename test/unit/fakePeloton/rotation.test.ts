/**
 * The fake Auth0 rotates refresh tokens with reuse detection by default, as Auth0 does for the web app's client
 * (PELOTON_API.md, "Tokens"): over real HTTP on 127.0.0.1, each grant answers a new refresh token of the same family
 * and retires the one presented; a retired token presented again revokes the whole family; each sign-in starts a
 * family of its own. Plus the switches (rotation off, reuse interval, a slow token endpoint) and the inspection API.
 */
import assert from 'node:assert/strict';
import { signInWithPassword } from '../../../src/peloton/signIn/passwordLogin';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../fakePeloton/auth0';
import { seedExample } from '../../fakePeloton/datasets';
import { startFakePeloton, type FakePeloton, type FakePelotonOptions } from '../../fakePeloton/server';
import { get, refreshGrant } from './requests';

const REFUSED = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };

describe('the fake Auth0 rotates refresh tokens and detects reuse', () => {
  let fake: FakePeloton;
  const start = async (options: Omit<FakePelotonOptions, 'rider'> = {}) => (fake = await startFakePeloton({ rider: seedExample(), ...options }));
  afterEach(() => fake?.close());

  /** Renews with `token`, asserting a 200 with a new refresh token; returns the new pair. */
  async function renew(token: string): Promise<{ access: string; refresh: string }> {
    const { status, body } = await refreshGrant(fake, token);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(typeof body.refresh_token, 'string');
    return { access: body.access_token as string, refresh: body.refresh_token as string };
  }

  it('by default each grant answers a new refresh token of the same family and retires the one presented', async () => {
    await start();
    const pasted = fake.refreshToken;
    const first = await renew(pasted);
    assert.notEqual(first.refresh, pasted);
    assert.match(first.refresh, /^v1\./);
    const second = await renew(first.refresh);
    assert.equal((await get(fake, '/api/me', second.access)).status, 200);
    const [family, ...others] = fake.refreshFamilies();
    assert.deepEqual(others, []);
    assert.deepEqual([family.origin, family.tokens, family.revoked], ['startup', [pasted, first.refresh, second.refresh], null]);
    assert.deepEqual([...fake.refreshPresentations()], [[pasted, 1], [first.refresh, 1]]);
  });

  it('a retired token presented again revokes its family: every token of it is refused from then on', async () => {
    await start();
    const pasted = fake.refreshToken;
    const first = await renew(pasted);
    const second = await renew(first.refresh);
    const reuse = await refreshGrant(fake, pasted);
    assert.deepEqual([reuse.status, reuse.body], [403, REFUSED]);
    for (const token of [first.refresh, second.refresh]) assert.deepEqual(await refreshGrant(fake, token), { status: 403, body: REFUSED });
    const [family] = fake.refreshFamilies();
    assert.deepEqual([family.revoked, family.reusedToken], ['reuse', pasted]);
    assert.equal(fake.refreshTokenPresentations(pasted), 2);
    assert.equal(fake.refreshTokenPresentations(second.refresh), 1);
    // Access tokens are JWTs: the ones already issued work until they expire.
    assert.equal((await get(fake, '/api/me', second.access)).status, 200);
  });

  it('two windows renewing with the same token one after the other: the second signs both out', async () => {
    await start();
    const shared = fake.refreshToken;
    const windowOne = await renew(shared);
    assert.equal((await refreshGrant(fake, shared)).status, 403, 'window two presents the token window one retired');
    assert.equal((await refreshGrant(fake, windowOne.refresh)).status, 403, 'window one is signed out at its next renewal');
    assert.equal(fake.refreshTokenPresentations(shared), 2);
  });

  it('a pasted value shares its family with the browser: the browser renews first, the paste is then refused and both are out', async () => {
    await start();
    const pasted = fake.refreshToken;
    const browser = fake.presentRefreshToken(pasted);
    assert.ok(browser?.refreshToken);
    assert.equal((await get(fake, '/api/me', browser.accessToken)).status, 200);
    assert.deepEqual(await refreshGrant(fake, pasted), { status: 403, body: REFUSED });
    assert.equal(fake.presentRefreshToken(browser.refreshToken), null, 'the browser is signed out too');
    assert.equal(fake.refreshTokenPresentations(pasted), 2);
  });

  it('each sign-in starts a family of its own: a hosted login and an issued token outlive the pasted family', async () => {
    await start();
    const pasted = fake.refreshToken;
    const issued = fake.issueRefreshToken();
    const login = await signInWithPassword({ authBaseUrl: fake.url, email: DEMO_EMAIL, password: DEMO_PASSWORD });
    assert.ok(login.refreshToken);
    await renew(pasted);
    assert.equal((await refreshGrant(fake, pasted)).status, 403);
    const loginNext = await renew(login.refreshToken);
    await renew(issued);
    assert.deepEqual(
      fake.refreshFamilies().map((f) => [f.origin, f.revoked, f.tokens.length]),
      [['startup', 'reuse', 2], ['issued', null, 2], ['authorization_code', null, 2]],
    );
    assert.equal(fake.refreshFamilies()[2].tokens[1], loginNext.refresh);
  });

  it('within the reuse interval a retired token gets the same successor again, and the family lives', async () => {
    await start({ refreshReuseIntervalMs: 60_000 });
    const pasted = fake.refreshToken;
    const first = await renew(pasted);
    const again = await renew(pasted);
    assert.equal(again.refresh, first.refresh);
    assert.notEqual(again.access, first.access);
    await renew(first.refresh);
    assert.equal(fake.refreshFamilies()[0].revoked, null);
  });

  it('with rotation off the refresh token is kept: no refresh_token in the answer, presenting it twice is fine', async () => {
    await start({ rotateRefreshToken: false });
    const kept = fake.refreshToken;
    for (let i = 0; i < 2; i++) {
      const { status, body } = await refreshGrant(fake, kept);
      assert.equal(status, 200);
      assert.equal('refresh_token' in body, false);
    }
    assert.equal(fake.refreshTokenPresentations(kept), 2);
    assert.deepEqual(fake.refreshFamilies().map((f) => [f.tokens.length, f.revoked]), [[1, null]]);
  });

  it('a slow token endpoint: the grant is decided on arrival and answered after the delay, so two overlapping renewals revoke the family', async () => {
    await start({ tokenDelayMs: 400 });
    const shared = fake.refreshToken;
    const started = Date.now();
    const [a, b] = await Promise.all([refreshGrant(fake, shared), refreshGrant(fake, shared)]);
    assert.ok(Date.now() - started >= 400, 'both answers waited');
    assert.deepEqual([a.status, b.status].sort(), [200, 403]);
    const winner = (a.status === 200 ? a : b).body.refresh_token as string;
    fake.setTokenDelay(0);
    const t = Date.now();
    assert.equal((await refreshGrant(fake, winner)).status, 403, 'the winner\'s new token died with its family');
    assert.ok(Date.now() - t < 400);
  });
});
