import 'reflect-metadata';
import { OUTBOX_TABLES_SQL } from '@gov/platform-outbox';
import { initOrm, type MikroORM } from '@gov/platform-persistence';
import { TEST_DATABASE_URL } from '@gov/platform-testing';
import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';

/** MikroORM wants one entity; the outbox needs none. */
@Entity({ tableName: 'thing' })
class Thing {
  @PrimaryKey({ type: 'text' }) name!: string;
}

class OutboxOnlyMigration extends Migration {
  override up(): void {
    this.addSql(`create table thing (name text primary key)`);
    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}

/** An ORM on `schema` whose migration creates just the outbox tables (run it with runMigrations). */
export function outboxOnlyOrm(schema: string): Promise<MikroORM> {
  return initOrm({ databaseUrl: TEST_DATABASE_URL, schema, entities: [Thing], migrations: [{ name: '001-test', class: OutboxOnlyMigration }], poolMax: 5 });
}
