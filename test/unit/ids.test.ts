import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AUTH_PROVIDER, COMMANDS, CONTEXT, SETTINGS, VIEWS } from '../../src/ids';

const ROOT = resolve(__dirname, '../..');
const readJson = (name: string) => JSON.parse(readFileSync(resolve(ROOT, name), 'utf8')) as Record<string, unknown>;

interface Contributes {
  authentication: Array<{ id: string; label: string }>;
  walkthroughs: Array<{ steps: Array<{ completionEvents: string[] }> }>;
  commands: Array<{ command: string }>;
  views: Record<string, Array<{ id: string }>>;
  viewsWelcome: Array<{ view: string; contents: string; when?: string }>;
  menus: Record<string, Array<{ command: string; when?: string }>>;
  configuration: { properties: Record<string, unknown> };
}

const contributes = readJson('package.json').contributes as Contributes;
const sorted = (values: Iterable<string>) => [...values].sort();
/** Every `pelotonFtp.*` name in a text (a `when` clause, a welcome text's command links). */
const namesIn = (text: string) => text.match(/\bpelotonFtp(?:\.[A-Za-z]+)+/g) ?? [];

const whenClauses = [
  ...contributes.viewsWelcome.map((w) => w.when ?? ''),
  ...Object.values(contributes.menus).flatMap((items) => items.map((i) => i.when ?? '')),
  // A walkthrough step done on a context (`onContext:<when clause>`); VS Code's `view.<id>.visible` names the view.
  ...contributes.walkthroughs
    .flatMap((w) => w.steps.flatMap((step) => step.completionEvents))
    .filter((event) => event.startsWith('onContext:'))
    .map((event) => event.slice('onContext:'.length).replace(/\bview\.([\w.]+)\.visible\b/g, '$1')),
];
const commandLinks = [
  ...contributes.viewsWelcome.map((w) => w.contents),
  ...['package.nls.json', 'package.nls.de.json'].flatMap((file) => Object.values(readJson(file)).map(String)),
].flatMap((text) => [...text.matchAll(/command:([\w.]+)/g)].map((m) => m[1]!));

describe('src/ids.ts and package.json name the same things', () => {
  it('the same commands (contributes.commands)', () => {
    assert.deepEqual(sorted(Object.values(COMMANDS)), sorted(contributes.commands.map((c) => c.command)));
  });

  it('menus and welcome links name only those commands', () => {
    // VS Code gives each contributed view a command that shows and focuses it: `<view id>.focus`.
    const known = new Set<string>([...Object.values(COMMANDS), ...Object.values(VIEWS).map((view) => `${view}.focus`)]);
    const menuCommands = Object.values(contributes.menus).flatMap((items) => items.map((i) => i.command));
    assert.ok(commandLinks.length > 0, 'the welcome texts link commands');
    for (const command of [...menuCommands, ...commandLinks]) assert.ok(known.has(command), `${command} is not in COMMANDS`);
  });

  it('the same views (contributes.views), and the welcome views are among them', () => {
    const views = Object.values(contributes.views).flatMap((list) => list.map((v) => v.id));
    assert.deepEqual(sorted(Object.values(VIEWS)), sorted(views));
    for (const welcome of contributes.viewsWelcome) assert.ok(views.includes(welcome.view), welcome.view);
  });

  it('the same settings (contributes.configuration)', () => {
    assert.deepEqual(sorted(Object.values(SETTINGS)), sorted(Object.keys(contributes.configuration.properties)));
  });

  it('the same context keys: every one is read by a when clause, and the when clauses read no other', () => {
    const read = new Set(whenClauses.flatMap(namesIn));
    for (const key of Object.values(CONTEXT)) assert.ok(read.has(key), `${key} is read by no when clause`);
    const known = new Set<string>([...Object.values(CONTEXT), ...Object.values(VIEWS)]);
    for (const name of read) assert.ok(known.has(name), `a when clause reads ${name}, which is not in CONTEXT`);
  });

  it('the same authentication provider (contributes.authentication)', () => {
    assert.deepEqual(contributes.authentication, [{ id: AUTH_PROVIDER.id, label: AUTH_PROVIDER.label }]);
  });
});
