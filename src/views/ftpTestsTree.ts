/**
 * The "FTP Tests" tree: one row with the current FTP and Peloton's estimate, then one row per FTP test,
 * newest first, from the {@link HistoryService}. Signed out it is empty, so the welcome view shows.
 * The view's message carries progress, the history's age and any notice.
 */
import * as vscode from 'vscode';
import type { FtpTest, RiderFtp } from '../peloton/ftp/model';
import { nowSeconds } from '../shared/dates';
import type { HistoryService } from '../history/historyService';
import { CONTEXT, VIEWS } from '../ids';
import { formatAge, noTestsMessage, testsById, riderDescription, riderLabel, riderTooltip, testDescription, testLabel, testTooltip, type TooltipParts } from './treeFormat';
import { powerZoneItems, riderRowCollapsibleState, zonesTooltipMarkdown } from './zones';

/**
 * A tooltip's parts as Markdown. Peloton's text (title, subtitle, warnings) goes in with appendText, so it is
 * never read as Markdown; the extension's own lines (no Markdown syntax in them) with appendMarkdown, since
 * appendText turns spaces into non-breaking ones and long lines would then not wrap in the hover.
 */
function markdownTooltip(parts: TooltipParts): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(parts.title).appendMarkdown('**');
  if (parts.subtitle) md.appendMarkdown(' ').appendText(parts.subtitle);
  md.appendMarkdown('\n\n');
  for (const line of parts.lines) md.appendMarkdown(`- ${line}\n`);
  for (const warning of parts.warnings) md.appendMarkdown('- ').appendText(warning).appendMarkdown('\n');
  return md;
}

/** A row of the tree: the rider summary, or one FTP test (contextValue `ftpTest`, for the context menu). */
export class FtpTreeItem extends vscode.TreeItem {
  /**
   * @param setBy for a test row, the test that set its baseline (its `previousTestId` in the history), when known.
   * @param tests for the summary row, the history's tests.
   */
  constructor(
    readonly test: FtpTest | null,
    rider: RiderFtp | null,
    setBy?: FtpTest,
    tests: readonly FtpTest[] = [],
  ) {
    if (test) {
      super(testLabel(test), vscode.TreeItemCollapsibleState.None);
      this.id = `test:${test.workoutId}`;
      this.description = testDescription(test, setBy);
      this.tooltip = markdownTooltip(testTooltip(test, setBy)).appendMarkdown(zonesTooltipMarkdown(test.calculatedFtp));
      this.contextValue = 'ftpTest';
      this.iconPath = new vscode.ThemeIcon(test.warnings.length > 0 ? 'warning' : test.calculatedFtp === null ? 'circle-slash' : 'pulse');
      this.accessibilityInformation = { label: `${this.label}, ${this.description}`, role: 'treeitem' };
    } else {
      super(rider ? riderLabel(rider) : '', riderRowCollapsibleState(rider));
      this.id = 'rider';
      this.description = rider ? riderDescription(rider) : '';
      this.tooltip = rider ? markdownTooltip(riderTooltip(rider, tests)) : '';
      this.contextValue = 'ftpSummary';
      this.iconPath = new vscode.ThemeIcon('dashboard');
    }
  }
}

/** Provides the rows of the FTP Tests view. */
export class FtpTestsTreeProvider implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly history: HistoryService) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: vscode.TreeItem): vscode.TreeItem {
    return item;
  }

  getChildren(item?: vscode.TreeItem): vscode.TreeItem[] {
    // The current-FTP row's children are the power zones of that FTP.
    if (item) return item instanceof FtpTreeItem && item.test === null ? powerZoneItems(this.history.state.history?.rider) : [];
    const history = this.history.state.history;
    if (!history) return [];
    const byId = testsById(history.tests);
    const setBy = (t: FtpTest) => byId(t.previousTestId);
    return [new FtpTreeItem(null, history.rider, undefined, history.tests), ...history.tests.map((t) => new FtpTreeItem(t, null, setBy(t)))];
  }
}

/**
 * The view's message line: progress while refreshing, else a notice, else for a rider with no FTP test at
 * all what the current FTP comes from, else nothing.
 */
function viewMessage(history: HistoryService): string | undefined {
  const { refreshing, found, fetched, notice } = history.state;
  if (refreshing) {
    return found > 0
      ? vscode.l10n.t('Reading your new FTP tests… {0} of {1}', fetched, found)
      : vscode.l10n.t('Looking for your FTP tests…');
  }
  if (notice) return notice;
  const shown = history.state.history;
  if (shown && shown.tests.length === 0) return noTestsMessage(shown.rider);
  return undefined;
}

/** Registers the tree view; redraws it when the history changes. Returns what to dispose. */
export function registerFtpTestsTree(history: HistoryService): vscode.Disposable {
  const provider = new FtpTestsTreeProvider(history);
  const view = vscode.window.createTreeView(VIEWS.tests, { treeDataProvider: provider, showCollapseAll: false });
  // The rows are redrawn only when the history changes; progress changes only the message line. The view is told
  // only what changed: each assignment is a message to the window.
  let drawn: unknown = undefined;
  const sync = () => {
    if (history.state.history !== drawn) {
      drawn = history.state.history;
      provider.refresh();
    }
    const message = viewMessage(history);
    if (view.message !== message) view.message = message;
    const fetchedAt = history.state.history?.fetchedAt;
    const description = fetchedAt ? vscode.l10n.t('updated {0}', formatAge(fetchedAt, nowSeconds(), vscode.env.language)) : undefined;
    if (view.description !== description) view.description = description;
  };
  const subscription = history.onDidChange(sync);
  sync();
  // The walkthrough's power-zones step is done when the rider opens the zones (package.json, walkthroughs).
  const zonesShown = view.onDidExpandElement(({ element }) => {
    if (element instanceof FtpTreeItem && element.test === null) void vscode.commands.executeCommand('setContext', CONTEXT.zonesShown, true);
  });
  return vscode.Disposable.from(subscription, zonesShown, view);
}
