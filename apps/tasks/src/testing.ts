import { SERVICE_CONFIG, type ServiceApp } from '@gov/platform-service';
import { startTestService } from '@gov/platform-testing';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TasksAppModule } from './app.module.js';
import type { TasksConfig } from './config.js';

/** A running tasks service in a test process, with the handles tests look behind the API with. */
export interface TasksTestApp extends ServiceApp {
  config: TasksConfig;
  orm: MikroORM;
  /** A fresh EntityManager for assertions on stored rows. */
  em(): EntityManager;
}

export async function startTasks(env: Record<string, string>): Promise<TasksTestApp> {
  const service = await startTestService(TasksAppModule, env);
  const orm = service.app.get<MikroORM>(MikroORM);
  return {
    ...service,
    config: service.app.get<TasksConfig>(SERVICE_CONFIG),
    orm,
    em: () => orm.em.fork() as EntityManager,
  };
}
