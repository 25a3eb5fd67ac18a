import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Who may import whom (docs/adr/0006-service-anatomy.md). Scopes keep services apart: a service's
// projects see only their own scope, the platform and the shared kernel. Types keep layers apart:
// contracts import nothing but contracts; a GraphQL lib sees only contracts and GraphQL libs; the
// gateway sees only GraphQL, contracts and platform libs — never a service's domain or data access.
// `npx nx g @gov/tools:service <name>` adds the new service's scope line.
const serviceScopes = ['identity', 'grids', 'tasks', 'petitions', 'mediation', 'integrations'];
// The integrations service republishes every service's events to integrators (without personal data,
// docs/adr/0012): it reads every service's contracts, never their code.
const READS_EVERY_CONTRACT = new Set(['integrations']);
const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform', 'scope:shared'] },
  ...serviceScopes.map((s) => ({
    sourceTag: `scope:${s}`,
    onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:platform', 'scope:shared', ...(READS_EVERY_CONTRACT.has(s) ? ['type:contracts'] : [])],
  })),
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'type:graphql', 'type:contracts', 'type:platform'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
  { sourceTag: 'type:graphql', onlyDependOnLibsWithTags: ['type:graphql', 'type:contracts'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:contracts', 'type:platform'] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:contracts', 'type:platform'] },
  // End-to-end suites start every service in one process; nothing depends on them.
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['*'] },
];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', '.data/**', 'coverage/**', '**/*.generated.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
