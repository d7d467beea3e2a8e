/**
 * The FTP history the views show: loaded from the store at once, refreshed by the domain's history builder
 * (`refreshHistory` in src/peloton/ftp/historyBuilder.ts: workout list, chain, figures, merge), with progress in
 * the FTP Tests view and cancellation. This file keeps only VS Code work: progress (coalesced), context keys,
 * notices and the store. A failed refresh keeps the last good history on screen and says why; an expired
 * session offers Sign In. A rebuild builds the history from scratch in the background and replaces the one on
 * screen only when it completes.
 */
import { userMessage } from '../l10n/errorMessages';
import { warningMessage } from '../l10n/warningMessages';
import * as vscode from 'vscode';
import type { PelotonAuthProvider } from '../auth/authProvider';
import { showSessionProblem } from '../auth/sessionNotices';
import type { HistoryStore } from './historyStore';
import type { PelotonLog } from '../log';
import type { PelotonApi } from '../peloton/api/pelotonApi';
import { isAbortError } from '../peloton/api/errors';
import { refreshHistory, type RefreshProgress } from '../peloton/ftp/historyBuilder';
import type { FtpHistory } from '../peloton/ftp/model';
import type { PelotonMe } from '../peloton/api/schemas';
import { nowSeconds } from '../shared/dates';
import type { PelotonSettings } from '../settings';
import { COMMANDS, CONTEXT, VIEWS } from '../ids';

/** What the views draw from. */
export interface HistoryState {
  /** The history on screen: the last good one; null before the first refresh or when signed out. */
  history: FtpHistory | null;
  /** True while a refresh runs. */
  refreshing: boolean;
  /** FTP tests found so far by the running refresh. */
  found: number;
  /** FTP tests whose figures the running refresh has fetched so far. */
  fetched: number;
  /** Why the last refresh failed or stopped short (user-facing), null when it went well. */
  notice: string | null;
}

/** How a refresh ended. */
export type RefreshOutcome = 'updated' | 'unchanged' | 'cancelled' | 'failed' | 'signed-out' | 'busy';

/** What the service needs. */
export interface HistoryServiceDeps {
  auth: PelotonAuthProvider;
  store: HistoryStore;
  createApi: () => PelotonApi;
  settings: () => PelotonSettings;
  log: PelotonLog;
  /**
   * The GET /api/me the sign-in check just made for this user id, handed over once (then forgotten), so the
   * first refresh after sign-in does not ask again; undefined when there is none or it is stale.
   */
  takeSignInMe?: (userId: string) => PelotonMe | undefined;
}

/** What a run of the builder is: a refresh (after sign-in, with its GET /api/me) or a rebuild from scratch. */
interface RefreshHow {
  me?: PelotonMe;
  fromScratch: boolean;
}

/** At most one progress redraw per this many milliseconds (a redraw per test would cost more than the test). */
export const PROGRESS_INTERVAL_MS = 100;

