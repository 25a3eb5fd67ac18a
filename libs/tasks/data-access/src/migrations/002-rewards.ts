import { Migration } from '@mikro-orm/migrations';

/**
 * Rewards beyond 001: the region a draw was held over, the pool each draw drew from (so anyone can
 * recompute its winners later, after the winners' vouchers changed to 'won'), the draw records
 * made append-only, and the indexes the supermarket's and vouchers' reads use. Unqualified SQL
 * (the migrator sets search_path to the service's schema).
 */
export class Migration002Rewards extends Migration {
  override up(): void {
    // A county draw or a street draw: the county alone does not say which. (Only the rewards
    // feature, which arrives with this migration, writes draws: the table is empty here.)
    this.addSql(`alter table lottery_draw add column region text not null check (split_part(region, '/', 2) = county)`);
    // Every voucher the draw drew from, in the pool whose digest the draw records.
    this.addSql(`create table lottery_pool (
      draw_id uuid not null references lottery_draw (id),
      voucher_id uuid not null references voucher (id),
      primary key (draw_id, voucher_id))`);
    // A draw is evidence: its rows are never changed or removed.
    this.addSql(`create function lottery_append_only() returns trigger language plpgsql as $$
      begin raise exception 'lottery draws are append-only'; end $$`);
    for (const t of ['lottery_draw', 'lottery_winner', 'lottery_pool']) {
      this.addSql(`create trigger ${t}_no_change before update or delete on ${t} for each row execute function lottery_append_only()`);
    }
    this.addSql(`create index reward_item_merchant on reward_item (merchant_id, name)`);
    this.addSql(`create index voucher_steward on voucher (steward_id, issued_at desc, id desc)`);
    this.addSql(`create index voucher_held on voucher (county, id) where status = 'held'`);
  }
}
