import { forbidden, notFound, type Actor, type GetManyInput } from '@gov/kernel';
import { MediationEvents, type CreateMediationCaseInput, type GetMediationCaseInput, type MediationCaseView } from '@gov/mediation-contracts';
import { MediationCase } from '@gov/mediation-data-access';
import { mayCreateMediationCase, mediationCaseVisibleTo } from '@gov/mediation-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

/**
 * The sample aggregate the generator started mediation with: a write (one transaction with its
 * outbox event) and reads through the per-message EntityManager. Every rule is checked here,
 * whatever the gateway did before.
 */
@Injectable()
export class MediationCaseService {
  constructor(
    private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
  ) {}

  async create(actor: Actor | null, input: z.output<typeof CreateMediationCaseInput>): Promise<MediationCaseView> {
    const a = requireActor(actor);
    if (!mayCreateMediationCase(a, input.region)) throw forbidden(`no admin role on ${input.region}`);
    const created = await this.tx.run(async (em) => {
      const row = em.create(MediationCase, { id: randomUUID(), name: input.name, region: input.region, createdBy: a.accountId });
      await em.flush();
      await this.outbox.add(em, { ...MediationEvents.mediationCaseCreated, region: row.region, subjectId: row.id, data: { ...view(row) } });
      return row;
    });
    return view(created);
  }

  async get(actor: Actor | null, { id }: z.output<typeof GetMediationCaseInput>): Promise<MediationCaseView> {
    const a = requireActor(actor);
    const row = await this.em.findOne(MediationCase, { id });
    // Another county's object answers exactly as a missing one: its existence and path stay hidden.
    if (!row || !mediationCaseVisibleTo(a, row.region)) throw notFound('mediation case', id);
    return view(row);
  }

  async getMany(actor: Actor | null, { ids }: GetManyInput): Promise<MediationCaseView[]> {
    const a = requireActor(actor);
    const rows = await this.em.find(MediationCase, { id: { $in: ids } });
    return rows.filter((r) => mediationCaseVisibleTo(a, r.region)).map(view);
  }
}

export function view(r: MediationCase): MediationCaseView {
  return { id: r.id, name: r.name, region: r.region, createdBy: r.createdBy, createdAt: r.createdAt.toISOString() };
}
