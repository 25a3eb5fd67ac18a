import type { RedemptionStatus, VoucherStatus } from '@gov/tasks-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

export interface MerchantRecord {
  id: string;
  name: string;
  region: string;
  address: string;
  contactPerson: string | null;
  createdAt: Date;
}

export interface RewardItemRecord {
  id: string;
  merchantId: string;
  name: string;
  pricePoints: number;
  stock: number;
  active: boolean;
  createdAt: Date | string;
}

/** A merchant with its items (a list of the points supermarket). */
export interface MerchantWithItems extends MerchantRecord {
  items: RewardItemRecord[];
}

/** An item with what its visibility and rights are decided by: its merchant's region and contact person. */
export interface ItemRecord extends RewardItemRecord {
  merchantName: string;
  merchantRegion: string;
  contactPerson: string | null;
}

export interface RedemptionRecord {
  id: string;
  stewardId: string;
  itemId: string;
  itemName: string;
  merchantId: string;
  merchantName: string;
  merchantRegion: string;
  contactPerson: string | null;
  quantity: number;
  points: number;
  code: string;
  status: RedemptionStatus;
  createdAt: Date;
  confirmedAt: Date | null;
}

export interface VoucherRecord {
  id: string;
  stewardId: string;
  claimId: string;
  taskId: string;
  county: string;
  status: VoucherStatus;
  issuedAt: Date;
  drawId: string | null;
  rank: number | null;
}

export interface LotteryDrawRecord {
  id: string;
  county: string;
  region: string;
  title: string;
  seed: string;
  poolDigest: string;
  poolSize: number;
  winners: number;
  drawnByPerson: string;
  drawnAt: Date;
}

export interface LotteryWinnerRecord {
  rank: number;
  voucherId: string;
  stewardId: string;
}

const MERCHANT_COLUMNS = `m.id, m.name, m.region, m.address, m.contact_person as "contactPerson", m.created_at as "createdAt"`;
const ITEM_COLUMNS = `i.id, i.merchant_id as "merchantId", i.name, i.price_points as "pricePoints", i.stock, i.active, i.created_at as "createdAt"`;
const ITEM_WITH_MERCHANT = `${ITEM_COLUMNS}, m.name as "merchantName", m.region as "merchantRegion", m.contact_person as "contactPerson"`;
const REDEMPTION_COLUMNS = `r.id, r.steward_id as "stewardId", r.item_id as "itemId", i.name as "itemName", i.merchant_id as "merchantId", m.name as "merchantName",
  m.region as "merchantRegion", m.contact_person as "contactPerson", r.quantity, r.points, r.code, r.status, r.created_at as "createdAt", r.confirmed_at as "confirmedAt"`;
const REDEMPTION_FROM = (s: string) => `${s}.redemption r join ${s}.reward_item i on i.id = r.item_id join ${s}.merchant m on m.id = i.merchant_id`;
const VOUCHER_COLUMNS = `v.id, v.steward_id as "stewardId", v.claim_id as "claimId", c.task_id as "taskId", v.county, v.status, v.issued_at as "issuedAt",
  w.draw_id as "drawId", w.rank`;
const DRAW_COLUMNS = `d.id, d.county, d.region, d.title, d.seed, d.pool_digest as "poolDigest", d.pool_size as "poolSize", d.winners,
  d.drawn_by_person as "drawnByPerson", d.drawn_at as "drawnAt"`;

const MERCHANT_BY_ID: HotRead = { name: 'tasks.merchant.byId', text: `select ${MERCHANT_COLUMNS} from {schema}.merchant m where m.id = $1` };
/**
 * Merchants in a subtree ($1 the path, $2 its below-pattern) and in the caller's scope ($3 paths,
 * $4 their below-patterns), by name, after the merchant $5; each with its items by name.
 */
