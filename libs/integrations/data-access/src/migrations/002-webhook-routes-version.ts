import { Migration } from '@mikro-orm/migrations';

/**
 * A counter of changes to the active webhooks, so that the fan-out can keep them in memory and
 * learn with one tiny read per batch whether its copy still holds (WebhookRoutes in the service).
 * Unqualified SQL: the migrator sets search_path to the service's schema.
 */
export class Migration002WebhookRoutesVersion extends Migration {
  override up(): void {
    // One row. Bumped in the transaction of every webhook created, switched on or off, or deleted
    // (WebhookRepository), so a read after that commit sees the new value.
    this.addSql(`create table webhook_routes_version (
      id boolean primary key default true check (id),
      version bigint not null default 0)`);
    this.addSql(`insert into webhook_routes_version (id, version) values (true, 0)`);
  }
}
