import { countyOf, eventSubject, eventType } from '@gov/kernel';
import { currentCorrelationId } from '@gov/platform-observability';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';

/** Tables each service creates in its own schema (include in its first migration). */
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
     created_at timestamptz not null default now(),
     sent_at timestamptz,
     attempts int not null default 0,
     last_error text
   )`,
  `create index outbox_event_unsent on outbox_event (seq) where sent_at is null`,
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
  version?: number;
}

/**
 * Writes events into the same transaction as the change that causes them. Nothing is sent here:
 * the relay publishes after commit, so an event exists exactly when its change does.
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
    await em.execute(
      `insert into "${this.schema}".outbox_event (id, subject, type, source, county, correlation_id, data) values (?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        eventSubject(county, this.service, e.aggregate, e.event, e.version),
        eventType(this.service, e.aggregate, e.event, e.version),
        `/gov/${this.service}/${e.aggregate}/${e.subjectId}`,
        county,
        currentCorrelationId() ?? null,
        JSON.stringify(e.data),
      ],
    );
    this.onAdded?.();
    return id;
  }
}
