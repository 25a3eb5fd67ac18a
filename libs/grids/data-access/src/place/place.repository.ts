import type { PlaceKind } from '@gov/grids-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { belowPattern, uuidArray } from '../household/household.repository.js';

/** A place row; location as GeoJSON text, `distanceM` only in a search near a point. */
export interface PlaceRecord {
  id: string;
  kind: PlaceKind;
  name: string;
  regionId: string;
  regionPath: string;
  location: string;
  contactPhone: string | null;
  openingHours: string | null;
  covers: string[];
  distanceM: number | null;
  createdAt: Date;
}

/** Which places a search may return: those whose node is one of `exact` or lies below one of `below` (paths). */
export interface PlaceScope {
  exact: readonly string[];
  below: readonly string[];
}

function placeColumns(t: string): string {
  return `p.id, p.kind, p.name, p.region_id as "regionId", p.region_path as "regionPath", public.st_asgeojson(p.location, 7) as location,
    p.contact_phone as "contactPhone", p.opening_hours as "openingHours",
    coalesce((select array_agg(c.region_id::text order by c.region_id) from ${t}.place_coverage c where c.place_id = p.id), '{}'::text[]) as covers,
    p.created_at as "createdAt"`;
}

const POINT = (lat: string, lng: string) => `public.st_setsrid(public.st_makepoint(${lng}, ${lat}), 4326)`;
const IN_SCOPE = `(p.region_path = any($1::text[]) or p.region_path like any($2::text[])) and p.archived_at is null and ($3::text[] is null or p.kind = any($3::text[]))`;
const LIST: HotRead = {
  name: 'grids.place.list',
  text: `select ${placeColumns('{schema}')}, null::float8 as "distanceM" from {schema}.place p where ${IN_SCOPE} order by p.name, p.id limit $4`,
};
/** Nearest first within a radius: geography (metres on the spheroid), index `place_geography`. */
const NEAR: HotRead = {
  name: 'grids.place.near',
  text: `select * from (
           select ${placeColumns('{schema}')}, public.st_distance(p.location::public.geography, ${POINT('$5', '$6')}::public.geography) as "distanceM"
           from {schema}.place p
           where ${IN_SCOPE} and public.st_dwithin(p.location::public.geography, ${POINT('$5', '$6')}::public.geography, $7)) n
         order by n."distanceM", n.id limit $4`,
};

/** Places on the map: searches prepared, the insert in the caller's transaction. */
@Injectable()
export class PlaceRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  async list(scope: PlaceScope, kinds: readonly PlaceKind[] | null, near: { lat: number; lng: number; radiusM: number } | null, limit: number): Promise<PlaceRecord[]> {
    const params = [scope.exact, scope.below.map(belowPattern), kinds, limit];
    const rows = near ? await this.reads.rows<PlaceRecord>(NEAR, [...params, near.lat, near.lng, near.radiusM]) : await this.reads.rows<PlaceRecord>(LIST, params);
    return rows;
  }

  /**
   * Inserts the place and its coverage when the node is active and its shape (if it has one)
   * covers the location; null (nothing written) when it does not.
   */
  async insert(
    em: EntityManager,
    p: { id: string; kind: PlaceKind; name: string; regionId: string; lat: number; lng: number; contactPhone: string | null; openingHours: string | null; covers: readonly string[] },
  ): Promise<PlaceRecord | null> {
    const point = POINT('?::float8', '?::float8');
    const rows = await em.execute<PlaceRecord[]>(
      `with r as (select r.id, r.path from ${this.s}.region r
                  where r.id = ? and r.archived_at is null and (r.shape is null or public.st_covers(r.shape, ${point}))),
            p as (insert into ${this.s}.place (id, kind, name, region_id, region_path, location, contact_phone, opening_hours)
                  select ?, ?, ?, r.id, r.path, ${point}, ?, ? from r returning *),
            c as (insert into ${this.s}.place_coverage (place_id, region_id) select p.id, x from p, unnest(?::uuid[]) as x returning region_id)
       select p.id, p.kind, p.name, p.region_id as "regionId", p.region_path as "regionPath", public.st_asgeojson(p.location, 7) as location,
              p.contact_phone as "contactPhone", p.opening_hours as "openingHours",
              coalesce((select array_agg(c.region_id::text order by c.region_id) from c), '{}'::text[]) as covers,
              null::float8 as "distanceM", p.created_at as "createdAt"
       from p`,
      [p.regionId, p.lng, p.lat, p.id, p.kind, p.name, p.lng, p.lat, p.contactPhone, p.openingHours, uuidArray(p.covers)],
    );
    return rows[0] ?? null;
  }

  private get s(): string {
    return `"${this.schema}"`;
  }
}

