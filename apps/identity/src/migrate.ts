/** Applies identity's migrations and exits: the Kubernetes migration Job runs this. */
import 'reflect-metadata';
import { identityEntities, identityMigrations } from '@gov/identity-data-access';
import { ConfigError, databaseConfigSchema, parseConfig } from '@gov/platform-config';
import { initOrm, runMigrations } from '@gov/platform-persistence';
import { z } from 'zod';

try {
  const config = parseConfig(databaseConfigSchema.extend({ DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('identity') }));
  const orm = await initOrm({ databaseUrl: config.DATABASE_URL, schema: config.DB_SCHEMA, entities: identityEntities, migrations: identityMigrations });
  const applied = await runMigrations(orm, config.DB_SCHEMA);
  process.stdout.write(JSON.stringify({ service: 'identity', schema: config.DB_SCHEMA, applied }) + '\n');
  await orm.close();
} catch (err) {
  process.stderr.write(err instanceof ConfigError ? err.message + '\n' : `migration failed: ${(err as Error).message}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
}
