import { countyOf } from '@gov/kernel';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

/** A node of grids' region tree as an event describes it. */
export interface KnownRegionNode {
  id: string;
  /** Null for the city (the root), or when the event does not say (an archive). */
  parentId: string | null;
  /** The node's path when the event was written; used as it is only while the parent is unknown here. */
  path: string;
  /** `city`, `county`, … `building`; null when the event does not carry it (a move). */
  level: string | null;
  archived: boolean;
}

/** What identity knows of a path: no node, only archived nodes, or a live one. */
export type KnownRegionStatus = 'unknown' | 'archived' | 'active';

export interface KnownRegionRow {
  id: string;
  parentId: string | null;
  code: string;
  path: string;
  county: string;
  level: string | null;
  archived: boolean;
  version: number;
}

const STATUS: HotRead = { name: 'identity.known-region.status', text: `select bool_or(not archived) as active from {schema}.known_region where path = $1` };
/** Paths are at most 8 segments (regionPath): a deeper walk can only be a cycle, which must not loop. */
const MAX_DEPTH = 16;

/**
 * The local read model of grids' region tree (migration 005). Every write runs inside the inbox's
 * transaction of one event and first takes a transaction-level advisory lock, so the four
 * consumers (created, updated, moved, archived) apply their events one after another and each
 * statement sees what the others committed.
 *
 * Order: each consumer gets its own event type in order, but the types interleave freely. So a
 * node's placement (parent, path) is taken only from an event newer than the one it holds
 * (grids' aggregate version, ADR 0003), an archive is never undone, and a node's path is its
 * parent's path plus its code whenever the parent is known — a child created before its parent's
 * move but applied after it still lands under the new path, and a parent that arrives late pulls
 * its waiting children along.
 */
@Injectable()
export class KnownRegionRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  async status(path: string): Promise<KnownRegionStatus> {
    const [row] = await this.reads.rows<{ active: boolean | null }>(STATUS, [path]);
    if (!row || row.active === null) return 'unknown';
    return row.active ? 'active' : 'archived';
  }

  async byId(em: EntityManager, id: string): Promise<KnownRegionRow | null> {
    const [row] = await em.execute<KnownRegionRow[]>(`select ${COLUMNS} from ${this.table} where id = ?`, [id]);
    return row ? { ...row, version: Number(row.version) } : null;
  }

  /** Every node at `path` or below it, by path. */
  async under(em: EntityManager, path: string): Promise<KnownRegionRow[]> {
    const rows = await em.execute<KnownRegionRow[]>(`select ${COLUMNS} from ${this.table} where path = ? or path like ? order by path, id`, [path, `${escapeLike(path)}/%`]);
    return rows.map((r) => ({ ...r, version: Number(r.version) }));
  }

  /**
   * Places the node (created, updated or moved) under its parent. An event no newer than the one
   * that placed the node last (`version`; undefined: always newer) changes only what never goes
   * back: a level learnt, an archive. Otherwise the node and everything below it are re-pathed.
   */
  async place(em: EntityManager, node: KnownRegionNode, version: number | undefined, at: Date): Promise<void> {
    await this.lock(em);
    const current = await this.byId(em, node.id);
    if (current && version !== undefined && current.version >= version) {
      await em.execute(`update ${this.table} set level = coalesce(level, ?), archived = archived or ?, updated_at = greatest(updated_at, ?) where id = ?`, [node.level, node.archived, at, node.id]);
      return;
    }
    const code = lastSegment(node.path);
    const parent = node.parentId ? await this.byId(em, node.parentId) : null;
    const path = parent ? `${parent.path}/${code}` : node.path;
    await em.execute(
      `insert into ${this.table} (id, parent_id, code, path, county, level, archived, version, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set parent_id = excluded.parent_id, code = excluded.code, path = excluded.path, county = excluded.county,
         level = coalesce(excluded.level, known_region.level), archived = known_region.archived or excluded.archived,
         version = greatest(known_region.version, excluded.version), updated_at = excluded.updated_at`,
      [node.id, node.parentId, code, path, countyOf(path), node.level, node.archived, version ?? current?.version ?? 0, at],
    );
    await this.repathBelow(em, node.id, at);
  }

  /** Archives the node; one not seen yet is kept as archived until its other events place it. */
  async archive(em: EntityManager, node: { id: string; path: string }, at: Date): Promise<void> {
    await this.lock(em);
    await em.execute(
      `insert into ${this.table} (id, parent_id, code, path, county, level, archived, version, updated_at) values (?, null, ?, ?, ?, null, true, 0, ?)
       on conflict (id) do update set archived = true, updated_at = excluded.updated_at`,
      [node.id, lastSegment(node.path), node.path, countyOf(node.path), at],
    );
  }

  /** Gives every node below `id` its parent's path plus its own code (and the county that follows). */
  private async repathBelow(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.execute(
      `with recursive sub (id, path, depth) as (
         select id, path, 0 from ${this.table} where id = ?
         union all
         select c.id, sub.path || '/' || c.code, sub.depth + 1 from ${this.table} c join sub on c.parent_id = sub.id where sub.depth < ${MAX_DEPTH}
       )
       update ${this.table} k set path = sub.path, county = coalesce(nullif(split_part(sub.path, '/', 2), ''), 'city'), updated_at = ?
       from sub where k.id = sub.id and k.path <> sub.path`,
      [id, at],
    );
  }

  /** One writer of the tree at a time (until the transaction ends). */
  private async lock(em: EntityManager): Promise<void> {
    await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`${this.schema}.known_region`]);
  }

  private get table(): string {
    return `"${this.schema}".known_region`;
  }
}

const COLUMNS = `id, parent_id as "parentId", code, path, county, level, archived, version`;

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
