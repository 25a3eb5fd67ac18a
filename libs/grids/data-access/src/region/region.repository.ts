import type { RegionLevel, RegionView } from '@gov/grids-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

/** A region row as the service uses it; geometry as GeoJSON text. */
export interface RegionRecord {
  id: string;
  parentId: string | null;
  path: string;
  code: string;
  level: RegionLevel;
  kind: string | null;
  name: string;
  shape: string | null;
  location: string | null;
  archivedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const REGION_COLUMNS = `r.id, r.parent_id as "parentId", r.path, r.code, r.level, r.kind, r.name,
  public.st_asgeojson(r.shape, 7) as shape, public.st_asgeojson(r.location, 7) as location,
  r.archived_at as "archivedAt", r.version, r.created_at as "createdAt", r.updated_at as "updatedAt"`;

const BY_ID: HotRead = { name: 'grids.region.by-id', text: `select ${REGION_COLUMNS} from {schema}.region r where r.id = $1` };
const BY_IDS: HotRead = { name: 'grids.region.by-ids', text: `select ${REGION_COLUMNS} from {schema}.region r where r.id = any($1::uuid[])` };
const BY_PATH: HotRead = { name: 'grids.region.by-path', text: `select ${REGION_COLUMNS} from {schema}.region r where r.path = $1` };
/** Every node whose shape covers the point (or, for buildings, that is nearest within reach), top down. */
const COVERING: HotRead = {
  name: 'grids.region.covering',
  text: `select ${REGION_COLUMNS} from {schema}.region r
         where r.archived_at is null and r.shape is not null
           and public.st_covers(r.shape, public.st_setsrid(public.st_makepoint($2, $1), 4326))
         order by public.nlevel(r.tree), r.created_at`,
};

/** The ltree form of a region path: '/' between labels, '-' written '_' (ltree labels take no dash before PostgreSQL 16). */
export function ltreeOf(path: string): string {
  return path.replaceAll('-', '_').replaceAll('/', '.');
}

/** The region tree's SQL: lookups on the hot path (prepared), and writes in the caller's transaction. */
@Injectable()
export class RegionRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  async byId(id: string): Promise<RegionRecord | null> {
    return (await this.reads.rows<RegionRecord>(BY_ID, [id]))[0] ?? null;
  }

  async byIds(ids: readonly string[]): Promise<RegionRecord[]> {
    return this.reads.rows<RegionRecord>(BY_IDS, [ids]);
  }

  async byPath(path: string): Promise<RegionRecord | null> {
    return (await this.reads.rows<RegionRecord>(BY_PATH, [path]))[0] ?? null;
  }

  /** The nodes whose shapes cover (lat, lng), city first. */
  async covering(lat: number, lng: number): Promise<RegionRecord[]> {
    return this.reads.rows<RegionRecord>(COVERING, [lat, lng]);
  }

  /** The row, locked for the rest of `em`'s transaction. */
  async lock(em: EntityManager, id: string): Promise<RegionRecord | null> {
    const [row] = await em.execute<RegionRecord[]>(`select ${REGION_COLUMNS} from ${this.t} r where r.id = ? for update`, [id]);
    return row ?? null;
  }

  async children(parentId: string, includeArchived: boolean, afterPath: string | null, limit: number): Promise<RegionRecord[]> {
    return this.reads.rows<RegionRecord>(
      {
        name: `grids.region.children${includeArchived ? '.all' : ''}`,
        text: `select ${REGION_COLUMNS} from {schema}.region r where r.parent_id = $1 ${includeArchived ? '' : 'and r.archived_at is null'}
               and ($2::text is null or r.path > $2) order by r.path limit $3`,
      },
      [parentId, afterPath, limit],
    );
  }

  /**
   * Validation of a shape for a node under `parentId`: PostGIS's reason when it is not a valid
   * (multi)polygon, or whether it lies within the parent's shape (true when the parent has none).
   */
  async checkShape(em: EntityManager, geojson: string, parentId: string | null): Promise<{ invalid: string | null; withinParent: boolean }> {
    const [row] = await em.execute<{ invalid: string | null; withinParent: boolean }[]>(
      `with g as (select public.st_setsrid(public.st_geomfromgeojson(?), 4326) as geom)
       select case when public.st_isvalid(g.geom) then null else public.st_isvalidreason(g.geom) end as invalid,
              coalesce((select p.shape is null or public.st_covers(public.st_buffer(p.shape, ${SHAPE_TOLERANCE_DEGREES}), g.geom)
                        from ${this.t} p where p.id = ?), true) as "withinParent"
       from g`,
      [geojson, parentId],
    );
    return row!;
  }

  async checkPoint(em: EntityManager, lat: number, lng: number, parentId: string): Promise<boolean> {
    const [row] = await em.execute<{ inside: boolean }[]>(
      `select p.shape is null or public.st_covers(p.shape, public.st_setsrid(public.st_makepoint(?, ?), 4326)) as inside from ${this.t} p where p.id = ?`,
      [lng, lat, parentId],
    );
    return row?.inside ?? false;
  }

