/**
 * The translations are complete and current: every message the code passes to `vscode.l10n.t` or
 * `@vscode/l10n`'s `t` (found by @vscode/l10n-dev, the tool that exports the bundle) is in the English bundle
 * and in the German one, no bundle keeps a message no code uses, every translation keeps its message's
 * placeholders, and every `%key%` of package.json is in package.nls.json and package.nls.de.json. Also: the
 * pure text modules really switch language once `@vscode/l10n` has the German bundle (every warning in German:
 * test/unit/l10n/warningMessages.test.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as l10n from '@vscode/l10n';
import { getL10nJson } from '@vscode/l10n-dev';
import type { FtpTest } from '../../../src/peloton/ftp/model';
import { riderLabel, testDescription, testLabel, testTooltip } from '../../../src/views/treeFormat';
import { tableRows } from '../../../src/webview/tableText';

const root = join(__dirname, '..', '..', '..');

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
}

/** Every .ts file under src/, recursively. */
function sourceFiles(dir = join(root, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The messages the code uses (the keys `npm run l10n:export` would write). */
async function usedKeys(): Promise<Set<string>> {
  const json = await getL10nJson(sourceFiles().map((file) => ({ contents: readFileSync(file, 'utf8'), extension: '.ts' })));
  return new Set(Object.keys(json));
}

/** The `{0}`, `{1}` … placeholders of a message, sorted. */
function placeholders(message: string): string[] {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort();
}

/** The `%key%` references in package.json. */
function packageJsonKeys(): Set<string> {
  const text = readFileSync(join(root, 'package.json'), 'utf8');
  return new Set([...text.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));
}

const BUNDLES = ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.de.json'];
const NLS = ['package.nls.json', 'package.nls.de.json'];

describe('translations', function () {
  this.timeout(60_000);
  let used: Set<string>;

  before(async () => {
    used = await usedKeys();
  });

  it('finds the messages of the code (sanity: the extractor sees vscode.l10n.t and @vscode/l10n alike)', () => {
    assert.ok(used.has('Your Peloton session expired.'), 'a vscode.l10n.t message');
    assert.ok(used.has('first test'), 'an @vscode/l10n message (src/webview/format.ts)');
    assert.ok(used.size > 150, `only ${used.size} messages found`);
  });

  for (const bundle of BUNDLES) {
    it(`${bundle} has every message the code uses`, () => {
      const keys = new Set(Object.keys(readJson(bundle)));
      const missing = [...used].filter((key) => !keys.has(key));
      assert.deepEqual(missing, [], `missing from ${bundle} (run npm run l10n:export, then translate)`);
    });

    it(`${bundle} has no message the code no longer uses`, () => {
      const stale = Object.keys(readJson(bundle)).filter((key) => !used.has(key));
      assert.deepEqual(stale, [], `stale keys in ${bundle}`);
    });
  }

  it('the English bundle maps each message to itself, and every German translation is a non-empty string with the same placeholders', () => {
    const en = readJson(BUNDLES[0]);
    for (const [key, value] of Object.entries(en)) assert.equal(value, key);
    const de = readJson(BUNDLES[1]);
    for (const [key, value] of Object.entries(de)) {
      assert.equal(typeof value, 'string', key);
      assert.ok((value as string).trim().length > 0, key);
      assert.deepEqual(placeholders(value as string), placeholders(key), `placeholders of "${key}"`);
    }
  });

  for (const nls of NLS) {
    it(`${nls} has every %key% package.json uses, and no other`, () => {
      const refs = packageJsonKeys();
      const keys = Object.keys(readJson(nls));
      assert.deepEqual([...refs].filter((key) => !keys.includes(key)), [], `missing from ${nls}`);
      assert.deepEqual(keys.filter((key) => !refs.has(key)), [], `unused keys in ${nls}`);
      for (const key of keys) assert.ok(String(readJson(nls)[key]).trim().length > 0, key);
    });
  }

  it('package.json points VS Code at the bundles', () => {
    assert.equal(readJson('package.json').l10n, './l10n');
  });

  it('the sources outside src/peloton use no l10n call on a computed message (the extractor would miss it)', () => {
    for (const file of sourceFiles()) {
      const text = readFileSync(file, 'utf8');
      const dynamic = text.match(/\bl10n\.t\(\s*[^'"\s{]/g);
      assert.equal(dynamic, null, `${relative(root, file)}: ${dynamic?.join(', ')}`);
    }
  });
});

describe('the text modules in German (@vscode/l10n with the German bundle)', () => {
  const test: FtpTest = {
    workoutId: 'w2',
    takenAt: Date.parse('2026-01-14T12:00:00Z') / 1000,
    rideTitle: null,
    instructor: 'Denis Morton',
    avgOutput: null,
    calculatedFtp: null,
    baselineFtp: 183,
    baselineSource: 'ftp_estimated_source',
    rawBaseline: 183,
    previousTestId: null,
    applied: 'not-applied',
    warnings: [{ kind: 'no-graph', workoutId: 'w2' }],
  };

  before(() => l10n.config({ contents: readJson(BUNDLES[1]) as Record<string, string> }));
  after(() => l10n.config({ contents: {} }));

  it('the tree row, its tooltip and a warning are German', () => {
    assert.equal(testLabel(test), '2026-01-14 · keine Leistungsdaten');
    assert.equal(testDescription(test), 'nicht übernommen · Ausgangs-FTP 183 W · Schätzung von Peloton');
    const tooltip = testTooltip(test);
    assert.equal(tooltip.title, 'FTP-Test');
    assert.equal(tooltip.subtitle, 'mit Denis Morton');
    assert.ok(tooltip.lines.includes('Durchschnittsleistung: keine Leistungsdaten'), tooltip.lines.join('\n'));
    assert.deepEqual(tooltip.warnings, ['⚠ Kein Leistungsdiagramm für das Workout w2 (404).']);
    assert.equal(
      riderLabel({ userId: 'u', username: 'rider', currentFtp: 176, currentFtpSource: 'ftp_workout_source', currentFtpWorkoutId: 'w1', estimatedFtp: null }),
      'Aktuelle FTP 176 W',
    );
  });

  it("the chart page's table text is German", () => {
    const [row] = tableRows([
      {
        workoutId: 'w2',
        takenAt: test.takenAt,
        rideTitle: null,
        instructor: null,
        avgOutput: null,
        calculatedFtp: null,
        baselineFtp: 183,
        baselineOrigin: 'none',
        baselineSetAt: null,
        enteredBaseline: null,
        applied: 'not-applied',
      },
    ]);
    assert.deepEqual(row.slice(2), ['nicht übernommen', '183', 'erster Test', '\u2014', 'keine Leistungsdaten', 'Unbekannte Fahrt']);
  });
});
