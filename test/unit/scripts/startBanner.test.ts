import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBanner, stopMessage, tokensFileText, writeTokensFile } from '../../../scripts/startBanner';

const input = {
  codeServerUrl: 'http://127.0.0.1:41234/',
  fakeApiUrl: 'http://127.0.0.1:38111',
  username: 'demo_rider',
  email: 'demo@example.test',
  password: 'demo-password-1',
  tokensFile: '.vscode-test/demo-tokens.txt',
  cacheDir: '.vscode-test/',
  cacheMegabytes: 1146,
  tokensPrinted: false,
};
/** The shapes of the fake's demo tokens: a JWT of about 700 characters and a localStorage value of about 1,300. */
const accessToken = `eyJhbGciOiJSUzI1NiJ9.${'a'.repeat(640)}.${'b'.repeat(40)}`;
const localStorageValue = JSON.stringify({ body: { access_token: accessToken, refresh_token: 'r'.repeat(400) }, expiresAt: 1 });

describe('npm start: the closing block, the demo tokens file, the stop message (scripts/startBanner.ts)', () => {
  it('names the URL, the forwarding of its port, the demo email and password, the tokens file, the disk use and Ctrl+C', () => {
    const text = startBanner(input);
    assert.match(text, /^ {2}Open {6}http:\/\/127\.0\.0\.1:41234\/$/m);
    assert.match(text, /127\.0\.0\.1 only\. From a container or another machine, forward port 41234/);
    assert.match(text, /ssh -L 41234:127\.0\.0\.1:41234 <host>/);
    assert.match(text, /^ +email {5}demo@example\.test$/m);
    assert.match(text, /^ +password {2}demo-password-1$/m);
    assert.match(text, /web-app localStorage value, both in this file \(readable by you only\):\n {14}\.vscode-test\/demo-tokens\.txt\n/);
    assert.match(text, /\.vscode-test\/ holds Node and code-server \(1,146 MB\); later runs reuse it\./);
    assert.match(startBanner({ ...input, cacheMegabytes: null }), /holds Node and code-server \(about 800 MB\)/);
    assert.match(text, /Fake API {2}http:\/\/127\.0\.0\.1:38111 \(rider "demo_rider"\)/);
    assert.match(text.trimEnd(), /Press Ctrl\+C to stop code-server and the fake Peloton API\.$/);
    assert.match(startBanner({ ...input, tokensPrinted: true }), /both printed above, and in this file/);
  });

  it('fits one screen: at most 22 lines, none wider than 110 characters, and no token in it', () => {
    const lines = startBanner({ ...input, tokensFile: '/home/rider/src/peloton-ftp-history/.vscode-test/demo-tokens.txt' }).split('\n');
    assert.ok(lines.length <= 22, `${lines.length} lines`);
    for (const line of lines) assert.ok(line.length <= 110, `${line.length} characters: ${line}`);
    assert.ok(!lines.join('\n').includes('eyJ'));
  });

  it('the tokens file holds the access token and the localStorage value, each alone on its line, beside comments', () => {
    const text = tokensFileText({ fakeApiUrl: input.fakeApiUrl, accessToken, localStorageValue });
    const values = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    assert.deepEqual(values, [accessToken, localStorageValue]);
    assert.match(text, /^# Demo credentials of the fake Peloton API at http:\/\/127\.0\.0\.1:38111/);
  });

  it('writes the tokens file with mode 0600, also over a file a killed run left readable by others', function () {
    if (process.platform === 'win32') this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'start-tokens-'));
    try {
      const file = join(dir, 'demo-tokens.txt');
      writeFileSync(file, 'old', { mode: 0o644 });
      writeTokensFile(file, { fakeApiUrl: input.fakeApiUrl, accessToken, localStorageValue });
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.ok(readFileSync(file, 'utf8').includes(`\n${accessToken}\n`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Ctrl+C says what it stopped, what it removed and what stays on disk', () => {
    const text = stopMessage(input);
    assert.match(text, /^Stopped code-server \(http:\/\/127\.0\.0\.1:41234\/\) and the fake Peloton API \(http:\/\/127\.0\.0\.1:38111\); removed \.vscode-test\/demo-tokens\.txt\.$/m);
    assert.match(text, /\.vscode-test\/ keeps Node and code-server for the next npm start \(delete it to free 1,146 MB\)\.$/m);
  });
});
