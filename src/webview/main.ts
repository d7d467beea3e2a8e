/**
 * The FTP History page: posts `ready`, then draws every valid `history` message the host sends as a
 * heading, a notice line, a chart and a table. Selecting a test (its point on the chart, its table row) opens its
 * detail (testDetail.ts), drawn from the `testDetail` answer to `showTest`. The last history and the selected test are
 * kept in the webview state so a hidden and restored panel redraws at once. Messages that fail the protocol are ignored.
 */
import './jitless'; // first: before the protocol's schemas are built
import './l10nInit'; // before any text is made
import * as l10n from '@vscode/l10n';
import { createFtpChart, type FtpChart } from './chart';
import { formatWatts } from './format';
import { localDateTime } from '../shared/dates';
import { historyMessageSchema, hostToPageSchema, type ChartRow, type HistoryMessage, type TestDetailMessage } from '../shared/pageProtocol';
import { createHistoryTable } from './table';
import { createTestDetail } from './testDetail';
import { watchTheme } from './theme';
import { createButton } from './toolkit';
import { vscodeApi } from './vscodeApi';
import { createZonesSection } from './zonesTable';

/** What the page keeps in `vscode.setState`. */
interface PageState {
  history: HistoryMessage;
  /** The test whose detail is open. */
  selected?: string | null;
}

const vscode = vscodeApi();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The page's fixed parts, built once; `render` fills them. */
function buildLayout(root: HTMLElement) {
  const header = el('header', 'page-header');
  const titles = el('div', 'titles');
  const title = el('h1', 'title', l10n.t('FTP History'));
  const figures = el('p', 'figures');
  titles.append(title, figures);
  const actions = el('div', 'actions');
  actions.append(
    createButton(l10n.t('Refresh'), () => vscode.postMessage({ type: 'refresh' }), {
      title: l10n.t('Fetch the FTP history from Peloton again'),
    }),
  );
  header.append(titles, actions);

  const notice = el('p', 'notice');
  notice.setAttribute('role', 'status');
  const updated = el('p', 'updated');

  const content = el('div', 'history-body');
  const chartSection = el('section', 'chart-section');
  chartSection.setAttribute('aria-label', l10n.t('FTP chart'));
  const chartBox = el('div', 'chart-box');
  const canvas = el('canvas');
  canvas.setAttribute('role', 'img');
  chartBox.append(canvas);
  chartSection.append(chartBox);
  const detailSlot = el('div', 'detail-slot');
  const tableSection = el('section', 'table-section');
  tableSection.setAttribute('aria-labelledby', 'tests-heading');
  const tableHeading = el('h2', 'section-title', l10n.t('FTP tests'));
  tableHeading.id = 'tests-heading';
  const tableBox = el('div', 'table-box');
  tableSection.append(tableHeading, tableBox);
  content.append(chartSection, detailSlot, tableSection);

  // Until the first history arrives, only a loading line shows.
  content.hidden = true;
  const empty = el('div', 'empty');
  empty.append(el('p', 'empty-hint', l10n.t('Loading FTP history…')));

  root.replaceChildren(header, notice, updated, content, empty);
  root.removeAttribute('aria-busy');
  return { title, figures, notice, updated, content, canvas, detailSlot, tableBox, empty };
}

const root = document.getElementById('app') ?? document.body;
const view = buildLayout(root);
const zonesView = createZonesSection();
root.append(zonesView.element);
let chart: FtpChart | undefined;
const table = createHistoryTable(
  (workoutId) => vscode.postMessage({ type: 'openWorkout', workoutId }),
  (workoutId) => select(workoutId),
);
/** The rows the chart and table show now (JSON), so a message that changes only the heading or notice leaves them be. */
let drawnRows: string | undefined;
/** The rows of the last history, and the test whose detail is open (null: none). */
let rows: readonly ChartRow[] = [];
let selected: string | null = null;
const detail = createTestDetail(() => select(null));
view.detailSlot.append(detail.element);

function saveState(history: HistoryMessage): void {
  vscode.setState<PageState>({ history, selected });
}

/**
 * Opens the detail of a test (its figures at once; its chart when the host answers `showTest`), marks it in the chart
 * and the table, and keeps it in the page state; null closes the detail. `reveal` scrolls the detail into view.
 */
function select(workoutId: string | null, reveal = true): void {
  const row = workoutId === null ? undefined : rows.find((r) => r.workoutId === workoutId);
  selected = row ? row.workoutId : null;
  chart?.select(selected);
  table.select(selected);
  const state = vscode.getState() as Partial<PageState> | undefined;
  if (state?.history) saveState(state.history);
  if (!row) {
    detail.hide();
    return;
  }
  detail.show(row, null, undefined);
  if (reveal) detail.element.scrollIntoView({ block: 'nearest' });
  vscode.postMessage({ type: 'showTest', workoutId: row.workoutId });
}

