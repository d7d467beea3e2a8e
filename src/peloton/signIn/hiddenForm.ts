/**
 * Reads the auto-submitting HTML form that Auth0's `/usernamepassword/login` answers with
 * (`<form method="post" action="…/login/callback"><input type="hidden" name="wa" value="wsignin1.0">…`):
 * its action and its hidden fields, HTML entities decoded. Checked with zod: string names and values.
 */
import * as z from 'zod';

/** The form: `action` as written (may be relative) and the hidden fields by name. */
export const hiddenFormSchema = z.object({
  action: z.string().min(1),
  fields: z.record(z.string(), z.string()),
});
export type HiddenForm = z.infer<typeof hiddenFormSchema>;

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' };

/** Decodes the HTML character references Auth0 uses (`&#34;`, `&#x22;`, `&quot;`, `&amp;` …). */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return ENTITIES[ref.toLowerCase()] ?? match;
  });
}

/** The attributes of one start tag, names lower-case, values decoded. */
function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g)) {
    out[m[1]!.toLowerCase()] = decodeHtmlEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** The first form of `html` with its hidden inputs, or null when there is no form with an action. */
export function parseHiddenForm(html: string): HiddenForm | null {
  const open = /<form\b[^>]*>/i.exec(html);
  if (!open) return null;
  const close = html.slice(open.index).search(/<\/form\s*>/i);
  const body = close < 0 ? html.slice(open.index) : html.slice(open.index, open.index + close);
  const fields: Record<string, string> = {};
  for (const input of body.matchAll(/<input\b[^>]*>/gi)) {
    const attrs = attributes(input[0]);
    if ((attrs.type ?? '').toLowerCase() === 'hidden' && attrs.name) fields[attrs.name] = attrs.value ?? '';
  }
  const parsed = hiddenFormSchema.safeParse({ action: attributes(open[0]).action, fields });
  return parsed.success ? parsed.data : null;
}
