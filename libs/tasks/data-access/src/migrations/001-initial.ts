import { Migration } from '@mikro-orm/migrations';
import { OUTBOX_TABLES_SQL } from '@gov/platform-outbox';

/**
 * Unqualified SQL: the migrator sets search_path to the service's schema. PostGIS lives in
 * `public` (grids' migration or the cluster's bootstrap creates it; `if not exists` here too, under
 * the same database-wide lock), so its types and functions are named `public.` here.
 *
 * Regions are paths (`jingmen/dongbao/longquan/xiangshan/g01`); a steward's community is the
 * first four segments of their grid.
 */
export class Migration001Initial extends Migration {
  override up(): void {
    this.addSql(`select pg_advisory_xact_lock(hashtext('gov:create-extensions'))`);
    this.addSql(`create extension if not exists postgis with schema public`);

    // ---- Read models, fed by other services' events (no reads of their databases) ----------
    // identity's stewards (红管家): who may claim, their number class (号段), unit and grid.
    this.addSql(`create table steward_ref (
      id uuid primary key,
      person_id uuid not null unique,
      number text not null,
      class smallint not null check (class between 1 and 6),
      unit_id uuid not null,
      grid text not null,
      community text not null,
      reports_to_id uuid,
      updated_at timestamptz not null)`);
    this.addSql(`create index steward_ref_community on steward_ref (community)`);
    this.addSql(`create index steward_ref_unit on steward_ref (unit_id)`);
    // identity's units (单位): rankings among colleagues and unit scores (total / members).
    this.addSql(`create table unit_ref (
      id uuid primary key,
      name text not null,
      region text not null,
      updated_at timestamptz not null)`);
    // grids' places (posts, stations, offices): check-in targets with their own radius.
    this.addSql(`create table place_ref (
      id uuid primary key,
      kind text not null,
      name text not null,
      region text not null,
      location public.geography(Point, 4326) not null,
      checkin_radius_m int not null default 50 check (checkin_radius_m between 5 and 1000),
      archived boolean not null default false,
      updated_at timestamptz not null)`);
    this.addSql(`create index place_ref_region on place_ref (region text_pattern_ops)`);

    // ---- Tasks (任务): published at a node and a point, claimed up to capacity ----------------
    this.addSql(`create table task (
      id uuid primary key,
      kind text not null check (kind in ('annual_duty', 'dispatched', 'emergency', 'micro_wish')),
      emergency_type text check (emergency_type in ('epidemic', 'flood', 'fire', 'earthquake')),
      title text not null,
      description text not null default '',
      region text not null,
      community text not null,
      location public.geography(Point, 4326) not null,
      place_id uuid,
      checkin_radius_m int not null check (checkin_radius_m between 5 and 1000),
      points int not null check (points between 0 and 200),
      capacity int not null check (capacity between 1 and 1000),
      claimed int not null default 0 check (claimed >= 0 and claimed <= capacity),
      required_classes smallint[] not null default '{}',
      deadline timestamptz not null,
      status text not null default 'published' check (status in ('published', 'closed', 'cancelled', 'expired')),
      published_by_person uuid not null,
      published_by_steward uuid,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((kind = 'emergency') = (emergency_type is not null)))`);
    this.addSql(`create index task_location on task using gist (location)`);
    this.addSql(`create index task_region on task (region text_pattern_ops)`);
    this.addSql(`create index task_open on task (status, deadline)`);

    // One steward's part in a task: claimed → checked_in → submitted → verified | rejected;
    // withdrawn, expired. Unique per (task, steward): nobody claims twice.
    this.addSql(`create table task_claim (
      id uuid primary key,
      task_id uuid not null references task (id),
      steward_id uuid not null,
      person_id uuid not null,
      status text not null default 'claimed' check (status in ('claimed', 'checked_in', 'submitted', 'verified', 'rejected', 'withdrawn', 'expired')),
      claimed_at timestamptz not null default now(),
      checked_in_at timestamptz,
      checkin_distance_m real,
      submitted_at timestamptz,
      note text,
      photos text[] not null default '{}',
      decided_at timestamptz,
      decided_by_person uuid,
      rejection_reason text,
      rating smallint check (rating between 1 and 5),
      rated_at timestamptz,
      rated_by_person uuid,
      version int not null default 1,
      unique (task_id, steward_id))`);
    this.addSql(`create index task_claim_steward on task_claim (steward_id, claimed_at desc)`);

    // Duty check-ins (报到) of cadres at their home community's office: one a day counts.
    this.addSql(`create table duty_checkin (
      id uuid primary key,
      steward_id uuid not null,
      place_id uuid not null,
      community text not null,
      day date not null,
      distance_m real not null,
      at timestamptz not null default now(),
      unique (steward_id, day))`);

    // ---- Points ledger (积分账本): double-entry, append-only -------------------------------------
    // A transaction has exactly one source; (source_type, source_id) is unique, so a redelivered
    // command or event posts nothing twice. Its entries sum to zero: the county's points pool
    // ('pool:<county path>') pays stewards ('steward:<id>'); redemptions pay merchants.
    this.addSql(`create table points_txn (
      id uuid primary key,
      source_type text not null check (source_type in ('task_completion', 'rating_bonus', 'redemption', 'redemption_refund', 'manual_adjustment')),
      source_id text not null,
      county text not null,
      memo text not null,
      reason text,
      approved_by_person uuid,
      posted_by_person uuid,
      at timestamptz not null default now(),
      unique (source_type, source_id),
      check (source_type <> 'manual_adjustment' or (reason is not null and approved_by_person is not null)))`);
    this.addSql(`create table points_entry (
      id bigint generated always as identity primary key,
      txn_id uuid not null references points_txn (id),
      account text not null,
      amount int not null check (amount <> 0),
      steward_id uuid,
      at timestamptz not null)`);
    this.addSql(`create index points_entry_steward on points_entry (steward_id, at desc) where steward_id is not null`);
    this.addSql(`create index points_entry_txn on points_entry (txn_id)`);
    this.addSql(`create function points_append_only() returns trigger language plpgsql as $$
      begin raise exception 'the points ledger is append-only: post a correcting transaction'; end $$`);
    for (const t of ['points_txn', 'points_entry']) {
      this.addSql(`create trigger ${t}_no_change before update or delete on ${t} for each row execute function points_append_only()`);
      this.addSql(`create trigger ${t}_no_truncate before truncate on ${t} for each statement execute function points_append_only()`);
    }
    // Every transaction balances: checked when the posting transaction commits.
    // The check runs at commit, under the committing session's search_path: the table is named
    // through the trigger's own schema.
    this.addSql(`create function points_txn_balanced() returns trigger language plpgsql as $$
      declare total bigint;
      begin
        execute format('select coalesce(sum(amount), 0) from %I.points_entry where txn_id = $1', tg_table_schema) into total using new.txn_id;
        if total <> 0 then
          raise exception 'points transaction % does not balance', new.txn_id;
        end if;
        return null;
      end $$`);
    this.addSql(`create constraint trigger points_entry_balanced after insert on points_entry
      deferrable initially deferred for each row execute function points_txn_balanced()`);

    // A steward's balance and earnings, kept in the posting transaction (the ledger is the truth;
    // these are its sums, rebuilt from it by a query the tests compare against).
    this.addSql(`create table points_balance (
      steward_id uuid primary key,
      balance int not null check (balance >= 0),
      updated_at timestamptz not null)`);
    // Points earned per steward and period (month, quarter, year): the rankings read these.
    this.addSql(`create table points_period (
      steward_id uuid not null,
      period text not null,
      points int not null,
      community text not null,
      class smallint not null,
      unit_id uuid not null,
      primary key (period, steward_id))`);
    this.addSql(`create index points_period_community on points_period (period, community, points desc)`);
    this.addSql(`create index points_period_class on points_period (period, class, points desc)`);
    this.addSql(`create index points_period_unit on points_period (period, unit_id, points desc)`);
    // Earned per steward and day: the daily cap.
    this.addSql(`create table points_day (
      steward_id uuid not null,
      day date not null,
      points int not null,
      primary key (steward_id, day))`);

    // Manual adjustments (人工调整) wait for a second admin: requested, then approved (posted,
    // source 'manual_adjustment' = this id) or rejected. Four eyes on every hand-made point.
    this.addSql(`create table points_adjustment (
      id uuid primary key,
      steward_id uuid not null,
      amount int not null check (amount <> 0),
      reason text not null,
      requested_by_person uuid not null,
      request_key text not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      requested_at timestamptz not null default now(),
      decided_by_person uuid,
      decided_at timestamptz,
      unique (requested_by_person, request_key))`);

    // ---- Vouchers and lotteries (积分奖券) -------------------------------------------------------
    this.addSql(`create table voucher (
      id uuid primary key,
      steward_id uuid not null,
      claim_id uuid not null unique references task_claim (id),
      county text not null,
      status text not null default 'held' check (status in ('held', 'won')),
      issued_at timestamptz not null default now())`);
    this.addSql(`create table lottery_draw (
      id uuid primary key,
      county text not null,
      title text not null,
      seed text not null,
      pool_digest text not null,
      pool_size int not null,
      winners int not null,
      drawn_by_person uuid not null,
      drawn_at timestamptz not null default now())`);
    this.addSql(`create table lottery_winner (
      draw_id uuid not null references lottery_draw (id),
      rank int not null,
      voucher_id uuid not null unique references voucher (id),
      primary key (draw_id, rank))`);

    // ---- Rewards: the red merchant alliance (红色商家联盟) and the points supermarket -----------
    this.addSql(`create table merchant (
      id uuid primary key,
      name text not null,
      region text not null,
      address text not null default '',
      contact_person uuid,
      created_at timestamptz not null default now())`);
    this.addSql(`create index merchant_region on merchant (region text_pattern_ops)`);
    this.addSql(`create table reward_item (
      id uuid primary key,
      merchant_id uuid not null references merchant (id),
      name text not null,
      price_points int not null check (price_points > 0),
      stock int not null check (stock >= 0),
      active boolean not null default true,
      created_at timestamptz not null default now())`);
    this.addSql(`create table redemption (
      id uuid primary key,
      steward_id uuid not null,
      item_id uuid not null references reward_item (id),
      quantity int not null check (quantity between 1 and 10),
      points int not null check (points > 0),
      code text not null unique,
      status text not null default 'issued' check (status in ('issued', 'confirmed', 'cancelled')),
      created_at timestamptz not null default now(),
      confirmed_at timestamptz,
      confirmed_by_person uuid)`);
    this.addSql(`create index redemption_steward on redemption (steward_id, created_at desc)`);

    // ---- Micro-wishes (微心愿): a resident's wish, fulfilled as a task -------------------------
    this.addSql(`create table micro_wish (
      id uuid primary key,
      task_id uuid not null unique references task (id),
      category text not null check (category in ('suggestion', 'dispute', 'hazard', 'difficulty')),
      region text not null,
      community text not null,
      posted_by_person uuid not null,
      status text not null default 'posted' check (status in ('posted', 'claimed', 'fulfilled', 'confirmed', 'cancelled')),
      created_at timestamptz not null default now(),
      fulfilled_at timestamptz,
      confirmed_at timestamptz)`);
    this.addSql(`create index micro_wish_community on micro_wish (community, status)`);

    // Honour settings per county (steward stars per community, unit tier score lines).
    this.addSql(`create table honour_config (
      county text primary key,
      stars_per_community int not null default 3 check (stars_per_community between 1 and 50),
      tier_excellent numeric not null default 60,
      tier_good numeric not null default 40,
      tier_pass numeric not null default 20,
      updated_at timestamptz not null default now(),
      check (tier_excellent >= tier_good and tier_good >= tier_pass and tier_pass >= 0))`);

    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}