/** Draws the host's answer, when it is for the test still selected. */
function showDetail(message: TestDetailMessage): void {
  const row = rows.find((r) => r.workoutId === message.workoutId);
  if (!row || message.workoutId !== selected) return;
  const previousRow = message.previous ? rows.find((r) => r.workoutId === message.previous?.workoutId) : undefined;
  detail.show(row, message, previousRow);
}

/**
 * The heading's current-FTP figure: `Current FTP 135 W (entered by hand: 142 W × 0.95)`, `Current FTP 180 W
 * (Peloton's estimate)`, or `Current FTP 176 W`.
 */
function currentFtpText(history: HistoryMessage, watts: number): string {
  switch (history.currentFtpOrigin) {
    case 'manual':
      return history.currentFtpEntered != null
        ? l10n.t('Current FTP {0} (entered by hand: {1} × 0.95)', formatWatts(watts), formatWatts(history.currentFtpEntered))
        : l10n.t('Current FTP {0} (entered by hand)', formatWatts(watts));
    case 'estimated':
      return l10n.t("Current FTP {0} (Peloton's estimate)", formatWatts(watts));
    default:
      return l10n.t('Current FTP {0}', formatWatts(watts));
  }
}

function render(history: HistoryMessage): void {
  zonesView.update(history.zones ?? null);
  view.title.textContent = history.username ?? l10n.t('FTP History');
  const figures: string[] = [];
  if (history.currentFtp != null) figures.push(currentFtpText(history, history.currentFtp));
  // The estimate once: not again when it is the current FTP.
  const estimateIsCurrent = history.currentFtp != null && history.currentFtpOrigin === 'estimated';
  if (history.estimatedFtp != null && !estimateIsCurrent) figures.push(l10n.t('Peloton estimate {0}', formatWatts(history.estimatedFtp)));
  view.figures.textContent = figures.join(' · ');
  view.figures.hidden = figures.length === 0;
  view.notice.textContent = history.notice ?? '';
  view.updated.textContent = history.fetchedAt != null ? l10n.t('Updated {0}', localDateTime(history.fetchedAt)) : '';
  view.updated.hidden = history.fetchedAt == null;

  rows = history.rows;
  if (history.rows.length === 0) {
    drawnRows = undefined;
    chart?.destroy();
    chart = undefined;
    select(null);
    view.tableBox.replaceChildren();
    view.content.hidden = true;
    view.empty.hidden = false;
    view.empty.replaceChildren(
      el('p', 'empty-title', history.username == null ? l10n.t('Not signed in') : l10n.t('No FTP tests yet')),
      el(
        'p',
        'empty-hint',
        history.username == null
          ? l10n.t('Sign in to Peloton to see your FTP history.')
          : l10n.t('Take an FTP test ride on Peloton, then choose Refresh.'),
      ),
    );
    return;
  }

  // Progress messages during a refresh repeat the same rows (and the current FTP's origin, which the table's notes
  // read): keep the table (and the focus in it) as it is.
  const rowsJson = JSON.stringify([history.rows, history.currentFtpOrigin]);
  if (rowsJson === drawnRows) return;
  drawnRows = rowsJson;
  view.empty.hidden = true;
  view.empty.replaceChildren();
  view.content.hidden = false;
  if (chart) chart.update(history.rows);
  else chart = createFtpChart(view.canvas, history.rows, { onSelect: (workoutId) => select(workoutId) });
  // The table is kept between histories: only the rows that changed are written again.
  if (table.element.parentElement !== view.tableBox) view.tableBox.replaceChildren(table.element);
  table.update(history.rows, history.currentFtpOrigin);
  // New rows (a refresh, or a stored test's series read at last): the detail asks again, or closes when its test is gone.
  select(selected, false);
}

watchTheme(() => {
  chart?.applyTheme();
  detail.applyTheme();
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = hostToPageSchema.safeParse(event.data);
  if (!parsed.success) {
    const type = (event.data as { type?: unknown } | null)?.type;
    const issue = parsed.error.issues[0];
    console.warn(
      `FTP History: ignored an invalid message (type ${JSON.stringify(type) ?? 'none'}): ` +
        `${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
    );
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'history':
      saveState(message);
      render(message);
      break;
    case 'testDetail':
      showDetail(message);
      break;
  }
});

vscode.postMessage({ type: 'ready' });

// A panel that was hidden and shown again reloads the page: redraw what it last showed at once, with its detail.
const savedState = vscode.getState() as Partial<PageState> | undefined;
const saved = historyMessageSchema.safeParse(savedState?.history);
if (saved.success) {
  selected = typeof savedState?.selected === 'string' ? savedState.selected : null;
  render(saved.data);
}
