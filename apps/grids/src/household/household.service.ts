import { conflict, decodeCursor, encodeCursor, forbidden, notFound, type Actor, type Page } from '@gov/kernel';
import { GridsEvents, type AddHouseholdMemberInput, type HouseholdView, type ListHouseholdsInput, type MoveHouseholdInput, type RegisterHouseholdInput } from '@gov/grids-contracts';
import { HOUSEHOLD_NUMBER_TAKEN, HouseholdRepository, ONE_HEAD_PER_HOUSEHOLD, PERSON_IN_A_HOUSEHOLD, PERSON_IN_THIS_HOUSEHOLD, RegionRepository, type HouseholdRecord, type RegionRecord } from '@gov/grids-data-access';
import { regionVisibleTo } from '@gov/grids-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { PersonDirectory } from '../person/person-directory.js';
import { communityOf, householdScopes, householdVisible, householdWritable, invalid } from './household.policy.js';

/**
 * Households (户) in buildings and the people in them. A household outside the caller's regions
 * answers NOT_FOUND exactly as an unknown id; one the caller sees but may not change, FORBIDDEN.
 */
@Injectable()
export class HouseholdService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly households: HouseholdRepository,
    private readonly regions: RegionRepository,
    private readonly people: PersonDirectory,
  ) {}

  async register(actor: Actor | null, input: z.output<typeof RegisterHouseholdInput>): Promise<HouseholdView> {
    const a = requireActor(actor);
    const building = await this.writableBuilding(a, input.buildingId, 'buildingId');
    if (await this.households.numberTaken(building.id, input.number)) throw numberTaken(input.number);
    const created = await this.tx.run(async (em) => {
      let row: HouseholdRecord;
      try {
        row = await this.households.insert(em, { id: randomUUID(), buildingId: building.id, number: input.number, regionPath: building.path });
      } catch (err) {
        // Registered by a concurrent request since the check above.
        if (isViolation(err, HOUSEHOLD_NUMBER_TAKEN)) throw numberTaken(input.number);
        throw err;
      }
      const v = householdView(row);
      await this.outbox.add(em, { ...GridsEvents.householdRegistered, region: v.region, subjectId: v.id, data: { ...v } });
      return v;
    });
    return created;
  }

  async move(actor: Actor | null, input: z.output<typeof MoveHouseholdInput>): Promise<HouseholdView> {
    const a = requireActor(actor);
    const found = await this.writableHousehold(a, input.id);
    const building = await this.writableBuilding(a, input.buildingId, 'buildingId');
    if (building.id === found.buildingId) return householdView(found);
    if (await this.households.numberTaken(building.id, found.number)) throw numberTaken(found.number);
    return this.tx.run(async (em) => {
      const h = await this.households.lock(em, input.id);
      // Moved by someone else since the check: the caller must hold the building it is in now.
      if (!h || !householdVisible(a, h.regionPath)) throw notFound('household', input.id);
      if (!householdWritable(a, h.regionPath)) throw forbidden('no role that may change this household');
      if (h.buildingId === building.id) return householdView(h);
      let unlinked: string[];
      try {
        ({ unlinked } = await this.households.move(em, h.id, building, communityOf(building.path) ?? building.path));
      } catch (err) {
        if (isViolation(err, HOUSEHOLD_NUMBER_TAKEN)) throw numberTaken(h.number);
        throw err;
      }
      const v = householdView(await this.households.reread(em, h.id));
      await this.outbox.add(em, {
        ...GridsEvents.householdMoved,
        region: v.region,
        subjectId: v.id,
        data: { ...v, previousBuildingId: h.buildingId, previousRegion: h.regionPath, unlinkedHouseholdIds: unlinked },
      });
      return v;
    });
  }

  async addMember(actor: Actor | null, input: z.output<typeof AddHouseholdMemberInput>): Promise<HouseholdView> {
    const a = requireActor(actor);
    const h = await this.writableHousehold(a, input.householdId);
    await this.people.pickable(a, input.personId);
    const m = await this.households.membership(input.personId, h.id);
    if (m.householdId === h.id) throw conflict('this person is already a member of the household', 'ALREADY_MEMBER');
    // Which household it is stays unsaid: it may lie outside the caller's regions.
    if (m.householdId) throw personHasHousehold();
    if (input.relation === 'head' && m.targetHasHead) throw hasHead();
    return this.tx.run(async (em) => {
      try {
        await this.households.addMember(em, { householdId: h.id, personId: input.personId, relation: input.relation });
      } catch (err) {
        if (isViolation(err, PERSON_IN_A_HOUSEHOLD) || isViolation(err, PERSON_IN_THIS_HOUSEHOLD)) throw personHasHousehold();
        if (isViolation(err, ONE_HEAD_PER_HOUSEHOLD)) throw hasHead();
        throw err;
      }
      const v = householdView(await this.households.reread(em, h.id));
      const member = v.members.find((x) => x.personId === input.personId)!;
      await this.outbox.add(em, { ...GridsEvents.householdMemberAdded, region: v.region, subjectId: v.id, data: { householdId: v.id, ...member } });
      return v;
    });
  }

  async list(actor: Actor | null, input: z.output<typeof ListHouseholdsInput>): Promise<Page<HouseholdView>> {
    const a = requireActor(actor);
    const region = await this.regions.byId(input.regionId);
    if (!region || !regionVisibleTo(a, region.path)) throw notFound('region', input.regionId);
    const scopes = householdScopes(a, region.path);
    if (scopes.length === 0) throw forbidden('no role that may list households here');
    const after = decodeCursor(input.after);
    const rows = await this.households.list(scopes, after, input.first + 1);
    const page = rows.slice(0, input.first);
    return { items: page.map(householdView), endCursor: page.length ? encodeCursor(page.at(-1)!.seq) : null, hasNextPage: rows.length > input.first };
  }

  /** A household the caller may change: NOT_FOUND when unknown or outside the caller's regions. */
  async writableHousehold(a: Actor, id: string): Promise<HouseholdRecord> {
    const h = await this.households.byId(id);
    if (!h || !householdVisible(a, h.regionPath)) throw notFound('household', id);
    if (!householdWritable(a, h.regionPath)) throw forbidden('no role that may change this household');
    return h;
  }

  /** An active building the caller may put households in. */
  private async writableBuilding(a: Actor, id: string, field: string): Promise<RegionRecord> {
    const b = await this.regions.byId(id);
    if (!b || !regionVisibleTo(a, b.path)) throw notFound('building', id);
    if (!householdWritable(a, b.path)) throw forbidden('no role that may register households here');
    if (b.level !== 'building') throw invalid(field, 'must be a building');
    if (b.archivedAt) throw invalid(field, 'the building is archived');
    return b;
  }
}

export function householdView(h: HouseholdRecord): HouseholdView {
  return {
    id: h.id,
    buildingId: h.buildingId,
    number: h.number,
    region: h.regionPath,
    centralHeadId: h.centralHeadId,
    members: h.members.map((m) => ({ personId: m.personId, relation: m.relation, since: new Date(m.since).toISOString() })),
    createdAt: new Date(h.createdAt).toISOString(),
    updatedAt: new Date(h.updatedAt).toISOString(),
  };
}

export function isViolation(err: unknown, constraint: string): boolean {
  return err instanceof UniqueConstraintViolationException && err.message.includes(constraint);
}

const numberTaken = (number: string) => conflict(`the building already has a household ${number}`, 'HOUSEHOLD_NUMBER_TAKEN');
const personHasHousehold = () => conflict('this person already belongs to a household', 'PERSON_HAS_HOUSEHOLD');
const hasHead = () => conflict('the household already has a head (户主)', 'HOUSEHOLD_HAS_HEAD');
