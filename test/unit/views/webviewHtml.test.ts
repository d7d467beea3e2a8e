import assert from 'node:assert/strict';
import { chartCsp, makeNonce, renderChartHtml } from '../../../src/views/webviewHtml';

const cspSource = 'https://*.vscode-cdn.net';
const nonce = 'q1w2E3r4T5y6U7i8O9p0+/AsDfGh==';
const options = {
  cspSource,
  nonce,
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/chart.css',
};

/** The CSP of a page, as directive name → sources. */
function cspOf(html: string): Map<string, string[]> {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the page has a CSP meta tag');
  const policy = match[1].replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('chart page HTML', () => {
  it('has a strict CSP: nothing by default, nonce scripts, local styles/fonts/images, no network', () => {
    const csp = cspOf(renderChartHtml(options));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`]);
    assert.deepEqual(csp.get('style-src'), [cspSource, `'nonce-${nonce}'`]);
    assert.deepEqual(csp.get('font-src'), [cspSource]);
    assert.deepEqual(csp.get('img-src'), [cspSource, 'data:']);
    assert.deepEqual(csp.get('connect-src'), ["'none'"]);
    assert.deepEqual(csp.get('base-uri'), ["'none'"]);
  });

  it('never allows unsafe-inline, unsafe-eval or a wildcard source', () => {
    const policy = chartCsp(cspSource, nonce);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|(^|\s)\*(\s|;|$)|(^|\s)https?:(\s|;|$)/);
  });

  it('every script tag carries the nonce, and the page script is loaded', () => {
    const html = renderChartHtml(options);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length >= 1);
    for (const tag of scripts) assert.match(tag, new RegExp(`\\snonce="${nonce.replace(/[+/]/g, '\\$&')}"`));
    assert.ok(scripts.some((tag) => tag.includes(`src="${options.scriptUri}"`)));
  });

  it("hands the toolkit the nonce for its one probe <style> (FAST reads meta[property=csp-nonce])", () => {
    const html = renderChartHtml(options);
    assert.ok(html.includes(`<meta property="csp-nonce" content="${nonce}">`));
  });

  it('links the stylesheet (and codicons only when given) and has no inline style or handler', () => {
    const html = renderChartHtml(options);
    assert.match(html, new RegExp(`<link rel="stylesheet" href="${options.styleUri.replace(/[.+]/g, '\\$&')}">`));
    assert.equal((html.match(/<link rel="stylesheet"/g) ?? []).length, 1);
    const withIcons = renderChartHtml({ ...options, codiconsUri: 'https://x.vscode-cdn.net/codicon.css' });
    assert.equal((withIcons.match(/<link rel="stylesheet"/g) ?? []).length, 2);
    assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/i);
  });

  it('escapes the URIs it embeds', () => {
    const html = renderChartHtml({ ...options, styleUri: 'https://x.vscode-cdn.net/a"><script>alert(1)</script>' });
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /&quot;&gt;&lt;script&gt;/);
  });

  it('rejects a nonce or CSP source that could break out of the policy', () => {
    assert.throws(() => renderChartHtml({ ...options, nonce: "abc' 'unsafe-inline" }));
    assert.throws(() => renderChartHtml({ ...options, cspSource: "https://a; script-src 'unsafe-inline'" }));
    assert.throws(() => renderChartHtml({ ...options, cspSource: '' }));
  });

  it('makeNonce: fresh base64 of 24 random bytes each call', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9+/]{32}$/);
    assert.equal(Buffer.from(a, 'base64').length, 24);
  });

  it("carries the display language's strings as a nonce'd JSON data block the page can read, never as markup", () => {
    const bundle = { 'FTP History': 'FTP-Verlauf', 'x</script><script>alert(1)</script>': 'a & b <c> \u2028' };
    const html = renderChartHtml({ ...options, l10nBundle: bundle, language: 'de' });
    assert.match(html, /<html lang="de">/);
    const match = /<script type="application\/json" id="l10n-bundle" nonce="([^"]+)">([^<]*)<\/script>/.exec(html);
    assert.ok(match, 'the data block is there, with no "<" inside it');
    assert.equal(match[1], nonce);
    assert.deepEqual(JSON.parse(match[2]), bundle);
    assert.equal((html.match(/<script/g) ?? []).length, 2, 'only the data block and the page script');
  });

  it('stays English without a bundle, and refuses a language tag that is not one', () => {
    const html = renderChartHtml(options);
    assert.doesNotMatch(html, /l10n-bundle/);
    assert.match(html, /<html lang="en">/);
    assert.match(renderChartHtml({ ...options, language: 'de"><script>' }), /<html lang="en">/);
  });
});
