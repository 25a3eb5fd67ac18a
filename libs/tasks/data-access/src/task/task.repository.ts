import type { ClaimStatus, EmergencyType, TaskKind, TaskStatus } from '@gov/tasks-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { pgArray } from '../pg-array.js';

export interface TaskRecord {
  id: string;
  kind: TaskKind;
  emergencyType: EmergencyType | null;
  title: string;
  description: string;
  region: string;
  community: string;
  lat: number;
  lng: number;
  placeId: string | null;
  checkinRadiusM: number;
  points: number;
  capacity: number;
  claimed: number;
  requiredClasses: number[];
  deadline: Date;
  status: TaskStatus;
  publishedByPerson: string;
  publishedBySteward: string | null;
  /** The petition the task was published for (petitions' `task-requested`); one task per petition. */
  sourcePetitionId: string | null;
  /** The meeting decision the task was published for (mediation's `decision-recorded`); one task per decision. */
  sourceDecisionId: string | null;
  createdAt: Date;
  distanceM: number | null;
}

export interface ClaimRecord {
  id: string;
  taskId: string;
  stewardId: string;
  personId: string;
  status: ClaimStatus;
  claimedAt: Date;
  checkedInAt: Date | null;
  checkinDistanceM: number | null;
  submittedAt: Date | null;
  note: string | null;
  photos: string[];
  decidedAt: Date | null;
  decidedByPerson: string | null;
  rejectionReason: string | null;
  rating: number | null;
  pointsAwarded: number | null;
}

/** Which tasks a search may return: on one of `exact` paths or below one of `below`. */
export interface TaskScope {
  exact: readonly string[];
  below: readonly string[];
}

export interface TaskSearch {
  scope: TaskScope;
  near: { lat: number; lng: number; radiusM: number } | null;
  bbox: { west: number; south: number; east: number; north: number } | null;
  region: string | null;
  kinds: readonly TaskKind[] | null;
  statuses: readonly TaskStatus[] | null;
  stewardClass: number | null;
  limit: number;
}

/** `path` and everything below it, as a LIKE pattern. */
export function belowPattern(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
}

const TASK_COLUMNS = `t.id, t.kind, t.emergency_type as "emergencyType", t.title, t.description, t.region, t.community,
  public.st_y(t.location::public.geometry) as lat, public.st_x(t.location::public.geometry) as lng, t.place_id as "placeId",
  t.checkin_radius_m as "checkinRadiusM", t.points, t.capacity, t.claimed, t.required_classes as "requiredClasses", t.deadline, t.status,
  t.published_by_person as "publishedByPerson", t.published_by_steward as "publishedBySteward", t.source_petition_id as "sourcePetitionId",
  t.source_decision_id as "sourceDecisionId", t.created_at as "createdAt"`;
const CLAIM_COLUMNS = `c.id, c.task_id as "taskId", c.steward_id as "stewardId", c.person_id as "personId", c.status, c.claimed_at as "claimedAt",
  c.checked_in_at as "checkedInAt", c.checkin_distance_m as "checkinDistanceM", c.submitted_at as "submittedAt", c.note, c.photos,
  c.decided_at as "decidedAt", c.decided_by_person as "decidedByPerson", c.rejection_reason as "rejectionReason", c.rating,
  (select e.amount from {schema}.points_txn x join {schema}.points_entry e on e.txn_id = x.id and e.steward_id is not null
    where x.source_type = 'task_completion' and x.source_id = c.id::text) as "pointsAwarded"`;
const POINT = (lat: string, lng: string) => `public.st_setsrid(public.st_makepoint(${lng}, ${lat}), 4326)::public.geography`;

