/**
 * Loads the display language's strings into `@vscode/l10n` before any other module of the page runs (main.ts
 * imports it first). The host writes the bundle (`vscode.l10n.bundle`, absent in English) as a JSON data block,
 * `<script type="application/json" id="l10n-bundle">`, into the page (src/views/webviewHtml.ts); without one, or
 * when it does not parse, the page stays in English.
 */
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';

/** A bundle: message (or `message/comment` key) → translation. */
const bundleSchema = z.record(z.string(), z.string());

/** The id of the data block carrying the bundle. */
export const L10N_BUNDLE_ID = 'l10n-bundle';

const text = document.getElementById(L10N_BUNDLE_ID)?.textContent;
if (text) {
  try {
    const bundle = bundleSchema.safeParse(JSON.parse(text));
    if (bundle.success) l10n.config({ contents: bundle.data });
  } catch {
    // an unreadable bundle leaves the page in English
  }
}
