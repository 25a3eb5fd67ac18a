import type { ClaimStatus, MicroWishCategory, MicroWishStatus } from '@gov/tasks-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { belowPattern, type TaskScope } from '../task/task.repository.js';

/** A micro-wish with its task's text and point and the state of the steward's claim on it. */
export interface MicroWishRecord {
  id: string;
  taskId: string;
  category: MicroWishCategory;
  title: string;
  description: string;
  region: string;
  community: string;
  lat: number;
  lng: number;
  /** Derived (see STATUS): the stored status for confirmed and cancelled wishes, the task and claim state otherwise. */
  status: MicroWishStatus;
  postedByPerson: string;
  points: number;
  deadline: Date;
  createdAt: Date;
  claimId: string | null;
  stewardId: string | null;
  fulfilledAt: Date | null;
  confirmedAt: Date | null;
  stars: number | null;
  /** created_at to the microsecond (UTC ISO), for keyset paging. */
  cursorAt: string;
}

export interface MicroWishCounts {
  community: string;
  collected: number;
  fulfilled: number;
}

/** The wish's task and the claim a confirmation decides, as they stand in the caller's transaction. */
export interface MicroWishLock {
  id: string;
  taskId: string;
  storedStatus: 'posted' | 'confirmed' | 'cancelled';
  taskStatus: string;
  region: string;
  claim: { id: string; status: ClaimStatus; personId: string; submittedAt: Date | null; rating: number | null } | null;
}

/**
 * The status a wish shows. Only `posted`, `confirmed` (and `cancelled`) are stored; while the wish is
 * open its status follows the claim on its task, so it can never disagree with the task lifecycle.
 * A rejected, withdrawn or expired claim leaves the wish open again.
 */
const STATUS = `case
    when w.status in ('confirmed', 'cancelled') then w.status
    when t.status = 'cancelled' then 'cancelled'
    when c.status in ('submitted', 'verified') then 'fulfilled'
    when c.status in ('claimed', 'checked_in') then 'claimed'
    when t.status = 'expired' then 'cancelled'
    else 'posted' end`;

/** The claim that holds the wish's single place (not withdrawn, rejected or expired). */
const LIVE_CLAIM = `left join lateral (
    select c.id, c.steward_id, c.status, c.submitted_at, c.rating from {schema}.task_claim c
    where c.task_id = w.task_id and c.status in ('claimed', 'checked_in', 'submitted', 'verified')
    order by c.claimed_at desc, c.id desc limit 1) c on true`;

const COLUMNS = `w.id, w.task_id as "taskId", w.category, t.title, t.description, w.region, w.community,
  public.st_y(t.location::public.geometry) as lat, public.st_x(t.location::public.geometry) as lng,
  ${STATUS} as status, w.posted_by_person as "postedByPerson", t.points, t.deadline, w.created_at as "createdAt",
  c.id as "claimId", c.steward_id as "stewardId", coalesce(w.fulfilled_at, c.submitted_at) as "fulfilledAt", w.confirmed_at as "confirmedAt",
  case when w.status = 'confirmed' then c.rating end as stars,
  to_char(w.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorAt"`;

const BY_ID: HotRead = {
  name: 'tasks.microWish.byId',
  text: `select ${COLUMNS} from {schema}.micro_wish w join {schema}.task t on t.id = w.task_id ${LIVE_CLAIM} where w.id = $1`,
};

/** The board: in the caller's scope ($1 exact paths, $2 below patterns) and the asked subtree, newest first. */
const BOARD: HotRead = {
  name: 'tasks.microWish.board',
  text: `select * from (
           select ${COLUMNS} from {schema}.micro_wish w join {schema}.task t on t.id = w.task_id ${LIVE_CLAIM}
           where (w.region = any($1::text[]) or w.region like any($2::text[]))
             and (w.region = $3 or w.region like $4)
             and ($6::timestamptz is null or (w.created_at, w.id) < ($6::timestamptz, $7::uuid))
         ) x where ($5::text is null or x.status = $5)
         order by x."createdAt" desc, x.id desc limit $8`,
};

