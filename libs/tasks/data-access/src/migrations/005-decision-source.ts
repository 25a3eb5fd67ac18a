import { Migration } from '@mikro-orm/migrations';

/**
 * The deliberation meeting's decision (议事会决定) a task was published for, when mediation's
 * `meeting.decision-recorded` asked for one. At most one task per decision: a redelivered or
 * repeated event can never publish a second one, whatever the consumer's own checks miss.
 */
export class Migration005DecisionSource extends Migration {
  override up(): void {
    this.addSql(`alter table task add column source_decision_id uuid`);
    this.addSql(`create unique index task_source_decision on task (source_decision_id) where source_decision_id is not null`);
  }
}
