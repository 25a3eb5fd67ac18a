import type { CaseLevel, DisputeCategory, OrganisationKind } from '@gov/mediation-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { belowPattern, toDate } from '../sql.js';

export interface OrganisationRecord {
  id: string;
  kind: OrganisationKind;
  name: string;
  region: string;
  county: string;
  level: CaseLevel;
  mediatorCount: number;
  /** Cases its mediators carry now (their loads summed). */
  openCases: number;
  createdBy: string;
  createdAt: Date;
}

export type NewOrganisation = Omit<OrganisationRecord, 'mediatorCount' | 'openCases' | 'createdAt'>;

/** A mediator with what matters of its organisation: where it serves (region, county, level). */
export interface MediatorRecord {
  id: string;
  organisationId: string;
  organisationName: string;
  personId: string;
  name: string;
  /** The organisation's region. */
  region: string;
  county: string;
  level: CaseLevel;
  specialities: DisputeCategory[];
  available: boolean;
  capacity: number;
  /** Cases assigned now (assigned, mediating or agreed). */
  load: number;
}

export interface NewMediator {
  id: string;
  organisationId: string;
  personId: string;
  name: string;
  specialities: readonly DisputeCategory[];
  capacity: number;
}

export type MediatorSettings = Pick<MediatorRecord, 'specialities' | 'available' | 'capacity'>;

// The states a mediator carries a case in, spelled as the partial index
// mediation_case_mediator_open is: the planner uses the index only for the same predicate.
const CARRIED = `c.state in ('assigned', 'mediating', 'agreed')`;

const ORGANISATION_COLUMNS = `o.id, o.kind, o.name, o.region, o.county, o.level, o.created_by as "createdBy", o.created_at as "createdAt",
  (select count(*)::int from {schema}.mediator m where m.organisation_id = o.id) as "mediatorCount",
  (select count(*)::int from {schema}.mediator m join {schema}.mediation_case c on c.mediator_id = m.id and ${CARRIED}
    where m.organisation_id = o.id) as "openCases"`;

const MEDIATOR_FROM = `{schema}.mediator m join {schema}.organisation o on o.id = m.organisation_id`;
const MEDIATOR_COLUMNS = `m.id, m.organisation_id as "organisationId", o.name as "organisationName", m.person_id as "personId", m.name,
  o.region, o.county, o.level, m.specialities, m.available, m.capacity,
  (select count(*)::int from {schema}.mediation_case c where c.mediator_id = m.id and ${CARRIED}) as load`;

const ORGANISATION_BY_ID: HotRead = {
  name: 'mediation.organisation.byId',
  text: `select ${ORGANISATION_COLUMNS} from {schema}.organisation o where o.id = $1`,
};
/**
 * Organisations the caller sees: at or above the caller's regions ($1 holds them with their
 * ancestors) or below them, optionally inside one subtree; the county centre before the streets.
 */
const ORGANISATION_LIST: HotRead = {
  name: 'mediation.organisation.list',
  text: `select ${ORGANISATION_COLUMNS} from {schema}.organisation o
         where (o.region = any($1::text[]) or o.region like any($2::text[]))
           and ($3::text is null or o.region = $3 or o.region like $4)
         order by o.region, o.name, o.id limit $5`,
};
const MEDIATOR_LIST: HotRead = {
  name: 'mediation.mediator.list',
  text: `select ${MEDIATOR_COLUMNS} from ${MEDIATOR_FROM}
         where (o.region = any($1::text[]) or o.region like any($2::text[]))
           and ($3::uuid is null or m.organisation_id = $3)
           and ($4::text is null or o.region = $4 or o.region like $5)
         order by o.region, o.name, m.name, m.id limit $6`,
};
/** Mediators a case at a place may go to: organisations over the place ($1: it and its ancestors) and the county's centre. */
const FOR_CASE: HotRead = {
  name: 'mediation.mediator.forCase',
  text: `select ${MEDIATOR_COLUMNS} from ${MEDIATOR_FROM}
         where o.region = any($1::text[]) or (o.county = $2 and o.level = 'county')
         order by o.region desc, m.name, m.id`,
};

function datedOrganisation(o: OrganisationRecord): OrganisationRecord {
  return { ...o, createdAt: toDate(o.createdAt)! };
}

/** A text[] literal for a bound parameter (em.execute would spread a JS array; categories are plain words). */
function categoryArray(categories: readonly DisputeCategory[]): string {
  return `{${categories.join(',')}}`;
}

