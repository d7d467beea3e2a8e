/**
 * The last good FTP history per Peloton account, kept as JSON files in the extension's global storage
 * folder (`context.globalStorageUri`): `history-<user id>.json`, with a schema version, written
 * atomically (temp file, then rename). A file that cannot be read is moved aside and reported, never
 * thrown at activation. Plain Node (no `vscode`), so it is tested outside VS Code.
 */
import * as l10n from '@vscode/l10n';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { FtpHistory, FtpWarning } from '../peloton/ftp/model';
import { legacyWarning } from './legacyWarnings';

/**
 * The version of the stored file's layout. 3 keeps warnings as data ({@link FtpWarning}); 2 added `history.listed`
 * (what the workout list gave). Versions 1 and 2 kept warnings as English sentences, read once on load by
 * {@link legacyWarning}; a version-1 file is read as a history without `listed` (the next refresh lists the workouts
 * once, keeping every stored test). The next save writes version 3; a file of any other version is set aside.
 */
export const HISTORY_SCHEMA_VERSION = 3;

const nullableNumber = z.number().nullable();
const workoutId = z.string();
const warningSchema: z.ZodType<FtpWarning> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no-ftp-test') }),
  z.object({ kind: z.literal('chain-cycle'), workoutId }),
  z.object({ kind: z.literal('chain-limit'), maxTests: z.number() }),
  z.object({ kind: z.literal('chain-missing'), workoutId }),
  z.object({ kind: z.literal('listed-test-missing'), workoutId }),
  z.object({ kind: z.literal('no-graph'), workoutId }),
  z.object({ kind: z.literal('no-avg-output'), workoutId }),
  z.object({ kind: z.literal('unreadable-graph'), workoutId, path: z.string().nullable() }),
  z.object({ kind: z.literal('baseline-no-source'), workoutId, rawBaseline: z.number() }),
  z.object({ kind: z.literal('baseline-unknown-source'), workoutId, rawBaseline: z.number(), source: z.string() }),
  z.object({ kind: z.literal('legacy'), text: z.string() }),
]);

/** The stored history's shape, its warnings read by `warning` (data in schema 3, sentences before). */
function historySchemaOf(warning: z.ZodType<FtpWarning, unknown>) {
  const warnings = z.array(warning);
  const test = z.object({
    workoutId: z.string(),
    takenAt: z.number(),
    rideTitle: z.string().nullable(),
    instructor: z.string().nullable(),
    avgOutput: nullableNumber,
    calculatedFtp: nullableNumber,
    baselineFtp: nullableNumber,
    baselineSource: z.string().nullable(),
    rawBaseline: nullableNumber,
    previousTestId: z.string().nullable(),
    applied: z.enum(['applied', 'not-applied']).nullable().default(null),
    warnings,
  });
  return z.object({
    rider: z.object({
      userId: z.string(),
      username: z.string(),
      currentFtp: nullableNumber,
      currentFtpSource: z.string().nullable(),
      estimatedFtp: nullableNumber,
      currentFtpWorkoutId: z.string().nullable(),
    }),
    tests: z.array(test),
    warnings,
    endReason: z.enum(['end', 'cycle', 'limit', 'missing']),
    fetchedAt: z.number(),
    listed: z
      .object({
        throughWorkoutId: z.string().nullable(),
        throughCreatedAt: nullableNumber,
        totalWorkouts: nullableNumber,
        lastWorkoutAt: nullableNumber,
        pendingTestIds: z.array(z.string()),
      })
      .nullable()
      .optional(),
  });
}

const sentenceHistorySchema = historySchemaOf(z.string().transform(legacyWarning));
/** Schema 3 (current); schema 2 (warnings as sentences); schema 1 (sentences, no `listed`: read as `listed: null`). */
const storedFileSchema = z.discriminatedUnion('schemaVersion', [
  z.object({ schemaVersion: z.literal(HISTORY_SCHEMA_VERSION), history: historySchemaOf(warningSchema) }),
  z.object({ schemaVersion: z.literal(2), history: sentenceHistorySchema }),
  z.object({ schemaVersion: z.literal(1), history: sentenceHistorySchema.omit({ listed: true }).transform((h) => ({ ...h, listed: null })) }),
]);

/** What `load` found: the history (or null), and a problem to report when a file had to be set aside. */
export interface LoadResult {
  history: FtpHistory | null;
  /** e.g. "The stored FTP history could not be read and was moved to history-u1.json.corrupt-…"; null when fine. */
  problem: string | null;
}

/** Reads and writes the stored histories in one folder. */
export class HistoryStore {
  /** @param folder the extension's global storage folder (created on first write). */
  constructor(private readonly folder: string) {}

  private fileFor(userId: string): string {
    return join(this.folder, `history-${userId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
  }

  /**
   * Loads the account's history; a missing file gives null, a corrupt one is renamed `*.corrupt-<time>` and
   * reported. Temp files left by a save that was killed half-way are removed.
   */
  async load(userId: string): Promise<LoadResult> {
    const file = this.fileFor(userId);
    await this.sweepTempFiles(file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { history: null, problem: null };
      return { history: null, problem: l10n.t('The stored FTP history could not be read ({0}).', (error as Error).message) };
    }
    try {
      const parsed = storedFileSchema.parse(JSON.parse(text));
      return { history: parsed.history, problem: null };
    } catch {
      const aside = `${file}.corrupt-${Date.now()}`;
      await rename(file, aside).catch(() => undefined);
      return { history: null, problem: l10n.t('The stored FTP history was unreadable and was set aside as {0}; it will be fetched again.', aside) };
    }
  }

  /**
   * Removes `<file>.<random>.tmp` leftovers of interrupted saves that are over a minute old (a younger one may
   * be another window's save in progress); never the history file itself.
   */
  private async sweepTempFiles(file: string): Promise<void> {
    const prefix = `${basename(file)}.`;
    const names = await readdir(this.folder).catch(() => [] as string[]);
    const cutoff = Date.now() - 60_000;
    await Promise.all(
      names
        .filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'))
        .map(async (n) => {
          const path = join(this.folder, n);
          const info = await stat(path).catch(() => null);
          if (info && info.mtimeMs < cutoff) await rm(path, { force: true });
        }),
    );
  }

  /**
   * Writes the account's history atomically and durably: a temp file in the same folder, flushed to disk (fsync)
   * before it is renamed over the history file, then the folder is flushed so the rename itself survives a power
   * cut. A save killed at any point leaves the old file whole (and at most a temp file the next load sweeps).
   */
  async save(history: FtpHistory): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const file = this.fileFor(history.rider.userId);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const body = JSON.stringify({ schemaVersion: HISTORY_SCHEMA_VERSION, history }, null, 1);
    try {
      await writeFile(temp, body, { encoding: 'utf8', flush: true });
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncFolder(this.folder);
  }
}

/**
 * Flushes a folder's entries (a rename into it) to disk. Windows cannot open a folder for this (and NTFS journals
 * renames), so there it is skipped; elsewhere a failure is thrown.
 */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
