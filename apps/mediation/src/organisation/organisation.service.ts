import { actorCan, countyOf, pathNotFound, type Actor } from '@gov/kernel';
import {
  MediationEvents,
  type AddMediatorInput,
  type CreateOrganisationInput,
  type ListMediatorsInput,
  type ListOrganisationsInput,
  type MediatorView,
  type OrganisationView,
  type UpdateMediatorInput,
} from '@gov/mediation-contracts';
import { DirectoryRepository, OrganisationRepository, type MediatorRecord, type OrganisationRecord } from '@gov/mediation-data-access';
import { levelOfRegion, ORGANISATION_ADMIN_ROLES } from '@gov/mediation-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { requireKnownPersons } from '../directory/known-persons.js';
import { seesPlace } from '../meeting/committee.service.js';
import { OrganisationErrors } from './organisation.errors.js';

/**
 * Mediation organisations (调解组织) and their mediators (调解员): created and staffed by the admins
 * of their region or above, read by everyone whose regions lie in, above or below theirs.
 */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly organisations: OrganisationRepository,
    private readonly directory: DirectoryRepository,
  ) {}

  async create(actor: Actor | null, input: z.output<typeof CreateOrganisationInput>): Promise<OrganisationView> {
    const a = requireActor(actor);
    const level = levelOfRegion(input.region);
    if (!level) throw OrganisationErrors.notANode();
    // The one-stop centre is the county's; every other kind serves below it.
    if ((input.kind === 'county_centre') !== (level === 'county')) throw OrganisationErrors.wrongLevel(input.kind);
    if (!seesPlace(a, input.region)) throw pathNotFound();
    if (!actorCan(a, ORGANISATION_ADMIN_ROLES, input.region)) throw OrganisationErrors.notAdmin();
    return this.tx.run(async (em) => {
      const { kind, name, region } = input;
      const o = await this.organisations.insertOrganisation(em, { id: randomUUID(), kind, name, region, county: countyOf(region), level, createdBy: a.accountId });
      const view = organisationView(o);
      await this.outbox.add(em, { ...MediationEvents.organisationCreated, region, subjectId: o.id, data: { id: o.id, kind, name, region, level, createdAt: view.createdAt } });
      return view;
    });
  }

  async list(actor: Actor | null, input: z.output<typeof ListOrganisationsInput>): Promise<OrganisationView[]> {
    const sight = sightOf(requireActor(actor), input.region);
    return (await this.organisations.listOrganisations({ ...sight, region: input.region, limit: input.first })).map(organisationView);
  }

  async addMediator(actor: Actor | null, input: z.output<typeof AddMediatorInput>): Promise<MediatorView> {
    const a = requireActor(actor);
    return this.tx.run(async (em) => {
      const o = await this.organisations.organisationIn(em, input.organisationId);
      if (!o || !seesPlace(a, o.region)) throw OrganisationErrors.unknownOrganisation(input.organisationId);
      if (!actorCan(a, ORGANISATION_ADMIN_ROLES, o.region)) throw OrganisationErrors.notAdmin();
      const { personId, name, specialities, capacity } = input;
      await requireKnownPersons(em, this.directory, o.county, [personId]);
      const m = await this.organisations.addMediator(em, { id: randomUUID(), organisationId: o.id, personId, name, specialities: [...new Set(specialities)], capacity });
      if (!m) throw OrganisationErrors.alreadyAMediator();
      await this.outbox.add(em, { ...MediationEvents.mediatorAdded, region: o.region, subjectId: m.id, data: mediatorEventData(m) });
      return mediatorView(m);
    });
  }

  async updateMediator(actor: Actor | null, input: z.output<typeof UpdateMediatorInput>): Promise<MediatorView> {
    const a = requireActor(actor);
    return this.tx.run(async (em) => {
      const m = await this.organisations.mediatorIn(em, input.id, true);
      if (!m || !seesPlace(a, m.region)) throw OrganisationErrors.unknownMediator(input.id);
      if (!actorCan(a, ORGANISATION_ADMIN_ROLES, m.region)) throw OrganisationErrors.notAdmin();
      const next = {
        specialities: input.specialities ? [...new Set(input.specialities)] : m.specialities,
        available: input.available ?? m.available,
        capacity: input.capacity ?? m.capacity,
      };
      // Nothing asked to change: nothing written, nothing announced.
      if (next.available === m.available && next.capacity === m.capacity && sameSet(next.specialities, m.specialities)) return mediatorView(m);
      const updated = await this.organisations.updateMediator(em, m.id, next);
      await this.outbox.add(em, { ...MediationEvents.mediatorUpdated, region: m.region, subjectId: m.id, data: mediatorEventData(updated) });
      return mediatorView(updated);
    });
  }

  async listMediators(actor: Actor | null, input: z.output<typeof ListMediatorsInput>): Promise<MediatorView[]> {
    const a = requireActor(actor);
    const sight = sightOf(a, input.region);
    if (input.organisationId) {
      const o = await this.organisations.organisationById(input.organisationId);
      if (!o || !seesPlace(a, o.region)) throw OrganisationErrors.unknownOrganisation(input.organisationId);
    }
    const rows = await this.organisations.listMediators({ ...sight, organisationId: input.organisationId, region: input.region, limit: input.first });
    return rows.map(mediatorView);
  }
}

/**
 * What the caller reads: the regions of their grants with every node above them (`visible`) and
 * everything below their grants (`below`). A region filter outside that answers as a missing path.
 */
function sightOf(a: Actor, region: string | null): { visible: string[]; below: string[] } {
  if (region && !seesPlace(a, region)) throw pathNotFound();
  const below = [...new Set(a.grants.map((g) => g.region))];
  const visible = [...new Set(below.flatMap((r) => r.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))))];
  return { visible, below };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export function organisationView(o: OrganisationRecord): OrganisationView {
  return { id: o.id, kind: o.kind, name: o.name, region: o.region, level: o.level, mediatorCount: o.mediatorCount, openCases: o.openCases, createdAt: o.createdAt.toISOString() };
}

export function mediatorView(m: MediatorRecord): MediatorView {
  return {
    id: m.id,
    organisationId: m.organisationId,
    organisationName: m.organisationName,
    personId: m.personId,
    name: m.name,
    region: m.region,
    level: m.level,
    specialities: m.specialities,
    available: m.available,
    capacity: m.capacity,
    load: m.load,
  };
}

/** Integrators learn who mediates where and for what; the mediator's name stays out of the event. */
function mediatorEventData(m: MediatorRecord): Record<string, unknown> {
  return { id: m.id, organisationId: m.organisationId, personId: m.personId, region: m.region, level: m.level, specialities: m.specialities, available: m.available, capacity: m.capacity };
}
