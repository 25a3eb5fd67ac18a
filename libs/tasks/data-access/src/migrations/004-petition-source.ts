import { Migration } from '@mikro-orm/migrations';

/**
 * The petition (诉求) a task was published for, when the petitions service asked for one
 * (`petition.task-requested`). At most one task per petition: a redelivered or repeated request
 * can never publish a second one, whatever the consumer's own checks miss.
 */
export class Migration004PetitionSource extends Migration {
  override up(): void {
    this.addSql(`alter table task add column source_petition_id uuid`);
    this.addSql(`create unique index task_source_petition on task (source_petition_id) where source_petition_id is not null`);
  }
}
