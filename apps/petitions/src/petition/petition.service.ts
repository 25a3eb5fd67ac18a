import { forbidden, notFound, type Actor, type GetManyInput } from '@gov/kernel';
import { PetitionsEvents, type CreatePetitionInput, type GetPetitionInput, type PetitionView } from '@gov/petitions-contracts';
import { Petition } from '@gov/petitions-data-access';
import { mayCreatePetition, petitionVisibleTo } from '@gov/petitions-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

/**
 * The sample aggregate the generator started petitions with: a write (one transaction with its
 * outbox event) and reads through the per-message EntityManager. Every rule is checked here,
 * whatever the gateway did before.
 */
@Injectable()
export class PetitionService {
  constructor(
    private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
  ) {}

  async create(actor: Actor | null, input: z.output<typeof CreatePetitionInput>): Promise<PetitionView> {
    const a = requireActor(actor);
    if (!mayCreatePetition(a, input.region)) throw forbidden(`no admin role on ${input.region}`);
    const created = await this.tx.run(async (em) => {
      const row = em.create(Petition, { id: randomUUID(), name: input.name, region: input.region, createdBy: a.accountId });
      await em.flush();
      await this.outbox.add(em, { ...PetitionsEvents.petitionCreated, region: row.region, subjectId: row.id, data: { ...view(row) } });
      return row;
    });
    return view(created);
  }

  async get(actor: Actor | null, { id }: z.output<typeof GetPetitionInput>): Promise<PetitionView> {
    const a = requireActor(actor);
    const row = await this.em.findOne(Petition, { id });
    // Another county's object answers exactly as a missing one: its existence and path stay hidden.
    if (!row || !petitionVisibleTo(a, row.region)) throw notFound('petition', id);
    return view(row);
  }

  async getMany(actor: Actor | null, { ids }: GetManyInput): Promise<PetitionView[]> {
    const a = requireActor(actor);
    const rows = await this.em.find(Petition, { id: { $in: ids } });
    return rows.filter((r) => petitionVisibleTo(a, r.region)).map(view);
  }
}

export function view(r: Petition): PetitionView {
  return { id: r.id, name: r.name, region: r.region, createdBy: r.createdBy, createdAt: r.createdAt.toISOString() };
}
