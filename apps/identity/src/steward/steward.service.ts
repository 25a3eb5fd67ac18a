import { AppError, actorCan, actorRegions, conflict, countyOf, decodeCursor, encodeCursor, forbidden, notFound, regionContains, type Actor, type GetManyInput, type Page } from '@gov/kernel';
import { IdentityEvents, type EnrollStewardInput, type GetByIdInput, type ListStewardsInput, type StewardCard, type StewardNumberView, type StewardView, type UpdateStewardInput } from '@gov/identity-contracts';
import { Permissions, STEWARD_CLASS_INFO, expectedSuperior, formatStewardNumber, stewardNumberPrefix } from '@gov/identity-domain';
import { ONE_STEWARD_PER_PERSON, Person, Steward, StewardEnrolmentRepository, StewardNumberHistory, StewardNumberRepository, StewardViewRepository, Unit } from '@gov/identity-data-access';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AuditLog } from '../common/audit-log.js';
import { Authorizer } from '../common/authorizer.js';
import { unitVisible } from '../unit/unit.service.js';

/** Red Stewards (红管家): enrolment with a number, changes that reissue it, the card, the sentinel chain. */
@Injectable()
export class StewardService {
  constructor(
    private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly authorizer: Authorizer,
    private readonly numbers: StewardNumberRepository,
    private readonly views: StewardViewRepository,
    private readonly enrolments: StewardEnrolmentRepository,
  ) {}

  async enroll(actor: Actor | null, input: z.output<typeof EnrollStewardInput>): Promise<StewardView> {
    const attempt = { operation: 'steward.enroll', targetType: 'steward', targetId: null, region: input.grid };
    const a = await this.authorizer.authorize(actor, Permissions.manageStewards, input.grid, attempt);
    const found = await this.enrolments.context(input.personId, input.unitId);
    if (found.personRegion === null || !actorCan(a, Permissions.readPerson, found.personRegion)) throw notFound('person', input.personId);
    const unit = found.unit;
    if (!unit || !unitVisible(a, unit.region)) throw notFound('unit', input.unitId);
    if (found.alreadySteward) throw alreadyEnrolled();
    const steward = await this.tx.run(async (em) => {
      await this.checkChain(em, input.grid, input.sentinelRole ?? null, input.reportsToId ?? null, null);
      const now = new Date();
      const s: Omit<Steward, 'seq'> = {
        id: randomUUID(),
        personId: input.personId,
        number: await this.nextNumber(em, { class: input.class, unitCode: unit.code, grid: input.grid, building: input.building ?? null }),
        class: input.class,
        unitId: unit.id,
        grid: input.grid,
        building: input.building ?? null,
        deliberationRole: input.deliberationRole ?? null,
        sentinelRole: input.sentinelRole ?? null,
        reportsToId: input.reportsToId ?? null,
        enrolledAt: now,
        updatedAt: now,
      };
      try {
        await this.enrolments.insert(em, s, randomUUID());
      } catch (err) {
        // Enrolled by a concurrent request since the check above.
        if (err instanceof UniqueConstraintViolationException && err.message.includes(ONE_STEWARD_PER_PERSON)) throw alreadyEnrolled();
        throw err;
      }
      await this.outbox.add(em, { ...IdentityEvents.stewardEnrolled, region: s.grid, subjectId: s.id, data: { ...view(s) } });
      await this.audit.record(em, a, { operation: 'steward.enroll', targetType: 'steward', targetId: s.id, region: s.grid, detail: { number: s.number } });
      return s;
    });
    return view(steward);
  }

