// Every project's Jest configuration in one run: `npm run jest -- apps/identity` runs the suites
// under a folder whatever project they belong to. Each project configures itself in its own
// jest.config.js (on jest.preset.js); `npx nx test <project>` runs one project alone.
// The globs cover every folder the root package.json `workspaces` can name (libs/<scope>/<lib>
// included), so a new project joins once it has its jest.config.js.
import preset from './jest.preset.js';

export default {
  projects: [
    '<rootDir>/apps/*/jest.config.js',
    '<rootDir>/libs/*/jest.config.js',
    '<rootDir>/libs/*/*/jest.config.js',
    '<rootDir>/tools/jest.config.js',
  ],
  maxWorkers: preset.maxWorkers,
  testTimeout: preset.testTimeout,
};
