import type { Actor, Page } from '@gov/kernel';
import type { AuditEntryView, ListAuditInput } from '@gov/identity-contracts';
import { parseInput } from '@gov/kernel';
import { ListAuditInput as ListAuditSchema } from '@gov/identity-contracts';
import { Permissions } from '@gov/identity-domain';
import { requireActor, requireScope } from '@gov/platform-auth';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { actorRegions, forbidden } from '@gov/kernel';
import { randomUUID } from 'node:crypto';
import { decodeCursor, encodeCursor, regionFilterSql } from '../sql.js';

export interface AuditRecord {
  operation: string;
  targetType: string;
  targetId: string | null;
  region: string;
  outcome?: 'ok' | 'denied';
  detail?: Record<string, unknown>;
}

interface AuditRow {
  seq: string;
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  operation: string;
  target_type: string;
  target_id: string | null;
  region: string;
  outcome: 'ok' | 'denied';
  detail: Record<string, unknown> | null;
}

/** The append-only audit log: who did what to which object in which region, and whether it was allowed. */
export class AuditLog {
  constructor(
    private readonly orm: MikroORM,
    private readonly schema: string,
  ) {}

  /** Inside the caller's transaction: the entry commits with the change or not at all. */
  async record(em: EntityManager, actor: Actor | null, r: AuditRecord): Promise<void> {
    await em.execute(
      `insert into "${this.schema}".audit_entry (id, actor_id, actor_name, operation, target_type, target_id, region, outcome, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [randomUUID(), actor?.accountId ?? null, actor?.username ?? null, r.operation, r.targetType, r.targetId, r.region, r.outcome ?? 'ok', r.detail ? JSON.stringify(r.detail) : null],
    );
  }

  /** A refused attempt is kept even though the change itself rolled back. */
  async recordDenied(actor: Actor | null, r: AuditRecord): Promise<void> {
    await this.record(this.orm.em.fork(), actor, { ...r, outcome: 'denied' });
  }

  async list(actor: Actor | null, raw: unknown): Promise<Page<AuditEntryView>> {
    const input: ListAuditInput & { first: number } = parseInput(ListAuditSchema, raw) as never;
    const a = requireActor(actor);
    if (input.region) requireScope(a, Permissions.readAudit, input.region);
    const regions = input.region ? [input.region] : actorRegions(a, Permissions.readAudit);
    if (regions.length === 0) throw forbidden('the audit log is for administrators');
    const params: unknown[] = [];
    const where = [regionFilterSql('region', regions, params)];
    if (input.targetId) {
      where.push('target_id = ?');
      params.push(input.targetId);
    }
    if (input.operation) {
      where.push('operation = ?');
      params.push(input.operation);
    }
    const after = decodeCursor(input.after);
    if (after) {
      where.push('seq < ?');
      params.push(after);
    }
    params.push(input.first + 1);
    const rows = await this.orm.em
      .fork()
      .execute<AuditRow[]>(`select * from "${this.schema}".audit_entry where ${where.join(' and ')} order by seq desc limit ?`, params);
    const page = rows.slice(0, input.first);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        actorName: r.actor_name,
        operation: r.operation,
        targetType: r.target_type,
        targetId: r.target_id,
        region: r.region,
        outcome: r.outcome,
        detail: r.detail,
      })),
      endCursor: page.length ? encodeCursor(page[page.length - 1]!.seq) : null,
      hasNextPage: rows.length > input.first,
    };
  }
}
