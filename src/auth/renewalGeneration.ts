/**
 * The renewal generation: a counter that moves on at every change of the stored session (a renewal, a sign-in, a
 * sign-out) in any window, kept beside the renewal lock in `<folder>/generation.json` as
 * `{"generation":7,"changedAt":1768627639}` (a counter and Unix seconds: never a token). A session record carries the
 * generation it was stored at. A window whose record is older than the generation in force holds a refresh token that
 * another window has already presented (or a session another window replaced or ended): code-server windows do not
 * see each other's SecretStorage writes until they reload, so reading the secret again cannot tell. Plain Node.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';

/** The file's name inside the lock folder. */
export const GENERATION_FILE = 'generation.json';

const generationSchema = z.object({
  generation: z.number().int().nonnegative(),
  /** When the session last changed, Unix seconds. */
  changedAt: z.number(),
});

/** The generation in force: 0 (and `changedAt` null) before any change was recorded. */
export interface RenewalGeneration {
  generation: number;
  /** Unix seconds, or null before the first change. */
  changedAt: number | null;
}

/** The generation in force in `folder`; generation 0 when the file is missing or unreadable. Never throws. */
export async function readGeneration(folder: string): Promise<RenewalGeneration> {
  try {
    return generationSchema.parse(JSON.parse(await readFile(join(folder, GENERATION_FILE), 'utf8')));
  } catch {
    return { generation: 0, changedAt: null };
  }
}

/**
 * Records a new generation in `folder` (which must exist) atomically: a temp file renamed over the old one, so a
 * reader sees the old or the new, never half. Call it holding the renewal lock.
 * @param changedAt Unix seconds.
 * @throws the file system's error.
 */
export async function writeGeneration(folder: string, generation: number, changedAt: number): Promise<void> {
  const file = join(folder, GENERATION_FILE);
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(generationSchema.parse({ generation, changedAt })), 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * True when a record stored at `recordGeneration` (undefined: a record from before generations, read as 0) is of the
 * generation in force or newer, i.e. no window changed the session since: its refresh token may be presented.
 */
export function isCurrentGeneration(recordGeneration: number | undefined, inForce: RenewalGeneration): boolean {
  return (recordGeneration ?? 0) >= inForce.generation;
}

/** The generation the next change stores: one past both the record's and the one in force. */
export function nextGeneration(recordGeneration: number | undefined, inForce: RenewalGeneration): number {
  return Math.max(recordGeneration ?? 0, inForce.generation) + 1;
}
