import preset from '../jest.preset.js';

// The tools' specs sit beside the scripts they check, not under src/.
export default { ...preset, displayName: '@gov/tools', testMatch: ['<rootDir>/*.spec.ts', '<rootDir>/events/*.spec.ts'] };
