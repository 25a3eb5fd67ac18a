import { AppError, GetManyInput, actorCan, actorRegions, conflict, countyOf, forbidden, notFound, parseInput, regionContains, type Actor, type Page } from '@gov/kernel';
import { EnrollStewardInput, GetByIdInput, ListStewardsInput, UpdateStewardInput, type StewardCard, type StewardView } from '@gov/identity-contracts';
import { Permissions, STEWARD_CLASS_INFO, expectedSuperior, formatStewardNumber, stewardNumberPrefix } from '@gov/identity-domain';
import { Person, Steward, StewardNumberHistory, Unit } from '@gov/identity-data-access';
import { requireActor } from '@gov/platform-auth';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { authorize } from '../authorize.js';
import type { Deps } from '../deps.js';
import { decodeCursor, encodeCursor } from '../sql.js';
import { unitVisible } from '../unit/unit.service.js';

export class StewardService {
  constructor(private readonly deps: Deps) {}

  async enroll(actor: Actor | null, raw: unknown): Promise<StewardView> {
    const input = parseInput(EnrollStewardInput, raw);
    const attempt = { operation: 'steward.enroll', targetType: 'steward', targetId: null, region: input.grid };
    const a = await authorize(this.deps, actor, Permissions.manageStewards, input.grid, attempt);
    const steward = await this.deps.transaction(async (em) => {
      const person = await em.findOne(Person, { id: input.personId });
      if (!person) throw notFound('person', input.personId);
      if (!actorCan(a, Permissions.readPerson, person.region)) throw forbidden(`person ${person.id} is outside your regions`);
      const unit = await this.visibleUnit(em, a, input.unitId);
      if (await em.count(Steward, { personId: person.id })) throw conflict('this person is already a steward', 'ALREADY_ENROLLED');
      await this.checkChain(em, input.grid, input.sentinelRole ?? null, input.reportsToId ?? null, null);
      const now = new Date();
      const s = em.create(Steward, {
        id: randomUUID(),
        personId: person.id,
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
      });
      em.create(StewardNumberHistory, { id: randomUUID(), stewardId: s.id, number: s.number, issuedAt: now });
      await em.flush();
      await this.deps.outbox.add(em, { region: s.grid, aggregate: 'steward', event: 'enrolled', subjectId: s.id, data: view(s) as never });
      await this.deps.audit.record(em, a, { operation: 'steward.enroll', targetType: 'steward', targetId: s.id, region: s.grid, detail: { number: s.number } });
      return s;
    });
    return view(steward);
  }

  async update(actor: Actor | null, raw: unknown): Promise<StewardView> {
    const input = parseInput(UpdateStewardInput, raw);
    const steward = await this.deps.transaction(async (em) => {
      const s = await em.findOne(Steward, { id: input.id }, { lockMode: 4 /* pessimistic write */ });
      if (!s) throw notFound('steward', input.id);
      const attempt = { operation: 'steward.update', targetType: 'steward', targetId: s.id, region: s.grid };
      const a = await authorize(this.deps, actor, Permissions.manageStewards, s.grid, attempt);
      if (input.grid && input.grid !== s.grid) await authorize(this.deps, actor, Permissions.manageStewards, input.grid, { ...attempt, region: input.grid });
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
        await this.deps.outbox.add(em, { region: s.grid, aggregate: 'steward', event: 'number-reissued', subjectId: s.id, data: { id: s.id, previousNumber: before.number, number: s.number } });
      }
      await em.flush();
      await this.deps.outbox.add(em, { region: s.grid, aggregate: 'steward', event: 'updated', subjectId: s.id, data: view(s) as never });
      await this.deps.audit.record(em, a, { operation: 'steward.update', targetType: 'steward', targetId: s.id, region: s.grid, detail: { number: s.number, previousNumber: before.number } });
      return s;
    });
    return view(steward);
  }

  async get(actor: Actor | null, raw: unknown): Promise<StewardView> {
    const { id } = parseInput(GetByIdInput, raw);
    return view(await this.readable(actor, id));
  }

  async getMany(actor: Actor | null, raw: unknown): Promise<StewardView[]> {
    const { ids } = parseInput(GetManyInput, raw);
    const found = await this.deps.em().find(Steward, { id: { $in: ids } });
    return found.filter((s) => actor?.personId === s.personId || actorCan(actor, Permissions.readStewards, s.grid)).map(view);
  }

  async list(actor: Actor | null, raw: unknown): Promise<Page<StewardView>> {
    const input = parseInput(ListStewardsInput, raw);
    const a = requireActor(actor);
    if (input.region) await authorize(this.deps, a, Permissions.readStewards, input.region, { operation: 'steward.list', targetType: 'steward', targetId: null, region: input.region });
    const regions = input.region ? [input.region] : actorRegions(a, Permissions.readStewards);
    if (regions.length === 0) throw forbidden('no role that may list stewards');
    const after = decodeCursor(input.after);
    const where: Record<string, unknown> = {
      $or: regions.flatMap((r) => [{ grid: r }, { grid: { $like: `${r.replace(/[\\%_]/g, (c) => '\\' + c)}/%` } }]),
    };
    if (input.class) where.class = input.class;
    if (input.unitId) where.unitId = input.unitId;
    if (after) where.seq = { $gt: after };
    const rows = await this.deps.em().find(Steward, where as never, { orderBy: { seq: 'asc' }, limit: input.first + 1 });
    const page = rows.slice(0, input.first);
    return { items: page.map(view), endCursor: page.length ? encodeCursor(page.at(-1)!.seq) : null, hasNextPage: rows.length > input.first };
  }

  /** Steward card (红管家卡): identity on the front, the class's duties on the back. */
  async card(actor: Actor | null, raw: unknown): Promise<StewardCard> {
    const { id } = parseInput(GetByIdInput, raw);
    const s = await this.readable(actor, id);
    const em = this.deps.em();
    const [person, unit] = await Promise.all([em.findOneOrFail(Person, { id: s.personId }), em.findOneOrFail(Unit, { id: s.unitId })]);
    const info = STEWARD_CLASS_INFO[s.class];
    return { number: s.number, name: person.name, classTitle: `${info.title} (${info.titleZh})`, unitName: unit.name, grid: s.grid, building: s.building, duties: info.duties };
  }

  private async readable(actor: Actor | null, id: string): Promise<Steward> {
    const s = await this.deps.em().findOne(Steward, { id });
    if (!s) throw notFound('steward', id);
    if (actor?.personId !== s.personId) {
      await authorize(this.deps, actor, Permissions.readStewards, s.grid, { operation: 'steward.read', targetType: 'steward', targetId: s.id, region: s.grid });
    }
    return s;
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
    const [row] = await em.execute<{ last: number }[]>(
      `insert into "${this.deps.schema}".steward_number_counter (prefix, last) values (?, 1)
       on conflict (prefix) do update set last = steward_number_counter.last + 1 returning last`,
      [prefix],
    );
    return formatStewardNumber(prefix, row!.last);
  }
}

export function view(s: Steward): StewardView {
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
