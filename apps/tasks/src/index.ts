/** For in-process harnesses (apps/e2e, bench). Production starts main.ts. */
export { TasksAppModule } from './app.module.js';
export { startTasks, type TasksTestApp } from './testing.js';
export { seedDemoTasks } from './seed/demo.js';
export { seedDemoRewards } from './seed/demo-rewards.js';
