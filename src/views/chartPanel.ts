/**
 * The host side of the "FTP History" chart panel: one webview panel at a time, fed from a
 * {@link ChartDataSource}. The page posts `ready` once loaded and the panel answers with the current
 * history; every change of the source is posted again. Messages from the page are validated with the
 * protocol's zod schema; anything else is ignored (and logged).
 */
import * as vscode from 'vscode';
import { historyMessageSchema, pageToHostSchema, type HistoryMessage } from '../shared/pageProtocol';
import { makeNonce, renderChartHtml } from './webviewHtml';
import { INTERNAL_IDS } from '../ids';

/** What the chart panel shows and what it can ask for. */
export interface ChartDataSource {
  /** The history to draw now (an empty `rows` when there is none yet). */
  current(): HistoryMessage;
  /** Fires when `current()` would return something new (e.g. after a refresh). */
  onDidChange: vscode.Event<void>;
  /** Opens a workout (the page's ride link). */
  openWorkout(workoutId: string): void;
  /** Fetches the history again (the page's Refresh button). */
  refresh(): void;
}

/** Options of {@link FtpChartPanel.show}. */
export interface FtpChartPanelOptions {
  /** Told about messages from the page that were ignored and about failures to post. */
  log?: (message: string) => void;
}

/** The "FTP History" webview panel. At most one exists; {@link FtpChartPanel.show} reveals it. */
export class FtpChartPanel implements vscode.Disposable {
  static readonly viewType = INTERNAL_IDS.chartPanel;
  /** The panel's title, in the display language. */
  static get title(): string {
    return vscode.l10n.t('FTP History');
  }

  private static instance: FtpChartPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  /** The open panel, if any (for tests). */
  static get currentPanel(): FtpChartPanel | undefined {
    return FtpChartPanel.instance;
  }

  /**
   * Shows the chart panel: reveals the open one, or opens it in the active column. An open panel
   * keeps the source it was opened with.
   */
  static show(extensionUri: vscode.Uri, source: ChartDataSource, options: FtpChartPanelOptions = {}): FtpChartPanel {
    const open = FtpChartPanel.instance;
    if (open) {
      open.panel.reveal();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      FtpChartPanel.viewType,
      FtpChartPanel.title,
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        retainContextWhenHidden: false,
        localResourceRoots: [
          vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
          vscode.Uri.joinPath(extensionUri, 'media'),
        ],
      },
    );
    FtpChartPanel.instance = new FtpChartPanel(panel, extensionUri, source, options.log);
    return FtpChartPanel.instance;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly source: ChartDataSource,
    private readonly log: ((message: string) => void) | undefined,
  ) {
    const webview = panel.webview;
    webview.html = renderChartHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'chart.css')).toString(),
      l10nBundle: vscode.l10n.bundle,
      language: vscode.env.language,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      source.onDidChange(() => this.postHistory()),
      panel.onDidDispose(() => this.cleanUp()),
    );
  }

  /** Closes the panel (and disposes its listeners). */
  dispose(): void {
    if (this.disposed) return;
    this.panel.dispose(); // fires onDidDispose → cleanUp
    this.cleanUp();
  }

  private cleanUp(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (FtpChartPanel.instance === this) FtpChartPanel.instance = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private receive(raw: unknown): void {
    const parsed = pageToHostSchema.safeParse(raw);
    if (!parsed.success) {
      const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
      this.log?.(`FTP chart: ignored an invalid message from the page (type ${describe(type)}).`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        this.postHistory();
        break;
      case 'openWorkout':
        this.source.openWorkout(message.workoutId);
        break;
      case 'refresh':
        this.source.refresh();
        break;
    }
  }

  /** Posts the source's current history (a hidden page drops it and asks again with `ready`). */
  private postHistory(): void {
    if (this.disposed) return;
    let history: HistoryMessage;
    try {
      const checked = historyMessageSchema.safeParse(this.source.current());
      if (!checked.success) {
        this.log?.('FTP chart: the history does not match the protocol; not posted.');
        return;
      }
      history = checked.data;
    } catch (error) {
      this.log?.(`FTP chart: could not read the history: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.panel.webview.postMessage(history).then(undefined, (error: unknown) => {
      this.log?.(`FTP chart: could not post the history: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

/** A short, safe description of an unknown message's `type` for the log. */
function describe(type: unknown): string {
  if (typeof type === 'string') return JSON.stringify(type.slice(0, 40));
  return type === undefined ? 'none' : typeof type;
}
