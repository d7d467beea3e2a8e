/**
 * The Chromium flags that work on these machines (see REAL_VSCODE.md), in a module of their own without DOM code, so
 * that plain Node scripts (scripts/icon.ts) launch Chromium with them too.
 */

/**
 * Chromium flags that work on these machines: without the background-networking ones Chromium keeps trying
 * (and failing) to reach Google's hosts through the closed network.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
