import type { Channel, Level, PetitionState, SixPrevention } from '@gov/petitions-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

export interface PetitionRecord {
  id: string;
  seq: string;
  trackingCode: string;
  submitterKeyHash: string;
  channel: Channel;
  state: PetitionState;
  categoryId: string;
  categoryKey: string;
  majorKey: string;
  categoryNameZh: string;
  categoryVersion: number;
  title: string;
  description: string;
  region: string;
  county: string;
  buildingId: string | null;
  buildingName: string | null;
  compound: string | null;
  lat: number | null;
  lng: number | null;
  sixPrevention: SixPrevention | null;
  anonymous: boolean;
  contactEnc: string | null;
  contactMasked: string | null;
  submittedBy: string | null;
  submittedByPerson: string | null;
  priority: number;
  level: Level | null;
  assigneeRegion: string | null;
  departmentId: string | null;
  departmentName: string | null;
  levelDeadline: Date | null;
  deadline: Date;
  escalations: number;
  supervised: boolean;
  clusterId: string | null;
  duplicateOf: string | null;
  clusterSize: number;
  screenedAt: Date | null;
  acceptedAt: Date | null;
  result: string | null;
  resolvedAt: Date | null;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: Date | null;
  reopenCount: number;
  taskId: string | null;
  mediationCaseId: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export type NewPetition = Pick<
  PetitionRecord,
  | 'id'
  | 'trackingCode'
  | 'submitterKeyHash'
  | 'channel'
  | 'state'
  | 'categoryId'
  | 'categoryKey'
  | 'majorKey'
  | 'title'
  | 'description'
  | 'region'
  | 'county'
  | 'buildingId'
  | 'buildingName'
  | 'compound'
  | 'lat'
  | 'lng'
  | 'sixPrevention'
  | 'anonymous'
  | 'contactEnc'
  | 'contactMasked'
  | 'submittedBy'
  | 'submittedByPerson'
  | 'deadline'
> & { createdAt?: Date };

/** Columns a transition may set (camelCase → column). */
const PATCHABLE = {
  state: 'state',
  priority: 'priority',
  level: 'level',
  assigneeRegion: 'assignee_region',
  departmentId: 'department_id',
  levelDeadline: 'level_deadline',
  escalations: 'escalations',
  supervised: 'supervised',
  clusterId: 'cluster_id',
  duplicateOf: 'duplicate_of',
  screenedAt: 'screened_at',
  acceptedAt: 'accepted_at',
  result: 'result',
  resolvedAt: 'resolved_at',
  rating: 'rating',
  ratingComment: 'rating_comment',
  ratedAt: 'rated_at',
  reopenCount: 'reopen_count',
  taskId: 'task_id',
  mediationCaseId: 'mediation_case_id',
  closedAt: 'closed_at',
  updatedAt: 'updated_at',
} as const;
export type PetitionPatch = Partial<Pick<PetitionRecord, keyof typeof PATCHABLE>>;

export interface TimelineRecord {
  seq: string;
  petitionId: string;
  at: Date;
  action: string;
  fromState: PetitionState | null;
  toState: PetitionState;
  actorAccountId: string | null;
  actorLabel: string;
  level: Level | null;
  note: string | null;
}
export type NewTimelineEntry = Omit<TimelineRecord, 'seq' | 'at'> & { at?: Date };

export interface AttachmentRecord {
  id: string;
  petitionId: string;
  purpose: 'report' | 'evidence';
  contentType: string;
  bytes: number;
}

/** Which petitions a list may return: on one of `exact` paths or below one of `below` (region or assignee). */
export interface PetitionScope {
  below: readonly string[];
  /** Department-level petitions of these counties (department handlers). */
  departmentCounties: readonly string[];
}

export interface PetitionFilter {
  scope: PetitionScope;
  region: string | null;
  states: readonly PetitionState[] | null;
  channels: readonly Channel[] | null;
  category: string | null;
  level: Level | null;
  departmentId: string | null;
  overdue: boolean | null;
  afterSeq: string | null;
  limit: number;
}

/** `path` and everything below it, as a LIKE pattern. */
export function belowPattern(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
}

const POINT = (lat: string, lng: string) => `public.st_setsrid(public.st_makepoint(${lng}, ${lat}), 4326)::public.geography`;

const COLUMNS = `p.id, p.seq::text as seq, p.tracking_code as "trackingCode", p.submitter_key_hash as "submitterKeyHash", p.channel, p.state,
  p.category_id as "categoryId", p.category_key as "categoryKey", p.major_key as "majorKey", c.name_zh as "categoryNameZh", c.version as "categoryVersion",
  p.title, p.description, p.region, p.county, p.building_id as "buildingId", p.building_name as "buildingName", p.compound,
  public.st_y(p.location::public.geometry) as lat, public.st_x(p.location::public.geometry) as lng, p.six_prevention as "sixPrevention",
  p.anonymous, p.contact_enc as "contactEnc", p.contact_masked as "contactMasked", p.submitted_by as "submittedBy", p.submitted_by_person as "submittedByPerson",
  p.priority, p.level, p.assignee_region as "assigneeRegion", p.department_id as "departmentId", d.name as "departmentName",
  p.level_deadline as "levelDeadline", p.deadline, p.escalations, p.supervised, p.cluster_id as "clusterId", p.duplicate_of as "duplicateOf",
  (select count(*)::int from {schema}.petition m where m.cluster_id = p.cluster_id) as "clusterSize",
  p.screened_at as "screenedAt", p.accepted_at as "acceptedAt", p.result, p.resolved_at as "resolvedAt", p.rating, p.rating_comment as "ratingComment",
  p.rated_at as "ratedAt", p.reopen_count as "reopenCount", p.task_id as "taskId", p.mediation_case_id as "mediationCaseId",
  p.created_at as "createdAt", p.updated_at as "updatedAt", p.closed_at as "closedAt"`;
const FROM = `from {schema}.petition p join {schema}.category c on c.id = p.category_id left join {schema}.department_ref d on d.id = p.department_id`;

const BY_ID: HotRead = { name: 'petitions.petition.byId', text: `select ${COLUMNS} ${FROM} where p.id = $1` };
const BY_IDS: HotRead = { name: 'petitions.petition.byIds', text: `select ${COLUMNS} ${FROM} where p.id = any($1::uuid[])` };
const BY_TRACKING: HotRead = { name: 'petitions.petition.byTracking', text: `select ${COLUMNS} ${FROM} where p.tracking_code = $1` };
const OPEN = `('submitted', 'screened', 'assigned', 'accepted', 'in_progress', 'resolved')`;
const LIST: HotRead = {
  name: 'petitions.petition.list',
  text: `select ${COLUMNS} ${FROM}
         where (p.region like any($1::text[]) or p.region = any($2::text[]) or p.assignee_region like any($1::text[]) or p.assignee_region = any($2::text[])
                or (p.level = 'department' and p.county = any($3::text[])))
           and ($4::text is null or p.region = $4 or p.region like $5)
           and ($6::text[] is null or p.state = any($6::text[]))
           and ($7::text[] is null or p.channel = any($7::text[]))
           and ($8::text is null or p.category_key = $8 or p.major_key = $8)
           and ($9::text is null or p.level = $9)
           and ($10::uuid is null or p.department_id = $10)
           and ($11::boolean is null or ($11 = (p.state in ${OPEN} and p.deadline < now())))
           and ($12::bigint is null or p.seq < $12)
         order by p.seq desc limit $13`,
};
const TIMELINE: HotRead = {
  name: 'petitions.petition.timeline',
  text: `select seq::text as seq, petition_id as "petitionId", at, action, from_state as "fromState", to_state as "toState",
           actor_account_id as "actorAccountId", actor_label as "actorLabel", level, note
         from {schema}.petition_event where petition_id = $1 order by petition_event.seq`,
};
const ATTACHMENTS: HotRead = {
  name: 'petitions.attachment.ofPetitions',
  text: `select id, petition_id as "petitionId", purpose, content_type as "contentType", bytes from {schema}.petition_attachment
         where petition_id = any($1::uuid[]) order by created_at, id`,
};
const ATTACHMENT_BY_ID: HotRead = {
  name: 'petitions.attachment.byId',
  text: `select id, petition_id as "petitionId", purpose, content_type as "contentType", bytes from {schema}.petition_attachment where id = $1`,
};

/**
 * Petitions, their timeline (the audit trail) and attachments. Reads by key are prepared; writes
 * run in the caller's transaction together with their events.
 */
@Injectable()
export class PetitionRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  private sql(text: string): string {
    return text.replaceAll('{schema}', this.s);
  }

