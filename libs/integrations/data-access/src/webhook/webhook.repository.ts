import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { textArray, toDate } from '../sql.js';

export interface WebhookRecord {
  id: string;
  name: string;
  url: string;
  region: string;
  /** The county token of the events it receives (`city`: every county's). */
  county: string;
  eventTypes: string[];
  /** The signing secret as stored: encrypted (PiiCipher, place webhook.secret.<id>). */
  secretCiphertext: string;
  active: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type NewWebhook = Omit<WebhookRecord, 'active' | 'createdAt' | 'updatedAt'>;

/** Where a webhook's secret is stored (PiiCipher place): its ciphertext decrypts in this row only. */
export const webhookSecretPlace = (id: string) => ({ table: 'webhook', column: 'secret', rowId: id });

const COLUMNS = `id, name, url, region, county, event_types as "eventTypes", secret as "secretCiphertext", active,
  created_by as "createdBy", created_at as "createdAt", updated_at as "updatedAt"`;

function dated(r: WebhookRecord): WebhookRecord {
  return { ...r, createdAt: toDate(r.createdAt)!, updatedAt: toDate(r.updatedAt)! };
}

/** Webhooks. Every method runs on the EntityManager it is given (the caller's transaction or a fork). */
@Injectable()
export class WebhookRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  private get t(): string {
    return `"${this.schema}".webhook`;
  }

  async insert(em: EntityManager, w: NewWebhook): Promise<WebhookRecord> {
    const rows = await em.execute<WebhookRecord[]>(
      `insert into ${this.t} (id, name, url, region, county, event_types, secret, created_by) values (?, ?, ?, ?, ?, ?::text[], ?, ?) returning ${COLUMNS}`,
      [w.id, w.name, w.url, w.region, w.county, textArray(w.eventTypes), w.secretCiphertext, w.createdBy],
    );
    return dated(rows[0]!);
  }

  /** The webhook, locked until commit when asked (changes to one webhook go one at a time). */
  async byId(em: EntityManager, id: string, lock = false): Promise<WebhookRecord | null> {
    const rows = await em.execute<WebhookRecord[]>(`select ${COLUMNS} from ${this.t} where id = ?${lock ? ' for update' : ''}`, [id]);
    return rows[0] ? dated(rows[0]) : null;
  }

  async byIds(em: EntityManager, ids: readonly string[]): Promise<WebhookRecord[]> {
    if (!ids.length) return [];
    const rows = await em.execute<WebhookRecord[]>(`select ${COLUMNS} from ${this.t} where id = any(?::uuid[])`, [textArray(ids)]);
    return rows.map(dated);
  }

  /** The webhooks of exactly this region, oldest first. */
  async listByRegion(em: EntityManager, region: string, limit = 500): Promise<WebhookRecord[]> {
    const rows = await em.execute<WebhookRecord[]>(`select ${COLUMNS} from ${this.t} where region = ? order by created_at, id limit ?`, [region, limit]);
    return rows.map(dated);
  }

  /** Active webhooks that receive events of `county`: the county's own and the city-wide ones. */
  async activeFor(em: EntityManager, county: string): Promise<WebhookRecord[]> {
    const rows = await em.execute<WebhookRecord[]>(`select ${COLUMNS} from ${this.t} where active and county in (?, 'city')`, [county]);
    return rows.map(dated);
  }

  async setActive(em: EntityManager, id: string, active: boolean): Promise<WebhookRecord> {
    const rows = await em.execute<WebhookRecord[]>(`update ${this.t} set active = ?, updated_at = now() where id = ? returning ${COLUMNS}`, [active, id]);
    return dated(rows[0]!);
  }

  async setSecret(em: EntityManager, id: string, secretCiphertext: string): Promise<WebhookRecord> {
    const rows = await em.execute<WebhookRecord[]>(`update ${this.t} set secret = ?, updated_at = now() where id = ? returning ${COLUMNS}`, [secretCiphertext, id]);
    return dated(rows[0]!);
  }

  /** Removes the webhook with its deliveries and their tries. */
  async delete(em: EntityManager, id: string): Promise<void> {
    await em.execute(`delete from ${this.t} where id = ?`, [id]);
  }
}
