/** For in-process harnesses (apps/e2e, bench). Production starts main.ts. */
export { IdentityAppModule } from './app.module.js';
export { openCommandContext } from './command-context.js';
export { startIdentity, type IdentityTestApp } from './testing.js';
export { ensureBootstrapAdmin, type BootstrapAdmin } from './seed/bootstrap.js';
export { DEMO_USERNAMES, demoRegionPathsWithAncestors, seedDemoCity } from './seed/demo.js';
export { GridsRegions, publishRegions, regionsKnown } from './fixtures.js';
