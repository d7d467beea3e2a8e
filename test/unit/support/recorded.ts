/**
 * Reads the recorded real Peloton responses from ../shared/fixtures/peloton-recorded (beside the repo).
 * They are reference data and are read in place, never copied into the project.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Folder of the recorded responses. */
export const RECORDED_DIR = resolve(__dirname, '../../../../shared/fixtures/peloton-recorded');

/** The raw text of one recorded file (byte-order mark kept, as recorded). */
export function recordedText(name: string): string {
  return readFileSync(resolve(RECORDED_DIR, name), 'utf8');
}

/** One recorded file parsed as JSON (byte-order mark removed). */
export function recordedJson(name: string): Record<string, unknown> {
  const text = recordedText(name);
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Record<string, unknown>;
}
