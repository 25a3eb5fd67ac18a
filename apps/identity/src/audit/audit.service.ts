import { actorCan, actorRegions, decodeCursor, encodeCursor, forbidden, type Actor, type Page } from '@gov/kernel';
import type { AuditEntryView, ListAuditInput } from '@gov/identity-contracts';
import { AuditRepository } from '@gov/identity-data-access';
import { Permissions } from '@gov/identity-domain';
import { requireActor } from '@gov/platform-auth';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';

/** Reading the audit log: administrators see the entries of their own regions, newest first. */
@Injectable()
export class AuditService {
  constructor(
    private readonly em: EntityManager,
    private readonly entries: AuditRepository,
  ) {}

  async list(actor: Actor | null, input: z.output<typeof ListAuditInput>): Promise<Page<AuditEntryView>> {
    const a = requireActor(actor);
    if (input.region && !actorCan(a, Permissions.readAudit, input.region)) throw forbidden('you administer no region that contains the one asked for');
    const regions = input.region ? [input.region] : actorRegions(a, Permissions.readAudit);
    if (regions.length === 0) throw forbidden('the audit log is for administrators');
    const rows = await this.entries.find(this.em, { regions, targetId: input.targetId, operation: input.operation, beforeSeq: decodeCursor(input.after), limit: input.first + 1 });
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
