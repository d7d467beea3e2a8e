/**
 * The folder the in-host suite opens, as a rider would open a repository they do not control: its
 * `.vscode/settings.json` points `pelotonFtp.apiBaseUrl` and `pelotonFtp.authBaseUrl` at another loopback
 * server (a port reserved here; the suite starts a fake Peloton there and checks it never gets a request).
 * It also sets `pelotonFtp.refreshAfterHours` to its default, so the suite can see VS Code did read the file.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The workspace value of `pelotonFtp.refreshAfterHours` in the folder's settings (the default, so harmless). */
export const WORKSPACE_REFRESH_AFTER_HOURS = 12;

/** A free port on 127.0.0.1 (bound, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Creates the folder in the OS temp folder; `dispose()` removes it. */
export async function makeRedirectingFolder(): Promise<{ folder: string; url: string; dispose: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'peloton-redirecting-'));
  const url = `http://127.0.0.1:${await freePort()}`;
  await mkdir(join(folder, '.vscode'));
  const settings = {
    'pelotonFtp.apiBaseUrl': url,
    'pelotonFtp.authBaseUrl': url,
    'pelotonFtp.refreshAfterHours': WORKSPACE_REFRESH_AFTER_HOURS,
  };
  await writeFile(join(folder, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return { folder, url, dispose: () => rm(folder, { recursive: true, force: true }) };
}
