import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { pgArray } from '../pg-array.js';

/** identity's steward as tasks knows it (from identity's steward events). */
export interface StewardRef {
  id: string;
  personId: string;
  number: string;
  class: number;
  unitId: string;
  grid: string;
  community: string;
  reportsToId: string | null;
}

/** grids' place as tasks knows it (from grids' place events): a check-in target. */
export interface PlaceRef {
  id: string;
  kind: string;
  name: string;
  region: string;
  lat: number;
  lng: number;
  checkinRadiusM: number;
  archived: boolean;
}

const STEWARD_COLUMNS = `id, person_id as "personId", number, class, unit_id as "unitId", grid, community, reports_to_id as "reportsToId"`;
const STEWARD_BY_PERSON: HotRead = { name: 'tasks.steward.byPerson', text: `select ${STEWARD_COLUMNS} from {schema}.steward_ref where person_id = $1` };
const STEWARD_BY_ID: HotRead = { name: 'tasks.steward.byId', text: `select ${STEWARD_COLUMNS} from {schema}.steward_ref where id = $1` };
const PLACE_BY_ID: HotRead = {
  name: 'tasks.place.byId',
  text: `select id, kind, name, region, public.st_y(location::public.geometry) as lat, public.st_x(location::public.geometry) as lng,
           checkin_radius_m as "checkinRadiusM", archived from {schema}.place_ref where id = $1`,
};

/**
 * Local read models of other services' objects (stewards, units, places), written only by event
 * handlers: tasks never reads another service's database.
 */
@Injectable()
export class DirectoryRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async stewardByPerson(personId: string): Promise<StewardRef | null> {
    return (await this.reads.rows<StewardRef>(STEWARD_BY_PERSON, [personId]))[0] ?? null;
  }

  async stewardById(id: string): Promise<StewardRef | null> {
    return (await this.reads.rows<StewardRef>(STEWARD_BY_ID, [id]))[0] ?? null;
  }

  async placeById(id: string): Promise<PlaceRef | null> {
    const row = (await this.reads.rows<PlaceRef>(PLACE_BY_ID, [id]))[0];
    return row ? { ...row, lat: Number(row.lat), lng: Number(row.lng) } : null;
  }

  /**
   * The first live place of one of `kinds` on the deepest of `regions` that has one (kinds in the
   * order given break a tie): e.g. a grid's or its community's office.
   */
  async firstPlaceOn(em: EntityManager, regions: readonly string[], kinds: readonly string[]): Promise<PlaceRef | null> {
    const [row] = await em.execute<PlaceRef[]>(
      `select id, kind, name, region, public.st_y(location::public.geometry) as lat, public.st_x(location::public.geometry) as lng,
         checkin_radius_m as "checkinRadiusM", archived
       from ${this.s}.place_ref where region = any(?::text[]) and kind = any(?::text[]) and not archived
       order by length(region) desc, array_position(?::text[], kind), id limit 1`,
      [pgArray(regions), pgArray(kinds), pgArray(kinds)],
    );
    return row ? { ...row, lat: Number(row.lat), lng: Number(row.lng) } : null;
  }

  /** Upserts a steward; an older event than the one applied (by `at`) changes nothing. */
  async recordSteward(em: EntityManager, s: StewardRef, at: Date): Promise<void> {
    await em.execute(
      `insert into ${this.s}.steward_ref (id, person_id, number, class, unit_id, grid, community, reports_to_id, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set number = excluded.number, class = excluded.class, unit_id = excluded.unit_id, grid = excluded.grid,
         community = excluded.community, reports_to_id = excluded.reports_to_id, updated_at = excluded.updated_at
       where ${this.s}.steward_ref.updated_at <= excluded.updated_at`,
      [s.id, s.personId, s.number, s.class, s.unitId, s.grid, s.community, s.reportsToId, at],
    );
  }

  /** A reissued number (class, unit, grid or building changed); only the number, and only when not older than what is held. */
  async recordStewardNumber(em: EntityManager, id: string, number: string, at: Date): Promise<void> {
    await em.execute(`update ${this.s}.steward_ref set number = ?, updated_at = ? where id = ? and updated_at <= ?`, [number, at, id, at]);
  }

  async recordUnit(em: EntityManager, u: { id: string; name: string; region: string }, at: Date): Promise<void> {
    await em.execute(
      `insert into ${this.s}.unit_ref (id, name, region, updated_at) values (?, ?, ?, ?)
       on conflict (id) do update set name = excluded.name, region = excluded.region, updated_at = excluded.updated_at
       where ${this.s}.unit_ref.updated_at <= excluded.updated_at`,
      [u.id, u.name, u.region, at],
    );
  }

  async recordPlace(em: EntityManager, p: Omit<PlaceRef, 'checkinRadiusM'> & { checkinRadiusM?: number }, at: Date): Promise<void> {
    await em.execute(
      `insert into ${this.s}.place_ref (id, kind, name, region, location, checkin_radius_m, archived, updated_at)
       values (?, ?, ?, ?, public.st_setsrid(public.st_makepoint(?, ?), 4326)::public.geography, coalesce(?::int, 50), ?, ?)
       on conflict (id) do update set kind = excluded.kind, name = excluded.name, region = excluded.region, location = excluded.location,
         checkin_radius_m = coalesce(?::int, ${this.s}.place_ref.checkin_radius_m), archived = excluded.archived, updated_at = excluded.updated_at
       where ${this.s}.place_ref.updated_at <= excluded.updated_at`,
      [p.id, p.kind, p.name, p.region, p.lng, p.lat, p.checkinRadiusM ?? null, p.archived, at, p.checkinRadiusM ?? null],
    );
  }
}
