/**
 * The names VS Code knows the extension's parts by, in one place: command ids, view ids, context keys, setting
 * keys and the authentication provider. package.json names the same strings (`contributes`);
 * test/unit/ids.test.ts keeps the two in step. No imports: every layer may use these.
 */

/** The command ids (package.json `contributes.commands`, category "Peloton"). */
export const COMMANDS = {
  signIn: 'pelotonFtp.signIn',
  signInWithPassword: 'pelotonFtp.signInWithPassword',
  signOut: 'pelotonFtp.signOut',
  refresh: 'pelotonFtp.refresh',
  cancelRefresh: 'pelotonFtp.cancelRefresh',
  rebuild: 'pelotonFtp.rebuild',
  showChart: 'pelotonFtp.showChart',
  openWorkout: 'pelotonFtp.openWorkout',
  copyWorkoutId: 'pelotonFtp.copyWorkoutId',
  showLog: 'pelotonFtp.showLog',
  exportHistory: 'pelotonFtp.exportHistory',
} as const;

/** One of the command ids. */
export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** The view ids (package.json `contributes.views`). */
export const VIEWS = {
  tests: 'pelotonFtp.tests',
} as const;

/** The context keys the extension sets (`setContext`) and package.json's `when` clauses and walkthrough steps read. */
export const CONTEXT = {
  signedIn: 'pelotonFtp.signedIn',
  hasHistory: 'pelotonFtp.hasHistory',
  refreshing: 'pelotonFtp.refreshing',
  /** Set once the rider has expanded the current-FTP row to the power zones (a walkthrough step's completion event). */
  zonesShown: 'pelotonFtp.zonesShown',
} as const;

/** The setting keys, full names (package.json `contributes.configuration.properties`). */
export const SETTINGS = {
  apiBaseUrl: 'pelotonFtp.apiBaseUrl',
  authBaseUrl: 'pelotonFtp.authBaseUrl',
  maxChainLength: 'pelotonFtp.maxChainLength',
  refreshAfterHours: 'pelotonFtp.refreshAfterHours',
  statusBarEnabled: 'pelotonFtp.statusBar.enabled',
} as const;

/** The authentication provider in VS Code's Accounts menu (package.json `contributes.authentication`). */
export const AUTH_PROVIDER = { id: 'peloton', label: 'Peloton' } as const;

/**
 * Names VS Code keeps state under that package.json does not list: changing one loses what is kept under it
 * (the stored session, the rider's hide/show choice of the status bar item).
 */
export const INTERNAL_IDS = {
  /** The SecretStorage key of the session record. */
  sessionSecret: 'pelotonFtp.session',
  /** The status bar item (VS Code keeps the rider's hide/show choice under it). */
  statusBarItem: 'pelotonFtp.currentFtp',
  /** The chart's webview panel type (also the id a serializer would use). */
  chartPanel: 'pelotonFtp.chart',
} as const;