  async byId(id: string): Promise<PetitionRecord | null> {
    return (await this.reads.rows<PetitionRecord>(BY_ID, [id])).map(numbers)[0] ?? null;
  }

  async byIds(ids: readonly string[]): Promise<PetitionRecord[]> {
    return (await this.reads.rows<PetitionRecord>(BY_IDS, [ids])).map(numbers);
  }

  async byTrackingCode(code: string): Promise<PetitionRecord | null> {
    return (await this.reads.rows<PetitionRecord>(BY_TRACKING, [code])).map(numbers)[0] ?? null;
  }

  /** The petition, locked until commit: transitions of one petition go one at a time. */
  async lock(em: EntityManager, id: string): Promise<PetitionRecord | null> {
    await em.execute(`select 1 from ${this.s}.petition where id = ? for update`, [id]);
    const rows = await em.execute<PetitionRecord[]>(this.sql(`select ${COLUMNS} ${FROM} where p.id = ?`), [id]);
    return rows.map(numbers)[0] ?? null;
  }

  /** Re-reads inside the transaction (after a patch). */
  async reload(em: EntityManager, id: string): Promise<PetitionRecord> {
    const rows = await em.execute<PetitionRecord[]>(this.sql(`select ${COLUMNS} ${FROM} where p.id = ?`), [id]);
    return numbers(rows[0]!);
  }

