/** For in-process harnesses (apps/e2e, bench). Production starts main.ts. */
export { TasksAppModule } from './app.module.js';
export { startTasks, type TasksTestApp } from './testing.js';