  async insert(
    em: EntityManager,
    r: { id: string; parentId: string | null; path: string; code: string; level: RegionLevel; kind: string | null; name: string; shape: string | null; location: { lat: number; lng: number } | null },
  ): Promise<RegionRecord> {
    const [row] = await em.execute<RegionRecord[]>(
      `insert into ${this.t} as r (id, parent_id, path, code, level, kind, name, shape, location)
       values (?, ?, ?, ?, ?, ?, ?,
               case when ?::text is null then null else public.st_multi(public.st_setsrid(public.st_geomfromgeojson(?::text), 4326)) end,
               case when ?::float8 is null then null else public.st_setsrid(public.st_makepoint(?::float8, ?::float8), 4326) end)
       returning ${REGION_COLUMNS}`,
      [r.id, r.parentId, r.path, r.code, r.level, r.kind, r.name, r.shape, r.shape, r.location?.lng ?? null, r.location?.lng ?? null, r.location?.lat ?? null],
    );
    return row!;
  }

  async update(em: EntityManager, id: string, change: { name?: string; shape?: string; location?: { lat: number; lng: number } }): Promise<RegionRecord> {
    const [row] = await em.execute<RegionRecord[]>(
      `update ${this.t} as r set
         name = coalesce(?, r.name),
         shape = case when ?::text is null then r.shape else public.st_multi(public.st_setsrid(public.st_geomfromgeojson(?::text), 4326)) end,
         location = case when ?::float8 is null then r.location else public.st_setsrid(public.st_makepoint(?::float8, ?::float8), 4326) end,
         version = r.version + 1, updated_at = now()
       where r.id = ? returning ${REGION_COLUMNS}`,
      [change.name ?? null, change.shape ?? null, change.shape ?? null, change.location?.lng ?? null, change.location?.lng ?? null, change.location?.lat ?? null, id],
    );
    return row!;
  }

  /** Re-parents `node` and rewrites the path of every node below it; returns how many rows moved. */
  async move(em: EntityManager, node: RegionRecord, newParent: RegionRecord): Promise<number> {
    const newPath = `${newParent.path}/${node.code}`;
    await em.execute(`update ${this.t} set parent_id = ?, version = version + 1, updated_at = now() where id = ?`, [newParent.id, node.id]);
    const moved = await em.execute<{ n: string }[]>(
      `with m as (
         update ${this.t} set path = ? || substr(path, ?), updated_at = now()
         where tree operator(public.<@) public.text2ltree(?) returning 1)
       select count(*) as n from m`,
      [newPath, node.path.length + 1, ltreeOf(node.path)],
    );
    // Rows elsewhere that carry the path as text follow it.
    for (const table of ['household', 'place', 'layer_grid', 'central_head', 'party_org']) {
      await em.execute(`update "${this.schema}".${table} set region_path = ? || substr(region_path, ?) where region_path = ? or region_path like ?`, [
        newPath,
        node.path.length + 1,
        node.path,
        `${node.path.replace(/[\\%_]/g, (c) => '\\' + c)}/%`,
      ]);
    }
    return Number(moved[0]!.n);
  }

  async archive(em: EntityManager, id: string): Promise<RegionRecord> {
    const [row] = await em.execute<RegionRecord[]>(
      `update ${this.t} as r set archived_at = now(), version = r.version + 1, updated_at = now() where r.id = ? returning ${REGION_COLUMNS}`,
      [id],
    );
    return row!;
  }

  async activeChildCount(em: EntityManager, id: string): Promise<number> {
    const [row] = await em.execute<{ n: string }[]>(`select count(*) as n from ${this.t} where parent_id = ? and archived_at is null`, [id]);
    return Number(row!.n);
  }

  /** Nodes below `path` by level, and the households in them. */
  async subtreeCount(path: string): Promise<{ byLevel: { level: RegionLevel; count: number }[]; households: number }> {
    const byLevel = await this.reads.rows<{ level: RegionLevel; count: string }>(
      {
        name: 'grids.region.subtree-count',
        text: `select level, count(*) as count from {schema}.region where tree operator(public.<@) public.text2ltree($1) and path <> $2 and archived_at is null group by level`,
      },
      [ltreeOf(path), path],
    );
    const [h] = await this.reads.rows<{ n: string }>(
      { name: 'grids.household.subtree-count', text: `select count(*) as n from {schema}.household where (region_path = $1 or region_path like $2) and archived_at is null` },
      [path, `${path.replace(/[\\%_]/g, (c) => '\\' + c)}/%`],
    );
    return { byLevel: byLevel.map((r) => ({ level: r.level, count: Number(r.count) })), households: Number(h!.n) };
  }

  private get t(): string {
    return `"${this.schema}".region`;
  }
}

/** Slack allowed when a child's shape is checked against its parent's (about 1 m): surveyed boundaries never match to the vertex. */
export const SHAPE_TOLERANCE_DEGREES = 0.00001;

/** The view of a record (GeoJSON parsed). */
export function regionView(r: RegionRecord): RegionView {
  const point = r.location ? (JSON.parse(r.location) as { coordinates: [number, number] }).coordinates : null;
  return {
    id: r.id,
    parentId: r.parentId,
    path: r.path,
    code: r.code,
    level: r.level,
    kind: r.kind,
    name: r.name,
    shape: r.shape ? JSON.parse(r.shape) : null,
    location: point ? { lng: point[0], lat: point[1] } : null,
    archived: r.archivedAt !== null,
    version: r.version,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}
