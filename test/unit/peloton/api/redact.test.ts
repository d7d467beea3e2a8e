import assert from 'node:assert/strict';
import fc from 'fast-check';
import { REDACTED, redact } from '../../../../src/peloton/api/redact';
import { makeJwt, makeLocalStorageValue } from '../../../fakePeloton/jwt';

const JWT = makeJwt({ sub: 'user-1', exp: 1_768_172_800, iat: 1_768_000_000 });
const REFRESH = 'v1.MRrtKx3Qw9-Zp_7sT2yL0dNc8aFhUeJbVgWiOoPqRs.AbCdEf';

/** True when no piece of the secret long enough to matter (12 characters) survives in `text`. */
function leaks(text: string, secret: string): boolean {
  for (let i = 0; i + 12 <= secret.length; i++) if (text.includes(secret.slice(i, i + 12))) return true;
  return false;
}

describe('redact', () => {
  describe('access tokens (JWTs)', () => {
    it('replaces a bare JWT wherever it stands', () => {
      assert.equal(redact(JWT), REDACTED);
      assert.equal(redact(`token ${JWT} refused`), `token ${REDACTED} refused`);
      assert.equal(redact(`(${JWT})`), `(${REDACTED})`);
    });

    it('replaces every JWT in a text, not just the first', () => {
      const other = makeJwt({ sub: 'user-2', exp: 1_800_000_000 });
      assert.equal(redact(`${JWT} then ${other}`), `${REDACTED} then ${REDACTED}`);
    });

    it('replaces a JWT with an empty signature part (unsigned, "alg":"none")', () => {
      const [h, p] = JWT.split('.');
      assert.equal(redact(`t=${h}.${p}.`), `t=${REDACTED}`);
    });
  });

  describe('refresh tokens (v1.…)', () => {
    it('replaces an Auth0 refresh token', () => {
      assert.equal(redact(`kept ${REFRESH} for later`), `kept ${REDACTED} for later`);
    });

    it('leaves short v1. strings and version numbers alone', () => {
      for (const text of ['v1.short', 'undici v1.2.3', 'engine ^1.100.0', 'GET /api/v1.2/thing']) {
        assert.equal(redact(text), text);
      }
    });
  });

  describe('Authorization header values', () => {
    it('replaces the value after "Bearer", whatever it looks like, in any case', () => {
      assert.equal(redact('Authorization: Bearer abc123opaque'), `Authorization: Bearer ${REDACTED}`);
      assert.equal(redact('authorization: bearer abc123opaque'), `authorization: bearer ${REDACTED}`);
      assert.equal(redact(`Authorization: Bearer ${JWT}`), `Authorization: Bearer ${REDACTED}`);
    });

    it('stops at the quote, comma or semicolon that ends the header value', () => {
      assert.equal(redact('{"authorization":"Bearer opaque-1234","accept":"application/json"}'), `{"authorization":"Bearer ${REDACTED}","accept":"application/json"}`);
      assert.equal(redact("headers: 'Bearer opaque-1234', next"), `headers: 'Bearer ${REDACTED}', next`);
      assert.equal(redact('Bearer opaque-1234; charset'), `Bearer ${REDACTED}; charset`);
    });

    it('leaves "token_type":"Bearer" alone (nothing follows the word)', () => {
      const text = '{"expires_in":172800,"token_type":"Bearer","scope":"openid offline_access"}';
      assert.equal(redact(text), text);
    });
  });

  describe('token fields in JSON and form bodies', () => {
    it('replaces access_token, refresh_token and id_token values in JSON, keeping the other fields', () => {
      const body = JSON.stringify({ access_token: 'opaque-access', refresh_token: 'opaque-refresh', id_token: 'opaque-id', expires_in: 172800, token_type: 'Bearer' });
      assert.equal(
        redact(body),
        `{"access_token":"${REDACTED}","refresh_token":"${REDACTED}","id_token":"${REDACTED}","expires_in":172800,"token_type":"Bearer"}`,
      );
    });

    it('handles spaces around the colon and camelCase names', () => {
      assert.equal(redact('{"accessToken" : "opaque-a", "refreshToken": "opaque-r"}'), `{"accessToken" : "${REDACTED}", "refreshToken": "${REDACTED}"}`);
    });

    it('replaces the refresh grant form field, keeping grant_type and client_id', () => {
      const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: 'WVoJxVDdPoFx4RNewvvg6ch2mZ7bwnsM', refresh_token: 'opaque.refresh-xyz' }).toString();
      assert.equal(redact(form), `grant_type=refresh_token&client_id=WVoJxVDdPoFx4RNewvvg6ch2mZ7bwnsM&refresh_token=${REDACTED}`);
    });

    it('leaves the web app localStorage value without any token, its other fields intact', () => {
      const value = makeLocalStorageValue({ accessToken: JWT, refreshToken: REFRESH, expiresAt: 1_768_172_800 });
      const out = redact(value);
      assert.ok(!leaks(out, JWT) && !leaks(out, REFRESH), out);
      const parsed = JSON.parse(out) as { body: Record<string, unknown>; expiresAt: number };
      assert.equal(parsed.body.access_token, REDACTED);
      assert.equal(parsed.body.refresh_token, REDACTED);
      assert.equal(parsed.body.client_id, 'WVoJxVDdPoFx4RNewvvg6ch2mZ7bwnsM');
      assert.equal(parsed.body.scope, 'openid offline_access');
      assert.equal(parsed.expiresAt, 1_768_172_800);
    });
  });

  describe('named secrets', () => {
    it('replaces every occurrence of each named secret, whatever its shape', () => {
      assert.equal(redact('a=s3cret-value b=s3cret-value c=other-secret!', ['s3cret-value', 'other-secret']), `a=${REDACTED} b=${REDACTED} c=${REDACTED}!`);
    });

    it('ignores undefined, empty and short (< 8 characters) secrets instead of shredding the text', () => {
      const text = 'GET /api/me → 200 in 12 ms (4096 bytes)';
      assert.equal(redact(text, [undefined, '', 'a', 'GET', '200', 'me → 2']), text);
    });

    it('a named secret that is also a JWT leaves a single marker', () => {
      assert.equal(redact(`x ${JWT} y`, [JWT]), `x ${REDACTED} y`);
    });
  });

  describe('nothing else is mangled', () => {
    it('leaves the log lines the extension writes as they are', () => {
      const lines = [
        'GET /api/me → 200 in 143 ms (4811 bytes)',
        'GET /api/workout/0f3c2a9b8d7e6f5a4b3c2d1e0f9a8b7c/performance_graph → 404 in 37 ms (98 bytes)',
        'Walk: 3 new or re-read test(s), stopped because end, 812 ms',
        'Workout 0f3c2a9b8d7e6f5a4b3c2d1e0f9a8b7c was not found (404): the history ends there.',
        'Could not reach https://api.onepeloton.com/api/me: the connection was reset (ECONNRESET)',
        'GET /api/me: Not logged in (HTTP 401, error_code 3020)',
        'Peloton refused to renew the session (HTTP 403, invalid_grant: Unknown or invalid refresh token.)',
        'The stored FTP history was unreadable and was set aside as /home/u/.config/history-abc.json.corrupt-1768000000000',
        'User-Agent: PelotonFtpHistory-VSCode/0.1.0; Peloton-Platform: web',
        'https://members.onepeloton.com/profile/workouts/0f3c2a9b8d7e6f5a4b3c2d1e0f9a8b7c',
        '',
      ];
      for (const line of lines) assert.equal(redact(line), line);
    });

    it('property: text without eyJ, v1., bearer or token field names comes back unchanged', () => {
      const safe = fc.string({ unit: fc.constantFrom(...'abcdefgh xyz0123456789.-_/:=&"{},'.split('')), maxLength: 200 });
      fc.assert(fc.property(safe, (text) => redact(text) === text));
    });

    it('property: redacting twice gives the same text as redacting once, and never leaks the token', () => {
      const around = fc.string({ maxLength: 40 });
      const secretIn = fc.constantFrom(JWT, REFRESH, `Bearer opaque-${'q'.repeat(20)}`, `refresh_token=opaque${'z'.repeat(20)}`);
      fc.assert(
        fc.property(around, secretIn, around, (before, secret, after) => {
          const once = redact(`${before} ${secret} ${after}`);
          assert.equal(redact(once), once);
          assert.ok(!once.includes(JWT) && !once.includes(REFRESH) && !once.includes('q'.repeat(20)) && !once.includes('z'.repeat(20)), once);
        }),
      );
    });
  });
});
