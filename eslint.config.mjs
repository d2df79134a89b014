/**
 * Lint: the layer boundaries of docs/architecture.md as import zones, plus the recommended rules the code
 * already keeps. Style is prettier's job (.prettierrc.json), not this file's.
 *
 * A zone names a folder and what files under it may not import. Relative imports are matched against the
 * import text, so every zone is expanded per folder depth: `../server` means src/server only in a file
 * directly under src/services, `../../server` one level deeper. Zones that share a file are merged into one
 * option list, because a later flat-config entry replaces an earlier one's options for the same rule.
 *
 * Two rules carry the zones, so one can be switched off alone:
 *  - @typescript-eslint/no-restricted-imports: the layers (type-only imports allowed where a zone says so);
 *  - no-restricted-imports: SQLite-specific SQL outside src/db (the `sql` tag, better-sqlite3), with the
 *    TEMPORARY per-file exceptions below.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const DEPTHS = [0, 1, 2, 3, 4];
const up = (n) => '../'.repeat(n);
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `dir` (a folder relative to the repo root) as seen from a file `depth` folders below `root`. */
function relativeTo(root, depth, dir) {
  const from = [...root.split('/'), ...Array(depth).fill('x')];
  const to = dir.split('/');
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  return from.length === common ? `./${to.slice(common).join('/')}` : up(from.length - common) + to.slice(common).join('/');
}
/** A regex for an import of `dir` (or anything under it) from such a file: relative, or without `./`. */
const importOf = (root, depth, dir) => `^${esc(relativeTo(root, depth, dir)).replace(/^\\\.\//, '(\\./)?')}(/|$)`;
const pkg = (name) => `^${esc(name)}(/|$)`;

const APP = ['src', 'renderer', 'electron'];
const UI_PACKAGES = ['electron', 'react', 'react-dom'];

/**
 * The zones. `forbid(depth)` returns patterns for @typescript-eslint/no-restricted-imports; a zone listed
 * later for the same files adds to, never replaces, an earlier one's.
 */
const ZONES = [
  {
    name: 'core without UI',
    root: 'src',
    ignores: ['src/server/**', 'src/cli/**'],
    forbid: () =>
      UI_PACKAGES.map((p) => ({ regex: pkg(p), message: 'src outside src/server and src/cli runs without a UI: no electron or React.' })),
  },
  {
    name: 'services',
    root: 'src/services',
    forbid: (d) => [
      { regex: importOf('src/services', d, 'src/server'), message: 'Services do not know how they are served: no imports of src/server.' },
      {
        regex: importOf('src/services', d, 'electron'),
        message: 'Services do not know how they are served: no imports of the electron shell.',
      },
    ],
  },
  {
    name: 'domain',
    root: 'src/domain',
    // Everything but the domain itself and its two libraries: the rules are pure (no I/O, no clock, no schemas).
    forbid: (d) => [
      {
        regex: `^(?!(${['\\./', ...(d > 0 ? [`(\\.\\./){1,${d}}(?!\\.\\.)`] : []), 'date-fns(/|$)', 'pinyin-pro$'].join('|')}))`,
        message: 'src/domain imports only src/domain, date-fns and pinyin-pro (no node:*, kysely, zod or other layers).',
      },
    ],
  },
  {
    name: 'renderer',
    root: 'renderer',
    forbid: (d) => [
      {
        // Values only from the contract's spec; types from anywhere in src.
        regex: `^${esc(relativeTo('renderer', d, 'src'))}(/(?!api/(spec(/.*)?|changes|errors|reasons[^/]*(/.*)?)$)|$)`,
        allowTypeImports: true,
        message: 'The renderer takes values from src only via src/api/spec*, changes, errors and reasons*; anything else as `import type`.',
      },
    ],
  },
  {
    name: 'migrations',
    root: 'migrations',
    forbid: (d) =>
      APP.map((dir) => ({ regex: importOf('migrations', d, dir), message: 'Migrations are frozen in time: no imports of app code.' })),
  },
  {
    name: 'electron shell',
    root: 'electron',
    forbid: (d) => [
      ...shellOnly(d),
      // Electron's main process keeps windows, security and a relay; the database and services run in the core
      // process (issue 15 item 5). Only electron/core-process.ts, that process's entry, starts the core (below).
      ...['src/app', 'src/app-postgres', 'src/db', 'src/services', 'src/cli', 'src/server'].map((dir) => ({
        regex: importOf('electron', d, dir),
        allowTypeImports: true,
        message: 'The main process opens no database: the core runs in its utilityProcess (electron/core-process.ts).',
      })),
      {
        regex: `^${esc(relativeTo('electron', d, 'src/core'))}(/index)?$`,
        allowTypeImports: true,
        message: 'The main process talks to the core through src/core/protocol; only electron/core-process.ts starts it.',
      },
    ],
  },
];
/** The shell's own boundary, for every file under electron/ (core-process.ts included). */
function shellOnly(d) {
  return [{ regex: importOf('electron', d, 'renderer'), message: 'The shell loads the renderer as files; it does not import it.' }];
}

