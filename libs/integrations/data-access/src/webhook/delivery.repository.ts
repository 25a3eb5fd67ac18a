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

/** A delivery the dispatcher took: what it needs to send it. */
export type ClaimedDelivery = Pick<DeliveryRecord, 'id' | 'seq' | 'webhookId' | 'eventId' | 'body' | 'attempts'>;

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

  /** Adds the deliveries that do not exist yet (one per webhook and event); answers how many were added. */
  async insertMany(em: EntityManager, rows: readonly NewDelivery[]): Promise<number> {
    if (!rows.length) return 0;
    const values = rows.map(() => `(?::uuid, ?::uuid, ?::uuid, ?, ?::jsonb, now())`).join(', ');
    const added = await em.execute<{ id: string }[]>(
      `insert into ${this.d} (id, webhook_id, event_id, event_type, body, next_attempt_at) values ${values}
       on conflict (webhook_id, event_id) do nothing returning id`,
      rows.flatMap((r) => [r.id, r.webhookId, r.eventId, r.eventType, JSON.stringify(r.body)]),
    );
    return added.length;
  }

  /**
   * Takes up to `limit` due pending deliveries, oldest first, and leases them: their next try is
   * moved `leaseMs` ahead, so another replica skips them, and a replica that dies while sending
   * leaves them to be tried again once the lease ran out. One statement, SKIP LOCKED.
   */
  async claimDue(em: EntityManager, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows = await em.execute<ClaimedDelivery[]>(
      `update ${this.d} d set next_attempt_at = now() + make_interval(secs => ?)
       from (select id from ${this.d} where state = 'pending' and next_attempt_at <= now()
               and webhook_id in (select id from "${this.schema}".webhook where active)
             order by next_attempt_at, seq limit ? for update skip locked) due
       where d.id = due.id
       returning d.id, d.seq::text as seq, d.webhook_id as "webhookId", d.event_id as "eventId", d.body, d.attempts`,
      [leaseMs / 1000, limit],
    );
    return rows.sort((x, y) => Number(BigInt(x.seq) - BigInt(y.seq)));
  }

  /** Hands taken deliveries that were not tried back: due again at once, their tries unchanged. */
  async release(em: EntityManager, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await em.execute(`update ${this.d} set next_attempt_at = now() where id = any(?::uuid[]) and state = 'pending'`, [textArray(ids)]);
  }

  /** When the next pending delivery of an active webhook falls due; null when none waits. */
  async nextDueAt(em: EntityManager): Promise<Date | null> {
    const [row] = await em.execute<{ at: Date | string | null }[]>(`select min(next_attempt_at) as at from ${this.d}
       where state = 'pending' and webhook_id in (select id from "${this.schema}".webhook where active)`);
    return toDate(row?.at);
  }

  /**
   * Logs the try and records its outcome on the delivery taken at `attemptsBefore` tries. A
   * delivery changed meanwhile (replayed, deleted with its webhook) keeps its new state.
   */
  async recordTry(em: EntityManager, id: string, attemptsBefore: number, o: TryOutcome): Promise<void> {
    await em.execute(
      `insert into ${this.a} (delivery_id, status, error, duration_ms) select ?::uuid, ?::int, ?, ? where exists (select 1 from ${this.d} where id = ?)`,
      [id, o.status, o.error, Math.round(o.durationMs), id],
    );
    if (!o.retry) {
      await em.execute(
        `update ${this.d} set state = 'delivered', attempts = attempts + 1, last_status = ?, last_error = null, delivered_at = now(), next_attempt_at = null
         where id = ? and state = 'pending' and attempts = ?`,
        [o.status, id, attemptsBefore],
      );
    } else {
      await em.execute(
        `update ${this.d} set state = ?, attempts = attempts + 1, last_status = ?, last_error = ?, next_attempt_at = ?
         where id = ? and state = 'pending' and attempts = ?`,
        [o.retry.dead ? 'dead' : 'pending', o.status, o.error, o.retry.dead ? null : o.retry.at, id, attemptsBefore],
      );
    }
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
