import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import type { Migration } from '@mikro-orm/migrations';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Constructor } from '@mikro-orm/core';

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

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
  return schema;
}

export async function initOrm(s: OrmSettings): Promise<MikroORM> {
  assertSchemaName(s.schema);
  return MikroORM.init({
    clientUrl: s.databaseUrl,
    schema: s.schema,
    entities: s.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    // Handlers always fork; touching the global EntityManager is a bug we want to see.
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

export async function dbReady(orm: MikroORM): Promise<boolean> {
  await orm.em.fork().execute('select 1');
  return true;
}

export async function dropSchema(orm: MikroORM, schema: string): Promise<void> {
  await orm.em.fork().execute(`drop schema if exists "${assertSchemaName(schema)}" cascade`);
}

export type { EntityManager, MikroORM };