const BY_ID: HotRead = { name: 'tasks.task.byId', text: `select ${TASK_COLUMNS}, null::float8 as "distanceM" from {schema}.task t where t.id = $1` };
const BY_IDS: HotRead = { name: 'tasks.task.byIds', text: `select ${TASK_COLUMNS}, null::float8 as "distanceM" from {schema}.task t where t.id = any($1::uuid[])` };
const CLAIM_BY_ID: HotRead = { name: 'tasks.claim.byId', text: `select ${CLAIM_COLUMNS} from {schema}.task_claim c where c.id = $1` };
const CLAIMS_OF_TASK: HotRead = { name: 'tasks.claim.ofTask', text: `select ${CLAIM_COLUMNS} from {schema}.task_claim c where c.task_id = $1 order by c.claimed_at, c.id` };
const CLAIMS_OF_STEWARD: HotRead = {
  name: 'tasks.claim.ofSteward',
  text: `select ${CLAIM_COLUMNS} from {schema}.task_claim c where c.steward_id = $1 and ($2::text[] is null or c.status = any($2::text[]))
         and ($3::timestamptz is null or (c.claimed_at, c.id) < ($3::timestamptz, $4::uuid)) order by c.claimed_at desc, c.id desc limit $5`,
};
/** Tasks in scope, filtered; nearest first around a point (geography: metres on the sphere, index task_location). */
const SEARCH: HotRead = {
  name: 'tasks.task.search',
  text: `select * from (
           select ${TASK_COLUMNS},
             case when $8::float8 is null then null else public.st_distance(t.location, ${POINT('$8', '$9')}, false) end as "distanceM"
           from {schema}.task t
           where (t.region = any($1::text[]) or t.region like any($2::text[]))
             and ($3::text is null or t.region = $3 or t.region like $4)
             and ($5::text[] is null or t.kind = any($5::text[]))
             and ($6::text[] is null or t.status = any($6::text[]))
             and ($7::smallint is null or cardinality(t.required_classes) = 0 or $7::smallint = any(t.required_classes))
             and ($8::float8 is null or public.st_dwithin(t.location, ${POINT('$8', '$9')}, $10, false))
             and ($11::float8 is null or t.location && public.st_makeenvelope($11, $12, $13, $14, 4326)::public.geography)
         ) x order by x."distanceM" nulls last, x.deadline, x.id limit $15`,
};

