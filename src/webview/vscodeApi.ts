/**
 * The VS Code webview API as this page uses it: typed posting to the host and the state VS Code keeps
 * for a hidden or restored panel.
 */
import type { PageToHost } from '../shared/pageProtocol';

/** What `acquireVsCodeApi()` returns, narrowed to the page's messages. */
export interface VsCodeApi {
  postMessage(message: PageToHost): void;
  getState(): unknown;
  setState<T>(state: T): T;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

/** The webview API; acquired once (VS Code allows a single `acquireVsCodeApi()` call per page load). */
export function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}
