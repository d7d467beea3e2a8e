import assert from 'node:assert/strict';
import { BaseUrlError, checkBaseUrl, isLoopbackHost } from '../../../../src/peloton/api/baseUrl';
import { PelotonError } from '../../../../src/peloton/api/errors';

const SETTING = 'pelotonFtp.apiBaseUrl';

function refused(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof BaseUrlError, `expected a BaseUrlError, got ${String(error)}`);
    assert.ok(error instanceof PelotonError);
    assert.match(error.message, pattern);
    return true;
  };
}

describe('checkBaseUrl', () => {
  it('accepts https anywhere and returns the origin (no path, query or trailing slash)', () => {
    assert.equal(checkBaseUrl('https://api.onepeloton.com', SETTING), 'https://api.onepeloton.com');
    assert.equal(checkBaseUrl('https://api.onepeloton.com/', SETTING), 'https://api.onepeloton.com');
    assert.equal(checkBaseUrl('https://auth.onepeloton.com/oauth/token?x=1#frag', SETTING), 'https://auth.onepeloton.com');
    assert.equal(checkBaseUrl('https://proxy.example.com:8443/peloton/', SETTING), 'https://proxy.example.com:8443');
  });

  it('normalises: trims whitespace, lower-cases scheme and host, drops the default port', () => {
    assert.equal(checkBaseUrl('  HTTPS://API.OnePeloton.COM:443/  ', SETTING), 'https://api.onepeloton.com');
    assert.equal(checkBaseUrl('http://127.0.0.1:80/', SETTING), 'http://127.0.0.1');
  });

  it('accepts http only to loopback: 127.x.x.x, localhost and [::1], keeping the port', () => {
    assert.equal(checkBaseUrl('http://127.0.0.1:8080', SETTING), 'http://127.0.0.1:8080');
    assert.equal(checkBaseUrl('http://127.45.6.7:3000/api', SETTING), 'http://127.45.6.7:3000');
    assert.equal(checkBaseUrl('http://localhost:5000/', SETTING), 'http://localhost:5000');
    assert.equal(checkBaseUrl('http://LOCALHOST', SETTING), 'http://localhost');
    assert.equal(checkBaseUrl('http://[::1]:9000/', SETTING), 'http://[::1]:9000');
  });

  it('judges the host after URL parsing, so spellings of loopback are loopback', () => {
    assert.equal(checkBaseUrl('http://[0:0:0:0:0:0:0:1]:9000', SETTING), 'http://[::1]:9000');
    assert.equal(checkBaseUrl('http://127.1:8080', SETTING), 'http://127.0.0.1:8080');
    assert.equal(checkBaseUrl('http://0x7f000001:8080', SETTING), 'http://127.0.0.1:8080');
  });

  it('refuses http to any other host, saying the token would travel unencrypted', () => {
    const cases = [
      'http://api.onepeloton.com',
      'http://10.0.0.5:8080',
      'http://192.168.1.20',
      'http://0.0.0.0:8080',
      'http://[::2]',
      'http://localhost.evil.example',
      'http://127.0.0.1.evil.example',
      'http://evil.example/127.0.0.1',
      'http://128.0.0.1',
    ];
    for (const url of cases) {
      assert.throws(() => checkBaseUrl(url, SETTING), refused(/^The setting pelotonFtp\.apiBaseUrl uses http:\/\/ to .+: the access token would travel unencrypted/), url);
    }
    assert.throws(
      () => checkBaseUrl('http://api.onepeloton.com', SETTING),
      refused(/uses http:\/\/ to api\.onepeloton\.com: .* Use https:\/\/, or http:\/\/ only for 127\.0\.0\.1 or localhost\.$/),
    );
  });

  it('refuses a user name or password, without echoing them', () => {
    for (const url of ['https://rider:hunter2@api.onepeloton.com', 'https://rider@api.onepeloton.com', 'http://:pw@127.0.0.1:8080']) {
      assert.throws(
        () => checkBaseUrl(url, SETTING),
        (error: unknown) => {
          refused(/^The setting pelotonFtp\.apiBaseUrl must not contain a user name or password\.$/)(error);
          assert.ok(!(error as Error).message.includes('hunter2'));
          return true;
        },
        url,
      );
    }
  });

  it('refuses other schemes, naming the scheme', () => {
    assert.throws(() => checkBaseUrl('ftp://api.onepeloton.com', SETTING), refused(/must be an https:\/\/ URL, got ftp:\/\/\.$/));
    assert.throws(() => checkBaseUrl('file:///etc/passwd', SETTING), refused(/got file:\/\//));
    assert.throws(() => checkBaseUrl('ws://127.0.0.1:8080', SETTING), refused(/got ws:\/\//));
    assert.throws(() => checkBaseUrl('javascript:alert(1)', SETTING), refused(/got javascript:\/\//));
    assert.throws(() => checkBaseUrl('data:text/plain,hi', SETTING), refused(/got data:\/\//));
  });

  it('refuses text that is not an absolute URL, naming the setting and the value', () => {
    for (const value of ['', '   ', 'api.onepeloton.com', '/api', 'https://', 'http://[::1']) {
      assert.throws(() => checkBaseUrl(value, 'pelotonFtp.authBaseUrl'), refused(/^The setting pelotonFtp\.authBaseUrl is not a URL: ".*"\.$/), JSON.stringify(value));
    }
  });
});

describe('isLoopbackHost', () => {
  it('knows localhost, 127.0.0.0/8 and ::1 (with or without brackets)', () => {
    for (const host of ['localhost', 'LocalHost', '127.0.0.1', '127.255.255.254', '127.0.1.1', '::1', '[::1]']) assert.equal(isLoopbackHost(host), true, host);
  });

  it('refuses everything else', () => {
    for (const host of ['', 'localhost.', 'my-localhost', '127.0.0', '127.0.0.1.nip.io', '1127.0.0.1', '10.0.0.1', '::', '::2', '0:0:0:0:0:0:0:2', 'example.com']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});
