import type { RegionLevel } from '@gov/grids-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { SHAPE_TOLERANCE_DEGREES, ltreeOf } from '../region/region.repository.js';

/** A feature that passed the structural checks, staged for the spatial ones. */
export interface StagedFeature {
  idx: number;
  path: string;
  parentPath: string | null;
  level: RegionLevel;
  /** GeoJSON geometry text, or null for a node without one. */
  geometry: string | null;
}

/** A node of the tree an import names (as a parent, or a path it would create). */
export interface ExistingNode {
  id: string;
  path: string;
  level: RegionLevel;
  archived: boolean;
}

export interface SpatialProblem {
  idx: number | null;
  path: string;
  otherPath?: string | null;
  areaM2?: number | null;
  reason?: string | null;
}

export interface ImportedNode {
  id: string;
  parentId: string | null;
  path: string;
  code: string;
  level: RegionLevel;
  kind: string | null;
  name: string;
}

export interface ImportedHousehold {
  id: string;
  buildingId: string;
  number: string;
  regionPath: string;
  createdAt: Date;
  updatedAt: Date;
}

/** An exported node: its geometry (shape or point) as GeoJSON text. */
export interface ExportRow {
  path: string;
  name: string;
  level: RegionLevel;
  kind: string | null;
  code: string;
  geometry: string | null;
}

/** Relation of two areas sharing interior (more than a boundary). */
const OVERLAPS = `'2********'`;
/** Pixels of the tile's buffer (ST_AsMVTGeom) and the same margin for the bbox filter (fraction of the tile). */
const TILE_EXTENT = 4096;
const TILE_BUFFER = 64;
const TILE_MARGIN = TILE_BUFFER / TILE_EXTENT;

/**
 * Visible to an actor whose grant regions are `$grants` (ltree[]): the node lies at or below a
 * grant (a grant is its ancestor) or above one (a grant is its descendant) — regionVisibleTo in SQL.
 */
const visibleTree = (tree: string, grants: string) => `(${grants} operator(public.@>) ${tree} or ${grants} operator(public.<@) ${tree})`;

/** Nodes of the tree at the levels `$4` in the tile, as ST_AsMVT features of layer `$6`. */
const REGION_TILE: HotRead = {
  name: 'grids.tile.regions',
  text: `with t as (select public.st_tileenvelope($1, $2, $3) as env,
                         public.st_transform(public.st_tileenvelope($1, $2, $3, margin => ${TILE_MARGIN}), 4326) as bbox),
         f as (
           select public.st_asmvtgeom(public.st_transform(coalesce(r.shape, r.location), 3857), t.env, ${TILE_EXTENT}, ${TILE_BUFFER}, true) as geom,
                  r.id::text as id, r.path, r.code, r.name, r.level, r.kind
           from {schema}.region r, t
           where r.archived_at is null and r.level = any($4::text[])
             and (r.shape operator(public.&&) t.bbox or r.location operator(public.&&) t.bbox)
             and ${visibleTree('r.tree', '$5::public.ltree[]')})
         select public.st_asmvt(f.*, $6::text, ${TILE_EXTENT}, 'geom') as mvt, count(*)::int as features from f where f.geom is not null`,
};

/** Grids of one layer (`$4`) in the tile. */
const LAYER_GRID_TILE: HotRead = {
  name: 'grids.tile.layer-grids',
  text: `with t as (select public.st_tileenvelope($1, $2, $3) as env,
                         public.st_transform(public.st_tileenvelope($1, $2, $3, margin => ${TILE_MARGIN}), 4326) as bbox),
         f as (
           select public.st_asmvtgeom(public.st_transform(g.shape, 3857), t.env, ${TILE_EXTENT}, ${TILE_BUFFER}, true) as geom,
                  g.id::text as id, g.code, g.name, g.region_path as region, g.layer_key as layer
           from {schema}.layer_grid g, t
           where g.archived_at is null and g.layer_key = $4::text
             and g.shape operator(public.&&) t.bbox
             and ${visibleTree(`public.text2ltree(replace(replace(g.region_path, '-', '_'), '/', '.'))`, '$5::public.ltree[]')})
         select public.st_asmvt(f.*, $4::text, ${TILE_EXTENT}, 'geom') as mvt, count(*)::int as features from f where f.geom is not null`,
};