/** Flat-config entries: per zone root and depth, every zone covering those files merged into one list. */
function zoneEntries() {
  const entries = [];
  for (const zone of ZONES) {
    for (const d of DEPTHS) {
      const files = [`${zone.root}/${'*/'.repeat(d)}*.{ts,tsx,mts,js,mjs}`];
      // Every zone whose root contains this zone's root applies here too (domain ⊂ src, services ⊂ src).
      const covering = ZONES.filter((z) => zone.root === z.root || zone.root.startsWith(`${z.root}/`));
      const patterns = covering.flatMap((z) => {
        if (z.ignores?.some((g) => `${zone.root}/`.startsWith(g.replace(/\*\*$/, '')))) return [];
        const depth = d + zone.root.split('/').length - z.root.split('/').length;
        return z.forbid(depth);
      });
      entries.push({
        name: `zones/${zone.name}/depth-${d}`,
        files,
        ignores: zone.ignores ?? [],
        rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
      });
    }
  }
  return entries;
}

/**
 * SQLite-specific SQL lives in src/db and migrations (issue 15): services build queries with Kysely's
 * builder or call src/db/queries.
 */
const sqliteOnlyInDb = (name, files) => ({
  name,
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          {
            name: 'kysely',
            importNames: ['sql'],
            message: 'Raw SQL is SQLite-specific: write it in src/db/queries (or src/db/writes) and call that.',
          },
          { name: 'better-sqlite3', message: 'The driver belongs to src/db.' },
        ],
      },
    ],
  },
});
const SQLITE_ONLY_IN_DB = sqliteOnlyInDb('zones/services/no-sqlite-sql', ['src/services/**/*.ts']);
/** The command line (src/cli) is a caller like the services: its reads live in src/db too (src/db/replay.ts, …). */
const SQLITE_NOT_IN_CLI = sqliteOnlyInDb('zones/cli/no-sqlite-sql', ['src/cli/**/*.ts']);

/**
 * TEMPORARY: services that still write raw SQL, until their queries move to src/db/queries (issue 15).
 * One line per file; deleting a line turns the rule back on for that file.
 */
const SQL_IN_SERVICES_TEMPORARY = [];

/**
 * Queries live in src/db/queries and writes in src/db/writes (issue 15): a service gathers facts through them,
 * calls the domain, and writes through them, so it never calls Kysely's query builder itself. A member call
 * of a builder's entry point (`tx.selectFrom(…)`, `eb.selectFrom(…)` in a subquery, `db['insertInto'](…)`) in
 * src/services is refused; reaching the builder any other way (`sql`, better-sqlite3) is refused above.
 */
const QUERY_BUILDER = ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto', 'selectNoFrom'];
const noQueryBuilder = (name, files, message) => ({
  name,
  files,
  rules: {
    'no-restricted-syntax': [
      'error',
      ...['property.name', 'property.value'].map((key) => ({
        selector: `CallExpression > MemberExpression.callee[${key}=/^(${QUERY_BUILDER.join('|')})$/]`,
        message,
      })),
    ],
  },
});
const QUERIES_ONLY_IN_DB = noQueryBuilder(
  'zones/services/no-query-builder',
  ['src/services/**/*.ts'],
  'Services do not build queries: put the read in src/db/queries (the write in src/db/writes) and call it.',
);
/** Nor does the command line: the replayer's checks read through src/db/replay.ts, the rest through the API or src/db. */
const NO_QUERIES_IN_CLI = noQueryBuilder(
  'zones/cli/no-query-builder',
  ['src/cli/**/*.ts'],
  'The command line does not build queries: put the read in src/db (src/db/replay.ts, src/db/queries) and call it.',
);

