import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { belowPattern, toDate, type TimelineRecord } from '../petition/petition.repository.js';

/** An integrator's Open311 API key: only its SHA-256 hash is kept. */
export interface ApiKeyRecord {
  id: string;
  keyHash: string;
  county: string;
  label: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** GET requests: a county's petitions, by tracking code or by category, time and open/closed. */
export interface Open311RequestFilter {
  county: string;
  /** When given, the other filters are not applied (the specification's rule for service_request_id). */
  trackingCodes: readonly string[] | null;
  categoryKey: string | null;
  /** requested_datetime (created_at) from and to, both inclusive. */
  from: Date | null;
  to: Date | null;
  /** true: only states in `openStates`; false: only the others; null: both. */
  open: boolean | null;
  openStates: readonly string[];
  limit: number;
}

const KEY_COLUMNS = `id, key_hash as "keyHash", county, label, created_by as "createdBy", created_at as "createdAt", revoked_at as "revokedAt", revoked_by as "revokedBy"`;
const TIMELINE_COLUMNS = `e.seq::text as seq, e.petition_id as "petitionId", e.at, e.action, e.from_state as "fromState", e.to_state as "toState",
  e.actor_account_id as "actorAccountId", e.actor_label as "actorLabel", e.level, e.note`;

/** Every Open311 call resolves its key first: a prepared read by the hash. */
const KEY_BY_HASH: HotRead = { name: 'petitions.open311.keyByHash', text: `select ${KEY_COLUMNS} from {schema}.open311_api_key where key_hash = $1` };
const KEYS_IN: HotRead = {
  name: 'petitions.open311.keysIn',
  text: `select ${KEY_COLUMNS} from {schema}.open311_api_key where county = any($1::text[]) or county like any($2::text[]) order by created_at desc, id`,
};
const REQUEST_IDS: HotRead = {
  name: 'petitions.open311.requestIds',
  text: `select p.id from {schema}.petition p
         where p.county = $1
           and ($2::text[] is null or p.tracking_code = any($2::text[]))
           and ($3::text is null or p.category_key = $3)
           and ($4::timestamptz is null or p.created_at >= $4)
           and ($5::timestamptz is null or p.created_at <= $5)
           and ($6::boolean is null or (p.state = any($7::text[])) = $6)
         order by p.created_at desc, p.seq desc limit $8`,
};
const TIMELINES: HotRead = {
  name: 'petitions.open311.timelines',
  text: `select ${TIMELINE_COLUMNS} from {schema}.petition_event e where e.petition_id = any($1::uuid[]) order by e.petition_id, e.seq`,
};
const UPDATES: HotRead = {
  name: 'petitions.open311.updates',
  text: `select ${TIMELINE_COLUMNS} from {schema}.petition_event e join {schema}.petition p on p.id = e.petition_id
         where p.county = $1 and e.at >= $2 and e.at <= $3 and e.action <> all($4::text[])
         order by e.at, e.seq limit $5`,
};

/**
 * Open311's keys and its reads of petitions: which petitions of a county a query selects, their
 * timelines, and the timeline entries of a county in a time window (servicerequestupdates).
 * Petitions themselves are read through PetitionRepository.byIds.
 */
@Injectable()
export class Open311Repository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async insertKey(em: EntityManager, k: Pick<ApiKeyRecord, 'id' | 'keyHash' | 'county' | 'label' | 'createdBy'>): Promise<ApiKeyRecord> {
    const rows = await em.execute<ApiKeyRecord[]>(
      `insert into ${this.s}.open311_api_key (id, key_hash, county, label, created_by) values (?, ?, ?, ?, ?) returning ${KEY_COLUMNS}`,
      [k.id, k.keyHash, k.county, k.label, k.createdBy],
    );
    return keyRecord(rows[0]!);
  }

  async keyByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    return (await this.reads.rows<ApiKeyRecord>(KEY_BY_HASH, [keyHash])).map(keyRecord)[0] ?? null;
  }

  /** The key, locked until commit (a revocation decides on its current state). */
  async lockKey(em: EntityManager, id: string): Promise<ApiKeyRecord | null> {
    const rows = await em.execute<ApiKeyRecord[]>(`select ${KEY_COLUMNS} from ${this.s}.open311_api_key where id = ? for update`, [id]);
    return rows.map(keyRecord)[0] ?? null;
  }

  async revokeKey(em: EntityManager, id: string, by: string, at: Date): Promise<ApiKeyRecord> {
    const rows = await em.execute<ApiKeyRecord[]>(`update ${this.s}.open311_api_key set revoked_at = ?, revoked_by = ? where id = ? returning ${KEY_COLUMNS}`, [at, by, id]);
    return keyRecord(rows[0]!);
  }

  /** Keys of the counties at or below these regions, newest first. */
  async keysIn(regions: readonly string[]): Promise<ApiKeyRecord[]> {
    if (regions.length === 0) return [];
    return (await this.reads.rows<ApiKeyRecord>(KEYS_IN, [regions, regions.map(belowPattern)])).map(keyRecord);
  }

  /** Ids of the petitions the query selects, newest first. */
  async requestIds(f: Open311RequestFilter): Promise<string[]> {
    const rows = await this.reads.rows<{ id: string }>(REQUEST_IDS, [f.county, f.trackingCodes, f.categoryKey, f.from, f.to, f.open, f.openStates, f.limit]);
    return rows.map((r) => r.id);
  }

  /** The timelines of these petitions, each oldest first. */
  async timelines(petitionIds: readonly string[]): Promise<TimelineRecord[]> {
    if (petitionIds.length === 0) return [];
    return (await this.reads.rows<TimelineRecord>(TIMELINES, [petitionIds])).map(timelineRecord);
  }

  /** Timeline entries of a county's petitions made in [from, to], oldest first, without the `excluded` actions. */
  async updates(county: string, from: Date, to: Date, excluded: readonly string[], limit: number): Promise<TimelineRecord[]> {
    return (await this.reads.rows<TimelineRecord>(UPDATES, [county, from, to, excluded, limit])).map(timelineRecord);
  }
}

/** Timestamps arrive as text (the ORM's type parsers); records carry Dates. */
function keyRecord(k: ApiKeyRecord): ApiKeyRecord {
  return { ...k, createdAt: toDate(k.createdAt)!, revokedAt: toDate(k.revokedAt) };
}

function timelineRecord(t: TimelineRecord): TimelineRecord {
  return { ...t, at: toDate(t.at)! };
}