/** Holds the history on screen and refreshes it. */
export class HistoryService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires whenever `state` changes. */
  readonly onDidChange = this.changed.event;
  private current: HistoryState = { history: null, refreshing: false, found: 0, fetched: 0, notice: null };
  private abort: AbortController | null = null;
  private running: Promise<RefreshOutcome> | null = null;
  /** The latest progress not yet shown, and the timer that will show it. */
  private pendingProgress: RefreshProgress | null = null;
  private progressTimer: ReturnType<typeof setTimeout> | null = null;
  private shownPhase: RefreshProgress['phase'] | null = null;
  /** The store writes not yet done (the history is shown first, then stored). */
  private storing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: HistoryServiceDeps) {}

  /** The current state (read-only snapshot). */
  get state(): Readonly<HistoryState> {
    return this.current;
  }

  private update(patch: Partial<HistoryState>): void {
    const before = this.current;
    this.current = { ...before, ...patch };
    // Context keys only when they change, not on every progress update.
    if (this.current.refreshing !== before.refreshing) {
      void vscode.commands.executeCommand('setContext', CONTEXT.refreshing, this.current.refreshing);
    }
    const hasHistory = (this.current.history?.tests.length ?? 0) > 0;
    if (hasHistory !== (before.history?.tests.length ?? 0) > 0) {
      void vscode.commands.executeCommand('setContext', CONTEXT.hasHistory, hasHistory);
    }
    this.changed.fire();
  }

  /**
   * Takes a progress report from the builder (it may call often): a change of phase is shown at once, the
   * rest at most once per {@link PROGRESS_INTERVAL_MS}, so the view redraws a few times a second, not per test.
   */
  private progress(progress: RefreshProgress): void {
    this.pendingProgress = { ...progress };
    if (progress.phase !== this.shownPhase) return this.flushProgress();
    this.progressTimer ??= setTimeout(() => this.flushProgress(), PROGRESS_INTERVAL_MS);
  }

  /** Shows the latest progress report, if any, and stops the timer. */
  private flushProgress(): void {
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.progressTimer = null;
    const progress = this.pendingProgress;
    this.pendingProgress = null;
    if (!progress || !this.current.refreshing) return;
    this.shownPhase = progress.phase;
    if (progress.found !== this.current.found || progress.fetched !== this.current.fetched) {
      this.update({ found: progress.found, fetched: progress.fetched });
    }
  }

  /** Drops progress not yet shown (the refresh ended). */
  private dropProgress(): void {
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.progressTimer = null;
    this.pendingProgress = null;
    this.shownPhase = null;
  }

  /** Ends a cancelled refresh or rebuild: the history on screen stays as it was. */
  private cancelled(fromScratch = false): RefreshOutcome {
    const notice = fromScratch
      ? vscode.l10n.t('Rebuild cancelled: showing the history as it was.')
      : vscode.l10n.t('Refresh cancelled: showing the history as it was.');
    this.update({ refreshing: false, notice });
    return 'cancelled';
  }

  /**
   * Shows the stored history of the signed-in rider at once, then refreshes when it is missing or older
   * than `pelotonFtp.refreshAfterHours`. Never throws.
   */
  async start(): Promise<void> {
    const record = this.deps.auth.current;
    if (!record) return this.clear();
    // Taken (and so forgotten) now: only the refresh right after sign-in may stand on it.
    const me = this.deps.takeSignInMe?.(record.userId);
    const readStarted = performance.now();
    const loaded = await this.deps.store.load(record.userId);
    if (loaded.history) this.deps.log.info(`Stored history: ${loaded.history.tests.length} test(s), read in ${Math.round(performance.now() - readStarted)} ms`);
    if (loaded.problem) {
      this.deps.log.warn(loaded.problem);
      void vscode.window.showWarningMessage(loaded.problem);
    }
    if (loaded.history) this.update({ history: loaded.history, notice: null });
    else if (this.current.history && this.current.history.rider.userId !== record.userId) this.update({ history: null, notice: null });
    let hours = 12;
    try {
      hours = this.deps.settings().refreshAfterHours;
    } catch {
      // a bad base URL is reported by the refresh itself
    }
    const age = loaded.history ? nowSeconds() - loaded.history.fetchedAt : Infinity;
    if (!loaded.history || (hours > 0 && age > hours * 3600)) await this.refresh(me);
  }

  /** Forgets the history on screen (at sign-out; the stored file is kept for the next sign-in). */
  clear(): void {
    this.abort?.abort();
    this.update({ history: null, notice: null, found: 0, fetched: 0 });
  }

  /** Cancels a running refresh; the history on screen stays as it was. */
  cancel(): void {
    this.abort?.abort();
  }

  /**
   * Refreshes the history (only what the stored one lacks) with progress in the view. One refresh at a time:
   * a second call while one runs answers `busy`.
   * @param me the GET /api/me the sign-in check just made for this account (saves that request); only for the
   *   refresh that follows sign-in at once: any other refresh asks Peloton afresh.
   */
  refresh(me?: PelotonMe): Promise<RefreshOutcome> {
    return this.runOne({ me, fromScratch: false });
  }

  /**
   * Builds the history from scratch: every FTP test is listed and fetched again and nothing of the stored history
   * is reused (not even the answers about classes), with progress and a Cancel button in a notification. The history
   * on screen stays until the rebuild completes, then the new one replaces it and is stored; a failed or cancelled
   * rebuild keeps it. One refresh or rebuild at a time: a call while one runs answers `busy`.
   */
  rebuild(): Promise<RefreshOutcome> {
    return this.runOne({ fromScratch: true });
  }

  private runOne(how: RefreshHow): Promise<RefreshOutcome> {
    if (this.running) return Promise.resolve('busy');
    const running = this.runRefresh(how).finally(() => {
      this.running = null;
    });
    this.running = running;
    // Another refresh may start once this one's history is on screen; the caller hears the outcome once it is stored.
    return running.then(async (outcome) => {
      await this.storing;
      return outcome;
    });
  }

  /** Runs the builder under the progress a refresh shows in the view, or a rebuild in a cancellable notification. */
  private withProgress<T>(fromScratch: boolean, abort: AbortController, task: () => Promise<T>): Thenable<T> {
    if (!fromScratch) return vscode.window.withProgress({ location: { viewId: VIEWS.tests }, title: vscode.l10n.t('Refreshing your FTP tests') }, task);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rebuilding your FTP history'), cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        const told = this.onDidChange(() => {
          const { found, fetched } = this.current;
          if (found > 0) progress.report({ message: vscode.l10n.t('{0} of {1} FTP tests read', fetched, found) });
        });
        return task().finally(() => told.dispose());
      },
    );
  }

  private async runRefresh({ me: signInMe, fromScratch }: RefreshHow): Promise<RefreshOutcome> {
    const record = this.deps.auth.current;
    if (!record) return 'signed-out';
    let settings: PelotonSettings;
    let api: PelotonApi;
    try {
      settings = this.deps.settings();
      api = this.deps.createApi();
    } catch (error) {
      return this.fail(error, fromScratch);
    }
    const abort = new AbortController();
    this.abort = abort;
    const onScreen = this.current.history?.rider.userId === record.userId ? this.current.history : null;
    const stored = fromScratch ? null : onScreen;
    const me = signInMe?.id === record.userId ? signInMe : undefined;
    this.update({ refreshing: true, found: 0, fetched: 0 });
    const started = performance.now();
    try {
      const result = await this.withProgress(fromScratch, abort, () =>
        refreshHistory(api, stored, {
          expectedUserId: record.userId,
          maxChainLength: settings.maxChainLength,
          signal: abort.signal,
          onProgress: (progress) => this.progress(progress),
          ...(me ? { me } : {}),
        }),
      );
      this.dropProgress();
      for (const warning of result.warnings) this.deps.log.warn(warningMessage(warning));
      this.deps.log.info(
        `${fromScratch ? 'Rebuild' : 'Refresh'}: ${result.newTests} new test(s), ${result.removedTests} deleted on Peloton, ` +
          `${result.history?.tests.length ?? 0} in all, ${result.replaced ? 'stored' : 'kept the stored history'}` +
          `${me ? ' (account from the sign-in check)' : ''}, ${Math.round(performance.now() - started)} ms`,
      );
      if (result.aborted) return this.cancelled(fromScratch);
      const notice =
        !result.replaced && stored && result.warnings.length > 0
          ? vscode.l10n.t('Kept the stored history: {0}', warningMessage(result.warnings[0]))
          : null;
      // On screen first, then stored: the durable write (fsync of the file and its folder) takes tens of
      // milliseconds on a busy disk, and the rider should not wait for it.
      this.update({ history: result.history ?? onScreen, refreshing: false, notice });
      if (result.replaced && result.history) {
        const history = result.history;
        // Writes stay in order; a failed one is logged and the next still runs.
        this.storing = this.storing
          .then(() => this.deps.store.save(history))
          .catch((error: unknown) => this.deps.log.error(`Could not store the history: ${String(error)}`));
      }
      if (fromScratch && result.history) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Rebuilt your FTP history from Peloton: {0} FTP tests.', result.history.tests.length));
      }
      return result.newTests > 0 || result.removedTests > 0 || !stored ? 'updated' : 'unchanged';
    } catch (error) {
      return isAbortError(error) ? this.cancelled(fromScratch) : this.fail(error, fromScratch);
    } finally {
      this.dropProgress();
      if (this.abort === abort) this.abort = null;
      if (this.current.refreshing) this.update({ refreshing: false });
    }
  }

  /** Keeps the history on screen, says what went wrong, and offers the way out (Retry runs the same again). */
  private fail(error: unknown, fromScratch = false): RefreshOutcome {
    const logged = error instanceof Error ? error.message : String(error);
    this.deps.log.error(`${fromScratch ? 'Rebuild' : 'Refresh'} failed: ${logged}`);
    const message = userMessage(error);
    const kept = this.current.history !== null;
    const sessionProblem = showSessionProblem(error, kept);
    if (sessionProblem !== null) {
      this.update({ refreshing: false, notice: sessionProblem });
    } else {
      const notice = fromScratch ? vscode.l10n.t('Rebuild failed: {0}', message) : vscode.l10n.t('Refresh failed: {0}', message);
      this.update({ refreshing: false, notice });
      const retry = vscode.l10n.t('Retry');
      const showLog = vscode.l10n.t('Show Log');
      const shown = fromScratch
        ? kept
          ? vscode.l10n.t('Could not rebuild your FTP history: {0} The stored history stays on screen.', message)
          : vscode.l10n.t('Could not rebuild your FTP history: {0}', message)
        : kept
          ? vscode.l10n.t('Could not refresh your FTP history: {0} The last good history stays on screen.', message)
          : vscode.l10n.t('Could not refresh your FTP history: {0}', message);
      void vscode.window.showErrorMessage(shown, retry, showLog).then((choice) => {
        if (choice === retry) void (fromScratch ? this.rebuild() : this.refresh());
        if (choice === showLog) void vscode.commands.executeCommand(COMMANDS.showLog);
      });
    }
    return 'failed';
  }

  dispose(): void {
    this.abort?.abort();
    this.dropProgress();
    this.changed.dispose();
  }
}
