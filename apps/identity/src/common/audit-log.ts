import type { Actor } from '@gov/kernel';
import { AuditRepository } from '@gov/identity-data-access';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

export interface AuditRecord {
  operation: string;
  targetType: string;
  targetId: string | null;
  region: string;
  outcome?: 'ok' | 'denied';
  detail?: Record<string, unknown>;
}

/** The append-only audit log: who did what to which object in which region, and whether it was allowed. */
@Injectable()
export class AuditLog {
  constructor(
    private readonly orm: MikroORM,
    private readonly entries: AuditRepository,
  ) {}

  /** Inside the caller's transaction: the entry commits with the change or not at all. */
  async record(em: EntityManager, actor: Actor | null, r: AuditRecord): Promise<void> {
    await this.entries.insert(em, {
      actorId: actor?.accountId ?? null,
      actorName: actor?.username ?? null,
      operation: r.operation,
      targetType: r.targetType,
      targetId: r.targetId,
      region: r.region,
      outcome: r.outcome ?? 'ok',
      detail: r.detail ?? null,
    });
  }

  /** A refused attempt is kept even though the change itself rolled back: its own connection, its own commit. */
  async recordDenied(actor: Actor | null, r: AuditRecord): Promise<void> {
    await this.record(this.orm.em.fork() as EntityManager, actor, { ...r, outcome: 'denied' });
  }
}
