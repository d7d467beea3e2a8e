/**
 * Stand-ins for VS Code's SecretStorage as two kinds of window see it, over one JSON file that plays the machine's
 * secret store (in a test's temporary folder, removed after it):
 * - `live`: desktop VS Code, where every window reads what any window stored last;
 * - `snapshot`: code-server (REAL_VSCODE.md, "Two windows"), where a window reads what the store held when it loaded
 *   plus its own writes; its writes still reach the store, which a window loaded later (a reload) reads.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseSessionRecord, serializeSessionRecord, type PelotonSessionRecord } from '../../../src/auth/sessionRecord';
import type { SessionSlot } from '../../../src/auth/sharedSession';

/** How a window sees the machine's secret store. */
export type SlotKind = 'live' | 'snapshot';

/** What the store file holds now. */
export function readStoreFile(file: string): PelotonSessionRecord | null {
  try {
    return parseSessionRecord(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Stores `record` in the store file (null: none), as a sign-in before the windows load would. */
export function writeStore(file: string, record: PelotonSessionRecord | null): void {
  if (record) writeFileSync(file, serializeSessionRecord(record));
  else rmSync(file, { force: true });
}

/** A window's view of the store file; a `snapshot` window loads it now. */
export function sessionSlot(file: string, kind: SlotKind): SessionSlot {
  let seen = kind === 'snapshot' ? readStoreFile(file) : null;
  const store = (record: PelotonSessionRecord | null) => {
    writeStore(file, record);
    seen = record;
  };
  return {
    read: async () => (kind === 'live' ? readStoreFile(file) : seen),
    write: async (record) => store(record),
    clear: async () => store(null),
  };
}
