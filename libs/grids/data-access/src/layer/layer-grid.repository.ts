import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

export interface LayerGridRecord {
  id: string;
  layerKey: string;
  code: string;
  name: string;
  region: string;
}

export interface StaffRecord {
  id: string;
  layerKey: string;
  gridId: string;
  personId: string;
  name: string;
  role: string;
  assignedAt: Date;
}

const COLUMNS = `g.id, g.layer_key as "layerKey", g.code, g.name, g.region_path as region`;
const COVERING: HotRead = {
  name: 'grids.layer-grid.covering',
  text: `select distinct on (g.layer_key) ${COLUMNS} from {schema}.layer_grid g
         where g.archived_at is null and public.st_covers(g.shape, public.st_setsrid(public.st_makepoint($2, $1), 4326))
         order by g.layer_key, g.created_at`,
};
const BY_ID: HotRead = { name: 'grids.layer-grid.by-id', text: `select ${COLUMNS} from {schema}.layer_grid g where g.id = $1` };
const STAFF_OF: HotRead = {
  name: 'grids.staff.of-grids',
  text: `select s.id, s.layer_key as "layerKey", coalesce(s.region_id, s.layer_grid_id) as "gridId", s.person_id as "personId", s.name, s.role, s.assigned_at as "assignedAt"
         from {schema}.grid_staff s where coalesce(s.region_id, s.layer_grid_id) = any($1::uuid[]) and s.ended_at is null order by s.assigned_at`,
};

/** The grids of the layers other than the tree's own, and the people on duty in any grid. */
@Injectable()
export class LayerGridRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  /** At most one grid per layer: the layer tiles the territory, the oldest wins where two overlap. */
  async covering(lat: number, lng: number): Promise<LayerGridRecord[]> {
    return this.reads.rows<LayerGridRecord>(COVERING, [lat, lng]);
  }

  async byId(id: string): Promise<LayerGridRecord | null> {
    return (await this.reads.rows<LayerGridRecord>(BY_ID, [id]))[0] ?? null;
  }

  async staffOf(gridIds: readonly string[]): Promise<StaffRecord[]> {
    return gridIds.length ? this.reads.rows<StaffRecord>(STAFF_OF, [gridIds]) : [];
  }

  /** Checks the shape and, when it is valid, whether it overlaps another grid of the layer (more than touching). */
  async checkShape(em: EntityManager, layerKey: string, geojson: string): Promise<{ invalid: string | null; overlaps: string[] }> {
    const [row] = await em.execute<{ invalid: string | null; overlaps: string[] | null }[]>(
      `with g as (select public.st_setsrid(public.st_geomfromgeojson(?), 4326) as geom)
       select case when public.st_isvalid(g.geom) then null else public.st_isvalidreason(g.geom) end as invalid,
              case when public.st_isvalid(g.geom) then
                (select array_agg(o.code order by o.code) from "${this.schema}".layer_grid o
                 where o.layer_key = ? and o.archived_at is null and public.st_relate(o.shape, g.geom, '2********'))
              end as overlaps
       from g`,
      [geojson, layerKey],
    );
    return { invalid: row!.invalid, overlaps: row!.overlaps ?? [] };
  }

  async insert(em: EntityManager, g: LayerGridRecord & { shape: string }): Promise<void> {
    await em.execute(
      `insert into "${this.schema}".layer_grid (id, layer_key, code, name, region_path, shape)
       values (?, ?, ?, ?, ?, public.st_multi(public.st_setsrid(public.st_geomfromgeojson(?), 4326)))`,
      [g.id, g.layerKey, g.code, g.name, g.region, g.shape],
    );
  }
}
