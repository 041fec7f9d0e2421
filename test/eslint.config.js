// Tool config: ESLint reads a default export. The import arrows of STYLE.md §1 live here.
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
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
      'no-restricted-imports': restrict(
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
      ),
    },
  },
  {
    files: ['schema/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['**/gateway/*', '**/subgraphs/*', '**/scripts/*'],
        'schema/ is the GraphQL kernel: it imports only loaders/.',
      ),
    },
  },
  {
    files: ['clients/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        ['**/gateway/*', '**/subgraphs/*', '**/scripts/*', 'kysely', 'pg', '**/loaders/database*'],
        "clients/ are the graph's own clients (report, dashboard, explorer): they reach it over HTTP like any other.",
      ),
    },
  },
  {
    files: ['gateway/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
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
      ),
    },
  },
  {
    files: ['subgraphs/*/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['../*/**', '!../../**', '**/gateway/*', '**/scripts/*'],
        'A subgraph refers to another by key, never by import, so any subgraph can come or go alone.',
      ),
    },
  },
  {
    files: ['subgraphs/*/**/*.{resolver,entity,reference}.ts', 'subgraphs/*/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              allowTypeImports: true,
              message: 'SQL lives in repositories, tables and migrations.',
            },
          ],
          patterns: [
            {
              group: ['../*/**', '!../../**', '**/gateway/*', '**/scripts/*'],
              message: 'A subgraph refers to another by key, never by import.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/migrations/*.ts', 'loaders/kernel-migrations.ts', 'test/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
