import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { regionFilterSql } from '../sql.js';

export type AuditOutcome = 'ok' | 'denied';

export interface NewAuditEntry {
  actorId: string | null;
  actorName: string | null;
  operation: string;
  targetType: string;
  targetId: string | null;
  region: string;
  outcome: AuditOutcome;
  detail: Record<string, unknown> | null;
}

export interface AuditEntryRow {
  seq: string;
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  operation: string;
  target_type: string;
  target_id: string | null;
  region: string;
  outcome: AuditOutcome;
  detail: Record<string, unknown> | null;
}

export interface AuditQuery {
  /** Entries in any of these regions or below them. */
  regions: string[];
  targetId?: string;
  operation?: string;
  /** Only entries older than this sequence number (keyset paging, newest first). */
  beforeSeq?: string | null;
  limit: number;
}

/**
 * The audit table, written by plain SQL: entries are never read back as entities or changed (a
 * trigger refuses updates and deletes), so there is no entity to hydrate.
 */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  async insert(em: EntityManager, e: NewAuditEntry): Promise<void> {
    await em.execute(
      `insert into "${this.schema}".audit_entry (id, actor_id, actor_name, operation, target_type, target_id, region, outcome, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [randomUUID(), e.actorId, e.actorName, e.operation, e.targetType, e.targetId, e.region, e.outcome, e.detail ? JSON.stringify(e.detail) : null],
    );
  }

  async find(em: EntityManager, q: AuditQuery): Promise<AuditEntryRow[]> {
    const params: unknown[] = [];
    const where = [regionFilterSql('region', q.regions, params)];
    if (q.targetId) {
      where.push('target_id = ?');
      params.push(q.targetId);
    }
    if (q.operation) {
      where.push('operation = ?');
      params.push(q.operation);
    }
    if (q.beforeSeq) {
      where.push('seq < ?');
      params.push(q.beforeSeq);
    }
    params.push(q.limit);
    return em.execute<AuditEntryRow[]>(`select * from "${this.schema}".audit_entry where ${where.join(' and ')} order by seq desc limit ?`, params);
  }
}
