/**
 * The chart page's power zones section: a heading ("Power zones at FTP 176 W") and a table of the seven
 * zones (zone, % of FTP, watts), drawn from the `zones` the host sends. Hidden when there is no current
 * FTP. Every text comes from the host, already in the display language.
 *
 * A plain HTML table (header cells with scopes, theme colours from chart.css): it is seven fixed rows with
 * nothing to navigate, so it needs none of the kit's data grid behaviour, and it stays apart from the grid
 * of FTP tests.
 */
import type { ZoneTable } from '../shared/zonesProtocol';

/** The section element and the function that redraws it. */
export interface ZonesSection {
  element: HTMLElement;
  /** Draws these zones, or hides the section for null. Redraws only when they changed. */
  update(zones: ZoneTable | null): void;
}

function cell(tag: 'th' | 'td', text: string, className?: string, scope?: 'col' | 'row'): HTMLTableCellElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  if (scope) element.scope = scope;
  return element;
}

/** Creates the (hidden) zones section; place `element` in the page. */
export function createZonesSection(): ZonesSection {
  const element = document.createElement('section');
  element.className = 'zones-section';
  element.setAttribute('aria-labelledby', 'zones-heading');
  element.hidden = true;
  const heading = document.createElement('h2');
  heading.className = 'section-title';
  heading.id = 'zones-heading';
  const table = document.createElement('table');
  table.className = 'zones-table';
  table.setAttribute('aria-labelledby', 'zones-heading');
  element.append(heading, table);
  let drawn: string | undefined;
  return {
    element,
    update(zones) {
      const json = JSON.stringify(zones);
      if (json === drawn) return;
      drawn = json;
      element.hidden = zones === null;
      if (zones === null) {
        heading.textContent = '';
        table.replaceChildren();
        return;
      }
      heading.textContent = zones.heading;
      const [zone, percent, watts] = zones.columns;
      const head = document.createElement('thead');
      const headRow = document.createElement('tr');
      headRow.append(cell('th', zone, undefined, 'col'), cell('th', percent, 'number', 'col'), cell('th', watts, 'number', 'col'));
      head.append(headRow);
      const body = document.createElement('tbody');
      for (const row of zones.rows) {
        const tr = document.createElement('tr');
        tr.dataset.zone = String(row.zone);
        tr.append(cell('th', row.label, undefined, 'row'), cell('td', row.percent, 'number'), cell('td', row.watts, 'number'));
        body.append(tr);
      }
      table.replaceChildren(head, body);
    },
  };
}