  async update(actor: Actor | null, input: z.output<typeof UpdateStewardInput>): Promise<StewardView> {
    // Checks (and the audit of a refusal) before the write transaction opens: a burst of refused
    // updates never holds the connections and row locks the allowed ones need.
    const found = await this.em.findOne(Steward, { id: input.id });
    if (!found) throw notFound('steward', input.id);
    const attempt = { operation: 'steward.update', targetType: 'steward', targetId: found.id, region: found.grid };
    const a = await this.authorizer.authorizeObject(actor, Permissions.manageStewards, 'steward', attempt);
    if (input.grid && input.grid !== found.grid) await this.authorizer.authorize(actor, Permissions.manageStewards, input.grid, { ...attempt, region: input.grid });
    const steward = await this.tx.run(async (em) => {
      const s = await em.findOneOrFail(Steward, { id: input.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      // Moved by someone else since the check: the caller must hold the grid it is in now.
      if (s.grid !== found.grid && !actorCan(a, Permissions.manageStewards, s.grid)) throw notFound('steward', s.id);
      const unit = input.unitId && input.unitId !== s.unitId ? await this.visibleUnit(em, a, input.unitId) : await em.findOneOrFail(Unit, { id: s.unitId });
      const before = { number: s.number, prefix: stewardNumberPrefix({ class: s.class, unitCode: (await em.findOneOrFail(Unit, { id: s.unitId })).code, grid: s.grid, building: s.building }) };
      if (input.class !== undefined) s.class = input.class;
      if (input.unitId !== undefined) s.unitId = unit.id;
      if (input.grid !== undefined) s.grid = input.grid;
      if (input.building !== undefined) s.building = input.building;
      if (input.deliberationRole !== undefined) s.deliberationRole = input.deliberationRole;
      if (input.sentinelRole !== undefined) s.sentinelRole = input.sentinelRole;
      if (input.reportsToId !== undefined) s.reportsToId = input.reportsToId;
      await this.checkChain(em, s.grid, s.sentinelRole, s.reportsToId, s.id);
      const parts = { class: s.class, unitCode: unit.code, grid: s.grid, building: s.building };
      const now = new Date();
      s.updatedAt = now;
      if (stewardNumberPrefix(parts) !== before.prefix) {
        s.number = await this.nextNumber(em, parts);
        await em.nativeUpdate(StewardNumberHistory, { stewardId: s.id, retiredAt: null }, { retiredAt: now });
        em.create(StewardNumberHistory, { id: randomUUID(), stewardId: s.id, number: s.number, issuedAt: now });
        await this.outbox.add(em, { ...IdentityEvents.stewardNumberReissued, region: s.grid, subjectId: s.id, data: { id: s.id, previousNumber: before.number, number: s.number } });
      }
      await em.flush();
      await this.outbox.add(em, { ...IdentityEvents.stewardUpdated, region: s.grid, subjectId: s.id, data: { ...view(s) } });
      await this.audit.record(em, a, { operation: 'steward.update', targetType: 'steward', targetId: s.id, region: s.grid, detail: { number: s.number, previousNumber: before.number } });
      return s;
    });
    return view(steward);
  }

  async get(actor: Actor | null, { id }: z.output<typeof GetByIdInput>): Promise<StewardView> {
    const s = await this.views.byId(id);
    if (!s) throw notFound('steward', id);
    await this.checkReadable(actor, s);
    return s;
  }

  async getMany(actor: Actor | null, { ids }: GetManyInput): Promise<StewardView[]> {
    return (await this.views.byIds(ids)).filter((s) => stewardReadable(actor, s));
  }

  async list(actor: Actor | null, input: z.output<typeof ListStewardsInput>): Promise<Page<StewardView>> {
    const a = requireActor(actor);
    if (input.region) await this.authorizer.authorize(a, Permissions.readStewards, input.region, { operation: 'steward.list', targetType: 'steward', targetId: null, region: input.region });
    const regions = input.region ? [input.region] : actorRegions(a, Permissions.readStewards);
    if (regions.length === 0) throw forbidden('no role that may list stewards');
    const after = decodeCursor(input.after);
    const where: Record<string, unknown> = {
      $or: regions.flatMap((r) => [{ grid: r }, { grid: { $like: `${r.replace(/[\\%_]/g, (c) => '\\' + c)}/%` } }]),
    };
    if (input.class) where.class = input.class;
    if (input.unitId) where.unitId = (await this.visibleUnit(this.em, a, input.unitId)).id;
    if (after) where.seq = { $gt: after };
    const rows = await this.em.find(Steward, where as never, { orderBy: { seq: 'asc' }, limit: input.first + 1 });
    const page = rows.slice(0, input.first);
    return { items: page.map(view), endCursor: page.length ? encodeCursor(page.at(-1)!.seq) : null, hasNextPage: rows.length > input.first };
  }

  /** Steward card (红管家卡): identity on the front, the class's duties on the back. */
  async card(actor: Actor | null, { id }: z.output<typeof GetByIdInput>): Promise<StewardCard> {
    const s = await this.readable(actor, id);
    const em = this.em;
    const [person, unit] = await Promise.all([em.findOneOrFail(Person, { id: s.personId }), em.findOneOrFail(Unit, { id: s.unitId })]);
    return cardOf(actor, s, person, unit);
  }

  /**
   * The batch form of `card` for the gateway's loader: the cards of the stewards the caller may
   * read (as getMany), three queries for any number of ids. Invisible ids are left out, not refused.
   */
  async cards(actor: Actor | null, { ids }: GetManyInput): Promise<StewardCard[]> {
    const em = this.em;
    const stewards = (await em.find(Steward, { id: { $in: ids } })).filter((s) => stewardReadable(actor, s));
    if (stewards.length === 0) return [];
    const [people, units] = await Promise.all([
      em.find(Person, { id: { $in: [...new Set(stewards.map((s) => s.personId))] } }),
      em.find(Unit, { id: { $in: [...new Set(stewards.map((s) => s.unitId))] } }),
    ]);
    const personById = new Map(people.map((p) => [p.id, p]));
    const unitById = new Map(units.map((u) => [u.id, u]));
    return stewards.map((s) => cardOf(actor, s, personById.get(s.personId)!, unitById.get(s.unitId)!));
  }

  /** The numbers a readable steward has held, oldest first, so a number on an old card can be traced. */
  async numberHistory(actor: Actor | null, { id }: z.output<typeof GetByIdInput>): Promise<StewardNumberView[]> {
    await this.readable(actor, id);
    const rows = await this.em.find(StewardNumberHistory, { stewardId: id }, { orderBy: { issuedAt: 'asc', id: 'asc' } });
    return rows.map((r) => ({ number: r.number, issuedAt: r.issuedAt.toISOString(), retiredAt: r.retiredAt?.toISOString() ?? null }));
  }

  private async readable(actor: Actor | null, id: string): Promise<Steward> {
    const s = await this.em.findOne(Steward, { id });
    if (!s) throw notFound('steward', id);
    await this.checkReadable(actor, s);
    return s;
  }

  /** One's own steward record, or one in a region where the caller may read stewards; else NOT_FOUND (audited). */
  private async checkReadable(actor: Actor | null, s: Pick<Steward, 'id' | 'personId' | 'grid'>): Promise<void> {
    if (actor?.personId === s.personId) return;
    await this.authorizer.authorizeObject(actor, Permissions.readStewards, 'steward', { operation: 'steward.read', targetType: 'steward', targetId: s.id, region: s.grid });
  }

  private async visibleUnit(em: EntityManager, actor: Actor, unitId: string): Promise<Unit> {
    const unit = await em.findOne(Unit, { id: unitId });
    if (!unit || !unitVisible(actor, unit.region)) throw notFound('unit', unitId);
    return unit;
  }

  /** Sentinel → group leader → squad leader, all in one county. */
  private async checkChain(em: EntityManager, grid: string, role: Steward['sentinelRole'], reportsToId: string | null, selfId: string | null): Promise<void> {
    if (!role) {
      if (reportsToId) throw new AppError('VALIDATION', 'reportsToId needs a sentinelRole', undefined, [{ path: 'reportsToId', message: 'only sentinels and group leaders report to someone' }]);
      return;
    }
    const superiorRole = expectedSuperior(role);
    if (!superiorRole) {
      if (reportsToId) throw new AppError('VALIDATION', 'a squad leader reports to nobody in the sentinel chain', undefined, [{ path: 'reportsToId', message: 'must be empty for a squad leader' }]);
      return;
    }
    if (!reportsToId) return; // may be linked later
    if (reportsToId === selfId) throw new AppError('VALIDATION', 'a steward cannot report to themself', undefined, [{ path: 'reportsToId', message: 'is the steward itself' }]);
    const sup = await em.findOne(Steward, { id: reportsToId });
    if (!sup || countyOf(sup.grid) !== countyOf(grid)) throw notFound('steward', reportsToId);
    if (sup.sentinelRole !== superiorRole) {
      throw new AppError('VALIDATION', `a ${role} reports to a ${superiorRole}`, undefined, [{ path: 'reportsToId', message: `must be a ${superiorRole}` }]);
    }
    if (!regionContains(sup.grid.split('/').slice(0, 4).join('/'), grid)) {
      throw new AppError('VALIDATION', 'the superior must work in the same community', undefined, [{ path: 'reportsToId', message: 'is in another community' }]);
    }
  }

  private async nextNumber(em: EntityManager, parts: Parameters<typeof stewardNumberPrefix>[0]): Promise<string> {
    const prefix = stewardNumberPrefix(parts);
    return formatStewardNumber(prefix, await this.numbers.next(em, prefix));
  }
}

/** A steward's own record, or one in a region where the caller may read stewards. */
function stewardReadable(actor: Actor | null, s: Pick<Steward, 'personId' | 'grid'>): boolean {
  return actor?.personId === s.personId || actorCan(actor, Permissions.readStewards, s.grid);
}

/**
 * The card as `actor` may see it: the steward's grid is readable (checked by the caller), but the
 * person and the unit can lie in another county (a city admin may enrol a Duodao person, or tie
 * a steward to a Duodao unit, in a Dongbao grid). Their names show only where the caller may read
 * that person (Permissions.readPerson) or see that unit; on one's own card, always.
 */
function cardOf(actor: Actor | null, s: Steward, person: Person, unit: Unit): StewardCard {
  const own = !!actor?.personId && actor.personId === s.personId;
  const info = STEWARD_CLASS_INFO[s.class];
  return {
    id: s.id,
    number: s.number,
    name: own || actorCan(actor, Permissions.readPerson, person.region) ? person.name : null,
    classTitle: `${info.title} (${info.titleZh})`,
    unitName: own || (actor && unitVisible(actor, unit.region)) ? unit.name : null,
    grid: s.grid,
    building: s.building,
    // The card is printed and read in Chinese; the English duties document the classes in code.
    duties: info.dutiesZh,
  };
}

export function view(s: Omit<Steward, 'seq'>): StewardView {
  return {
    id: s.id,
    personId: s.personId,
    number: s.number,
    class: s.class,
    unitId: s.unitId,
    grid: s.grid,
    building: s.building,
    deliberationRole: s.deliberationRole,
    sentinelRole: s.sentinelRole,
    reportsToId: s.reportsToId,
    enrolledAt: s.enrolledAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

function alreadyEnrolled(): AppError {
  return conflict('this person is already a steward', 'ALREADY_ENROLLED');
}
