import preset from '../../../jest.preset.js';

export default { ...preset, displayName: '@gov/integrations-data-access' };
