import { Migration } from '@mikro-orm/migrations';

/**
 * Proposals opened by a deliberation meeting's decision (mediation's `meeting.decision-recorded`
 * with action `proposal`) remember that decision. The unique index makes "one proposal per
 * decision" hold whatever the consumer does: a second copy of the decision's event fails to commit.
 */
export class Migration006DecisionProposals extends Migration {
  override up(): void {
    this.addSql(`alter table proposal add column source_decision_id uuid`);
    this.addSql(`create unique index proposal_source_decision on proposal (source_decision_id) where source_decision_id is not null`);
  }
}