  async list(f: PetitionFilter): Promise<PetitionRecord[]> {
    const rows = await this.reads.rows<PetitionRecord>(LIST, [
      f.scope.below.map(belowPattern),
      f.scope.below,
      f.scope.departmentCounties,
      f.region,
      f.region ? belowPattern(f.region) : null,
      f.states,
      f.channels,
      f.category,
      f.level,
      f.departmentId,
      f.overdue,
      f.afterSeq,
      f.limit,
    ]);
    return rows.map(numbers);
  }

  async insert(em: EntityManager, p: NewPetition): Promise<PetitionRecord> {
    const hasPoint = p.lat !== null && p.lng !== null;
    await em.execute(
      `insert into ${this.s}.petition (id, tracking_code, submitter_key_hash, channel, state, category_id, category_key, major_key, title, description,
         region, county, building_id, building_name, compound, location, six_prevention, anonymous, contact_enc, contact_masked, submitted_by,
         submitted_by_person, deadline, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${hasPoint ? POINT('?::float8', '?::float8') : 'null'}, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        p.id, p.trackingCode, p.submitterKeyHash, p.channel, p.state, p.categoryId, p.categoryKey, p.majorKey, p.title, p.description,
        p.region, p.county, p.buildingId, p.buildingName, p.compound,
        ...(hasPoint ? [p.lng, p.lat] : []),
        p.sixPrevention, p.anonymous, p.contactEnc, p.contactMasked, p.submittedBy, p.submittedByPerson, p.deadline,
        p.createdAt ?? new Date(), p.createdAt ?? new Date(),
      ],
    );
    return this.reload(em, p.id);
  }

  async patch(em: EntityManager, id: string, patch: PetitionPatch): Promise<PetitionRecord> {
    const sets: string[] = ['version = version + 1'];
    const values: unknown[] = [];
    const withTime = { updatedAt: new Date(), ...patch };
    for (const [k, v] of Object.entries(withTime)) {
      const col = PATCHABLE[k as keyof typeof PATCHABLE];
      if (!col || v === undefined) continue;
      sets.push(`${col} = ?`);
      values.push(v);
    }
    await em.execute(`update ${this.s}.petition set ${sets.join(', ')} where id = ?`, [...values, id]);
    return this.reload(em, id);
  }

  async appendTimeline(em: EntityManager, e: NewTimelineEntry): Promise<void> {
    await em.execute(
      `insert into ${this.s}.petition_event (petition_id, at, action, from_state, to_state, actor_account_id, actor_label, level, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.petitionId, e.at ?? new Date(), e.action, e.fromState, e.toState, e.actorAccountId, e.actorLabel, e.level, e.note],
    );
  }

  async timeline(petitionId: string): Promise<TimelineRecord[]> {
    return (await this.reads.rows<TimelineRecord>(TIMELINE, [petitionId])).map((t) => ({ ...t, at: toDate(t.at)! }));
  }

  async addAttachments(em: EntityManager, rows: readonly AttachmentRecord[]): Promise<void> {
    for (const a of rows)
      await em.execute(`insert into ${this.s}.petition_attachment (id, petition_id, purpose, content_type, bytes) values (?, ?, ?, ?, ?)`, [
        a.id, a.petitionId, a.purpose, a.contentType, a.bytes,
      ]);
  }

  async attachmentsOf(petitionIds: readonly string[]): Promise<AttachmentRecord[]> {
    if (petitionIds.length === 0) return [];
    return this.reads.rows<AttachmentRecord>(ATTACHMENTS, [petitionIds]);
  }

  async attachmentById(id: string): Promise<AttachmentRecord | null> {
    return (await this.reads.rows<AttachmentRecord>(ATTACHMENT_BY_ID, [id]))[0] ?? null;
  }

  /** Ids already bound to a petition (an upload binds once). */
  async boundAttachments(em: EntityManager, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await em.execute<{ id: string }[]>(`select id from ${this.s}.petition_attachment where id in (?)`, [ids]);
    return rows.map((r) => r.id);
  }

