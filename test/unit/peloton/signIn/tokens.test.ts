import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MockAgent } from 'undici';
import { TokenFormatError, TokenRefreshError } from '../../../../src/peloton/api/errors';
import { PELOTON_CLIENT_ID, LOCAL_STORAGE_KEY, decodeJwtPayload, parsePastedCredentials, refreshAccessToken } from '../../../../src/peloton/signIn/tokens';
import { makeJwt, makeJwtWithoutExp, makeLocalStorageValue } from '../../../fakePeloton/jwt';

const NOW = 1_768_000_000; // 2026-01-09, Unix s
const EXP = NOW + 172_800;
const jwt = makeJwt({ sub: 'user-1', exp: EXP, iat: NOW });

function refusal(pattern: RegExp) {
  return (error: unknown) => error instanceof TokenFormatError && pattern.test(error.message);
}

describe('parsePastedCredentials', () => {
  it('accepts a raw JWT and reads exp', () => {
    assert.deepEqual(parsePastedCredentials(jwt, NOW), { accessToken: jwt, expiresAt: EXP });
  });

  it('accepts "Bearer <JWT>" in any case, with surrounding whitespace', () => {
    assert.deepEqual(parsePastedCredentials(`  bearer ${jwt}\n`, NOW), { accessToken: jwt, expiresAt: EXP });
    assert.deepEqual(parsePastedCredentials(`Bearer ${jwt}`, NOW), { accessToken: jwt, expiresAt: EXP });
  });

  it('accepts the whole localStorage value, keeping the refresh token', () => {
    const value = makeLocalStorageValue({ accessToken: jwt, refreshToken: 'v1.refresh', expiresAt: EXP });
    assert.deepEqual(parsePastedCredentials(value, NOW), { accessToken: jwt, refreshToken: 'v1.refresh', expiresAt: EXP });
  });

  it('accepts the localStorage value as a quoted JSON string and with a BOM', () => {
    const value = makeLocalStorageValue({ accessToken: jwt, refreshToken: 'v1.r', expiresAt: EXP });
    assert.equal(parsePastedCredentials(JSON.stringify(value), NOW).refreshToken, 'v1.r');
    assert.equal(parsePastedCredentials(`\uFEFF${value}`, NOW).accessToken, jwt);
  });

  it('accepts "key: value" as copied from the developer tools row', () => {
    const value = makeLocalStorageValue({ accessToken: jwt, refreshToken: 'v1.r', expiresAt: EXP });
    assert.equal(parsePastedCredentials(`${LOCAL_STORAGE_KEY}: ${value}`, NOW).accessToken, jwt);
  });

  it('refuses garbage, naming what was expected', () => {
    for (const text of ['hello', 'not.a.jwt!', '12345', 'Bearer ', 'eyJ']) {
      assert.throws(() => parsePastedCredentials(text, NOW), refusal(/Paste the access token/), text);
    }
  });

  it('refuses an empty paste', () => {
    assert.throws(() => parsePastedCredentials('   ', NOW), refusal(/Nothing was pasted/));
  });

  it('refuses a JWT without exp', () => {
    assert.throws(() => parsePastedCredentials(makeJwtWithoutExp({ sub: 'u' }), NOW), refusal(/no expiry \("exp" claim\)/));
  });

  it('refuses an expired JWT, saying when it expired', () => {
    const old = makeJwt({ sub: 'u', exp: NOW - 60, iat: NOW - 172_860 });
    assert.throws(() => parsePastedCredentials(old, NOW), refusal(/expired on 2026-01-09 \d\d:\d\d UTC/));
  });

  it('refuses a localStorage value of another client id', () => {
    const value = makeLocalStorageValue({ accessToken: jwt, refreshToken: 'v1.r', expiresAt: EXP, clientId: 'someOtherClient' });
    assert.throws(() => parsePastedCredentials(value, NOW), refusal(/another application \(client id someOtherClient\)/));
  });

  it('refuses JSON that is not the token entry', () => {
    assert.throws(() => parsePastedCredentials('{"foo": 1}', NOW), refusal(/not the web app's token entry/));
    assert.throws(() => parsePastedCredentials('{"body": ', NOW), refusal(/looks like JSON but could not be read/));
  });

  it('decodeJwtPayload reads claims without checking the signature', () => {
    assert.equal(decodeJwtPayload(jwt).sub, 'user-1');
  });

  it('property: any string gives credentials or a TokenFormatError, never another error', () => {
    const arbitraryPaste = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map((p) => `eyJ${p.join('.')}`),
      fc.record({ body: fc.dictionary(fc.string(), fc.jsonValue()), expiresAt: fc.integer() }).map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(arbitraryPaste, (text) => {
        try {
          const credentials = parsePastedCredentials(text, NOW);
          assert.ok(credentials.expiresAt > NOW);
        } catch (error) {
          if (!(error instanceof TokenFormatError)) throw error;
        }
      }),
      { numRuns: 1000 },
    );
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