/** Collected and confirmed wishes per community, in the caller's scope and the asked subtree. */
const COUNTS: HotRead = {
  name: 'tasks.microWish.counts',
  text: `select w.community, count(*)::int as collected, (count(*) filter (where w.status = 'confirmed'))::int as fulfilled
         from {schema}.micro_wish w
         where (w.region = any($1::text[]) or w.region like any($2::text[]))
           and (w.region = $3 or w.region like $4)
         group by w.community order by w.community`,
};

/** Micro-wishes: reads prepared, writes in the caller's transaction (with the task and the events). */
@Injectable()
export class MicroWishRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async insert(em: EntityManager, w: { id: string; taskId: string; category: MicroWishCategory; region: string; community: string; postedByPerson: string }): Promise<void> {
    await em.execute(`insert into ${this.s}.micro_wish (id, task_id, category, region, community, posted_by_person) values (?, ?, ?, ?, ?, ?)`, [
      w.id,
      w.taskId,
      w.category,
      w.region,
      w.community,
      w.postedByPerson,
    ]);
  }

  async byId(id: string): Promise<MicroWishRecord | null> {
    return (await this.reads.rows<MicroWishRecord>(BY_ID, [id])).map(record)[0] ?? null;
  }

  async board(q: { scope: TaskScope; region: string; status: MicroWishStatus | null; after: { at: string; id: string } | null; limit: number }): Promise<MicroWishRecord[]> {
    const rows = await this.reads.rows<MicroWishRecord>(BOARD, [
      q.scope.exact,
      q.scope.below.map(belowPattern),
      q.region,
      belowPattern(q.region),
      q.status,
      q.after?.at ?? null,
      q.after?.id ?? null,
      q.limit,
    ]);
    return rows.map(record);
  }

  async counts(scope: TaskScope, region: string): Promise<MicroWishCounts[]> {
    const rows = await this.reads.rows<MicroWishCounts>(COUNTS, [scope.exact, scope.below.map(belowPattern), region, belowPattern(region)]);
    return rows.map((r) => ({ community: r.community, collected: Number(r.collected), fulfilled: Number(r.fulfilled) }));
  }

  /**
   * Locks the wish, then its task, then the claim holding its place — the order the task lifecycle
   * locks task and claim in — so a confirmation waits for (and sees) any concurrent change.
   */
  async lock(em: EntityManager, id: string): Promise<MicroWishLock | null> {
    const [w] = await em.execute<{ id: string; taskId: string; status: MicroWishLock['storedStatus']; region: string }[]>(
      `select id, task_id as "taskId", status, region from ${this.s}.micro_wish where id = ? for update`,
      [id],
    );
    if (!w) return null;
    const [t] = await em.execute<{ status: string }[]>(`select status from ${this.s}.task where id = ? for update`, [w.taskId]);
    const [c] = await em.execute<{ id: string; status: ClaimStatus; personId: string; submittedAt: Date | string | null; rating: number | null }[]>(
      `select id, status, person_id as "personId", submitted_at as "submittedAt", rating from ${this.s}.task_claim
       where task_id = ? and status in ('claimed', 'checked_in', 'submitted', 'verified') order by claimed_at desc, id desc limit 1 for update`,
      [w.taskId],
    );
    return {
      id: w.id,
      taskId: w.taskId,
      storedStatus: w.status,
      taskStatus: t!.status,
      region: w.region,
      claim: c ? { ...c, submittedAt: c.submittedAt === null ? null : new Date(c.submittedAt), rating: c.rating === null ? null : Number(c.rating) } : null,
    };
  }

  async markConfirmed(em: EntityManager, id: string, fulfilledAt: Date | null, confirmedAt: Date): Promise<void> {
    await em.execute(`update ${this.s}.micro_wish set status = 'confirmed', fulfilled_at = ?, confirmed_at = ? where id = ?`, [fulfilledAt, confirmedAt, id]);
  }
}

function record(r: MicroWishRecord): MicroWishRecord {
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  return {
    ...r,
    lat: Number(r.lat),
    lng: Number(r.lng),
    points: Number(r.points),
    deadline: new Date(r.deadline),
    createdAt: new Date(r.createdAt),
    fulfilledAt: date(r.fulfilledAt),
    confirmedAt: date(r.confirmedAt),
    stars: r.stars === null ? null : Number(r.stars),
  };
}
