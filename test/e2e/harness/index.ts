/**
 * The e2e harness in one import: code-server (real VS Code 1.139.1) in headless Chromium, UI helpers and the
 * in-extension-host runner. See README.md beside this file.
 */
export { ensureVsCodeEnvironment, CODE_SERVER_VERSION, NODE24_VERSION, type VsCodeEnvironment } from '../../../scripts/setup-vscode';
export {
  startCodeServer,
  DEFAULT_TEST_SETTINGS,
  type StartCodeServerOptions,
  type CodeServerInstance,
} from './codeServer';
export {
  launchBrowser,
  openWorkbench,
  openCommandPalette,
  runCommand,
  typeInQuickInput,
  pickQuickInputItem,
  readNotifications,
  waitForNotification,
  clearNotifications,
  openViewContainer,
  readTreeRows,
  waitForTreeRows,
  findWebviewFrame,
  hasSelector,
  screenshot,
  quickInput,
  CHROMIUM_ARGS,
  SCREENSHOT_DIR,
  type BrowserSession,
  type LaunchBrowserOptions,
  type TreeRow,
} from './browser';
export { runInExtensionHost, type RunInExtensionHostOptions, type RunInExtensionHostResult } from './inHost';
