/**
 * The cache discipline every install step of the real-VS-Code setup follows: a marker file says what a folder
 * holds; a missing or different marker means install again, into a partial folder renamed into place at the end,
 * so an interrupted install is never taken for a good one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { log, seconds } from './run';

/** One cached install, as done by {@link installOnce}. */
export interface InstallStep {
  /** What is installed, for the progress lines (e.g. `code-server 4.100.3`). */
  what: string;
  /** The folder it ends up in. */
  dir: string;
  /** What the marker file `<dir>/.installed` says when the folder is good (version, and the Node it was built for). */
  stamp: string;
  /** A path relative to `dir` that must exist in a good folder. */
  mustExist: string;
  /** Roughly how long it takes, said when it starts (e.g. `~2-4 min on 2 cores`). */
  expected?: string;
  /**
   * Fills the empty folder `partial` and checks the result (throwing when it is not good); progress goes to
   * `logFile` (`logs/<dir name>-install.log` beside `dir`, i.e. in the cache folder).
   */
  install(partial: string, logFile: string): Promise<void>;
}

/** True when `<dir>/.installed` says `stamp` and `<dir>/<mustExist>` exists. */
function isInstalled(step: InstallStep): boolean {
  const marker = path.join(step.dir, '.installed');
  return (
    fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === step.stamp && fs.existsSync(path.join(step.dir, step.mustExist))
  );
}

/**
 * Installs `step` unless its folder is already good (then a no-op that says so). A failed install leaves the
 * folder as it was (no partial folder, no marker). @throws what `install` throws.
 */
export async function installOnce(step: InstallStep): Promise<void> {
  if (isInstalled(step)) {
    log(`${step.what}: cached, skipped`);
    return;
  }
  const started = Date.now();
  const logDir = path.join(path.dirname(step.dir), 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${path.basename(step.dir)}-install.log`);
  fs.writeFileSync(logFile, '');
  const partial = `${step.dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  log(`${step.what}: installing${step.expected ? ` (${step.expected})` : ''}; log: ${logFile} …`);
  const ticker = setInterval(() => log(`${step.what}: still installing (${seconds(started)})`), 30_000);
  try {
    await step.install(partial, logFile);
    fs.rmSync(step.dir, { recursive: true, force: true });
    fs.renameSync(partial, step.dir);
    fs.writeFileSync(path.join(step.dir, '.installed'), `${step.stamp}\n`);
  } finally {
    clearInterval(ticker);
    fs.rmSync(partial, { recursive: true, force: true });
  }
  log(`${step.what}: ready (${seconds(started)})`);
}
