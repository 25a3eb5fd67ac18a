import { SERVICE_CONFIG, type ServiceApp } from '@gov/platform-service';
import { startTestService } from '@gov/platform-testing';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GridsAppModule } from './app.module.js';
import type { GridsConfig } from './config.js';

/** A running grids service in a test process, with the handles tests look behind the API with. */
export interface GridsTestApp extends ServiceApp {
  config: GridsConfig;
  orm: MikroORM;
  /** A fresh EntityManager for assertions on stored rows. */
  em(): EntityManager;
}

export async function startGrids(env: Record<string, string>): Promise<GridsTestApp> {
  const service = await startTestService(GridsAppModule, env);
  const orm = service.app.get<MikroORM>(MikroORM);
  return {
    ...service,
    config: service.app.get<GridsConfig>(SERVICE_CONFIG),
    orm,
    em: () => orm.em.fork() as EntityManager,
  };
}
