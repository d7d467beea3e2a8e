/**
 * The FTP history the views show: loaded from the store at once, refreshed by the domain's history builder
 * (`refreshHistory` in src/peloton/ftp/historyBuilder.ts: workout list, chain, figures, merge), with progress in
 * the FTP Tests view and cancellation. This file keeps only VS Code work: progress (coalesced), context keys,
 * notices and the store. A failed refresh keeps the last good history on screen and says why; an expired
 * session offers Sign In.
 */
import { userMessage } from '../l10n/errorMessages';
import { warningMessage } from '../l10n/warningMessages';
import * as vscode from 'vscode';
import type { PelotonAuthProvider } from '../auth/authProvider';
import { SessionExpiredError } from '../auth/accessTokens';
import type { HistoryStore } from './historyStore';
import type { PelotonLog } from '../log';
import type { PelotonApi } from '../peloton/api/pelotonApi';
import { PelotonAuthError, WrongAccountError, isAbortError } from '../peloton/api/errors';
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

  /** Ends a cancelled refresh: the history on screen stays as it was. */
  private cancelled(): RefreshOutcome {
    this.update({ refreshing: false, notice: vscode.l10n.t('Refresh cancelled: showing the history as it was.') });
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
    const loaded = await this.deps.store.load(record.userId);
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
    if (this.running) return Promise.resolve('busy');
    this.running = this.runRefresh(me).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runRefresh(signInMe: PelotonMe | undefined): Promise<RefreshOutcome> {
    const record = this.deps.auth.current;
    if (!record) return 'signed-out';
    let settings: PelotonSettings;
    let api: PelotonApi;
    try {
      settings = this.deps.settings();
      api = this.deps.createApi();
    } catch (error) {
      return this.fail(error);
    }
    const abort = new AbortController();
    this.abort = abort;
    const stored = this.current.history?.rider.userId === record.userId ? this.current.history : null;
    const me = signInMe?.id === record.userId ? signInMe : undefined;
    this.update({ refreshing: true, found: 0, fetched: 0 });
    const started = performance.now();
    try {
      const result = await vscode.window.withProgress(
        { location: { viewId: VIEWS.tests }, title: vscode.l10n.t('Refreshing your FTP tests') },
        () =>
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
        `Refresh: ${result.newTests} new test(s), ${result.history?.tests.length ?? 0} in all, ${result.replaced ? 'stored' : 'kept the stored history'}` +
          `${me ? ' (account from the sign-in check)' : ''}, ${Math.round(performance.now() - started)} ms`,
      );
      if (result.aborted) return this.cancelled();
      if (result.replaced && result.history) {
        await this.deps.store.save(result.history).catch((error: unknown) => this.deps.log.error(`Could not store the history: ${String(error)}`));
      }
      const notice =
        !result.replaced && stored && result.warnings.length > 0
          ? vscode.l10n.t('Kept the stored history: {0}', warningMessage(result.warnings[0]))
          : null;
      this.update({ history: result.history ?? stored, refreshing: false, notice });
      return result.newTests > 0 || !stored ? 'updated' : 'unchanged';
    } catch (error) {
      return isAbortError(error) ? this.cancelled() : this.fail(error);
    } finally {
      this.dropProgress();
      if (this.abort === abort) this.abort = null;
      if (this.current.refreshing) this.update({ refreshing: false });
    }
  }

  /** Keeps the history on screen, says what went wrong, and offers the way out. */
  private fail(error: unknown): RefreshOutcome {
    const expired = error instanceof SessionExpiredError || error instanceof PelotonAuthError || error instanceof WrongAccountError;
    const logged = error instanceof Error ? error.message : String(error);
    this.deps.log.error(`Refresh failed: ${logged}`);
    const message = userMessage(error);
    const kept = this.current.history !== null;
    if (expired) {
      const wrongAccount = error instanceof WrongAccountError;
      const why = wrongAccount
        ? vscode.l10n.t('Peloton answered for another account than the one signed in: sign in again.')
        : vscode.l10n.t('Your Peloton session expired.');
      const shown = !kept
        ? why
        : wrongAccount
          ? vscode.l10n.t('Peloton answered for another account than the one signed in: sign in again. The last good history stays on screen.')
          : vscode.l10n.t('Your Peloton session expired. The last good history stays on screen.');
      this.update({ refreshing: false, notice: why });
      const signIn = vscode.l10n.t('Sign In');
      void vscode.window.showWarningMessage(shown, signIn).then((choice) => {
        if (choice === signIn) void vscode.commands.executeCommand(COMMANDS.signIn);
      });
    } else {
      this.update({ refreshing: false, notice: vscode.l10n.t('Refresh failed: {0}', message) });
      const retry = vscode.l10n.t('Retry');
      const showLog = vscode.l10n.t('Show Log');
      const shown = kept
        ? vscode.l10n.t('Could not refresh your FTP history: {0} The last good history stays on screen.', message)
        : vscode.l10n.t('Could not refresh your FTP history: {0}', message);
      void vscode.window.showErrorMessage(shown, retry, showLog).then((choice) => {
        if (choice === retry) void this.refresh();
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
