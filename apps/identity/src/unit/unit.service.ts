import { conflict, forbidden, regionContains, type Actor, type GetManyInput, type Page } from '@gov/kernel';
import { IdentityEvents, type CreateUnitInput, type ListUnitsInput, type UnitView } from '@gov/identity-contracts';
import { Permissions } from '@gov/identity-domain';
import { Unit } from '@gov/identity-data-access';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AuditLog } from '../common/audit-log.js';
import { Authorizer } from '../common/authorizer.js';
import { RegionDirectory } from '../region/region-directory.service.js';

/** A unit is visible to anyone working in its region, above it (county admins) or below it (a city unit). */
export function unitVisible(actor: Actor, region: string): boolean {
  return actor.grants.some((g) => regionContains(g.region, region) || regionContains(region, g.region));
}

/** Units (包联单位 and others) that stewards belong to. */
@Injectable()
export class UnitService {
  constructor(
    private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly authorizer: Authorizer,
    private readonly regions: RegionDirectory,
  ) {}

  async create(actor: Actor | null, input: z.output<typeof CreateUnitInput>): Promise<UnitView> {
    const a = await this.authorizer.authorize(actor, Permissions.createUnit, input.region, { operation: 'unit.create', targetType: 'unit', targetId: null, region: input.region });
    // A unit sits on a live node of grids' tree; checked once the caller may act there.
    await this.regions.requireGrantable(input.region);
    const unit = await this.tx.run(async (em) => {
      if (await em.count(Unit, { code: input.code })) throw conflict(`unit code ${input.code} is taken`, 'DUPLICATE_CODE');
      const u = em.create(Unit, { id: randomUUID(), ...input });
      await em.flush();
      await this.outbox.add(em, { ...IdentityEvents.unitCreated, region: u.region, subjectId: u.id, data: { ...view(u) } });
      await this.audit.record(em, a, { operation: 'unit.create', targetType: 'unit', targetId: u.id, region: u.region, detail: { code: u.code } });
      return u;
    });
    return view(unit);
  }

  async list(actor: Actor | null, input: z.output<typeof ListUnitsInput>): Promise<Page<UnitView>> {
    const a = requireActor(actor);
    // A region the caller has nothing to do with: FORBIDDEN, and the message does not repeat it.
    if (input.region && !unitVisible(a, input.region)) throw forbidden('you hold no role on the region asked for');
    const units = await this.em.find(Unit, input.after ? { code: { $gt: input.after } } : {}, { orderBy: { code: 'asc' } });
    // Few units per city (hundreds): filter in memory rather than build prefix SQL both ways.
    const visible = units.filter((u) => unitVisible(a, u.region) && (!input.region || regionContains(input.region, u.region) || regionContains(u.region, input.region)));
    const page = visible.slice(0, input.first);
    return { items: page.map(view), endCursor: page.at(-1)?.code ?? null, hasNextPage: visible.length > input.first };
  }

  async getMany(actor: Actor | null, { ids }: GetManyInput): Promise<UnitView[]> {
    const a = requireActor(actor);
    const units = await this.em.find(Unit, { id: { $in: ids } });
    return units.filter((u) => unitVisible(a, u.region)).map(view);
  }
}

export function view(u: Unit): UnitView {
  return { id: u.id, code: u.code, name: u.name, kind: u.kind, region: u.region, createdAt: u.createdAt.toISOString() };
}

