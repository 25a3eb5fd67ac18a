/** For in-process harnesses (apps/e2e, bench). Production starts main.ts. */
export { MediationAppModule } from './app.module.js';
export { startMediation, type MediationTestApp } from './testing.js';
export { seedDemoMediation } from './seed/demo.js';
