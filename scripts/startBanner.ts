/**
 * What `npm start` (scripts/start.ts) prints and writes: the short block it ends with, the demo tokens file, and
 * the lines Ctrl+C leaves. Kept apart from start.ts so that plain Node tests can check them without starting
 * anything.
 */
import { rmSync, writeFileSync } from 'node:fs';

/** What the closing block names. Paths are as the reader should see them (relative to the repository when inside it). */
export interface StartBannerInput {
  /** code-server's URL, e.g. `http://127.0.0.1:41234/`. */
  codeServerUrl: string;
  /** The fake Peloton API's URL, e.g. `http://127.0.0.1:38111`. */
  fakeApiUrl: string;
  /** The demo rider's Peloton username. */
  username: string;
  /** The demo account's email and password (the fake Auth0's, never a real account's). */
  email: string;
  password: string;
  /** Where the demo access token and web-app localStorage value are, e.g. `.vscode-test/demo-tokens.txt`. */
  tokensFile: string;
  /** The cache folder (Node 24, code-server, run folders), e.g. `.vscode-test/`. */
  cacheDir: string;
  /** The cache folder's size in MB as measured (`du`), or null when unknown (then the usual figure is given). */
  cacheMegabytes: number | null;
  /** True when `--print-tokens` printed the tokens above the block. */
  tokensPrinted: boolean;
}

/** The cache folder's size in words: the measured MB, or the usual size of a Node 24 and code-server 4.139 install. */
function cacheSize(megabytes: number | null): string {
  return megabytes === null ? 'about 800 MB' : `${megabytes.toLocaleString('en')} MB`;
}

/** The TCP port of a URL (its explicit port, else 80 or 443). */
function portOf(url: string): string {
  const parsed = new URL(url);
  return parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
}

/**
 * The block `npm start` ends with: where to open, how to sign in, where the tokens are, and what the machine
 * keeps. Short enough to stay on one screen (about 20 lines, none wider than 110 characters).
 */
export function startBanner(input: StartBannerInput): string {
  const port = portOf(input.codeServerUrl);
  const tokens = input.tokensPrinted ? 'printed above, and in' : 'in';
  return [
    '',
    'Peloton FTP History is running in VS Code (code-server), on the demo rider of the fake Peloton API.',
    '',
    `  Open      ${input.codeServerUrl}`,
    `            Listens on 127.0.0.1 only. From a container or another machine, forward port ${port}`,
    `            (VS Code's Ports view, or ssh -L ${port}:127.0.0.1:${port} <host>).`,
    '',
    '  Sign in   F1 → "Peloton: Sign In with Email and Password", with the demo account:',
    `              email     ${input.email}`,
    `              password  ${input.password}`,
    '            or F1 → "Peloton: Sign In with Access Token", and paste the demo access token or the',
    `            web-app localStorage value, both ${tokens} this file (readable by you only):`,
    `              ${input.tokensFile}`,
    '',
    `  Fake API  ${input.fakeApiUrl} (rider "${input.username}")`,
    `  Disk      ${input.cacheDir} holds Node and code-server (${cacheSize(input.cacheMegabytes)}); later runs reuse it.`,
    '',
    'Press Ctrl+C to stop code-server and the fake Peloton API.',
    '',
  ].join('\n');
}

/** The demo tokens file's text: the access token, then the web-app localStorage value, each on a line of its own. */
export function tokensFileText(input: { fakeApiUrl: string; accessToken: string; localStorageValue: string }): string {
  return [
    `# Demo credentials of the fake Peloton API at ${input.fakeApiUrl}, for this npm start only (removed when it stops).`,
    '# "Peloton: Sign In with Access Token" takes either of the two lines below.',
    '',
    '# The access token (expires in 48 hours):',
    input.accessToken,
    '',
    '# The whole web-app localStorage value (renews the access token with its refresh token):',
    input.localStorageValue,
    '',
  ].join('\n');
}

/**
 * Writes the demo tokens file readable and writable by its owner only (mode 0600). A file left by a killed run is
 * removed first, since a mode applies only when a file is created.
 */
export function writeTokensFile(path: string, input: Parameters<typeof tokensFileText>[0]): void {
  rmSync(path, { force: true });
  writeFileSync(path, tokensFileText(input), { mode: 0o600 });
}

/** What Ctrl+C prints once both are stopped. */
export function stopMessage(
  input: Pick<StartBannerInput, 'codeServerUrl' | 'fakeApiUrl' | 'tokensFile' | 'cacheDir' | 'cacheMegabytes'>,
): string {
  return [
    `Stopped code-server (${input.codeServerUrl}) and the fake Peloton API (${input.fakeApiUrl}); removed ${input.tokensFile}.`,
    `${input.cacheDir} keeps Node and code-server for the next npm start (delete it to free ${cacheSize(input.cacheMegabytes)}).`,
  ].join('\n');
}
