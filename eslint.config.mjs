import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/**
 * The fences between the folders of src/ (README, "Where a change goes"; DESIGN.md, "Layout"). Each zone forbids the
 * files under `target` to import anything under `from` but its `except`; paths are resolved files, so a fence holds
 * however deep the importing file sits and for `import type` too. npm packages are fenced by name further down.
 */
const zones = [
  {
    target: './src/peloton',
    from: '.',
    except: ['./src/peloton', './src/shared', './package.json', './node_modules'],
    message: 'src/peloton is the plain-Node domain: it imports src/peloton, src/shared and npm packages only (no auth, history, views, commands, l10n, ids, extension).',
  },
  {
    target: './src/peloton/ftp',
    from: './src/peloton/signIn',
    message: 'peloton/ftp knows nothing of sign-in: it reaches Peloton through peloton/api only.',
  },
  {
    target: './src/peloton/api',
    from: ['./src/peloton/ftp', './src/peloton/signIn'],
    message: 'peloton/api is the bottom of the domain: ftp and signIn build on it, never the other way.',
  },
  {
    target: './src/webview',
    from: '.',
    except: ['./src/webview', './src/shared', './node_modules'],
    message: 'The page imports only src/webview and src/shared: it talks to the host through src/shared/pageProtocol.ts.',
  },
  {
    target: './src/shared',
    from: '.',
    except: ['./src/shared', './node_modules'],
    message: 'src/shared is used by the host, the domain and the page: it imports nothing outside src/shared.',
  },
  {
    target: './src/views',
    from: './src/commands',
    message: 'Arrows point one way (commands → views): a view does not import a command.',
  },
  {
    target: ['./src/history', './src/auth'],
    from: ['./src/views', './src/commands'],
    message: 'Arrows point one way (commands → views → history and auth): history and auth import neither views nor commands.',
  },
  {
    target: './src/l10n',
    from: ['./src/views', './src/commands', './src/history'],
    message: 'src/l10n turns typed errors and warnings into words for views, commands and history: it does not import them.',
  },
  {
    target: './src',
    from: './src/extension.ts',
    message: 'extension.ts is the composition root: nothing imports it.',
  },
];

/** npm packages that run unchanged in Node, the extension host and the page: the only ones src/shared may import. */
const PLATFORM_NEUTRAL = ['zod', 'zod/mini', '@vscode/l10n'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js', '.json'] })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones }],
    },
  },
  {
    files: ['src/peloton/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/peloton is plain Node: never import vscode here.' }] }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode', 'undici'].map((name) => ({ name, message: 'The page runs in a browser: it reaches the host by messages only.' })),
      }],
      'import-x/no-nodejs-modules': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: `^(?![./])(?!(${PLATFORM_NEUTRAL.join('|')})$)`,
          message: `src/shared runs in Node, the extension host and the page: of npm packages it imports only ${PLATFORM_NEUTRAL.join(', ')} (no vscode, node:*, undici or DOM-only module).`,
        }],
      }],
    },
  },
);
