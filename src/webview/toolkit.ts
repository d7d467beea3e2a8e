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
  /** The header's tooltip (what the column's figures are), when its title alone does not say. */
  tooltip?: string;
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
  /**
   * Called with a row's index (in `rows`) when the row is clicked or Enter is pressed in it; not when the click or
   * key lands on a link or button inside a cell (those do their own thing).
   */
  onActivateRow?: (index: number) => void;
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
    const cell = createCell(column.title, i, column, 'columnheader');
    if (column.tooltip) cell.title = column.tooltip;
    header.append(cell);
  });
  grid.append(header);

  options.rows.forEach((row, index) => {
    const rowElement = document.createElement('vscode-data-grid-row');
    row.forEach((content, i) => {
      rowElement.append(createCell(content, i, options.columns[i], 'default'));
    });
    const activate = options.onActivateRow;
    if (activate) {
      const onOwnControl = (event: Event): boolean => event.target instanceof Element && event.target.closest('a, button, vscode-button') !== null;
      rowElement.addEventListener('click', (event) => {
        if (!onOwnControl(event)) activate(index);
      });
      rowElement.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !onOwnControl(event)) {
          event.preventDefault();
          activate(index);
        }
      });
    }
    grid.append(rowElement);
  });
  return grid;
}

/** Marks the grid's body row `index` (in `rows` order) as selected (`aria-selected`), and no other; -1 for none. */
export function setSelectedRow(grid: HTMLElement, index: number): void {
  const rows = [...grid.querySelectorAll('vscode-data-grid-row')].filter((row) => !/header/.test(row.getAttribute('row-type') ?? ''));
  rows.forEach((row, i) => row.setAttribute('aria-selected', String(i === index)));
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
