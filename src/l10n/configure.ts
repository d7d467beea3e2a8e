/**
 * Hands the display language's strings to `@vscode/l10n`, which the pure text modules (src/views/treeFormat.ts,
 * src/webview/format.ts, …) use so they run in plain Node and in the chart page as well: VS Code loads
 * `l10n/bundle.l10n.<language>.json` for this extension into `vscode.l10n.bundle` (undefined in English, where
 * `@vscode/l10n` formats the English message itself). Call once, first thing in `activate`.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/** Loads `vscode.l10n.bundle` into `@vscode/l10n`; nothing to do without one (English). */
export function configureL10n(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) l10n.config({ contents: bundle });
}
