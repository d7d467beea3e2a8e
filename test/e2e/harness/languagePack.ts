/**
 * A minimal VS Code language pack as a `.vsix`, for showing the extension in another display language in
 * code-server without the network. VS Code 1.139 (code-server 4.139) takes the web workbench's language, and
 * with it `vscode.env.language` and which `l10n/bundle.l10n.<language>.json` an extension gets, from the
 * language pack that matches `--locale`: with no pack installed it falls back to English. This pack
 * contributes the language with an empty translation of VS Code's own strings, so the workbench stays English
 * while extensions switch, as they would under Microsoft's real language pack.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/**
 * Writes and packages the pack in `dir` (created if missing).
 * @param languageId the locale, e.g. `de`; @param languageName its English name; @param localizedName its own.
 * @returns the `.vsix` path.
 */
export function buildLanguagePackVsix(dir: string, languageId: string, languageName: string, localizedName: string): string {
  mkdirSync(join(dir, 'translations'), { recursive: true });
  const manifest = {
    name: `test-language-pack-${languageId}`,
    displayName: `${languageName} test language pack (empty)`,
    description: `Switches the display language to ${languageName}; translates none of VS Code's own strings.`,
    version: '0.0.1',
    publisher: 'peloton-ftp-history-tests',
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    categories: ['Language Packs'],
    files: ['translations', 'README.md', 'LICENSE'],
    contributes: {
      localizations: [
        { languageId, languageName, localizedLanguageName: localizedName, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] },
      ],
    },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'translations', 'main.i18n.json'), `${JSON.stringify({ version: '1.0.0', contents: {} })}\n`);
  writeFileSync(join(dir, 'README.md'), `# ${manifest.displayName}\n\n${manifest.description}\n`);
  writeFileSync(join(dir, 'LICENSE'), 'MIT\n');
  for (const name of readdirSync(dir)) if (name.endsWith('.vsix')) throw new Error(`${dir} already holds ${name}`);
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--out', join(dir, 'pack.vsix')],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return join(dir, 'pack.vsix');
}

/** A `contributes.localizations` entry of a language pack's manifest. */
interface Localization {
  languageId: string;
  languageName?: string;
  localizedLanguageName?: string;
  translations: Array<{ id: string; path: string }>;
}

/**
 * Writes `<userDataDir>/languagepacks.json` for the language packs installed in `extensionsDir`, as VS Code's
 * LanguagePacksCache does after an install through the workbench. code-server's `--install-extension` (the
 * harness's way to install) does not run that step, and the server reads this file to resolve `--locale`
 * (without it the locale falls back to English). Call after installing and before the server starts.
 * @returns the language ids written (none when no installed extension contributes a localization).
 */
export function writeLanguagePacksJson(extensionsDir: string, userDataDir: string): string[] {
  const packs: Record<string, { hash: string; extensions: Array<{ extensionIdentifier: { id: string }; version: string }>; translations: Record<string, string>; label: string }> = {};
  for (const name of readdirSync(extensionsDir, { withFileTypes: true })) {
    if (!name.isDirectory()) continue;
    const folder = join(extensionsDir, name.name);
    let manifest: { name: string; publisher: string; version: string; contributes?: { localizations?: Localization[] } };
    try {
      manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as typeof manifest;
    } catch {
      continue;
    }
    for (const localization of manifest.contributes?.localizations ?? []) {
      const pack = (packs[localization.languageId] ??= {
        hash: '',
        extensions: [],
        translations: {},
        label: localization.localizedLanguageName ?? localization.languageName ?? localization.languageId,
      });
      pack.extensions.push({ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}`.toLowerCase() }, version: manifest.version });
      for (const translation of localization.translations) pack.translations[translation.id] = join(folder, translation.path);
      pack.hash = createHash('md5').update(pack.extensions.map((e) => `${e.extensionIdentifier.id}@${e.version}`).join()).digest('hex');
    }
  }
  const languages = Object.keys(packs);
  if (languages.length > 0) writeFileSync(join(userDataDir, 'languagepacks.json'), `${JSON.stringify(packs)}\n`);
  return languages;
}
