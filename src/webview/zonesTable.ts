/**
 * The chart page's power zones section: a heading ("Power zones at FTP 176 W") and the kit's data grid of
 * the seven zones (zone, % of FTP, watts), drawn from the `zones` the host sends. Hidden when there is no
 * current FTP. Every text comes from the host, already in the display language.
 */
import { createDataGrid } from './toolkit';
import type { ZoneTable } from './zonesProtocol';

/** The section element and the function that redraws it. */
export interface ZonesSection {
  element: HTMLElement;
  /** Draws these zones, or hides the section for null. Redraws only when they changed. */
  update(zones: ZoneTable | null): void;
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
  const box = document.createElement('div');
  box.className = 'table-box zones-box';
  element.append(heading, box);
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
        box.replaceChildren();
        return;
      }
      heading.textContent = zones.heading;
      const [zone, percent, watts] = zones.columns;
      box.replaceChildren(
        createDataGrid({
          label: zones.heading,
          columns: [
            { title: zone, width: 'minmax(11em, 2fr)' },
            { title: percent, width: 'minmax(7em, 1fr)', align: 'end' },
            { title: watts, width: 'minmax(8em, 1fr)', align: 'end' },
          ],
          rows: zones.rows.map((row) => [row.label, row.percent, row.watts]),
        }),
      );
    },
  };
}
