import type { WebhookDeliveryState } from '@gov/integrations-contracts';
import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { textArray, toDate } from '../sql.js';

export interface DeliveryRecord {
  id: string;
  /** Keyset of the delivery log (newest first). */
  seq: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  body: Record<string, unknown>;
  state: WebhookDeliveryState;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface AttemptRecord {
  deliveryId: string;
  at: Date;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface NewDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  body: Record<string, unknown>;
}

/** One try to record: the delivery taken at `attemptsBefore` tries, and how the try ended. */
export interface TryRecord extends TryOutcome {
  id: string;
  attemptsBefore: number;
}

/** A delivery the dispatcher took: what it needs to send it, its webhook's URL and (encrypted) secret with it. */
export type ClaimedDelivery = Pick<DeliveryRecord, 'id' | 'seq' | 'webhookId' | 'eventId' | 'body' | 'attempts'> & { url: string; secretCiphertext: string };

/** How one try ended. */
export interface TryOutcome {
  status: number | null;
  error: string | null;
  durationMs: number;
  /** Set when the try failed: dead after it, or tried again at this time. */
  retry?: { dead: true } | { dead: false; at: Date };
}

const COLUMNS = `d.id, d.seq::text as seq, d.webhook_id as "webhookId", d.event_id as "eventId", d.event_type as "eventType", d.body, d.state,
  d.attempts, d.next_attempt_at as "nextAttemptAt", d.last_status as "lastStatus", d.last_error as "lastError",
  d.created_at as "createdAt", d.delivered_at as "deliveredAt"`;

function dated(r: DeliveryRecord): DeliveryRecord {
  return { ...r, nextAttemptAt: toDate(r.nextAttemptAt), createdAt: toDate(r.createdAt)!, deliveredAt: toDate(r.deliveredAt) };
}

/** Webhook deliveries and their tries (the delivery log). */
@Injectable()
export class DeliveryRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  private get d(): string {
    return `"${this.schema}".webhook_delivery`;
  }

  private get a(): string {
    return `"${this.schema}".webhook_attempt`;
  }

  /**
   * The fan-out of a batch of events in one statement (autocommit): marks each event handled in the
   * inbox of `consumer` and adds its deliveries, of the events not handled before only, and for
   * webhooks still active. A redelivered event adds nothing; an event that had been handled adds
   * nothing even if the webhooks changed since. Rows go in in the given order (their `seq`, the
   * dispatcher's order). Answers whether it applied (the routes version had not moved) and how
   * many deliveries were added.
   */
  async fanOut(em: EntityManager, consumer: string, rows: readonly NewDelivery[], routesVersion: string): Promise<{ applied: boolean; added: number }> {
    if (!rows.length) return { applied: true, added: 0 };
    // Written only while the routes version is the one the rows were computed with (see
    // WebhookRepository.routesVersion): else nothing, and the caller routes them again.
    const [res] = await em.execute<{ applied: boolean; added: number }[]>(
      `with v as (select version = ?::bigint as current from "${this.schema}".webhook_routes_version),
       d as (select * from jsonb_to_recordset(?::jsonb) as d(n int, id uuid, webhook_id uuid, event_id uuid, event_type text, body jsonb)),
       fresh as (insert into "${this.schema}".inbox_event (consumer, event_id)
                 select distinct ?, event_id from d where (select current from v) on conflict do nothing returning event_id),
       added as (insert into ${this.d} (id, webhook_id, event_id, event_type, body, next_attempt_at)
                 select d.id, d.webhook_id, d.event_id, d.event_type, d.body, now()
                 from d join fresh on fresh.event_id = d.event_id join "${this.schema}".webhook w on w.id = d.webhook_id and w.active
                 order by d.n
                 on conflict (webhook_id, event_id) do nothing returning id)
       select (select current from v) as applied, (select count(*) from added)::int as added`,
      [routesVersion, JSON.stringify(rows.map((r, n) => ({ n, id: r.id, webhook_id: r.webhookId, event_id: r.eventId, event_type: r.eventType, body: r.body }))), consumer],
    );
    return { applied: res?.applied === true, added: Number(res?.added ?? 0) };
  }

  /**
   * Takes up to `limit` due pending deliveries, oldest first, and leases them: their next try is
   * moved `leaseMs` ahead, so another replica skips them, and a replica that dies while sending
   * leaves them to be tried again once the lease ran out. One statement, SKIP LOCKED; each comes
   * with its webhook's URL and secret as they are now.
   */
  async claimDue(em: EntityManager, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows = await em.execute<ClaimedDelivery[]>(
      `update ${this.d} d set next_attempt_at = now() + make_interval(secs => ?)
       from (select id, webhook_id as due_webhook from ${this.d} where state = 'pending' and next_attempt_at <= now()
               and webhook_id in (select id from "${this.schema}".webhook where active)
             order by next_attempt_at, seq limit ? for update skip locked) due
       join "${this.schema}".webhook w on w.id = due_webhook
       where d.id = due.id
       returning d.id, d.seq::text as seq, d.webhook_id as "webhookId", d.event_id as "eventId", d.body, d.attempts, w.url, w.secret as "secretCiphertext"`,
      [leaseMs / 1000, limit],
    );
    return rows.sort((x, y) => Number(BigInt(x.seq) - BigInt(y.seq)));
  }

