/**
 * The FTP chart page's HTML, as a pure function of the URIs it loads and a per-load nonce (no
 * `vscode` import, so it is unit-testable in plain Node). The Content Security Policy allows only the
 * nonce'd script, stylesheets and fonts from the webview's own resource origin, images from there or
 * `data:`, and no network access at all.
 *
 * Styles: the toolkit's components style themselves with constructable stylesheets
 * (`adoptedStyleSheets`) and CSSOM, which `style-src` does not govern; but its FAST base probes for
 * `:focus-visible` support by appending a `<style>` element, carrying the nonce it reads from
 * `<meta property="csp-nonce">`. So `style-src` also allows the nonce (never 'unsafe-inline'),
 * and the page carries that meta; without them every load reports a CSP violation.
 */
import { randomBytes } from 'node:crypto';
import * as l10n from '@vscode/l10n';

/** What {@link renderChartHtml} needs. */
export interface ChartHtmlOptions {
  /** `webview.cspSource`: the origin the webview's local resources are served from. */
  cspSource: string;
  /** A fresh nonce for this load (see {@link makeNonce}). */
  nonce: string;
  /** The page script (`dist/webview/main.js`) as a webview URI. */
  scriptUri: string;
  /** The page stylesheet (`media/chart.css`) as a webview URI. */
  styleUri: string;
  /** An optional codicon stylesheet as a webview URI. */
  codiconsUri?: string;
  /**
   * The display language's strings for the page (`vscode.l10n.bundle`: message → translation), written into the
   * page as a JSON data block that src/webview/l10nInit.ts loads; absent in English.
   */
  l10nBundle?: Readonly<Record<string, string>>;
  /** The display language (`vscode.env.language`, a BCP 47 tag) for `<html lang>`; `en` when absent. */
  language?: string;
}

/** JSON safe inside a `<script>` element: no `<`, `>`, `&` or line separators left as such. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A random nonce for one page load: 24 bytes from the OS's CSPRNG, base64. */
export function makeNonce(): string {
  return randomBytes(24).toString('base64');
}

/** Escapes text for an HTML attribute value or text node. */
function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The Content Security Policy of the chart page. */
export function chartCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The chart page. Its script, loaded last, builds everything inside `<main id="app">`; the
 * stylesheet styles it with the theme's `--vscode-*` variables.
 */
export function renderChartHtml(options: ChartHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUri, codiconsUri, l10nBundle, language } = options;
  if (!/^[A-Za-z0-9+/=_-]+$/.test(nonce)) throw new Error('renderChartHtml: the nonce must be base64');
  if (/[;,"<>\r\n]/.test(cspSource) || cspSource.trim() === '') {
    throw new Error('renderChartHtml: cspSource must be CSP source expressions, without separators');
  }
  const n = escapeHtml(nonce);
  const codicons = codiconsUri ? `\n    <link rel="stylesheet" href="${escapeHtml(codiconsUri)}">` : '';
  const lang = language && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(language) ? language : 'en';
  const bundle = l10nBundle ? `\n    <script type="application/json" id="l10n-bundle" nonce="${n}">${scriptJson(l10nBundle)}</script>` : '';
  return `<!DOCTYPE html>
<html lang="${lang}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(chartCsp(cspSource.trim(), nonce))}">
    <meta property="csp-nonce" content="${n}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <link rel="stylesheet" href="${escapeHtml(styleUri)}">${codicons}
    <title>${escapeHtml(l10n.t('FTP History'))}</title>
  </head>
  <body>
    <main id="app" aria-busy="true">
      <p class="loading">${escapeHtml(l10n.t('Loading FTP history…'))}</p>
    </main>${bundle}
    <script nonce="${n}" src="${escapeHtml(scriptUri)}"></script>
  </body>
</html>
`;
}
