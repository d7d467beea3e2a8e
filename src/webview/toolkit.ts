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
  /**
   * Called with a row's index (in the rows last set) when the row is clicked or Enter is pressed in it; not when the
   * click or key lands on a link or button inside a cell (those do their own thing).
   */
  onActivateRow?: (index: number) => void;
}

/** Rows of cells, in display order, one cell per column. */
export type GridRows = readonly (readonly GridCellContent[])[];

/** A data grid and the function that sets its rows. */
export interface DataGrid {
  element: HTMLElement;
  /**
   * Shows `rows`: the rows already drawn are kept and only their changed cells written, missing rows are added, extra
   * ones removed. Up to {@link GRID_ROWS_PER_FRAME} rows are added at once, the others a slice a frame while the
   * grid is on the page (a grid taken off the page stops growing until the next call).
   */
  setRows(rows: GridRows): void;
  /**
   * Marks body row `index` (in the rows last set) as selected (`aria-selected`), and no other; -1 for none. Rows added
   * later, a slice a frame, take the mark as they arrive.
   */
  select(index: number): void;
}

/**
 * Rows a data grid adds at once; the rest follow in slices of as many, one slice a frame. Each row is nine of the
 * kit's elements with shadow roots and styles of their own: 120 new rows at once kept the page busy for a few hundred
 * milliseconds, while a slice fills the view at once and leaves the page free to answer between slices.
 */
const GRID_ROWS_PER_FRAME = 20;

/** An accessible data grid (role `grid`, keyboard navigable) with a header row of column titles; no rows until `setRows`. */
export function createDataGrid(options: DataGridOptions): DataGrid {
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

  const bodyRows: HTMLElement[] = [];
  let generation = 0;
  let selected = -1;
  const appendRows = (rows: GridRows, from: number, ofGeneration: number): void => {
    const to = Math.min(rows.length, from + GRID_ROWS_PER_FRAME);
    for (const row of rows.slice(from, to)) {
      const rowElement = document.createElement('vscode-data-grid-row');
      row.forEach((content, i) => rowElement.append(createCell(content, i, options.columns[i], 'default')));
      listenForActivation(rowElement, bodyRows.length, options.onActivateRow);
      rowElement.setAttribute('aria-selected', String(bodyRows.length === selected));
      bodyRows.push(rowElement);
    }
    grid.append(...bodyRows.slice(from, to));
    // The next slice once this frame is painted (a task queued from the frame's callback runs after its paint).
    if (to < rows.length) {
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (grid.isConnected && ofGeneration === generation) appendRows(rows, to, ofGeneration);
        }, 0),
      );
    }
  };
  return {
    element: grid,
    setRows(rows) {
      generation++;
      for (const extra of bodyRows.splice(rows.length)) extra.remove();
      bodyRows.forEach((rowElement, r) => {
        rows[r]!.forEach((content, i) => {
          const cell = rowElement.children[i];
          if (cell) setCellContent(cell, content);
        });
      });
      if (bodyRows.length < rows.length) appendRows(rows, bodyRows.length, generation);
    },
    select(index) {
      selected = index;
      bodyRows.forEach((row, i) => row.setAttribute('aria-selected', String(i === index)));
    },
  };
}

/** Writes a cell's content, leaving a cell that already shows this text as it is. */
function setCellContent(cell: Element, content: GridCellContent): void {
  if (typeof content === 'string' && cell.childNodes.length === 1 && cell.firstChild?.nodeType === Node.TEXT_NODE && cell.textContent === content) return;
  cell.replaceChildren(typeof content === 'string' ? document.createTextNode(content) : content);
}

/** Calls `activate(index)` when the row is clicked or Enter is pressed in it, unless on a link or button of its own. */
function listenForActivation(rowElement: HTMLElement, index: number, activate: ((index: number) => void) | undefined): void {
  if (!activate) return;
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
