import { Migration } from '@mikro-orm/migrations';

/**
 * Residents' proposals (居民提案) and household votes, and the read model of grids' household
 * registry they count against. Unqualified SQL: the migrator sets search_path to the service's schema.
 */
export class Migration002Proposals extends Migration {
  override up(): void {
    // ---- Read model of grids' households (户), fed by its household events through the inbox ----
    // `version` is grids' aggregate version of the event that placed the household (registered or
    // moved); an older event changes nothing. Null when the event carried none: `updated_at` decides.
    this.addSql(`create table household_ref (
      id uuid primary key,
      building_id uuid not null,
      number text not null,
      region text not null,
      version int check (version >= 1),
      updated_at timestamptz not null)`);
    this.addSql(`create index household_ref_region on household_ref (region text_pattern_ops)`);
    this.addSql(`create index household_ref_building on household_ref (building_id)`);
    // A person belongs to one household (grids' rule). No foreign key: a member-added event may be
    // handled before its household's registered event (each type has its own consumer).
    this.addSql(`create table household_member_ref (
      person_id uuid primary key,
      household_id uuid not null,
      relation text not null,
      version int check (version >= 1),
      updated_at timestamptz not null)`);
    this.addSql(`create index household_member_ref_household on household_member_ref (household_id)`);

    // ---- Proposals ------------------------------------------------------------------------------
    // Limits in the checks are those of libs/petitions/contracts/src/proposal.ts when this was
    // written (8 questions, 2–6 options, 200 characters): a migration does not change afterwards.
    // `result` freezes the count once the sweep decides it: adopted, turnout and every question.
    this.addSql(`create table proposal (
      id uuid primary key,
      title text not null check (char_length(title) between 1 and 100),
      body text not null check (char_length(body) between 1 and 5000),
      region text not null,
      county text not null,
      quorum numeric(5, 4) not null check (quorum between 0 and 1),
      discussion_ends_at timestamptz not null,
      voting_ends_at timestamptz not null,
      created_by uuid not null,
      created_by_person uuid,
      created_at timestamptz not null default now(),
      decided_at timestamptz,
      adopted boolean,
      result jsonb,
      check (discussion_ends_at < voting_ends_at),
      check ((decided_at is null) = (adopted is null) and (decided_at is null) = (result is null)))`);
    this.addSql(`create index proposal_region on proposal (region text_pattern_ops, created_at desc)`);
    this.addSql(`create index proposal_due on proposal (voting_ends_at) where decided_at is null`);

    this.addSql(`create table proposal_question (
      proposal_id uuid not null references proposal (id),
      position smallint not null check (position between 0 and 7),
      text text not null check (char_length(text) between 1 and 200),
      options text[] not null check (cardinality(options) between 2 and 6),
      threshold text not null check (threshold in ('simple_majority', 'two_thirds')),
      primary key (proposal_id, position))`);

    // One ballot per household and proposal; a ballot is the record of who voted (or who entered
    // the paper ballot, when and why): append-only, like the petition timeline.
    this.addSql(`create table vote (
      id uuid primary key,
      proposal_id uuid not null references proposal (id),
      household_id uuid not null,
      household_region text not null,
      answers smallint[] not null check (cardinality(answers) between 1 and 8 and 0 <= all (answers) and 5 >= all (answers)),
      channel text not null check (channel in ('online', 'paper')),
      cast_by uuid not null,
      cast_by_person uuid,
      note text check (char_length(note) <= 200),
      cast_at timestamptz not null default now(),
      unique (proposal_id, household_id),
      check (channel = 'paper' or note is null))`);
    this.addSql(`create function vote_append_only() returns trigger language plpgsql as $$
      begin raise exception 'vote is append-only'; end $$`);
    this.addSql(`create trigger vote_append_only before update or delete on vote
      for each row execute function vote_append_only()`);
  }
}