/** The place and every node above it, e.g. a grid, its community, street, county and city. */
function selfAndAncestors(place: string): string[] {
  const parts = place.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Mediation organisations (调解组织) and their mediators (调解员). Writes run in the caller's transaction. */
@Injectable()
export class OrganisationRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  /** SQL shared with the hot reads, for em.execute. */
  private sql(text: string): string {
    return text.replaceAll('{schema}', `"${this.schema}"`);
  }

  async insertOrganisation(em: EntityManager, o: NewOrganisation): Promise<OrganisationRecord> {
    await em.execute(this.sql(`insert into {schema}.organisation (id, kind, name, region, county, level, created_by) values (?, ?, ?, ?, ?, ?, ?)`), [
      o.id,
      o.kind,
      o.name,
      o.region,
      o.county,
      o.level,
      o.createdBy,
    ]);
    return (await this.organisationIn(em, o.id))!;
  }

  /** Inside the transaction (sees its own writes). */
  async organisationIn(em: EntityManager, id: string): Promise<OrganisationRecord | null> {
    const rows = await em.execute<OrganisationRecord[]>(this.sql(`select ${ORGANISATION_COLUMNS} from {schema}.organisation o where o.id = ?`), [id]);
    return rows[0] ? datedOrganisation(rows[0]) : null;
  }

  async organisationById(id: string): Promise<OrganisationRecord | null> {
    const [row] = await this.reads.rows<OrganisationRecord>(ORGANISATION_BY_ID, [id]);
    return row ? datedOrganisation(row) : null;
  }

  /** `visible`: the caller's regions with their ancestors; `below`: the caller's regions. */
  async listOrganisations(q: { visible: readonly string[]; below: readonly string[]; region: string | null; limit: number }): Promise<OrganisationRecord[]> {
    const rows = await this.reads.rows<OrganisationRecord>(ORGANISATION_LIST, [q.visible, q.below.map(belowPattern), q.region, q.region ? belowPattern(q.region) : null, q.limit]);
    return rows.map(datedOrganisation);
  }

  /** Adds the mediator; null when the person mediates for the organisation already (nothing written). */
  async addMediator(em: EntityManager, m: NewMediator): Promise<MediatorRecord | null> {
    const rows = await em.execute<{ id: string }[]>(
      this.sql(`insert into {schema}.mediator (id, organisation_id, person_id, name, specialities, capacity) values (?, ?, ?, ?, ?::text[], ?)
                on conflict (organisation_id, person_id) do nothing returning id`),
      [m.id, m.organisationId, m.personId, m.name, categoryArray(m.specialities), m.capacity],
    );
    return rows.length ? this.mediatorIn(em, m.id) : null;
  }

  /** The mediator, locked until commit when asked (settings change one at a time). */
  async mediatorIn(em: EntityManager, id: string, lock = false): Promise<MediatorRecord | null> {
    const rows = await em.execute<MediatorRecord[]>(this.sql(`select ${MEDIATOR_COLUMNS} from ${MEDIATOR_FROM} where m.id = ?${lock ? ' for update of m' : ''}`), [id]);
    return rows[0] ?? null;
  }

  async updateMediator(em: EntityManager, id: string, s: MediatorSettings): Promise<MediatorRecord> {
    await em.execute(this.sql(`update {schema}.mediator set specialities = ?::text[], available = ?, capacity = ?, updated_at = now() where id = ?`), [
      categoryArray(s.specialities),
      s.available,
      s.capacity,
      id,
    ]);
    return (await this.mediatorIn(em, id))!;
  }

  async listMediators(q: { visible: readonly string[]; below: readonly string[]; organisationId: string | null; region: string | null; limit: number }): Promise<MediatorRecord[]> {
    return this.reads.rows<MediatorRecord>(MEDIATOR_LIST, [q.visible, q.below.map(belowPattern), q.organisationId, q.region, q.region ? belowPattern(q.region) : null, q.limit]);
  }

  /**
   * Every mediator a case of `county` at `place` may be assigned to, available or not, nearest
   * organisation first: those of organisations whose region contains the place, and of the
   * county's centre. Each with its organisation's region, specialities, capacity and load.
   */
  async mediatorsForCase(county: string, place: string): Promise<MediatorRecord[]> {
    return this.reads.rows<MediatorRecord>(FOR_CASE, [selfAndAncestors(place), county]);
  }
}
