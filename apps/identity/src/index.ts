/** For in-process test harnesses (apps/e2e, bench). Production starts main.ts. */
export { startIdentity, type IdentityApp } from './app.js';
export { ensureBootstrapAdmin, type BootstrapAdmin } from './seed/bootstrap.js';
