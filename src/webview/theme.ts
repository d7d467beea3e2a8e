/**
 * The VS Code theme as the page sees it: the `--vscode-*` CSS variables VS Code sets on the page, and
 * the body class (`vscode-light`, `vscode-dark`, `vscode-high-contrast`, `vscode-high-contrast-light`)
 * that changes when the user switches theme.
 */

/** The theme kinds VS Code marks the body with. */
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** The colours and font the chart draws with, resolved from the current theme. */
export interface ThemeColors {
  kind: ThemeKind;
  /** Text: ticks, legend, tooltips' body. */
  foreground: string;
  /** Secondary text (axis titles). */
  muted: string;
  /** Grid lines and axis borders. */
  grid: string;
  /** The page background (points are ringed with it so they stand off the line). */
  background: string;
  /** The calculated-FTP series. */
  result: string;
  /** The baseline-FTP series. */
  baseline: string;
  /** The mark of a test whose result was not applied (declined). */
  declined: string;
  /** The test detail's quarters band. */
  quarters: string;
  /** The test detail's line at the result. */
  resultLevel: string;
  /** The test detail's cadence line. */
  cadence: string;
  tooltipBackground: string;
  tooltipForeground: string;
  tooltipBorder: string;
  fontFamily: string;
  /** Font size in px. */
  fontSize: number;
}

/** The theme kind from the body's classes; `dark` when none is set. */
export function themeKind(body: HTMLElement = document.body): ThemeKind {
  const classes = body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.contains('vscode-high-contrast')) return 'high-contrast';
  if (classes.contains('vscode-light')) return 'light';
  return 'dark';
}

/** Reads the chart's colours from the theme variables, with fallbacks legible on the theme kind. */
export function readThemeColors(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  const kind = themeKind();
  const light = kind === 'light' || kind === 'high-contrast-light';
  const highContrast = kind === 'high-contrast' || kind === 'high-contrast-light';
  const css = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = style.getPropertyValue(name).trim();
      if (value) return value;
    }
    return undefined;
  };
  const foreground = css('--vscode-charts-foreground', '--vscode-foreground') ?? (light ? '#3b3b3b' : '#cccccc');
  const border = highContrast ? css('--vscode-contrastBorder') : undefined;
  const fontSize = Number.parseFloat(css('--vscode-font-size') ?? '') || 13;
  return {
    kind,
    foreground,
    muted: highContrast ? foreground : (css('--vscode-descriptionForeground') ?? foreground),
    grid: border ?? css('--vscode-charts-lines', '--vscode-editorWidget-border', '--vscode-panel-border') ??
      (light ? 'rgba(0, 0, 0, 0.15)' : 'rgba(255, 255, 255, 0.15)'),
    background: css('--vscode-editor-background') ?? (light ? '#ffffff' : '#1f1f1f'),
    result: css('--vscode-charts-blue') ?? (light ? '#1a85ff' : '#3794ff'),
    baseline: css('--vscode-charts-orange') ?? '#d18616',
    declined: css('--vscode-charts-red') ?? (light ? '#e51400' : '#f14c4c'),
    quarters: css('--vscode-charts-green') ?? (light ? '#388a34' : '#89d185'),
    resultLevel: css('--vscode-charts-yellow') ?? (light ? '#bf8803' : '#cca700'),
    cadence: css('--vscode-charts-purple') ?? (light ? '#652d90' : '#b180d7'),
    tooltipBackground: css('--vscode-editorHoverWidget-background', '--vscode-editorWidget-background') ??
      (light ? '#f8f8f8' : '#202020'),
    tooltipForeground: css('--vscode-editorHoverWidget-foreground', '--vscode-foreground') ?? foreground,
    tooltipBorder: border ?? css('--vscode-editorHoverWidget-border', '--vscode-editorWidget-border') ?? foreground,
    fontFamily: css('--vscode-font-family') ?? 'system-ui, sans-serif',
    fontSize,
  };
}

/**
 * Calls `onChange` (at most once a frame) whenever VS Code switches theme: the body's class or theme
 * attributes change, or the theme variables on `<html>` do (a switch between two themes of one kind).
 * Returns a function that stops watching.
 */
export function watchTheme(onChange: () => void): () => void {
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  });
  observer.observe(document.body, {
    attributes: true,
    attributeFilter: ['class', 'data-vscode-theme-kind', 'data-vscode-theme-id', 'data-vscode-theme-name'],
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => observer.disconnect();
}

/**
 * `color` at `alpha` (0–1), for fills: a `#rgb`, `#rrggbb` or `#rrggbbaa` theme colour becomes `rgba(…)`; any other CSS colour is
 * returned as it is (drawn opaque rather than guessed at).
 */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color.trim())?.[1];
  if (!hex) return color;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex.slice(0, 6);
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * The legend's label look both charts share: the theme's foreground in its font, each series drawn as its own
 * short line (`pointStyleWidth` and `padding` in CSS pixels).
 */
export function legendLabelLook(colors: ThemeColors, pointStyleWidth: number, padding: number) {
  return { color: colors.foreground, font: { family: colors.fontFamily, size: colors.fontSize }, usePointStyle: true, pointStyleWidth, padding };
}
