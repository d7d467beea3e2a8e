import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TokenFormatError } from '../../../../src/peloton/api/errors';
import { LOCAL_STORAGE_KEY, decodeJwtPayload, parsePastedCredentials } from '../../../../src/peloton/signIn/tokens';
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
