import { conflict, forbidden, notFound, type Actor } from '@gov/kernel';
import {
  CENTRAL_HEAD_MAX_HOUSEHOLDS,
  COVERAGE_UNCOVERED_LIST,
  GridsEvents,
  type AppointCentralHeadInput,
  type CentralHeadCoverageInput,
  type CentralHeadCoverageView,
  type CentralHeadView,
  type LinkToCentralHeadInput,
} from '@gov/grids-contracts';
import { CentralHeadRepository, HouseholdRepository, ONE_CENTRAL_HEAD_PER_PERSON, RegionRepository, type CentralHeadRecord } from '@gov/grids-data-access';
import { regionVisibleTo } from '@gov/grids-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { communityOf, householdVisible, householdWritable, invalid } from './household.policy.js';
import { PersonDirectory } from '../person/person-directory.js';
import { HouseholdService, isViolation } from './household.service.js';

/**
 * Central-household heads (中心户长) and "ten households, one link" (十户一联): a head looks after
 * about ten neighbouring households of their own community, their own household among them.
 */
@Injectable()
export class CentralHeadService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly heads: CentralHeadRepository,
    private readonly households: HouseholdRepository,
    private readonly householdService: HouseholdService,
    private readonly regions: RegionRepository,
    private readonly people: PersonDirectory,
  ) {}

  /** Appoints a member of the household as its central-household head; the household is linked to them. */
  async appoint(actor: Actor | null, input: z.output<typeof AppointCentralHeadInput>): Promise<CentralHeadView> {
    const a = requireActor(actor);
    const h = await this.householdService.writableHousehold(a, input.householdId);
    await this.people.pickable(a, input.personId);
    if (await this.heads.byPerson(input.personId)) throw alreadyHead();
    const m = await this.households.membership(input.personId, h.id);
    if (m.householdId !== h.id) throw invalid('personId', 'must be a member of the household');
    return this.tx.run(async (em) => {
      const locked = await this.households.lock(em, h.id);
      if (!locked || !householdWritable(a, locked.regionPath)) throw notFound('household', h.id);
      let head: CentralHeadRecord;
      try {
        head = await this.heads.insert(em, { id: randomUUID(), personId: input.personId, householdId: h.id, partyMember: input.partyMember, regionPath: locked.regionPath });
      } catch (err) {
        if (isViolation(err, ONE_CENTRAL_HEAD_PER_PERSON)) throw alreadyHead();
        throw err;
      }
      const v = headView(head);
      await this.outbox.add(em, { ...GridsEvents.centralHeadAppointed, region: v.region, subjectId: v.id, data: { ...v, previousHeadId: locked.centralHeadId } });
      return v;
    });
  }

  /** Links households of the head's community to the head (taking them from any head they had). */
  async link(actor: Actor | null, input: z.output<typeof LinkToCentralHeadInput>): Promise<CentralHeadView> {
    const a = requireActor(actor);
    const head = await this.heads.byId(input.centralHeadId);
    if (!head || !householdVisible(a, head.regionPath)) throw notFound('central head', input.centralHeadId);
    if (!householdWritable(a, head.regionPath)) throw forbidden('no role that may change this central head');
    const community = communityOf(head.regionPath);
    const found = new Map((await this.households.byIds(input.householdIds)).map((h) => [h.id, h]));
    input.householdIds.forEach((id, i) => {
      const h = found.get(id);
      if (!h || !householdVisible(a, h.regionPath)) throw notFound('household', id);
      if (!householdWritable(a, h.regionPath)) throw forbidden('no role that may change this household');
      if (communityOf(h.regionPath) !== community) throw invalid(`householdIds.${i}`, "is not in the central head's community");
    });
    return this.tx.run(async (em) => {
      const locked = new Map((await this.households.lockMany(em, input.householdIds)).map((h) => [h.id, h]));
      input.householdIds.forEach((id, i) => {
        const h = locked.get(id);
        if (!h || !householdWritable(a, h.regionPath)) throw notFound('household', id);
        if (communityOf(h.regionPath) !== community) throw invalid(`householdIds.${i}`, "is not in the central head's community");
      });
      const linked = await this.heads.link(em, head.id, input.householdIds);
      const v = headView(await this.heads.reread(em, head.id));
      await this.outbox.add(em, {
        ...GridsEvents.centralHeadHouseholdsLinked,
        region: v.region,
        subjectId: v.id,
        data: { centralHeadId: v.id, households: linked, householdCount: v.householdCount, overloaded: v.overloaded },
      });
      return v;
    });
  }

  /** Which households below a node have a head (十户一联 coverage), the heads' loads, and the first uncovered households. */
  async coverage(actor: Actor | null, input: z.output<typeof CentralHeadCoverageInput>): Promise<CentralHeadCoverageView> {
    const a = requireActor(actor);
    const region = await this.regions.byId(input.regionId);
    if (!region || !regionVisibleTo(a, region.path)) throw notFound('region', input.regionId);
    if (!householdVisible(a, region.path)) throw forbidden('no role that may see households here');
    const c = await this.heads.coverage(region.path, COVERAGE_UNCOVERED_LIST);
    return {
      regionId: region.id,
      households: c.households,
      covered: c.covered,
      uncovered: c.households - c.covered,
      heads: c.heads.map((h) => ({ ...h, overloaded: h.householdCount > CENTRAL_HEAD_MAX_HOUSEHOLDS })),
      uncoveredHouseholds: c.uncoveredHouseholds,
    };
  }
}

export function headView(c: CentralHeadRecord): CentralHeadView {
  return {
    id: c.id,
    personId: c.personId,
    householdId: c.householdId,
    partyMember: c.partyMember,
    region: c.regionPath,
    householdCount: c.householdCount,
    overloaded: c.householdCount > CENTRAL_HEAD_MAX_HOUSEHOLDS,
    createdAt: new Date(c.createdAt).toISOString(),
  };
}

const alreadyHead = () => conflict('this person is already a central-household head', 'ALREADY_CENTRAL_HEAD');