const MERCHANTS: HotRead = {
  name: 'tasks.merchant.list',
  text: `select ${MERCHANT_COLUMNS},
           coalesce((select json_agg(json_build_object('id', i.id, 'merchantId', i.merchant_id, 'name', i.name, 'pricePoints', i.price_points,
                       'stock', i.stock, 'active', i.active, 'createdAt', i.created_at) order by i.name, i.id)
                     from {schema}.reward_item i where i.merchant_id = m.id), '[]'::json) as items
         from {schema}.merchant m
         where (m.region = $1 or m.region like $2) and (m.region = any($3::text[]) or m.region like any($4::text[]))
           and ($5::uuid is null or (m.name, m.id) > (select a.name, a.id from {schema}.merchant a where a.id = $5))
         order by m.name, m.id limit $6`,
};
const ITEM_BY_ID: HotRead = {
  name: 'tasks.rewardItem.byId',
  text: `select ${ITEM_WITH_MERCHANT} from {schema}.reward_item i join {schema}.merchant m on m.id = i.merchant_id where i.id = $1`,
};
const REDEMPTION_BY_CODE: HotRead = { name: 'tasks.redemption.byCode', text: `select ${REDEMPTION_COLUMNS} from ${REDEMPTION_FROM('{schema}')} where r.code = $1` };
/** A steward's redemptions, newest first, after the redemption $3 (keyset on created_at, id). */
const REDEMPTIONS_OF_STEWARD: HotRead = {
  name: 'tasks.redemption.ofSteward',
  text: `select ${REDEMPTION_COLUMNS} from ${REDEMPTION_FROM('{schema}')}
         where r.steward_id = $1 and ($2::text[] is null or r.status = any($2::text[]))
           and ($3::uuid is null or (r.created_at, r.id) < (select a.created_at, a.id from {schema}.redemption a where a.id = $3 and a.steward_id = $1))
         order by r.created_at desc, r.id desc limit $4`,
};
const VOUCHERS_OF_STEWARD: HotRead = {
  name: 'tasks.voucher.ofSteward',
  text: `select ${VOUCHER_COLUMNS}
         from {schema}.voucher v join {schema}.task_claim c on c.id = v.claim_id left join {schema}.lottery_winner w on w.voucher_id = v.id
         where v.steward_id = $1 and ($2::text[] is null or v.status = any($2::text[]))
           and ($3::uuid is null or (v.issued_at, v.id) < (select a.issued_at, a.id from {schema}.voucher a where a.id = $3 and a.steward_id = $1))
         order by v.issued_at desc, v.id desc limit $4`,
};
const DRAW_BY_ID: HotRead = { name: 'tasks.lottery.byId', text: `select ${DRAW_COLUMNS} from {schema}.lottery_draw d where d.id = $1` };
const DRAW_WINNERS: HotRead = {
  name: 'tasks.lottery.winners',
  text: `select w.rank, w.voucher_id as "voucherId", v.steward_id as "stewardId"
         from {schema}.lottery_winner w join {schema}.voucher v on v.id = w.voucher_id where w.draw_id = $1 order by w.rank`,
};
/** A page of a draw's pool in the order its digest is taken over (uuid order is the order of their lowercase text). */
const DRAW_POOL: HotRead = {
  name: 'tasks.lottery.pool',
  text: `select p.voucher_id::text as id from {schema}.lottery_pool p
         where p.draw_id = $1 and ($2::uuid is null or p.voucher_id > $2) order by p.voucher_id limit $3`,
};

