/**
 * The test detail section of the FTP History page: how one selected FTP test was ridden (its figures, and the chart of
 * detailChart.ts against the test before it), with a button to show or hide cadence and one to close it. Hidden until
 * a test is selected; Escape inside it closes it too.
 */
import * as l10n from '@vscode/l10n';
import { createDetailChart, type DetailChart } from './detailChart';
import { comparisonText, describeDetail, detailFigures, detailTitle, noSeriesText } from './detailData';
import type { ChartRow, TestDetailMessage } from '../shared/pageProtocol';
import { createButton } from './toolkit';

/** The section as the page drives it. */
export interface TestDetailSection {
  element: HTMLElement;
  /** Shows `row` at once (its figures), with its chart once `detail` (the host's answer) is given. */
  show(row: ChartRow, detail: TestDetailMessage | null, previousRow: ChartRow | undefined): void;
  hide(): void;
  /** Re-reads the theme's colours. */
  applyTheme(): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Builds the (hidden) section; `onClose` is called when the rider closes it. */
export function createTestDetail(onClose: () => void): TestDetailSection {
  const section = el('section', 'detail-section');
  section.hidden = true;
  section.id = 'test-detail';
  section.setAttribute('aria-labelledby', 'detail-heading');
  const header = el('div', 'detail-header');
  const heading = el('h2', 'section-title');
  heading.id = 'detail-heading';
  heading.tabIndex = -1; // focus lands here when the detail opens from the chart
  const subtitle = el('p', 'detail-subtitle');
  const titles = el('div', 'detail-titles');
  titles.append(heading, subtitle);

  let cadenceVisible = true;
  const cadenceLabel = (): string => (cadenceVisible ? l10n.t('Hide cadence') : l10n.t('Show cadence'));
  const toggleCadence = (): void => {
    cadenceVisible = !cadenceVisible;
    cadenceButton.textContent = cadenceLabel();
    cadenceButton.setAttribute('aria-pressed', String(cadenceVisible));
    chart?.setCadenceVisible(cadenceVisible);
  };
  const cadenceButton = createButton(cadenceLabel(), toggleCadence, { appearance: 'secondary', title: l10n.t('Cadence on a second axis (rpm)') });
  cadenceButton.setAttribute('aria-pressed', 'true');
  const closeButton = createButton(l10n.t('Close'), onClose, { appearance: 'secondary', title: l10n.t('Close the test detail') });
  const actions = el('div', 'actions');
  actions.append(cadenceButton, closeButton);
  header.append(titles, actions);

  // Read out when another test is shown.
  const figures = el('p', 'detail-figures');
  figures.setAttribute('aria-live', 'polite');
  const comparison = el('p', 'detail-comparison');
  const empty = el('p', 'detail-empty');
  const box = el('div', 'detail-box');
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  box.append(canvas);
  section.append(header, figures, comparison, empty, box);
  section.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  });

  let chart: DetailChart | undefined;

  return {
    element: section,
    show(row, detail, previousRow) {
      section.hidden = false;
      heading.textContent = detailTitle(row);
      subtitle.textContent = row.instructor ? l10n.t('{0} · {1}', row.rideTitle ?? l10n.t('FTP test'), row.instructor) : (row.rideTitle ?? '');
      figures.textContent = detailFigures(row);
      const series = detail?.series ?? null;
      const previous = detail?.previous ?? null;
      comparison.textContent = detail ? comparisonText(previous && { row: previousRow, takenAt: previous.takenAt, hasSeries: previous.series !== null }) : '';
      comparison.hidden = !detail || !series;
      empty.textContent = detail && !series ? noSeriesText() : '';
      empty.hidden = !detail || series !== null;
      box.hidden = !series;
      cadenceButton.hidden = !series?.cadence;
      if (!series) return;
      const shownPrevious = previous?.series ? { takenAt: previous.takenAt, series: previous.series } : null;
      canvas.setAttribute('aria-label', describeDetail(row, series, shownPrevious?.takenAt ?? null));
      chart ??= createDetailChart(canvas, toggleCadence);
      chart.show({ row, series, previous: shownPrevious });
    },
    hide() {
      section.hidden = true;
    },
    applyTheme() {
      chart?.applyTheme();
    },
  };
}
