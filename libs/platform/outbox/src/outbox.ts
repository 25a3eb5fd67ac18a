import { AppError, countyOf, eventSubject, eventType } from '@gov/kernel';
import { currentCorrelationId } from '@gov/platform-observability';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

/**
 * Tables each service creates in its own schema (include in its first migration). A service whose
 * first migration ran before `aggregate_version` and `parked_at` existed adds them with a migration
 * of its own (identity: 002-outbox-relay).
 */
export const OUTBOX_TABLES_SQL = [
  `create table outbox_event (
     id uuid primary key,
     seq bigserial not null unique,
     subject text not null,
     type text not null,
     source text not null,
     county text not null,
     correlation_id text,
     data jsonb not null,
     aggregate_version bigint not null,
     created_at timestamptz not null default now(),
     sent_at timestamptz,
     attempts int not null default 0,
     last_error text,
     parked_at timestamptz
   )`,
  // What the relay reads: unsent rows that are not parked, in commit order of each aggregate.
  `create index outbox_event_unsent on outbox_event (seq) where sent_at is null and parked_at is null`,
  `create index outbox_event_parked on outbox_event (seq) where parked_at is not null and sent_at is null`,
  `create unique index outbox_event_aggregate_version on outbox_event (source, aggregate_version)`,
  // The last version handed out per aggregate (its CloudEvents source); survives pruning of sent rows.
  `create table outbox_aggregate_version (
     source text primary key,
     version bigint not null
   )`,
  `create table inbox_event (
     consumer text not null,
     event_id uuid not null,
     processed_at timestamptz not null default now(),
     primary key (consumer, event_id)
   )`,
];

export interface NewEvent {
  /** The region of the object the event is about; decides the county token of the subject. */
  region: string;
  aggregate: string;
  event: string;
  /** The id of the object (CloudEvents `subject`). */
  subjectId: string;
  data: Record<string, unknown>;
  /** Version of the event's schema (the `.v1` of its type), not of the aggregate. */
  version?: number;
  /**
   * The published schema of `data` (an `EventContract`'s, spread in with it): the event is written
   * only if `data` matches, and with what the schema keeps, so no field leaves that the catalogue
   * does not list.
   */
  schema?: z.ZodType;
  /** The contract's one-line description (catalogue only). */
  summary?: string;
}

/**
 * Writes events into the same transaction as the change that causes them. Nothing is sent here:
 * the relay publishes after commit, so an event exists exactly when its change does.
 *
 * Every event gets its aggregate's next version (1, 2, 3… per aggregate, i.e. per CloudEvents
 * source): an upsert on `outbox_aggregate_version` in the writer's transaction. The upsert locks
 * that aggregate's counter row until commit, so a second transaction writing an event of the same
 * aggregate waits for the first to commit or roll back: versions have no gaps, follow commit order,
 * and the later event's row also gets the higher `seq`, which is the order the relay sends in.
 */
export class Outbox {
  constructor(
    private readonly schema: string,
    private readonly service: string,
    private readonly onAdded?: () => void,
  ) {}

  async add(em: EntityManager, e: NewEvent): Promise<string> {
    const id = randomUUID();
    const county = countyOf(e.region);
    const source = `/gov/${this.service}/${e.aggregate}/${e.subjectId}`;
    const type = eventType(this.service, e.aggregate, e.event, e.version);
    const data = e.schema ? conforming(type, e.schema, e.data) : e.data;
    // One statement; INSERT … SELECT takes the row's `seq` only once the upsert returned, i.e.
    // after waiting for the aggregate's lock (a VALUES list may draw it before).
    await em.execute(
      `with v as (
         insert into "${this.schema}".outbox_aggregate_version as a (source, version) values (?, 1)
         on conflict (source) do update set version = a.version + 1
         returning version)
       insert into "${this.schema}".outbox_event (id, subject, type, source, county, correlation_id, data, aggregate_version)
       select ?::uuid, ?::text, ?::text, ?::text, ?::text, ?::text, ?::jsonb, v.version from v`,
      [
        source,
        id,
        eventSubject(county, this.service, e.aggregate, e.event, e.version),
        type,
        source,
        county,
        currentCorrelationId() ?? null,
        JSON.stringify(data),
      ],
    );
    this.onAdded?.();
    return id;
  }
}

/**
 * The data as its published schema keeps it. A mismatch is a bug in the publishing service, not
 * the caller's input: INTERNAL, and the writer's transaction (the change itself) rolls back, so a
 * change never commits with an event integrators cannot read.
 */
function conforming(type: string, schema: z.ZodType, data: unknown): Record<string, unknown> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ');
  throw new AppError('INTERNAL', `event ${type} does not match its published schema: ${issues}`, 'EVENT_SCHEMA_MISMATCH');
}
