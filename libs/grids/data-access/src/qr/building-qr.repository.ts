import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { ltreeOf } from '../region/region.repository.js';

/** The current version of a building's code. */
export interface BuildingQrRecord {
  buildingId: string;
  version: number;
  issuedAt: Date;
}

/** A node above a building, as a scanned code shows it. */
export interface QrAncestor {
  id: string;
  name: string;
  path: string;
  level: 'community' | 'grid' | 'compound';
}

/** Everything a scan needs, in one read: the building, its code's version, its location and the nodes above it. */
export interface QrScanRecord {
  id: string;
  name: string;
  path: string;
  level: string;
  archived: boolean;
  /** Null when no code was ever issued for it. */
  qrVersion: number | null;
  lat: number | null;
  lng: number | null;
  /** Community, grid and compound above it, top down. */
  ancestors: QrAncestor[];
}

/** A building on a printable sheet. */
export interface QrSheetRow {
  id: string;
  name: string;
  path: string;
  compoundName: string | null;
  communityName: string | null;
}

const ANCESTORS = `(select coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'path', a.path, 'level', a.level) order by public.nlevel(a.tree)), '[]'::json)
    from {schema}.region a where a.tree operator(public.@>) b.tree and a.id <> b.id and a.level in ('community', 'grid', 'compound'))`;

/** The scan of a code: the hot read of this feature (residents, anonymously). */
const SCAN: HotRead = {
  name: 'grids.qr.scan',
  text: `select b.id, b.name, b.path, b.level, b.archived_at is not null as archived, q.version as "qrVersion",
                public.st_y(b.location) as lat, public.st_x(b.location) as lng,
                ${ANCESTORS} as ancestors
         from {schema}.region b left join {schema}.building_qr q on q.building_id = b.id
         where b.id = $1`,
};
const CURRENT: HotRead = {
  name: 'grids.qr.current',
  text: `select q.building_id as "buildingId", q.version, q.issued_at as "issuedAt" from {schema}.building_qr q where q.building_id = $1`,
};
const CURRENT_MANY: HotRead = {
  name: 'grids.qr.current-many',
  text: `select q.building_id as "buildingId", q.version, q.issued_at as "issuedAt" from {schema}.building_qr q where q.building_id = any($1::uuid[])`,
};
/** Live buildings at or below a node, with the names printed beside each code; `$2` is the cap plus one. */
const SHEET: HotRead = {
  name: 'grids.qr.sheet-buildings',
  text: `select b.id, b.name, b.path,
                (select a.name from {schema}.region a where a.tree operator(public.@>) b.tree and a.level = 'compound' limit 1) as "compoundName",
                (select a.name from {schema}.region a where a.tree operator(public.@>) b.tree and a.level = 'community' limit 1) as "communityName"
         from {schema}.region b
         where b.tree operator(public.<@) public.text2ltree($1) and b.level = 'building' and b.archived_at is null
         order by b.path limit $2`,
};

/** The SQL of building QR codes (table building_qr of migration 001). */
@Injectable()
export class BuildingQrRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  async scan(buildingId: string): Promise<QrScanRecord | null> {
    const [row] = await this.reads.rows<QrScanRecord>(SCAN, [buildingId]);
    return row ?? null;
  }

  async current(buildingId: string): Promise<BuildingQrRecord | null> {
    return (await this.reads.rows<BuildingQrRecord>(CURRENT, [buildingId]))[0] ?? null;
  }

  /**
   * The building's current version, issuing version 1 first if it has none. One statement: a
   * concurrent first issue is decided by the primary key (the loser keeps the winner's row).
   */
  async ensure(em: EntityManager, buildingId: string, issuedBy: string): Promise<BuildingQrRecord> {
    const [row] = await em.execute<BuildingQrRecord[]>(
      `with ins as (
         insert into ${this.t} (building_id, version, issued_at, issued_by) values (?, 1, now(), ?)
         on conflict (building_id) do nothing
         returning building_id as "buildingId", version, issued_at as "issuedAt")
       select * from ins
       union all
       select q.building_id, q.version, q.issued_at from ${this.t} q where q.building_id = ?
       limit 1`,
      [buildingId, issuedBy, buildingId],
    );
    // A first issue that committed after this statement's snapshot was taken: read it now.
    return row ?? (await this.current(buildingId))!;
  }

  /** Issues version 1 for every building of `ids` that has no code yet; answers every current version. */
  async ensureMany(em: EntityManager, ids: readonly string[], issuedBy: string): Promise<Map<string, BuildingQrRecord>> {
    if (ids.length === 0) return new Map();
    await em.execute(
      `insert into ${this.t} (building_id, version, issued_at, issued_by)
       select id::uuid, 1, now(), ? from json_array_elements_text(?::json) as id
       on conflict (building_id) do nothing`,
      [issuedBy, JSON.stringify(ids)],
    );
    const rows = await this.reads.rows<BuildingQrRecord>(CURRENT_MANY, [ids]);
    return new Map(rows.map((r) => [r.buildingId, r]));
  }

  /** Bumps the version (the first issue when there was none) in `em`'s transaction; answers the new one and the one it replaced. */
  async rotate(em: EntityManager, buildingId: string, issuedBy: string): Promise<BuildingQrRecord & { previousVersion: number | null }> {
    const [before] = await em.execute<{ version: number }[]>(`select version from ${this.t} where building_id = ? for update`, [buildingId]);
    const [row] = await em.execute<BuildingQrRecord[]>(
      `insert into ${this.t} as q (building_id, version, issued_at, issued_by) values (?, 1, now(), ?)
       on conflict (building_id) do update set version = q.version + 1, issued_at = now(), issued_by = excluded.issued_by
       returning q.building_id as "buildingId", q.version, q.issued_at as "issuedAt"`,
      [buildingId, issuedBy],
    );
    return { ...row!, previousVersion: before?.version ?? null };
  }

  /** Live buildings at or below `path`, by path; at most `limit` (ask for one more than the cap to know it was passed). */
  async sheetBuildings(path: string, limit: number): Promise<QrSheetRow[]> {
    return this.reads.rows<QrSheetRow>(SHEET, [ltreeOf(path), limit]);
  }

  private get t(): string {
    return `"${this.schema}".building_qr`;
  }
}
