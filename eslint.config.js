import tseslint from 'typescript-eslint';

/*
 * Where code runs decides what it may import (README, "Where things live"):
 *   utils/      pure logic: runs in Node, tests and the CLI — no extension API, no database
 *   store/      the database (Dexie and plain IndexedDB), called from the background and extension pages
 *   runtime/    the thin layer over extension APIs
 *   components/ the UI, over the three above
 *   entrypoints/ wire it all to the browser
 * Dexie is imported as a value only by store/database.ts: the first screens read with plain
 * IndexedDB and load Dexie on first use, which a stray import would undo.
 */

const homes = ['utils', 'store', 'runtime', 'components', 'entrypoints'];

/** An import of another home, by alias or by a relative path that climbs into it. */
function homePattern(names) {
  return {
    regex: `^(@/|(\\.\\./)+)(${names.join('|')})(/|$)`,
    message: `This folder may not import from ${names.join(', ')}: see "Where things live" in README.md.`,
  };
}

const extensionApis = [
  { name: 'wxt', message: 'Extension APIs live in runtime/.' },
  { name: 'webextension-polyfill', message: 'Extension APIs live in runtime/.' },
  { name: '@wxt-dev/browser', message: 'Extension APIs live in runtime/.' },
];
const wxtPattern = { group: ['wxt/*'], message: 'Extension APIs live in runtime/.' };
const dexieAsValue = {
  name: 'dexie',
  allowTypeImports: true,
  message:
    'Only store/database.ts imports Dexie as a value; open the database through it (store/lazy-database.ts in pages).',
};
const noDatabase = {
  name: 'dexie',
  message: 'Code that runs in the content script never touches the database: ask the background.',
};
const extensionGlobals = [
  { name: 'browser', message: 'Extension APIs live in runtime/.' },
  { name: 'chrome', message: 'Extension APIs live in runtime/.' },
];

/** dexie: 'value' forbids importing Dexie as a value, 'all' forbids it outright, 'free' allows it. */
function boundary({ forbidHomes, forbidExtensionApis, dexie = 'value' }) {
  const dexieRule = { value: [dexieAsValue], all: [noDatabase], free: [] }[dexie];
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [...(forbidExtensionApis ? extensionApis : []), ...dexieRule],
        patterns: [
          ...(forbidHomes.length ? [homePattern(forbidHomes)] : []),
          ...(forbidExtensionApis ? [wxtPattern] : []),
        ],
      },
    ],
    ...(forbidExtensionApis ? { 'no-restricted-globals': ['error', ...extensionGlobals] } : {}),
  };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      '.wxt/',
      'docs/',
      'screenshots/',
      'start-output/',
      'bench-results/',
      'test-results/',
    ],
  },
  {
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['utils/**'],
    rules: boundary({ forbidHomes: homes.filter((home) => home !== 'utils'), forbidExtensionApis: true }),
  },
  {
    files: ['store/**'],
    rules: boundary({ forbidHomes: ['runtime', 'components', 'entrypoints'], forbidExtensionApis: true }),
  },
  {
    files: ['store/database.ts'],
    rules: boundary({
      forbidHomes: ['runtime', 'components', 'entrypoints'],
      forbidExtensionApis: true,
      dexie: 'free',
    }),
  },
  {
    files: ['runtime/**'],
    rules: boundary({ forbidHomes: ['components', 'entrypoints'], forbidExtensionApis: false }),
  },
  { files: ['components/**'], rules: boundary({ forbidHomes: ['entrypoints'], forbidExtensionApis: true }) },
  { files: ['entrypoints/**'], rules: boundary({ forbidHomes: [], forbidExtensionApis: false }) },
  // The content script runs in the page's process and never opens the database (README, rule 1): what it runs
  // may not import store/ or Dexie, not even for types. content-script-reach.test.ts follows its whole import graph.
  {
    files: ['components/page-tools/**'],
    rules: boundary({ forbidHomes: ['entrypoints', 'store'], forbidExtensionApis: true, dexie: 'all' }),
  },
  {
    files: ['entrypoints/content/**'],
    rules: boundary({ forbidHomes: ['store'], forbidExtensionApis: false, dexie: 'all' }),
  },
);
