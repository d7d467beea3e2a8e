/**
 * The extension manifest (package.json) as the Marketplace and VS Code read it: the icon is a PNG of at least
 * 128 × 128, the walkthrough's steps finish on events the extension really causes and its pictures take their
 * colours from the theme, the settings that reach the network say so, and the changelog's newest section is the
 * version being published.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTEXT } from '../../src/ids';

const root = join(__dirname, '..', '..');

interface WalkthroughStep {
  id: string;
  media: { svg?: string; altText?: string };
  completionEvents: string[];
}
interface Manifest {
  version: string;
  icon: string;
  galleryBanner: { color: string; theme: string };
  repository: { url: string };
  contributes: {
    commands: Array<{ command: string }>;
    views: Record<string, Array<{ id: string }>>;
    walkthroughs: Array<{ id: string; steps: WalkthroughStep[] }>;
    configuration: { properties: Record<string, { default?: unknown; tags?: string[] }> };
  };
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

/** All of src/ as one text (for the context keys the code sets). */
function sourceText(dir = join(root, 'src')): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? sourceText(join(dir, entry.name)) : entry.name.endsWith('.ts') ? readFileSync(join(dir, entry.name), 'utf8') : ''))
    .join('\n');
}

describe('the extension manifest (package.json) as published', () => {
  it('names a PNG icon of at least 128 × 128 pixels, square, and a gallery banner', () => {
    const png = readFileSync(join(root, manifest.icon));
    assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'a PNG signature');
    assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width >= 128 && width === height, `${width} × ${height}`);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    assert.match(manifest.repository.url, /^https:\/\//);
  });

  it("finishes each walkthrough step on a command the extension contributes or a context key its code sets", () => {
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
    const source = sourceText();
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.deepEqual(walkthrough!.steps.map((s) => s.id), ['signIn', 'seeTests', 'openChart', 'powerZones', 'export']);
    for (const step of walkthrough!.steps) {
      assert.ok(step.completionEvents.length > 0, `${step.id} has completion events (else it would finish on a mere click)`);
      for (const event of step.completionEvents) {
        const [kind, argument] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
        if (kind === 'onCommand') assert.ok(commands.has(argument), `${step.id}: ${argument} is a contributed command`);
        else if (kind === 'onContext') {
          for (const key of argument.split('&&').map((k) => k.trim())) {
            const view = /^view\.(.+)\.visible$/.exec(key);
            if (view) assert.ok(views.has(view[1]!), `${step.id}: ${view[1]} is a contributed view`);
            else {
              const name = Object.entries(CONTEXT).find(([, value]) => value === key)?.[0];
              assert.ok(name, `${step.id}: ${key} is in CONTEXT of src/ids.ts`);
              assert.match(source, new RegExp(`'setContext', CONTEXT\\.${name}\\b`), `${step.id}: the code sets the context key ${key}`);
            }
          }
        } else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });

  it("draws every walkthrough picture in the theme's colours (var(--vscode-…) with a fallback), with no text to translate", () => {
    for (const step of manifest.contributes.walkthroughs[0]!.steps) {
      assert.ok(step.media.svg, `${step.id} has an SVG picture`);
      assert.match(step.media.altText ?? '', /^%walkthrough\.\w+\.altText%$/, `${step.id} has a translated alt text`);
      const svg = readFileSync(join(root, step.media.svg), 'utf8');
      const colours = [...svg.matchAll(/\b(?:fill|stroke|stop-color)="([^"]*)"/g)].map((m) => m[1]!);
      assert.ok(colours.length > 3, step.id);
      for (const colour of colours) assert.match(colour, /^(none|var\(--vscode-[\w-]+, #[0-9a-f]{6}\))$/i, `${step.media.svg}: ${colour}`);
      assert.doesNotMatch(svg, /<text\b/, `${step.media.svg} holds no text`);
    }
  });

  it('tags the settings that make the extension reach the network with usesOnlineServices, and only those', () => {
    const tagged = Object.entries(manifest.contributes.configuration.properties)
      .filter(([, property]) => property.tags?.includes('usesOnlineServices'))
      .map(([key]) => key);
    assert.deepEqual(tagged.sort(), ['pelotonFtp.apiBaseUrl', 'pelotonFtp.authBaseUrl', 'pelotonFtp.refreshAfterHours']);
    for (const [key, property] of Object.entries(manifest.contributes.configuration.properties)) {
      if (typeof property.default === 'string' && property.default.startsWith('https://')) assert.ok(tagged.includes(key), key);
    }
  });

  it("opens the changelog with the version being published, newest first", () => {
    const versions = [...readFileSync(join(root, 'CHANGELOG.md'), 'utf8').matchAll(/^## (\d+\.\d+\.\d+)\b/gm)].map((m) => m[1]!);
    assert.equal(versions[0], manifest.version);
    const newestFirst = [...versions].sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    assert.deepEqual(versions, newestFirst);
  });
});
