/**
 * Reading what a code-server run left on disk: every file under a folder, and the extension's own log. Used by the UI
 * suites (on a run's scratch folder) and by the in-host suites (on the extension's log and storage folders).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `folder`, recursively, as absolute paths; [] when the folder does not exist. Entries gone meanwhile are skipped. */
export function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((file) => statSync(file, { throwIfNoEntry: false })?.isFile());
}

/** The text of each "Peloton FTP" output channel log under `folder` (one per window's extension host), in no set order. */
export function pelotonLogs(folder: string): string[] {
  return filesUnder(folder)
    .filter((file) => file.endsWith('Peloton FTP.log'))
    .map((file) => readFileSync(file, 'utf8'));
}
