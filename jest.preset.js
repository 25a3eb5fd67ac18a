// Jest settings every project shares. Each project's jest.config.js spreads this and adds its
// `displayName`; the root jest.config.js lists the projects, so `npm run jest -- <folder>` still
// runs any folder across projects, and `npx nx test <project>` runs one project alone.
//
// A new project (a folder matched by the root package.json `workspaces`) needs four files besides
// its src/ — copy them from a sibling at the same depth:
//   package.json   name, exports, `nx.tags`, and the scripts
//                    build      swc src -d dist --strip-leading-paths --config-file <root>/.swcrc --ignore '**/*.spec.ts'
//                    typecheck  tsc -p tsconfig.json --noEmit
//                    lint       eslint --max-warnings=0 .
//                    test       NODE_OPTIONS=--experimental-vm-modules jest [--passWithNoTests while it has no specs]
//   tsconfig.json  { "extends": "<root>/tsconfig.base.json", "include": ["src/**/*.ts"] } (specs included)
//   jest.config.js import preset from '<root>/jest.preset.js'; export default { ...preset, displayName: '<package name>' };
// Nx infers the four targets from the scripts; their inputs, outputs and caching come from nx.json.
//
// Integration suites share one PostgreSQL and one NATS; each suite isolates itself with its own
// schema and subject prefix (@gov/platform-testing). Workers are capped: the machines have two cores.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'es6' },
};

export default {
  testEnvironment: 'node',
  // Workspace packages resolve to their TypeScript sources, so tests need no build of the libraries.
  testEnvironmentOptions: { customExportConditions: ['@gov/source', 'node', 'node-addons'] },
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  // NodeNext specifiers name the emitted `.js`; Jest loads the `.ts` beside it.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 2,
  testTimeout: 30000,
};
