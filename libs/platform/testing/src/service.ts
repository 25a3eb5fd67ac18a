import { ENV, startServiceApp, type ServiceApp } from '@gov/platform-service';
import type { Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/**
 * Starts a service's AppModule the way main.ts does, but built by Nest's testing module and
 * configured from `env` instead of process.env (several services, or several replicas of one,
 * run in one test process). Use `TestContext.env(...)` for the isolated database schema and
 * subject prefix.
 */
export async function startTestService(appModule: Type<unknown>, env: Record<string, string>): Promise<ServiceApp> {
  const moduleRef = await Test.createTestingModule({ imports: [appModule] })
    .overrideProvider(ENV)
    .useValue(env)
    .compile();
  return startServiceApp(moduleRef.createNestApplication({ logger: false, abortOnError: false }));
}
