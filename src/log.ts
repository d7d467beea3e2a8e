/**
 * The "Peloton FTP" log (a LogOutputChannel). Every line passes through `redact`, with the session's
 * current tokens named, so no access token, refresh token or Authorization header is ever written.
 */
import * as vscode from 'vscode';
import type { ExchangeRecord } from './peloton/api/pelotonApi';
import { redact } from './peloton/api/redact';

/** The extension's log: levelled lines, each redacted. */
export interface PelotonLog extends vscode.Disposable {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** One line per HTTP exchange: method, path, status, milliseconds, bytes, retries. */
  exchange(record: ExchangeRecord): void;
  /** Reveals the channel. */
  show(): void;
}

/**
 * Creates the log channel.
 * @param secrets returns the strings to redact besides the built-in patterns (the session's tokens).
 */
export function createLog(secrets: () => readonly (string | undefined)[]): PelotonLog {
  const channel = vscode.window.createOutputChannel('Peloton FTP', { log: true });
  const clean = (message: string) => redact(message, secrets());
  return {
    info: (message) => channel.info(clean(message)),
    warn: (message) => channel.warn(clean(message)),
    error: (message) => channel.error(clean(message)),
    exchange: (r) => {
      const retries = r.retries > 0 ? `, ${r.retries} ${r.retries === 1 ? 'retry' : 'retries'}` : '';
      const line = clean(`${r.method} ${r.path} → ${r.status || 'no answer'} in ${r.ms} ms (${r.bytes} bytes${retries})`);
      if (r.status >= 200 && r.status < 400) channel.info(line);
      else channel.warn(line);
    },
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