/** Tasks and claims: reads prepared, writes in the caller's transaction (with their events). */
@Injectable()
export class TaskRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async byId(id: string): Promise<TaskRecord | null> {
    return (await this.reads.rows<TaskRecord>(BY_ID, [id])).map(numbers)[0] ?? null;
  }

  async byIds(ids: readonly string[]): Promise<TaskRecord[]> {
    return (await this.reads.rows<TaskRecord>(BY_IDS, [ids])).map(numbers);
  }

  async search(q: TaskSearch): Promise<TaskRecord[]> {
    const rows = await this.reads.rows<TaskRecord>(SEARCH, [
      q.scope.exact,
      q.scope.below.map(belowPattern),
      q.region,
      q.region ? belowPattern(q.region) : null,
      q.kinds,
      q.statuses,
      q.stewardClass,
      q.near?.lat ?? null,
      q.near?.lng ?? null,
      q.near?.radiusM ?? null,
      q.bbox?.west ?? null,
      q.bbox?.south ?? null,
      q.bbox?.east ?? null,
      q.bbox?.north ?? null,
      q.limit,
    ]);
    return rows.map(numbers);
  }

  async insert(
    em: EntityManager,
    t: Omit<TaskRecord, 'claimed' | 'status' | 'createdAt' | 'distanceM' | 'deadline' | 'sourcePetitionId' | 'sourceDecisionId'> & {
      deadline: Date;
      sourcePetitionId?: string | null;
      sourceDecisionId?: string | null;
    },
  ): Promise<TaskRecord> {
    await em.execute(
      `insert into ${this.s}.task (id, kind, emergency_type, title, description, region, community, location, place_id, checkin_radius_m, points, capacity,
         required_classes, deadline, published_by_person, published_by_steward, source_petition_id, source_decision_id)
       values (?, ?, ?, ?, ?, ?, ?, ${POINT('?::float8', '?::float8')}, ?, ?, ?, ?, ?::smallint[], ?, ?, ?, ?, ?)`,
      [t.id, t.kind, t.emergencyType, t.title, t.description, t.region, t.community, t.lng, t.lat, t.placeId, t.checkinRadiusM, t.points, t.capacity,
        pgArray(t.requiredClasses), t.deadline, t.publishedByPerson, t.publishedBySteward, t.sourcePetitionId ?? null,
        t.sourceDecisionId ?? null],
    );
    return (await this.lockTask(em, t.id))!;
  }

  /** The task published for a petition, if any (in the caller's transaction: the request's consumer checks before it publishes). */
  async bySourcePetition(em: EntityManager, petitionId: string): Promise<TaskRecord | null> {
    const rows = await em.execute<TaskRecord[]>(`select ${TASK_COLUMNS.replaceAll('{schema}', this.s)}, null::float8 as "distanceM" from ${this.s}.task t where t.source_petition_id = ?`, [petitionId]);
    return rows.map(numbers)[0] ?? null;
  }

  /** The task published for a meeting's decision, if any (in the caller's transaction: the decision's consumer checks before it publishes). */
  async bySourceDecision(em: EntityManager, decisionId: string): Promise<TaskRecord | null> {
    const rows = await em.execute<TaskRecord[]>(`select ${TASK_COLUMNS.replaceAll('{schema}', this.s)}, null::float8 as "distanceM" from ${this.s}.task t where t.source_decision_id = ?`, [decisionId]);
    return rows.map(numbers)[0] ?? null;
  }

  /** The task, locked until commit: claims, cancellation and closing go one at a time per task. */
  async lockTask(em: EntityManager, id: string): Promise<TaskRecord | null> {
    const rows = await em.execute<TaskRecord[]>(`select ${TASK_COLUMNS.replaceAll('{schema}', this.s)}, null::float8 as "distanceM" from ${this.s}.task t where t.id = ? for update`, [id]);
    return rows.map(numbers)[0] ?? null;
  }

  async setTaskStatus(em: EntityManager, id: string, status: TaskStatus): Promise<void> {
    await em.execute(`update ${this.s}.task set status = ?, version = version + 1, updated_at = now() where id = ?`, [status, id]);
  }

  /** Adds `delta` to the task's claimed count (the check constraint keeps it within 0..capacity). */
  async addClaimed(em: EntityManager, id: string, delta: number): Promise<void> {
    await em.execute(`update ${this.s}.task set claimed = claimed + ?, version = version + 1, updated_at = now() where id = ?`, [delta, id]);
  }

  /** Inserts the claim; null when this steward already holds one on the task. */
  async insertClaim(em: EntityManager, c: { id: string; taskId: string; stewardId: string; personId: string }): Promise<string | null> {
    const rows = await em.execute<{ id: string }[]>(
      `insert into ${this.s}.task_claim (id, task_id, steward_id, person_id) values (?, ?, ?, ?) on conflict (task_id, steward_id) do nothing returning id`,
      [c.id, c.taskId, c.stewardId, c.personId],
    );
    return rows[0]?.id ?? null;
  }

  async claimById(id: string): Promise<ClaimRecord | null> {
    return (await this.reads.rows<ClaimRecord>(CLAIM_BY_ID, [id])).map(claimNumbers)[0] ?? null;
  }

  async claimOf(em: EntityManager, taskId: string, stewardId: string): Promise<ClaimRecord | null> {
    const rows = await em.execute<ClaimRecord[]>(
      `select ${CLAIM_COLUMNS.replaceAll('{schema}', this.s)} from ${this.s}.task_claim c where c.task_id = ? and c.steward_id = ? for update`,
      [taskId, stewardId],
    );
    return rows.map(claimNumbers)[0] ?? null;
  }

  async lockClaim(em: EntityManager, id: string): Promise<ClaimRecord | null> {
    const rows = await em.execute<ClaimRecord[]>(`select ${CLAIM_COLUMNS.replaceAll('{schema}', this.s)} from ${this.s}.task_claim c where c.id = ? for update`, [id]);
    return rows.map(claimNumbers)[0] ?? null;
  }

  async claimsOfTask(taskId: string): Promise<ClaimRecord[]> {
    return (await this.reads.rows<ClaimRecord>(CLAIMS_OF_TASK, [taskId])).map(claimNumbers);
  }

  async claimsOfSteward(stewardId: string, statuses: readonly ClaimStatus[] | null, after: { at: Date; id: string } | null, limit: number): Promise<ClaimRecord[]> {
    return (await this.reads.rows<ClaimRecord>(CLAIMS_OF_STEWARD, [stewardId, statuses, after?.at ?? null, after?.id ?? null, limit])).map(claimNumbers);
  }

  /** Metres on the sphere between the task's point and `at`. */
  async distanceToTask(em: EntityManager, taskId: string, at: { lat: number; lng: number }): Promise<number> {
    const [row] = await em.execute<{ d: number }[]>(`select public.st_distance(location, ${POINT('?::float8', '?::float8')}, false) as d from ${this.s}.task where id = ?`, [
      at.lng,
      at.lat,
      taskId,
    ]);
    return Number(row.d);
  }

  async updateClaim(
    em: EntityManager,
    id: string,
    set: Partial<{
      status: ClaimStatus;
      checkedInAt: Date;
      checkinDistanceM: number;
      submittedAt: Date;
      note: string;
      photos: string[];
      decidedAt: Date;
      decidedByPerson: string;
      rejectionReason: string | null;
      rating: number;
      ratedAt: Date;
      ratedByPerson: string;
    }>,
  ): Promise<void> {
    const columns: Record<string, string> = {
      status: 'status',
      checkedInAt: 'checked_in_at',
      checkinDistanceM: 'checkin_distance_m',
      submittedAt: 'submitted_at',
      note: 'note',
      photos: 'photos',
      decidedAt: 'decided_at',
      decidedByPerson: 'decided_by_person',
      rejectionReason: 'rejection_reason',
      rating: 'rating',
      ratedAt: 'rated_at',
      ratedByPerson: 'rated_by_person',
    };
    const keys = Object.keys(set) as (keyof typeof set)[];
    const assignments = keys.map((k) => `${columns[k]} = ?`).join(', ');
    await em.execute(`update ${this.s}.task_claim set ${assignments}, version = version + 1 where id = ?`, [...keys.map((k) => { const v = set[k]; return Array.isArray(v) ? pgArray(v) : (v ?? null); }), id]);
  }

  /** Claims still open (not submitted or decided) on a task, locked. */
  async openClaims(em: EntityManager, taskId: string): Promise<ClaimRecord[]> {
    const rows = await em.execute<ClaimRecord[]>(
      `select ${CLAIM_COLUMNS.replaceAll('{schema}', this.s)} from ${this.s}.task_claim c where c.task_id = ? and c.status in ('claimed', 'checked_in') for update`,
      [taskId],
    );
    return rows.map(claimNumbers);
  }

  /** Counts a task's claims by status (closing a task when all its places are verified). */
  async claimCounts(em: EntityManager, taskId: string): Promise<Record<string, number>> {
    const rows = await em.execute<{ status: string; n: string }[]>(`select status, count(*) as n from ${this.s}.task_claim where task_id = ? group by status`, [taskId]);
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Published tasks past their deadline, locked, skipping any another sweeper holds. */
  async overdue(em: EntityManager, limit: number): Promise<{ id: string; region: string }[]> {
    return em.execute(
      `select id, region from ${this.s}.task where status = 'published' and deadline < now() order by deadline limit ? for update skip locked`,
      [limit],
    );
  }

  async expireOpenClaims(em: EntityManager, taskId: string): Promise<void> {
    await em.execute(`update ${this.s}.task_claim set status = 'expired', version = version + 1 where task_id = ? and status in ('claimed', 'checked_in')`, [taskId]);
  }
}

function numbers(t: TaskRecord): TaskRecord {
  // em.execute answers timestamps as text; prepared reads as Dates.
  return { ...t, deadline: new Date(t.deadline), createdAt: new Date(t.createdAt), lat: Number(t.lat), lng: Number(t.lng), distanceM: t.distanceM === null ? null : Number(t.distanceM), requiredClasses: t.requiredClasses.map(Number) };
}

function claimNumbers(c: ClaimRecord): ClaimRecord {
  return {
    ...c,
    checkinDistanceM: c.checkinDistanceM === null ? null : Number(c.checkinDistanceM),
    pointsAwarded: c.pointsAwarded === null ? null : Number(c.pointsAwarded),
  };
}
