// Tool config: ESLint reads a default export. The import arrows of STYLE.md §1 and
// docs/architecture.md live here, one block per wing; the size limits of issue #18 below them.
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** A `no-restricted-imports` setting: each entry is `[patterns, message]`. */
const restrictTo = (...groups) => [
  'error',
  { patterns: groups.map(([group, message]) => ({ group, message })) },
];

/** A `no-restricted-imports` setting that also forbids `kysely` (type imports allowed or not). */
const restrictWithKysely = (kysely, ...groups) => [
  'error',
  { paths: [{ name: 'kysely', ...kysely }], patterns: restrictTo(...groups)[1].patterns },
];

const ABOVE_THE_KERNEL = [
  ['**/gateway/*', '**/subgraphs/*', '**/scripts/*'],
  'schema/ is the GraphQL kernel: it imports only loaders/ (and its own wings as drawn in docs/architecture.md).',
];

// A subgraph: never another subgraph, the gateway or scripts; never the composition engine; the
// process runtime (schema/server/) only from main.ts.
const OTHER_SUBGRAPHS = [
  ['../*/**', '!../../**', '**/gateway/*', '**/scripts/*'],
  'A subgraph refers to another by key, never by import, so any subgraph can come or go alone.',
];
const COMPOSITION_IS_NOT_FOR_SUBGRAPHS = [
  ['**/schema/composition/*'],
  'schema/composition/ (registry, composition, partner policy) is for the gateway and scripts; a subgraph knows only its own SDL.',
];
const SERVER_ONLY_FROM_MAIN = [
  ['**/schema/server/*'],
  'A subgraph reaches the process runtime (schema/server/) only from main.ts.',
];
const SUBGRAPH_ARROWS = [OTHER_SUBGRAPHS, COMPOSITION_IS_NOT_FOR_SUBGRAPHS, SERVER_ONLY_FROM_MAIN];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    rules: {
      // One import order everywhere (issue #18): node builtins, packages, then the project's own
      // modules from the farthest to the nearest, each group alphabetical; `npx eslint --fix` sorts.
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          'newlines-between': 'never',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      curly: ['error', 'all'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['loaders/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictTo([
        [
          '**/schema/*',
          '**/gateway/*',
          '**/subgraphs/*',
          '**/scripts/*',
          'graphql',
          'type-graphql',
          '@apollo/*',
        ],
        'loaders/ is the data kernel: it knows no GraphQL and imports nothing above it.',
      ]),
    },
  },
  {
    // The GraphQL kernel: schema/*.ts. Its wings build on it, never the other way.
    files: ['schema/*.ts'],
    rules: {
      'no-restricted-imports': restrictTo(ABOVE_THE_KERNEL, [
        ['./server/*', './composition/*'],
        'The GraphQL kernel does not import its wings: schema/server/ and schema/composition/ build on it.',
      ]),
    },
  },
  {
    // The process runtime: HTTP, Apollo Server, a subgraph's process. It reads the registry.
    files: ['schema/server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictTo(ABOVE_THE_KERNEL, [
        ['../composition/*', '!../composition/registry.js'],
        'schema/server/ takes only the registry from schema/composition/ (a subgraph process finds its port there).',
      ]),
    },
  },
  {
    // The composition and partner-policy engine: SDL in, supergraph or problems out; no server.
    files: ['schema/composition/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictTo(ABOVE_THE_KERNEL, [
        ['../server/*'],
        'schema/composition/ composes SDL; it never starts a server (schema/server/).',
      ]),
    },
  },
  {
    files: ['clients/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictTo([
        ['**/gateway/*', '**/subgraphs/*', '**/scripts/*', 'kysely', 'pg', '**/loaders/database*'],
        "clients/ are the graph's own clients (report, dashboard, explorer): they reach it over HTTP like any other.",
      ]),
    },
  },
  {
    // The gateway may import schema/ with both wings (it composes, checks and serves).
    files: ['gateway/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictTo([
        [
          '**/subgraphs/*',
          '**/scripts/*',
          'kysely',
          'pg',
          '@electric-sql/*',
          '**/loaders/database*',
          '**/loaders/migrate*',
        ],
        'The gateway reaches subgraphs over HTTP and never a database.',
      ]),
    },
  },
  {
    files: ['subgraphs/*/**/*.ts'],
    rules: { 'no-restricted-imports': restrictTo(...SUBGRAPH_ARROWS) },
  },
  {
    files: ['subgraphs/*/main.ts'],
    rules: {
      'no-restricted-imports': restrictTo(OTHER_SUBGRAPHS, COMPOSITION_IS_NOT_FOR_SUBGRAPHS),
    },
  },
  {
    files: ['subgraphs/*/**/*.{resolver,entity,reference}.ts', 'subgraphs/*/index.ts'],
    rules: {
      'no-restricted-imports': restrictWithKysely(
        { allowTypeImports: true, message: 'SQL lives in repositories, tables and migrations.' },
        ...SUBGRAPH_ARROWS,
      ),
    },
  },
  {
    files: ['**/*.validation.ts'],
    rules: {
      'no-restricted-imports': restrictWithKysely(
        {
          message:
            'A validation is pure (schema/validation.ts): no Kysely, no context. Ask a repository for the facts.',
        },
        ...SUBGRAPH_ARROWS,
      ),
    },
  },
  {
    files: ['subgraphs/*/*.model.ts'],
    rules: {
      'no-restricted-imports': restrictWithKysely(
        {
          message:
            'A model is plain domain code (types, constants, pure functions): SQL belongs in a repository.',
        },
        ...SUBGRAPH_ARROWS,
      ),
    },
  },
  {
    files: ['**/migrations/*.ts', 'loaders/kernel-migrations.ts', 'test/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Issue #18: no production file over 400 lines, no function over 80. Seed data, migrations,
    // tests and generated files are exempt by nature.
    files: ['**/*.{ts,tsx}'],
    ignores: [
      '**/*.seed.ts',
      '**/seed/**',
      '**/migrations/**',
      'test/**',
      '**/*.test.ts',
      '**/*.e2e.ts',
    ],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
);
