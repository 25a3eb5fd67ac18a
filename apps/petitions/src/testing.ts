import { SERVICE_CONFIG, type ServiceApp } from '@gov/platform-service';
import { startTestService } from '@gov/platform-testing';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PetitionsAppModule } from './app.module.js';
import type { PetitionsConfig } from './config.js';

/** A running petitions service in a test process, with the handles tests look behind the API with. */
export interface PetitionsTestApp extends ServiceApp {
  config: PetitionsConfig;
  orm: MikroORM;
  /** A fresh EntityManager for assertions on stored rows. */
  em(): EntityManager;
}

export async function startPetitions(env: Record<string, string>): Promise<PetitionsTestApp> {
  const service = await startTestService(PetitionsAppModule, env);
  const orm = service.app.get<MikroORM>(MikroORM);
  return {
    ...service,
    config: service.app.get<PetitionsConfig>(SERVICE_CONFIG),
    orm,
    em: () => orm.em.fork() as EntityManager,
  };
}