/**
 * Screens show what the server holds through useApi (renderer/api/useApi.ts, issue 15 item 6): they re-read
 * on pushed changes, never on a timer, and never hand-roll a read as api.call inside an effect with its own
 * loading, error and stale-reply state. Two selectors of no-restricted-syntax, each with its exceptions:
 * a file named under one is exempt from that selector only.
 */
const SCREENS = 'renderer/screens/**/*.{ts,tsx}';
const SCREEN_SELECTORS = {
  timer: [
    {
      selector: "CallExpression[callee.name='setInterval']",
      message: 'A screen re-reads on pushed changes (useApi areas), never on a timer.',
    },
    {
      selector: "CallExpression[callee.property.name='setInterval']",
      message: 'A screen re-reads on pushed changes (useApi areas), never on a timer.',
    },
  ],
  effectRead: [
    {
      selector: "CallExpression[callee.name=/^use(Layout)?Effect$/] CallExpression[callee.object.name='api'][callee.property.name='call']",
      message:
        "A screen reads through useApi(method, input, { areas }), not api.call in an effect; a write is a person's action, not an effect.",
    },
  ],
};
/** Named exceptions to SCREEN_SELECTORS, each with its reason. */
const SCREEN_EXCEPTIONS = {
  // the lobby board's wall clock ticks each second; the board itself reads through useApi
  'renderer/screens/Lobby.tsx': ['timer'],
};
const screenRules = (exempt = []) => ({
  'no-restricted-syntax': ['error', ...Object.entries(SCREEN_SELECTORS).flatMap(([name, list]) => (exempt.includes(name) ? [] : list))],
});

// Node's globals for the plain .mjs scripts (TypeScript files get theirs from @types/node via tsc).
const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'fetch',
    'AbortController',
    'structuredClone',
    'globalThis',
  ].map((g) => [g, 'readonly']),
);

export default defineConfig(
  {
    name: 'ignores',
    ignores: [
      'dist/**',
      'dist-electron/**',
      'release/**',
      'node_modules/**',
      'test-output/**',
      'bench/tmp/**',
      '.native/**',
      'data/**',
      'tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    name: 'house',
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter kept for its position, a discarded field).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `cond && act()` and `a ? b() : c()` as statements are the house's terse style, not lost values.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // `any` is deliberate at the untyped edges (Kysely<any> in frozen migrations, raw rows, test plumbing);
      // it stays an error in the layers below, which have none.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Hand-rolled parsers and measurement loops there chain side effects with commas (`row.push(cell), i++`).
    name: 'house/tests-and-bench',
    files: ['tests/**', 'bench/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    name: 'house/no-any-in-layers',
    files: ['src/domain/**', 'src/services/**', 'src/server/**', 'renderer/**', 'electron/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  { name: 'node scripts', files: ['**/*.mjs', '**/*.cjs'], languageOptions: { globals: NODE_GLOBALS } },
  ...zoneEntries(),
  {
    // the core process's entry starts the core (src/core startCore), the one file under electron/ that may
    name: 'zones/electron shell/core-process',
    files: ['electron/core-process.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: shellOnly(0) }] },
  },
  SQLITE_ONLY_IN_DB,
  QUERIES_ONLY_IN_DB,
  SQLITE_NOT_IN_CLI,
  NO_QUERIES_IN_CLI,
  // ESLint refuses an entry with no files: with no exception left, there is none
  ...(SQL_IN_SERVICES_TEMPORARY.length
    ? [{ name: 'zones/services/no-sqlite-sql/TEMPORARY', files: SQL_IN_SERVICES_TEMPORARY, rules: { 'no-restricted-imports': 'off' } }]
    : []),
  { name: 'screens/read-through-useApi', files: [SCREENS], rules: screenRules() },
  ...Object.entries(SCREEN_EXCEPTIONS).map(([file, exempt]) => ({
    name: `screens/read-through-useApi/except ${file}`,
    files: [file],
    rules: screenRules(exempt),
  })),
  {
    name: 'zones/domain/no-dynamic-import',
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: 'src/domain loads nothing at run time.' }] },
  },
);
