/**
 * The one door to the UI component kit. Today that kit is `@vscode/webview-ui-toolkit` (deprecated
 * upstream, but the product card requires it); the rest of the page only calls the small functions
 * below, so swapping the kit for another is a change to this file alone.
 *
 * Only the components the page uses are registered (button and data grid), which keeps the bundle small.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeDataGrid,
  vsCodeDataGridCell,
  vsCodeDataGridRow,
} from '@vscode/webview-ui-toolkit';

let registered = false;

/**
 * Registers the kit's custom elements once (button, data grid, row, cell). Called by every factory
 * below, so callers never need to; safe to call again.
 */
export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell());
}

/** Options of {@link createButton}. */
export interface ButtonOptions {
  /** `primary` (the default) or `secondary`. */
  appearance?: 'primary' | 'secondary';
  /** Tooltip and accessible description. */
  title?: string;
}

/** A kit button labelled `label` that calls `onClick` when pressed (mouse, Enter or Space). */
export function createButton(label: string, onClick: () => void, options: ButtonOptions = {}): HTMLElement {
  registerToolkit();
  const button = document.createElement('vscode-button');
  button.textContent = label;
  button.setAttribute('appearance', options.appearance ?? 'primary');
  if (options.title) button.title = options.title;
  button.addEventListener('click', () => onClick());
  return button;
}

/** One column of a data grid. */
export interface GridColumn {
  /** The column header text. */
  title: string;
  /** A CSS grid track size such as `7em` or `minmax(8em, 2fr)`; `1fr` when omitted. */
  width?: string;
  /** `end` right-aligns the column (numbers); `start` when omitted. */
  align?: 'start' | 'end';
}

/** A cell's content: text, or a node (e.g. a link) placed inside the cell. */
export type GridCellContent = string | Node;

/** What {@link createDataGrid} draws. */
export interface DataGridOptions {
  /** The grid's accessible name. */
  label: string;
  columns: readonly GridColumn[];
  /** Rows of cells, in display order, one cell per column. */
  rows: readonly (readonly GridCellContent[])[];
}

/**
 * An accessible data grid (role `grid`, keyboard navigable) with a header row of column titles and
 * one row per entry of `rows`.
 */
export function createDataGrid(options: DataGridOptions): HTMLElement {
  registerToolkit();
  const grid = document.createElement('vscode-data-grid');
  grid.setAttribute('aria-label', options.label);
  grid.setAttribute('generate-header', 'none');
  grid.setAttribute('grid-template-columns', options.columns.map((c) => c.width ?? '1fr').join(' '));

  const header = document.createElement('vscode-data-grid-row');
  header.setAttribute('row-type', 'header');
  options.columns.forEach((column, i) => {
    header.append(createCell(column.title, i, column, 'columnheader'));
  });
  grid.append(header);

  for (const row of options.rows) {
    const rowElement = document.createElement('vscode-data-grid-row');
    row.forEach((content, i) => {
      rowElement.append(createCell(content, i, options.columns[i], 'default'));
    });
    grid.append(rowElement);
  }
  return grid;
}

function createCell(
  content: GridCellContent,
  index: number,
  column: GridColumn | undefined,
  cellType: 'default' | 'columnheader',
): HTMLElement {
  const cell = document.createElement('vscode-data-grid-cell');
  cell.setAttribute('grid-column', String(index + 1));
  if (cellType !== 'default') cell.setAttribute('cell-type', cellType);
  if (column?.align === 'end') cell.classList.add('align-end');
  cell.append(typeof content === 'string' ? document.createTextNode(content) : content);
  return cell;
}
