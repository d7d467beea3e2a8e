/** The small parts of the password sign-in: the origin-only cookie jar, the hidden-form reader, the fingerprint redaction. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OriginCookieJar } from '../../../../src/peloton/signIn/cookieJar';
import { decodeHtmlEntities, parseHiddenForm } from '../../../../src/peloton/signIn/hiddenForm';
import { fingerprintSecret, redactFingerprint } from '../../../../src/peloton/api/secretFingerprint';

describe('OriginCookieJar', () => {
  const origin = 'https://auth.example.com';

  it('keeps cookies of its origin only, and sends them only there', () => {
    const jar = new OriginCookieJar(origin);
    jar.store('https://auth.example.com/authorize', ['auth0=s1; Path=/; HttpOnly; Secure; SameSite=None']);
    jar.store('https://evil.example.net/x', ['stolen=1; Path=/']);
    jar.store('http://auth.example.com/x', ['plain=1; Path=/']); // another origin (scheme)
    assert.equal(jar.header('https://auth.example.com/login'), 'auth0=s1');
    assert.equal(jar.header('https://evil.example.net/login'), undefined);
    assert.equal(jar.header('http://auth.example.com/login'), undefined);
  });

  it('matches paths as RFC 6265 says: _csrf on /usernamepassword/login only', () => {
    const jar = new OriginCookieJar(origin);
    jar.store(`${origin}/login?state=x`, ['_csrf=c1; Path=/usernamepassword/login; Max-Age=864000', 'auth0=s1; Path=/']);
    assert.equal(jar.header(`${origin}/usernamepassword/login`), '_csrf=c1; auth0=s1');
    assert.equal(jar.header(`${origin}/usernamepassword/loginx`), 'auth0=s1');
    assert.equal(jar.header(`${origin}/login/callback`), 'auth0=s1');
    assert.equal(jar.get('_csrf', '/usernamepassword/login'), 'c1');
    assert.equal(jar.get('_csrf', '/login'), undefined);
  });

  it('drops expired cookies and ignores a Domain of another host', () => {
    const jar = new OriginCookieJar(origin);
    jar.store(`${origin}/`, ['a=1; Path=/', 'b=2; Path=/; Domain=other.example.org', 'c=3; Path=/; Expires=Thu, 01 Jan 2015 00:00:00 GMT']);
    assert.equal(jar.header(`${origin}/`), 'a=1');
    jar.store(`${origin}/`, ['a=gone; Path=/; Max-Age=0']);
    assert.equal(jar.header(`${origin}/`), undefined);
  });

  it('sends Secure cookies over http only to loopback', () => {
    const local = new OriginCookieJar('http://127.0.0.1:8080');
    local.store('http://127.0.0.1:8080/authorize', ['s=1; Path=/; Secure']);
    assert.equal(local.header('http://127.0.0.1:8080/login'), 's=1');
  });
});

describe('parseHiddenForm', () => {
  it("reads Auth0's form: action and hidden fields, entities decoded, other inputs ignored", () => {
    const html =
      '<form method="post" name="hiddenform" action="https://auth.example.com/login/callback">' +
      '<input type="hidden" name="wa" value="wsignin1.0">' +
      '<input type="hidden" name="wctx" value="{&#34;state&#34;:&#34;a&amp;b&#34;}">' +
      "<input type='hidden' name='single' value='x'>" +
      '<input type="submit" value="Submit"></form>';
    assert.deepEqual(parseHiddenForm(html), {
      action: 'https://auth.example.com/login/callback',
      fields: { wa: 'wsignin1.0', wctx: '{"state":"a&b"}', single: 'x' },
    });
  });

  it('is null without a form or without an action', () => {
    assert.equal(parseHiddenForm('<html><body>Just a moment...</body></html>'), null);
    assert.equal(parseHiddenForm('<form method="post"><input type="hidden" name="a" value="b"></form>'), null);
  });

  it('decodes numeric and named references, leaves unknown ones', () => {
    assert.equal(decodeHtmlEntities('&#x22;&#39;&lt;&gt;&quot;&unknown;'), '"\'<>"&unknown;');
  });
});

describe('redactFingerprint', () => {
  it('removes a secret it never holds, wherever it appears, and tokens as redact() does', () => {
    const secret = 'Hunter2-Secret!';
    const fp = fingerprintSecret(secret);
    assert.ok(fp && !JSON.stringify(fp).includes(secret));
    assert.equal(redactFingerprint(`x${secret}y ${secret}`, fp), 'x[redacted]y [redacted]');
    assert.equal(redactFingerprint('Bearer abcdefghijklmnop', fp), 'Bearer [redacted]');
  });

  it('property: the secret never survives, wherever it sits', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4, maxLength: 20 }), fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (secret, before, after) => {
        fc.pre(!'[redacted]'.includes(secret));
        const out = redactFingerprint(`${before}${secret}${after}`, fingerprintSecret(secret));
        assert.ok(!out.includes(secret) || out.length === 0, out);
      }),
    );
  });

  it('no fingerprint for secrets under 4 characters (they would eat ordinary words)', () => {
    assert.equal(fingerprintSecret('abc'), null);
    assert.equal(redactFingerprint('abc', null), 'abc');
  });
});
