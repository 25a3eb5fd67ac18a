import { AppError, actorCan, countyOf, type Actor } from '@gov/kernel';
import { PetitionsEvents, type CategoryView, type DepartmentView, type MajorCategoryView, type UpdateCategoryInput } from '@gov/petitions-contracts';
import { CategoryRepository, DirectoryRepository, type CategoryRecord } from '@gov/petitions-data-access';
import { STAFF_ROLES } from '@gov/petitions-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { SERVICE_CONFIG, TransactionRunner } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PetitionsConfig } from '../config.js';
import { PetitionErrors } from '../petition/petition.errors.js';

/**
 * The taxonomy: anyone may read it (the QR page lists it); city admins edit it. An edit is a new
 * version — petitions filed before keep the version (name, limit, handler) they were filed under.
 */
@Injectable()
export class CategoryService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly categories: CategoryRepository,
    private readonly directory: DirectoryRepository,
    private readonly em: EntityManager,
    @Inject(SERVICE_CONFIG) private readonly config: PetitionsConfig,
  ) {}

  async list(includeRetired: boolean): Promise<MajorCategoryView[]> {
    const rows = await this.categories.current(this.em, includeRetired);
    const majors = new Map<string, MajorCategoryView>();
    for (const r of rows) {
      const m = majors.get(r.majorKey) ?? { key: r.majorKey, nameZh: r.majorNameZh, categories: [] };
      m.categories.push(categoryView(r));
      majors.set(r.majorKey, m);
    }
    return [...majors.values()];
  }

  async update(actor: Actor | null, input: UpdateCategoryInput): Promise<CategoryView> {
    const a = requireActor(actor);
    if (!actorCan(a, ['city_admin'], this.config.CITY_REGION)) throw new AppError('FORBIDDEN', 'only city admins edit the taxonomy');
    return this.tx.run(async (em) => {
      const prev = await this.categories.currentByKey(em, input.key, true);
      if (!prev) throw PetitionErrors.unknownCategory(input.key);
      const next = await this.categories.addVersion(
        em,
        prev,
        {
          id: randomUUID(),
          key: prev.key,
          majorKey: prev.majorKey,
          majorNameZh: prev.majorNameZh,
          nameZh: input.nameZh ?? prev.nameZh,
          defaultLevel: input.defaultLevel ?? prev.defaultLevel,
          defaultDepartment: input.defaultDepartment === undefined ? prev.defaultDepartment : input.defaultDepartment || null,
          timeLimitDays: input.timeLimitDays ?? prev.timeLimitDays,
          anonymousAllowed: input.anonymousAllowed ?? prev.anonymousAllowed,
          retired: input.retired ?? prev.retired,
        },
        a.accountId,
      );
      await this.outbox.add(em, { ...PetitionsEvents.categoryUpdated, region: this.config.CITY_REGION, subjectId: next.id, data: { ...categoryView(next) } });
      return categoryView(next);
    });
  }

  /** Departments a petition of the caller's counties can be assigned to or whistle for. */
  async departments(actor: Actor | null): Promise<DepartmentView[]> {
    const a = requireActor(actor);
    const counties = [...new Set(a.grants.filter((g) => STAFF_ROLES.includes(g.role)).map((g) => g.region.split('/').slice(0, 2).join('/')))];
    const cities = [...new Set(counties.map((c) => c.split('/')[0]!))];
    const rows = await this.directory.departmentsFor(this.em, [...counties.filter((c) => countyOf(c) !== 'city'), ...cities]);
    return rows.map((d) => ({ id: d.id, code: d.code, name: d.name, region: d.region }));
  }
}

export function categoryView(r: CategoryRecord): CategoryView {
  return {
    key: r.key,
    majorKey: r.majorKey,
    nameZh: r.nameZh,
    majorNameZh: r.majorNameZh,
    version: r.version,
    defaultLevel: r.defaultLevel,
    defaultDepartment: r.defaultDepartment,
    timeLimitDays: r.timeLimitDays,
    anonymousAllowed: r.anonymousAllowed,
    retired: r.retired,
    updatedAt: r.createdAt.toISOString(),
  };
}