  /** Hands taken deliveries that were not tried back: due again at once, their tries unchanged. */
  async release(em: EntityManager, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await em.execute(`update ${this.d} set next_attempt_at = now() where id = any(?::uuid[]) and state = 'pending'`, [textArray(ids)]);
  }

  /**
   * Records tries in one statement (autocommit): each logged (unless its delivery is gone) and its
   * outcome recorded on the delivery taken at `attemptsBefore` tries. A delivery changed meanwhile
   * (replayed, deleted with its webhook) keeps its new state.
   */
  async recordTries(em: EntityManager, tries: readonly TryRecord[]): Promise<void> {
    if (!tries.length) return;
    const rows = tries.map((t, n) => ({
      n,
      id: t.id,
      before: t.attemptsBefore,
      status: t.status,
      error: t.error,
      ms: Math.round(t.durationMs),
      state: !t.retry ? 'delivered' : t.retry.dead ? 'dead' : 'pending',
      next_at: t.retry && !t.retry.dead ? t.retry.at.toISOString() : null,
    }));
    await em.execute(
      `with t as (select * from jsonb_to_recordset(?::jsonb) as t(n int, id uuid, before int, status int, error text, ms int, state text, next_at timestamptz)),
       recorded as (
         update ${this.d} d set state = t.state, attempts = d.attempts + 1, last_status = t.status, last_error = t.error,
           delivered_at = case when t.state = 'delivered' then now() else d.delivered_at end, next_attempt_at = t.next_at
         from t where d.id = t.id and d.state = 'pending' and d.attempts = t.before
         returning d.id)
       insert into ${this.a} (delivery_id, status, error, duration_ms)
       select t.id, t.status, t.error, t.ms from t where exists (select 1 from ${this.d} where id = t.id) order by t.n`,
      [JSON.stringify(rows)],
    );
  }

  async byId(em: EntityManager, id: string, lock = false): Promise<DeliveryRecord | null> {
    const rows = await em.execute<DeliveryRecord[]>(`select ${COLUMNS} from ${this.d} d where d.id = ?${lock ? ' for update' : ''}`, [id]);
    return rows[0] ? dated(rows[0]) : null;
  }

  /** A webhook's deliveries, newest first, after the cursor's `seq`. */
  async list(em: EntityManager, q: { webhookId: string; state: WebhookDeliveryState | null; afterSeq: string | null; limit: number }): Promise<DeliveryRecord[]> {
    const rows = await em.execute<DeliveryRecord[]>(
      `select ${COLUMNS} from ${this.d} d
       where d.webhook_id = ? and (?::text is null or d.state = ?) and (?::bigint is null or d.seq < ?::bigint)
       order by d.seq desc limit ?`,
      [q.webhookId, q.state, q.state, q.afterSeq, q.afterSeq, q.limit],
    );
    return rows.map(dated);
  }

  /** The latest `perDelivery` tries of each delivery, newest first. */
  async attempts(em: EntityManager, deliveryIds: readonly string[], perDelivery: number): Promise<Map<string, AttemptRecord[]>> {
    const out = new Map<string, AttemptRecord[]>(deliveryIds.map((id) => [id, []]));
    if (!deliveryIds.length) return out;
    const rows = await em.execute<(AttemptRecord & { at: Date | string })[]>(
      `select "deliveryId", at, status, error, "durationMs" from (
         select delivery_id as "deliveryId", at, status, error, duration_ms as "durationMs", id,
                row_number() over (partition by delivery_id order by id desc) as n
         from ${this.a} where delivery_id = any(?::uuid[])) x
       where n <= ? order by id desc`,
      [textArray(deliveryIds), perDelivery],
    );
    for (const r of rows) out.get(r.deliveryId)?.push({ ...r, at: toDate(r.at)! });
    return out;
  }

  /** Sends a dead or delivered delivery again from its first try; false when it is pending. */
  async replay(em: EntityManager, id: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `update ${this.d} set state = 'pending', attempts = 0, next_attempt_at = now(), delivered_at = null where id = ? and state <> 'pending' returning id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Puts every dead delivery of the webhook back to pending; answers how many. */
  async replayDead(em: EntityManager, webhookId: string): Promise<number> {
    const rows = await em.execute<{ id: string }[]>(
      `update ${this.d} set state = 'pending', attempts = 0, next_attempt_at = now() where webhook_id = ? and state = 'dead' returning id`,
      [webhookId],
    );
    return rows.length;
  }
}
