import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import type { Migration } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Constructor } from '@mikro-orm/core';
import { ConfigError, EX_CONFIG, databaseConfigSchema, parseConfig } from '@gov/platform-config';
import { z } from 'zod';

export interface OrmSettings {
  databaseUrl: string;
  /** The service's own PostgreSQL schema: no service reads another's tables. */
  schema: string;
  entities: Constructor<object>[];
  /** Ordered; names are stored in the schema's migration table. */
  migrations: { name: string; class: Constructor<Migration> }[];
  poolMax?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
  return schema;
}

/** The MikroORM options of a service (PlatformModule hands them to @mikro-orm/nestjs). */
export function ormOptions(s: OrmSettings) {
  assertSchemaName(s.schema);
  return defineConfig({
    clientUrl: s.databaseUrl,
    schema: s.schema,
    entities: s.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    // Handlers run in a per-message request context; touching the global EntityManager is a bug we want to see.
    allowGlobalContext: false,
    pool: { min: 0, max: s.poolMax ?? 10 },
    migrations: {
      migrationsList: s.migrations,
      schema: s.schema,
      tableName: 'mikro_orm_migrations',
      snapshot: false,
      silent: true,
      transactional: true,
      allOrNothing: true,
    },
    debug: false,
  });
}

/** An ORM outside Nest: the migration Job and tests that only need the tables. */
export async function initOrm(s: OrmSettings): Promise<MikroORM> {
  return MikroORM.init(ormOptions(s));
}

/** Creates the schema when missing and applies pending migrations. Safe to run from several pods. */
export async function runMigrations(orm: MikroORM, schema: string): Promise<string[]> {
  const em = orm.em.fork();
  await em.execute(`create schema if not exists "${assertSchemaName(schema)}"`);
  // One migrator at a time per schema (a Job and a developer's npm start may race).
  return em.transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`migrate:${schema}`]);
    const done = await orm.migrator.up();
    return done.map((m) => m.name);
  });
}

/**
 * Lets the service's runtime role use the schema the migration role owns: rows only. Without
 * ownership it can neither alter tables nor drop the audit log's triggers, and TRUNCATE is not
 * granted. Repeated after every migration, so new tables are covered too.
 */
export async function grantRuntimeRole(orm: MikroORM, schema: string, role: string): Promise<void> {
  const em = orm.em.fork();
  const s = assertSchemaName(schema);
  const r = assertSchemaName(role);
  await em.execute(`grant usage on schema "${s}" to "${r}"`);
  await em.execute(`grant select, insert, update, delete on all tables in schema "${s}" to "${r}"`);
  await em.execute(`grant usage, select on all sequences in schema "${s}" to "${r}"`);
  await em.execute(`grant execute on all functions in schema "${s}" to "${r}"`);
}

export async function dbReady(orm: MikroORM): Promise<boolean> {
  await orm.em.fork().execute('select 1');
  return true;
}


export type { EntityManager, MikroORM };

/** The service's schema name, for the few repositories that write SQL by hand. */
export const DB_SCHEMA = Symbol('DB_SCHEMA');

/**
 * The whole of a service's `migrate.ts` (the Kubernetes migration Job): reads DATABASE_URL and
 * DB_SCHEMA (default: `schema`), migrates, prints what it applied as one JSON line.
 */
export async function runMigrationJob(s: { service: string; schema: string; entities: OrmSettings['entities']; migrations: OrmSettings['migrations'] }): Promise<void> {
  try {
    const config = parseConfig(
      databaseConfigSchema.extend({
        DB_SCHEMA: z.string().regex(SCHEMA_NAME).default(s.schema),
        /** The role the service runs as: may read and write rows, may not own, alter or truncate. */
        DB_APP_ROLE: z.string().regex(SCHEMA_NAME).optional(),
      }),
    );
    const orm = await initOrm({ databaseUrl: config.DATABASE_URL, schema: config.DB_SCHEMA, entities: s.entities, migrations: s.migrations });
    const applied = await runMigrations(orm, config.DB_SCHEMA);
    if (config.DB_APP_ROLE) await grantRuntimeRole(orm, config.DB_SCHEMA, config.DB_APP_ROLE);
    process.stdout.write(JSON.stringify({ service: s.service, schema: config.DB_SCHEMA, applied, runtimeRole: config.DB_APP_ROLE ?? null }) + '\n');
    await orm.close();
  } catch (err) {
    process.stderr.write(err instanceof ConfigError ? err.message + '\n' : `migration failed: ${(err as Error).message}\n`);
    process.exit(err instanceof ConfigError ? EX_CONFIG : 1);
  }
}