  /** Open petitions of the same category in the same building or within `radiusM`, submitted since `since`. */
  async duplicateCandidates(p: PetitionRecord, radiusM: number, since: Date, limit: number): Promise<(PetitionRecord & { distanceM: number | null })[]> {
    const hasPoint = p.lat !== null && p.lng !== null;
    const rows = await this.reads.rows<PetitionRecord & { distanceM: number | null }>(
      {
        name: 'petitions.petition.duplicates',
        text: `select ${COLUMNS},
                 case when $4::float8 is null or p.location is null then null else public.st_distance(p.location, ${POINT('$4', '$5')}, false) end as "distanceM"
               ${FROM}
               where p.id <> $1 and p.category_key = $2 and p.created_at >= $3 and p.county = $8
                 and p.state in ${OPEN} and p.state <> 'merged'
                 and ((p.building_id is not null and p.building_id = $6::uuid)
                      or ($4::float8 is not null and public.st_dwithin(p.location, ${POINT('$4', '$5')}, $7, false)))
               order by p.created_at limit $9`,
      },
      [p.id, p.categoryKey, since, hasPoint ? p.lat : null, hasPoint ? p.lng : null, p.buildingId, radiusM, p.county, limit],
    );
    return rows.map((r) => ({ ...numbers(r), distanceM: r.distanceM === null ? null : Number(r.distanceM) }));
  }

  /** Members of a cluster other than `exceptId`, locked. */
  async lockClusterMembers(em: EntityManager, clusterId: string, exceptId: string): Promise<PetitionRecord[]> {
    const ids = await em.execute<{ id: string }[]>(`select id from ${this.s}.petition where cluster_id = ? and id <> ? order by seq for update`, [clusterId, exceptId]);
    const out: PetitionRecord[] = [];
    for (const { id } of ids) out.push(await this.reload(em, id));
    return out;
  }

  /** Handling petitions whose level clock ran out, locked and skipped by other sweepers. */
  async lockDueForEscalation(em: EntityManager, now: Date, limit: number): Promise<PetitionRecord[]> {
    const ids = await em.execute<{ id: string }[]>(
      `select id from ${this.s}.petition where state in ('assigned', 'accepted', 'in_progress') and level_deadline < ? order by level_deadline limit ? for update skip locked`,
      [now, limit],
    );
    const out: PetitionRecord[] = [];
    for (const { id } of ids) out.push(await this.reload(em, id));
    return out;
  }

  /** Resolved petitions nobody rated within the window, locked. */
  async lockUnratedSince(em: EntityManager, resolvedBefore: Date, limit: number): Promise<PetitionRecord[]> {
    const ids = await em.execute<{ id: string }[]>(
      `select id from ${this.s}.petition where state = 'resolved' and resolved_at < ? order by resolved_at limit ? for update skip locked`,
      [resolvedBefore, limit],
    );
    const out: PetitionRecord[] = [];
    for (const { id } of ids) out.push(await this.reload(em, id));
    return out;
  }

  /** Resolved or closed petitions of a building or its compound (结果公示), newest first. */
  async notices(buildingId: string, compound: string | null, limit: number): Promise<PetitionRecord[]> {
    const rows = await this.reads.rows<PetitionRecord>(
      {
        name: 'petitions.petition.notices',
        text: `select ${COLUMNS} ${FROM} where (p.building_id = $1 or ($2::text is not null and p.compound = $2))
                 and p.state in ('resolved', 'closed') and p.duplicate_of is null and p.result is not null
               order by p.resolved_at desc limit $3`,
      },
      [buildingId, compound, limit],
    );
    return rows.map(numbers);
  }

  async recordContactAccess(em: EntityManager, petitionId: string, accountId: string, reason: string | null): Promise<void> {
    await em.execute(`insert into ${this.s}.contact_access (petition_id, actor_account_id, reason) values (?, ?, ?)`, [petitionId, accountId, reason]);
  }
}

/** A timestamp as a Date whichever driver path read it (em.execute answers text, prepared reads Dates). */
export function toDate(v: Date | string | null): Date | null {
  return v === null || v === undefined ? null : v instanceof Date ? v : new Date(v);
}

export function numbers<T extends PetitionRecord>(r: T): T {
  return {
    ...r,
    levelDeadline: toDate(r.levelDeadline),
    deadline: toDate(r.deadline)!,
    screenedAt: toDate(r.screenedAt),
    acceptedAt: toDate(r.acceptedAt),
    resolvedAt: toDate(r.resolvedAt),
    ratedAt: toDate(r.ratedAt),
    createdAt: toDate(r.createdAt)!,
    updatedAt: toDate(r.updatedAt)!,
    closedAt: toDate(r.closedAt),
    lat: r.lat === null ? null : Number(r.lat),
    lng: r.lng === null ? null : Number(r.lng),
    priority: Number(r.priority),
    rating: r.rating === null ? null : Number(r.rating),
    clusterSize: Number(r.clusterSize ?? 0),
  };
}