/** Everything below `path`, as a LIKE pattern. */
function belowPattern(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => '\\' + c)}/%`;
}

/** A uuid[] literal for a bound parameter (ids are validated uuids). */
function uuidArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}

/**
 * The red merchant alliance, the points supermarket and the voucher lotteries: hot reads prepared,
 * writes (and the row locks a redemption or a draw takes) in the caller's transaction.
 */
@Injectable()
export class RewardsRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  // ---- merchants and items ----------------------------------------------------------------

  async merchantById(id: string): Promise<MerchantRecord | null> {
    return (await this.reads.rows<MerchantRecord>(MERCHANT_BY_ID, [id]))[0] ?? null;
  }

  /** Merchants of `region`'s subtree within `scope` (paths whose subtree the caller sees), by name. */
  async merchants(region: string, scope: readonly string[], after: string | null, limit: number): Promise<MerchantWithItems[]> {
    return this.reads.rows<MerchantWithItems>(MERCHANTS, [region, belowPattern(region), scope, scope.map(belowPattern), after, limit]);
  }

  async itemById(id: string): Promise<ItemRecord | null> {
    return (await this.reads.rows<ItemRecord>(ITEM_BY_ID, [id]))[0] ?? null;
  }

  async insertMerchant(em: EntityManager, m: { id: string; name: string; region: string; address: string; contactPerson: string | null }): Promise<MerchantRecord> {
    const [row] = await em.execute<MerchantRecord[]>(
      `insert into ${this.s}.merchant as m (id, name, region, address, contact_person) values (?, ?, ?, ?, ?) returning ${MERCHANT_COLUMNS}`,
      [m.id, m.name, m.region, m.address, m.contactPerson],
    );
    return row;
  }

  async insertItem(em: EntityManager, i: { id: string; merchantId: string; name: string; pricePoints: number; stock: number }): Promise<RewardItemRecord> {
    const [row] = await em.execute<RewardItemRecord[]>(
      `insert into ${this.s}.reward_item as i (id, merchant_id, name, price_points, stock) values (?, ?, ?, ?, ?) returning ${ITEM_COLUMNS}`,
      [i.id, i.merchantId, i.name, i.pricePoints, i.stock],
    );
    return row;
  }

  /** Locks the item's row until commit: redemptions and restocks of one item run one after another. */
  async lockItem(em: EntityManager, id: string): Promise<ItemRecord | null> {
    const rows = await em.execute<ItemRecord[]>(
      `select ${ITEM_WITH_MERCHANT} from ${this.s}.reward_item i join ${this.s}.merchant m on m.id = i.merchant_id where i.id = ? for update of i`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Adds stock (and sets `active` when given); the caller holds the item's lock. */
  async restock(em: EntityManager, id: string, quantity: number, active: boolean | null): Promise<RewardItemRecord> {
    const [row] = await em.execute<RewardItemRecord[]>(
      `update ${this.s}.reward_item i set stock = stock + ?, active = coalesce(?::boolean, active) where i.id = ? returning ${ITEM_COLUMNS}`,
      [quantity, active, id],
    );
    return row;
  }

  /** Takes `quantity` off the shelf; the caller holds the item's lock and checked the stock (the check constraint is the last line). */
  async takeStock(em: EntityManager, id: string, quantity: number): Promise<void> {
    await em.execute(`update ${this.s}.reward_item set stock = stock - ? where id = ?`, [quantity, id]);
  }

  // ---- redemptions ---------------------------------------------------------------------------

  /** Inserts the redemption; false (nothing written) when its code is taken already: draw another. */
  async insertRedemption(
    em: EntityManager,
    r: { id: string; stewardId: string; itemId: string; quantity: number; points: number; code: string },
  ): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `insert into ${this.s}.redemption (id, steward_id, item_id, quantity, points, code) values (?, ?, ?, ?, ?, ?) on conflict (code) do nothing returning id`,
      [r.id, r.stewardId, r.itemId, r.quantity, r.points, r.code],
    );
    return rows.length > 0;
  }

  async redemptionByCode(code: string): Promise<RedemptionRecord | null> {
    return (await this.reads.rows<RedemptionRecord>(REDEMPTION_BY_CODE, [code]))[0] ?? null;
  }

  /** The redemption as the transaction sees it; `lock` holds its row until commit. */
  async redemptionIn(em: EntityManager, id: string, lock = false): Promise<RedemptionRecord | null> {
    const rows = await em.execute<RedemptionRecord[]>(
      `select ${REDEMPTION_COLUMNS} from ${REDEMPTION_FROM(this.s)} where r.id = ?${lock ? ' for update of r' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async confirmRedemption(em: EntityManager, id: string, byPerson: string, at: Date): Promise<void> {
    await em.execute(`update ${this.s}.redemption set status = 'confirmed', confirmed_at = ?, confirmed_by_person = ? where id = ?`, [at, byPerson, id]);
  }

  async redemptionsOfSteward(stewardId: string, statuses: readonly RedemptionStatus[] | null, after: string | null, limit: number): Promise<RedemptionRecord[]> {
    return this.reads.rows<RedemptionRecord>(REDEMPTIONS_OF_STEWARD, [stewardId, statuses, after, limit]);
  }

  // ---- vouchers and draws --------------------------------------------------------------------

  async vouchersOfSteward(stewardId: string, statuses: readonly VoucherStatus[] | null, after: string | null, limit: number): Promise<VoucherRecord[]> {
    return this.reads.rows<VoucherRecord>(VOUCHERS_OF_STEWARD, [stewardId, statuses, after, limit]);
  }

  /**
   * The held vouchers of `county` issued for tasks in `region`'s subtree, locked until commit, ids
   * as lowercase text. Draws of one county take turns (an advisory lock), so no voucher wins twice.
   */
  async lockHeldVouchers(em: EntityManager, county: string, region: string): Promise<string[]> {
    await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`${this.schema}:lottery:${county}`]);
    const rows = await em.execute<{ id: string }[]>(
      `select v.id::text as id from ${this.s}.voucher v
         join ${this.s}.task_claim c on c.id = v.claim_id join ${this.s}.task t on t.id = c.task_id
       where v.county = ? and v.status = 'held' and (t.region = ? or t.region like ?)
       order by v.id for update of v`,
      [county, region, belowPattern(region)],
    );
    return rows.map((r) => r.id);
  }

  /** Records a draw, its pool and its winners (rank 1 first) and marks the winners' vouchers won. */
  async insertDraw(em: EntityManager, d: Omit<LotteryDrawRecord, 'drawnAt' | 'winners'> & { pool: readonly string[]; winnerIds: readonly string[] }): Promise<void> {
    await em.execute(
      `insert into ${this.s}.lottery_draw (id, county, region, title, seed, pool_digest, pool_size, winners, drawn_by_person) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [d.id, d.county, d.region, d.title, d.seed, d.poolDigest, d.poolSize, d.winnerIds.length, d.drawnByPerson],
    );
    await em.execute(`insert into ${this.s}.lottery_pool (draw_id, voucher_id) select ?, x from unnest(?::uuid[]) as x`, [d.id, uuidArray(d.pool)]);
    await em.execute(
      `insert into ${this.s}.lottery_winner (draw_id, rank, voucher_id) select ?, x.rank, x.id from unnest(?::uuid[]) with ordinality as x(id, rank)`,
      [d.id, uuidArray(d.winnerIds)],
    );
    await em.execute(`update ${this.s}.voucher set status = 'won' where id = any(?::uuid[]) and status = 'held'`, [uuidArray(d.winnerIds)]);
  }

  async drawById(id: string): Promise<LotteryDrawRecord | null> {
    return (await this.reads.rows<LotteryDrawRecord>(DRAW_BY_ID, [id]))[0] ?? null;
  }

  async drawWinners(id: string): Promise<LotteryWinnerRecord[]> {
    return this.reads.rows<LotteryWinnerRecord>(DRAW_WINNERS, [id]);
  }

  async drawPool(id: string, after: string | null, limit: number): Promise<string[]> {
    return (await this.reads.rows<{ id: string }>(DRAW_POOL, [id, after, limit])).map((r) => r.id);
  }
}