const LAYER_EXISTS: HotRead = { name: 'grids.tile.layer-exists', text: `select exists (select 1 from {schema}.grid_layer where key = $1) as found` };

const SUBTREE_SIZE: HotRead = {
  name: 'grids.export.subtree-size',
  text: `select count(*)::int as n from {schema}.region r where r.tree operator(public.<@) public.text2ltree($1) and r.archived_at is null`,
};
/** The subtree, parents before children (an export is importable as it is). */
const SUBTREE: HotRead = {
  name: 'grids.export.subtree',
  text: `select r.path, r.name, r.level, r.kind, r.code, public.st_asgeojson(coalesce(r.shape, r.location), 7) as geometry
         from {schema}.region r
         where r.tree operator(public.<@) public.text2ltree($1) and r.archived_at is null
         order by public.nlevel(r.tree), r.path limit $2`,
};

/**
 * The SQL of territory import, export and tiles. Import validation stages the file's features in
 * a temporary table of the caller's transaction (dropped at its end) and checks them with set
 * queries against it and the tree; export and tiles are reads on the prepared pool (ADR 0007).
 */
@Injectable()
export class TerritoryIoRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  /** Nodes of the tree with these paths (archived ones too). */
  async nodesByPath(em: EntityManager, paths: readonly string[]): Promise<ExistingNode[]> {
    if (paths.length === 0) return [];
    return em.execute<ExistingNode[]>(
      `select r.id, r.path, r.level, r.archived_at is not null as archived
       from ${this.t} r join json_array_elements_text(?::json) as p(path) on r.path = p.path`,
      [JSON.stringify(paths)],
    );
  }

  /** Stages one batch of features in `em`'s transaction (the table goes with it). */
  async stage(em: EntityManager, batch: readonly StagedFeature[]): Promise<void> {
    await em.execute(`create temp table if not exists import_feature (
        idx int primary key, path text not null, parent_path text, level text not null,
        geom public.geometry, valid boolean) on commit drop`);
    await em.execute(
      `insert into pg_temp.import_feature (idx, path, parent_path, level, geom)
       select x.idx, x.path, x.parent_path, x.level,
              case when x.geometry is null then null else public.st_force2d(public.st_setsrid(public.st_geomfromgeojson(x.geometry), 4326)) end
       from json_to_recordset(?::json) as x(idx int, path text, parent_path text, level text, geometry text)`,
      [JSON.stringify(batch.map((f) => ({ idx: f.idx, path: f.path, parent_path: f.parentPath, level: f.level, geometry: f.geometry })))],
    );
    await em.execute(`create index if not exists import_feature_path on pg_temp.import_feature (path)`);
  }

  /** Staged geometries PostGIS finds invalid, with its reason (e.g. a self-intersection). */
  async invalidGeometries(em: EntityManager): Promise<SpatialProblem[]> {
    await em.execute(`update pg_temp.import_feature set valid = public.st_isvalid(geom) where geom is not null`);
    await em.execute(`analyze pg_temp.import_feature`);
    return em.execute<SpatialProblem[]>(
      `select f.idx, f.path, public.st_isvalidreason(f.geom) as reason from pg_temp.import_feature f where f.valid = false order by f.idx`,
    );
  }

  /**
   * Staged shapes (points) not within their parent's shape — the parent staged earlier in the file
   * or in the tree; an area gets SHAPE_TOLERANCE_DEGREES of slack as RegionRepository.checkShape does.
   */
  async outsideParent(em: EntityManager): Promise<SpatialProblem[]> {
    return em.execute<SpatialProblem[]>(
      `with p as (
         select f.idx, f.path, f.geom, public.geometrytype(f.geom) as kind,
                coalesce(fp.geom, rp.shape) as parent
         from pg_temp.import_feature f
         left join pg_temp.import_feature fp on fp.path = f.parent_path and fp.idx < f.idx and fp.valid
         left join ${this.t} rp on fp.idx is null and rp.path = f.parent_path
         where f.valid)
       select p.idx, p.path from p
       where p.parent is not null
         and not case when p.kind = 'POINT' then public.st_covers(p.parent, p.geom)
                      else public.st_covers(public.st_buffer(p.parent, ${SHAPE_TOLERANCE_DEGREES}), p.geom) end
       order by p.idx`,
    );
  }

  /** Sibling grids (same parent) sharing more than a boundary: pairs within the file, and with grids already in the tree. */
  async overlappingGrids(em: EntityManager): Promise<SpatialProblem[]> {
    return em.execute<SpatialProblem[]>(
      `select b.idx, b.path, a.path as "otherPath", public.st_area(public.st_intersection(a.geom, b.geom)::public.geography) as "areaM2"
       from pg_temp.import_feature a
       join pg_temp.import_feature b on b.parent_path = a.parent_path and a.idx < b.idx and b.level = 'grid' and b.valid
       where a.level = 'grid' and a.valid and a.geom operator(public.&&) b.geom and public.st_relate(a.geom, b.geom, ${OVERLAPS})
       union all
       select a.idx, a.path, r.path, public.st_area(public.st_intersection(a.geom, r.shape)::public.geography)
       from pg_temp.import_feature a
       join ${this.t} p on p.path = a.parent_path
       join ${this.t} r on r.parent_id = p.id and r.level = 'grid' and r.archived_at is null and r.path <> a.path
       where a.level = 'grid' and a.valid and a.geom operator(public.&&) r.shape and public.st_relate(a.geom, r.shape, ${OVERLAPS})
       order by 1, 3`,
    );
  }

  /**
   * Communities whose grids (those of the file with those already in the tree) leave part of the
   * community uncovered, and that part's area in m². Only communities the file gives grids or a shape.
   */
  async gridGaps(em: EntityManager, minM2: number): Promise<SpatialProblem[]> {
    return em.execute<SpatialProblem[]>(
      `with c as (
         select f.idx, f.path, f.geom from pg_temp.import_feature f where f.level = 'community' and f.valid
         union all
         select null, r.path, r.shape from ${this.t} r
         where r.level = 'community' and r.archived_at is null and r.shape is not null
           and r.path in (select parent_path from pg_temp.import_feature where level = 'grid')
           and not exists (select 1 from pg_temp.import_feature f where f.path = r.path)),
       g as (
         select c.path as community, f.geom from c join pg_temp.import_feature f on f.parent_path = c.path and f.level = 'grid' and f.valid
         union all
         select c.path, r.shape from c
         join ${this.t} p on p.path = c.path
         join ${this.t} r on r.parent_id = p.id and r.level = 'grid' and r.archived_at is null and r.shape is not null
         where not exists (select 1 from pg_temp.import_feature f where f.path = r.path)),
       u as (
         select c.idx, c.path, public.st_area(public.st_difference(c.geom, public.st_union(g.geom))::public.geography) as "areaM2"
         from c join g on g.community = c.path group by c.idx, c.path, c.geom)
       select u.idx, u.path, u."areaM2" from u where u."areaM2" >= ? order by u.idx nulls first, u.path`,
      [minM2],
    );
  }

  /** Writes the nodes (parents first, ids assigned by the caller) with their staged geometry. */
  async insertNodes(
    em: EntityManager,
    nodes: readonly { idx: number; id: string; parentId: string | null; path: string; code: string; level: RegionLevel; kind: string | null; name: string }[],
  ): Promise<ImportedNode[]> {
    return em.execute<ImportedNode[]>(
      `insert into ${this.t} as r (id, parent_id, path, code, level, kind, name, shape, location)
       select x.id, x.parent_id, x.path, x.code, x.level, x.kind, x.name,
              case when public.geometrytype(f.geom) in ('POLYGON', 'MULTIPOLYGON') then public.st_multi(f.geom) end,
              case when public.geometrytype(f.geom) = 'POINT' then f.geom end
       from json_to_recordset(?::json) as x(idx int, id uuid, parent_id uuid, path text, code text, level text, kind text, name text)
       left join pg_temp.import_feature f on f.idx = x.idx
       order by x.idx
       returning r.id, r.parent_id as "parentId", r.path, r.code, r.level, r.kind, r.name`,
      [JSON.stringify(nodes.map((n) => ({ idx: n.idx, id: n.id, parent_id: n.parentId, path: n.path, code: n.code, level: n.level, kind: n.kind, name: n.name })))],
    );
  }

  /** Households already registered under these (building path, number) pairs. */
  async existingHouseholds(em: EntityManager, rows: readonly { path: string; number: string }[]): Promise<{ path: string; number: string }[]> {
    if (rows.length === 0) return [];
    return em.execute(
      `select b.path, h.number from ${this.s}.household h
       join ${this.t} b on b.id = h.building_id
       join json_to_recordset(?::json) as x(path text, number text) on x.path = b.path and x.number = h.number`,
      [JSON.stringify(rows)],
    );
  }

  async insertHouseholds(em: EntityManager, rows: readonly { id: string; buildingId: string; number: string; regionPath: string }[]): Promise<ImportedHousehold[]> {
    if (rows.length === 0) return [];
    return em.execute<ImportedHousehold[]>(
      `insert into ${this.s}.household as h (id, building_id, number, region_path)
       select x.id, x.building_id, x.number, x.region_path from json_to_recordset(?::json) as x(id uuid, building_id uuid, number text, region_path text)
       returning h.id, h.building_id as "buildingId", h.number, h.region_path as "regionPath", h.created_at as "createdAt", h.updated_at as "updatedAt"`,
      [JSON.stringify(rows.map((r) => ({ id: r.id, building_id: r.buildingId, number: r.number, region_path: r.regionPath })))],
    );
  }

  /** Active nodes at or below `path`. */
  async subtreeSize(path: string): Promise<number> {
    return (await this.reads.rows<{ n: number }>(SUBTREE_SIZE, [ltreeOf(path)]))[0]!.n;
  }

  /** Active nodes at or below `path`, parents first, at most `limit`. */
  async subtree(path: string, limit: number): Promise<ExportRow[]> {
    return this.reads.rows<ExportRow>(SUBTREE, [ltreeOf(path), limit]);
  }

  async layerExists(key: string): Promise<boolean> {
    return (await this.reads.rows<{ found: boolean }>(LAYER_EXISTS, [key]))[0]!.found;
  }

  /**
   * One tile (z/x/y, EPSG:3857) of nodes at `levels` (or, with `layerKey`, of that layer's grids),
   * only those visible from `grantPaths`. Null bytes for an empty tile.
   */
  async tile(
    q: { z: number; x: number; y: number; grantPaths: readonly string[] } & ({ levels: readonly RegionLevel[]; layerName: string } | { layerKey: string }),
  ): Promise<{ mvt: Buffer | null; features: number }> {
    const grants = `{${q.grantPaths.map((p) => `"${ltreeOf(p)}"`).join(',')}}`;
    const [row] =
      'layerKey' in q
        ? await this.reads.rows<{ mvt: Buffer | null; features: number }>(LAYER_GRID_TILE, [q.z, q.x, q.y, q.layerKey, grants])
        : await this.reads.rows<{ mvt: Buffer | null; features: number }>(REGION_TILE, [q.z, q.x, q.y, q.levels, grants, q.layerName]);
    return row ?? { mvt: null, features: 0 };
  }

  private get s(): string {
    return `"${this.schema}"`;
  }

  private get t(): string {
    return `"${this.schema}".region`;
  }
}
