import { SERVICE_CONFIG, type ServiceApp } from '@gov/platform-service';
import { startTestService } from '@gov/platform-testing';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MediationAppModule } from './app.module.js';
import type { MediationConfig } from './config.js';

/** A running mediation service in a test process, with the handles tests look behind the API with. */
export interface MediationTestApp extends ServiceApp {
  config: MediationConfig;
  orm: MikroORM;
  /** A fresh EntityManager for assertions on stored rows. */
  em(): EntityManager;
}

export async function startMediation(env: Record<string, string>): Promise<MediationTestApp> {
  const service = await startTestService(MediationAppModule, env);
  const orm = service.app.get<MikroORM>(MikroORM);
  return {
    ...service,
    config: service.app.get<MediationConfig>(SERVICE_CONFIG),
    orm,
    em: () => orm.em.fork() as EntityManager,
  };
}
