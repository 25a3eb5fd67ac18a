import { forbidden, notFound, type Actor, type GetManyInput } from '@gov/kernel';
import { GridsEvents, type CreateRegionInput, type GetRegionInput, type RegionView } from '@gov/grids-contracts';
import { Region } from '@gov/grids-data-access';
import { mayCreateRegion, regionVisibleTo } from '@gov/grids-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

/**
 * The sample aggregate the generator started grids with: a write (one transaction with its
 * outbox event) and reads through the per-message EntityManager. Every rule is checked here,
 * whatever the gateway did before.
 */
@Injectable()
export class RegionService {
  constructor(
    private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
  ) {}

  async create(actor: Actor | null, input: z.output<typeof CreateRegionInput>): Promise<RegionView> {
    const a = requireActor(actor);
    if (!mayCreateRegion(a, input.region)) throw forbidden(`no admin role on ${input.region}`);
    const created = await this.tx.run(async (em) => {
      const row = em.create(Region, { id: randomUUID(), name: input.name, region: input.region, createdBy: a.accountId });
      await em.flush();
      await this.outbox.add(em, { ...GridsEvents.regionCreated, region: row.region, subjectId: row.id, data: { ...view(row) } });
      return row;
    });
    return view(created);
  }

  async get(actor: Actor | null, { id }: z.output<typeof GetRegionInput>): Promise<RegionView> {
    const a = requireActor(actor);
    const row = await this.em.findOne(Region, { id });
    if (!row) throw notFound('region', id);
    if (!regionVisibleTo(a, row.region)) throw forbidden(`no role on ${row.region}`);
    return view(row);
  }

  async getMany(actor: Actor | null, { ids }: GetManyInput): Promise<RegionView[]> {
    const a = requireActor(actor);
    const rows = await this.em.find(Region, { id: { $in: ids } });
    return rows.filter((r) => regionVisibleTo(a, r.region)).map(view);
  }
}

export function view(r: Region): RegionView {
  return { id: r.id, name: r.name, region: r.region, createdBy: r.createdBy, createdAt: r.createdAt.toISOString() };
}
