import { SERVICE_CONFIG, type ServiceApp } from '@gov/platform-service';
import { startTestService } from '@gov/platform-testing';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SigningKeys } from './access/signing-keys.js';
import { IdentityAppModule } from './app.module.js';
import type { IdentityConfig } from './config.js';

/** A running identity service in a test process, with the handles tests look behind the API with. */
export interface IdentityTestApp extends ServiceApp {
  config: IdentityConfig;
  orm: MikroORM;
  keys: SigningKeys;
  /** A fresh EntityManager for assertions on stored rows. */
  em(): EntityManager;
}

export async function startIdentity(env: Record<string, string>): Promise<IdentityTestApp> {
  const service = await startTestService(IdentityAppModule, env);
  const orm = service.app.get<MikroORM>(MikroORM);
  return {
    ...service,
    config: service.app.get<IdentityConfig>(SERVICE_CONFIG),
    orm,
    keys: service.app.get(SigningKeys),
    em: () => orm.em.fork() as EntityManager,
  };
}
