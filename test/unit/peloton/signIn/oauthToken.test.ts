import assert from 'node:assert/strict';
import { MockAgent } from 'undici';
import { TokenRefreshError } from '../../../../src/peloton/api/errors';
import { readTokenAnswer, refreshAccessToken } from '../../../../src/peloton/signIn/oauthToken';
import { PELOTON_CLIENT_ID } from '../../../../src/peloton/signIn/tokens';
import { makeJwt, makeJwtWithoutExp } from '../../../fakePeloton/jwt';

const NOW = 1_768_000_000; // 2026-01-09, Unix s
const EXP = NOW + 172_800;
const jwt = makeJwt({ sub: 'user-1', exp: EXP, iat: NOW });

/** An answer of the token endpoint, as http.ts hands it on. */
const answer = (status: number, body: unknown) => ({ status, text: typeof body === 'string' ? body : JSON.stringify(body) });

describe('readTokenAnswer (POST /oauth/token)', () => {
  it('reads a token answer into credentials, the expiry from the access token (exp, Unix s)', () => {
    assert.deepEqual(readTokenAnswer(answer(200, { access_token: jwt, expires_in: 100, token_type: 'Bearer', refresh_token: 'v1.r' }), NOW), {
      kind: 'credentials',
      credentials: { accessToken: jwt, refreshToken: 'v1.r', expiresAt: EXP },
    });
  });

  it('has no refresh token when the answer carries none', () => {
    const read = readTokenAnswer(answer(200, { access_token: jwt, expires_in: 100, token_type: 'Bearer' }), NOW);
    assert.deepEqual(read, { kind: 'credentials', credentials: { accessToken: jwt, expiresAt: EXP } });
  });

  it('takes the expiry from expires_in (seconds) when the access token has no readable exp', () => {
    const opaque = makeJwtWithoutExp({ sub: 'user-1' });
    const read = readTokenAnswer(answer(200, { access_token: opaque, expires_in: 7200, token_type: 'Bearer' }), NOW);
    assert.deepEqual(read, { kind: 'credentials', credentials: { accessToken: opaque, expiresAt: NOW + 7200 } });
  });

  it('reads a body with a byte-order mark', () => {
    const read = readTokenAnswer(answer(200, `\uFEFF${JSON.stringify({ access_token: jwt, expires_in: 100, token_type: 'Bearer' })}`), NOW);
    assert.equal(read.kind, 'credentials');
  });

  it('reads a refusal with the OAuth error shape, as sent', () => {
    assert.deepEqual(readTokenAnswer(answer(403, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' })), {
      kind: 'refused',
      status: 403,
      oauthError: 'invalid_grant',
      description: 'Unknown or invalid refresh token.',
    });
  });

  it('reads a refusal without an OAuth body (an HTML error page, an empty description)', () => {
    assert.deepEqual(readTokenAnswer(answer(502, '<html>Bad gateway</html>')), { kind: 'refused', status: 502, oauthError: null, description: null });
    assert.deepEqual(readTokenAnswer(answer(400, { error: 'invalid_request', error_description: '' })), {
      kind: 'refused',
      status: 400,
      oauthError: 'invalid_request',
      description: null,
    });
  });

  it('says when a 2xx is not a token answer', () => {
    assert.deepEqual(readTokenAnswer(answer(200, { access_token: '', expires_in: 100, token_type: 'Bearer' })), { kind: 'unexpected-body', status: 200 });
    assert.deepEqual(readTokenAnswer(answer(200, 'not json')), { kind: 'unexpected-body', status: 200 });
  });
});

describe('refreshAccessToken (MockAgent)', () => {
  let agent: MockAgent;
  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });
  afterEach(() => agent.close());

  it('posts the form-encoded refresh grant with the client id and keeps a rotated refresh token', async () => {
    let sentBody = '';
    let sentType = '';
    const fresh = makeJwt({ sub: 'u', exp: 4_000_000_000 });
    agent
      .get('https://auth.example.test')
      .intercept({ path: '/oauth/token', method: 'POST', body: (b) => ((sentBody = b), true), headers: (h) => ((sentType = String((h as Record<string, string>)['content-type'])), true) })
      .reply(200, { access_token: fresh, expires_in: 172800, token_type: 'Bearer', refresh_token: 'v1.new' });
    const credentials = await refreshAccessToken({ authBaseUrl: 'https://auth.example.test', refreshToken: 'v1.old', dispatcher: agent });
    assert.deepEqual(Object.fromEntries(new URLSearchParams(sentBody)), { grant_type: 'refresh_token', client_id: PELOTON_CLIENT_ID, refresh_token: 'v1.old' });
    assert.equal(sentType, 'application/x-www-form-urlencoded');
    assert.deepEqual(credentials, { accessToken: fresh, refreshToken: 'v1.new', expiresAt: 4_000_000_000 });
  });

  it('keeps the old refresh token when none comes back', async () => {
    agent.get('https://auth.example.test').intercept({ path: '/oauth/token', method: 'POST' }).reply(200, { access_token: jwt, expires_in: 100, token_type: 'Bearer' });
    const credentials = await refreshAccessToken({ authBaseUrl: 'https://auth.example.test', refreshToken: 'v1.old', dispatcher: agent });
    assert.equal(credentials.refreshToken, 'v1.old');
  });

  it('reports invalid_grant as a TokenRefreshError with the OAuth code', async () => {
    agent
      .get('https://auth.example.test')
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply(403, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
    await assert.rejects(
      refreshAccessToken({ authBaseUrl: 'https://auth.example.test', refreshToken: 'v1.old', dispatcher: agent }),
      (error: unknown) => error instanceof TokenRefreshError && error.oauthError === 'invalid_grant' && !error.message.includes('v1.old'),
    );
  });
});
