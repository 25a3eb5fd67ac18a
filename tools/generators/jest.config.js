import preset from '../../jest.preset.js';

// The generator spec copies the workspace, generates a service and builds and starts it: minutes,
// not seconds, so it runs on its own (`npm run test:generators -w tools`) with a long timeout.
export default { ...preset, displayName: '@gov/tools generators', testMatch: ['<rootDir>/**/*.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '/files/'], testTimeout: 300_000, maxWorkers: 1 };
