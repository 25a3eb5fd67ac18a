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

/** What the fan-out needs of an active webhook to tell whether it wants an event. */
export type WebhookRoute = Pick<WebhookRecord, 'id' | 'county' | 'eventTypes' | 'createdAt'>;

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
    await this.announceChange(em);
    return dated(rows[0]!);
  }

  /** The webhook, locked until commit when asked (changes to one webhook go one at a time). */
  async byId(em: EntityManager, id: string, lock = false): Promise<WebhookRecord | null> {
    const rows = await em.execute<WebhookRecord[]>(`select ${COLUMNS} from ${this.t} where id = ?${lock ? ' for update' : ''}`, [id]);
    return rows[0] ? dated(rows[0]) : null;
  }

  /** The webhooks of exactly this region, oldest first. */
  async listByRegion(em: EntityManager, region: string, limit = 500): Promise<WebhookRecord[]> {
    const rows = await em.execute<WebhookRecord[]>(`select ${COLUMNS} from ${this.t} where region = ? order by created_at, id limit ?`, [region, limit]);
    return rows.map(dated);
  }

  /**
   * Every active webhook, as the fan-out routes events to them (a few rows: read whole and kept),
   * with the routes version they are of (routesVersion).
   */
  async activeRoutes(em: EntityManager): Promise<{ version: string; routes: WebhookRoute[] }> {
    // One statement, one snapshot: the version and the rows belong together.
    const rows = await em.execute<Array<WebhookRoute & { version: string }>>(
      `select v.version::text as version, w.id, w.county, w.event_types as "eventTypes", w.created_at as "createdAt"
       from "${this.schema}".webhook_routes_version v left join ${this.t} w on w.active`,
    );
    return { version: rows[0]?.version ?? '0', routes: rows.filter((r) => r.id).map(({ id, county, eventTypes, createdAt }) => ({ id, county, eventTypes, createdAt: toDate(createdAt)! })) };
  }

  /** The routes version: changes with every commit that changed which webhooks are active (see announceChange). */
  async routesVersion(em: EntityManager): Promise<string> {
    const [row] = await em.execute<{ version: string }[]>(`select version::text as version from "${this.schema}".webhook_routes_version`);
    return row?.version ?? '0';
  }

  async setActive(em: EntityManager, id: string, active: boolean): Promise<WebhookRecord> {
    const rows = await em.execute<WebhookRecord[]>(`update ${this.t} set active = ?, updated_at = now() where id = ? returning ${COLUMNS}`, [active, id]);
    await this.announceChange(em);
    return dated(rows[0]!);
  }

  async setSecret(em: EntityManager, id: string, secretCiphertext: string): Promise<WebhookRecord> {
    const rows = await em.execute<WebhookRecord[]>(`update ${this.t} set secret = ?, updated_at = now() where id = ? returning ${COLUMNS}`, [secretCiphertext, id]);
    return dated(rows[0]!);
  }

  /** Removes the webhook with its deliveries and their tries. */
  async delete(em: EntityManager, id: string): Promise<void> {
    await em.execute(`delete from ${this.t} where id = ?`, [id]);
    await this.announceChange(em);
  }

  /**
   * Bumps the routes version in the caller's transaction: from its commit on, every replica's
   * fan-out sees that its copy of the active webhooks is stale. Changes to webhooks queue on this
   * row; they are rare.
   */
  private async announceChange(em: EntityManager): Promise<void> {
    await em.execute(`update "${this.schema}".webhook_routes_version set version = version + 1`);
  }
}
