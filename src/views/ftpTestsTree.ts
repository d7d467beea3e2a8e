/**
 * The "FTP Tests" tree: one row with the current FTP and Peloton's estimate, then one row per FTP test,
 * newest first, from the {@link HistoryService}. Signed out it is empty, so the welcome view shows.
 * The view's message carries progress, the history's age and any notice.
 */
import * as vscode from 'vscode';
import type { FtpTest, RiderFtp } from '../peloton/ftpChain';
import { nowSeconds } from '../peloton/tokens';
import { FTP_TESTS_VIEW_ID, type HistoryService } from '../historyService';
import { formatAge, riderDescription, riderLabel, testDescription, testLabel, testTooltip } from './treeFormat';
import { powerZoneItems, riderRowCollapsibleState, zonesTooltipMarkdown } from './zones';

/** A row of the tree: the rider summary, or one FTP test (contextValue `ftpTest`, for the context menu). */
export class FtpTreeItem extends vscode.TreeItem {
  constructor(
    readonly test: FtpTest | null,
    rider: RiderFtp | null,
  ) {
    if (test) {
      super(testLabel(test), vscode.TreeItemCollapsibleState.None);
      this.id = `test:${test.workoutId}`;
      this.description = testDescription(test);
      this.tooltip = new vscode.MarkdownString(testTooltip(test) + zonesTooltipMarkdown(test.calculatedFtp));
      this.contextValue = 'ftpTest';
      this.iconPath = new vscode.ThemeIcon(test.warnings.length > 0 ? 'warning' : test.calculatedFtp === null ? 'circle-slash' : 'pulse');
      this.accessibilityInformation = { label: `${this.label}, ${this.description}`, role: 'treeitem' };
    } else {
      super(rider ? riderLabel(rider) : '', riderRowCollapsibleState(rider));
      this.id = 'rider';
      this.description = rider ? riderDescription(rider) : '';
      this.tooltip = rider ? `${rider.username}: ${riderLabel(rider)}${rider.estimatedFtp ? `, ${riderDescription(rider)}` : ''}` : '';
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

  /** Redraws all rows. */
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
    return [new FtpTreeItem(null, history.rider), ...history.tests.map((t) => new FtpTreeItem(t, null))];
  }
}

/** The view's message line: progress while walking, else a notice, else nothing. */
function viewMessage(history: HistoryService): string | undefined {
  const { refreshing, found, notice } = history.state;
  if (refreshing) return vscode.l10n.t('Walking your FTP tests… {0} found', found);
  return notice ?? undefined;
}

/** Registers the tree view; redraws it when the history changes. Returns what to dispose. */
export function registerFtpTestsTree(history: HistoryService): vscode.Disposable {
  const provider = new FtpTestsTreeProvider(history);
  const view = vscode.window.createTreeView(FTP_TESTS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: false });
  const sync = () => {
    provider.refresh();
    view.message = viewMessage(history);
    const fetchedAt = history.state.history?.fetchedAt;
    view.description = fetchedAt ? vscode.l10n.t('updated {0}', formatAge(fetchedAt, nowSeconds())) : undefined;
  };
  const subscription = history.onDidChange(sync);
  sync();
  return vscode.Disposable.from(subscription, view);
}
