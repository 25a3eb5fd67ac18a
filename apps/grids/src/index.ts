/** For in-process harnesses (apps/e2e, bench). Production starts main.ts. */
export { GridsAppModule } from './app.module.js';
export { startGrids, type GridsTestApp } from './testing.js';
export { seedDemoTerritory } from './seed/demo.js';
