/**
 * A VS Code window in a process of its own, for test/unit/auth/renewalRace.test.ts: run as
 * `node --import tsx windowProcess.ts '<WindowOptions as JSON>'`, it opens its window (renewingWindow.ts), prints
 * `ready`, waits for a line on stdin, asks for an access token once, and prints one JSON line of
 * WindowReport (renewingWindow.ts). Tokens never leave it: it reports SHA-256 fingerprints.
 */
import { createInterface } from 'node:readline';
import { SessionExpiredError, SessionOutdatedError } from '../../../src/auth/sessionErrors';
import { fingerprint, openWindow, type WindowOptions, type WindowReport } from './renewingWindow';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as WindowOptions;
  const presented: string[] = [];
  const window = await openWindow({ ...options, onPresent: (token) => void presented.push(fingerprint(token)) });
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  lines.close();
  const report: WindowReport = { outcome: 'token', accessToken: null, presented, log: window.log };
  try {
    report.accessToken = fingerprint(await window.tokens.getAccessToken());
  } catch (error) {
    report.outcome = error instanceof SessionOutdatedError ? 'outdated' : error instanceof SessionExpiredError ? 'expired' : 'error';
    report.log.push(String(error));
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

void main();
