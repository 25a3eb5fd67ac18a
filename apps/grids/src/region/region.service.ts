import { AppError, actorCan, forbidden, notFound, type Actor, type GetManyInput, type Page } from '@gov/kernel';
import {
  GridsEvents,
  type ArchiveRegionInput,
  type CreateRegionInput,
  type GetRegionInput,
  type MoveRegionInput,
  type RegionByPathInput,
  type RegionChildrenInput,
  type RegionView,
  type SubtreeCountInput,
  type SubtreeCountView,
  type UpdateRegionInput,
} from '@gov/grids-contracts';
import { RegionRepository, regionView, type RegionRecord } from '@gov/grids-data-access';
import { CHILD_LEVELS, CITY_CREATOR_ROLES, REGION_CREATOR_ROLES, childLevel, isPointLevel, regionVisibleTo } from '@gov/grids-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { RegionErrors } from './region.errors.js';

/**
 * The region tree: nodes from the city down to buildings, each with a code unique under its
 * parent, an area (or a building's point) inside its parent's, never deleted once created —
 * archived instead, because petitions, tasks and grants keep pointing at them.
 */
@Injectable()
export class RegionService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly regions: RegionRepository,
  ) {}

  async create(actor: Actor | null, input: z.output<typeof CreateRegionInput>): Promise<RegionView> {
    const a = requireActor(actor);
    const parent = input.parentId ? await this.visible(a, input.parentId) : null;
    if (parent) {
      if (!actorCan(a, REGION_CREATOR_ROLES, parent.path)) throw forbidden('you hold no admin role on the parent region');
      if (parent.archivedAt) throw RegionErrors.archived('parent');
    } else if (!a.grants.some((g) => CITY_CREATOR_ROLES.includes(g.role))) {
      throw forbidden('only a city admin creates a city');
    }
    const level = childLevel(parent?.level ?? null, input.kind === 'building' || input.location ? 'building' : null);
    if (!level) throw RegionErrors.levelNotAllowed(parent?.level ?? null);
    if (isPointLevel(level) && input.shape) throw RegionErrors.wrongGeometry(level, 'shape');
    if (!isPointLevel(level) && input.location) throw RegionErrors.wrongGeometry(level, 'location');
    const path = parent ? `${parent.path}/${input.code}` : input.code;

    const created = await this.tx.run(async (em) => {
      const shape = input.shape ? JSON.stringify(input.shape) : null;
      if (shape) await this.checkShape(em, shape, parent?.id ?? null);
      if (input.location && parent && !(await this.regions.checkPoint(em, input.location.lat, input.location.lng, parent.id))) throw RegionErrors.outsideParent('location');
      const row = await this.insertOnce(em, { id: randomUUID(), parentId: parent?.id ?? null, path, code: input.code, level, kind: input.kind ?? null, name: input.name, shape, location: input.location ?? null });
      await this.outbox.add(em, { ...GridsEvents.regionCreated, region: row.path, subjectId: row.id, data: eventData(row) });
      return row;
    });
    return regionView(created);
  }

  async get(actor: Actor | null, { id }: z.output<typeof GetRegionInput>): Promise<RegionView> {
    return regionView(await this.visible(requireActor(actor), id));
  }

  async byPath(actor: Actor | null, { path }: z.output<typeof RegionByPathInput>): Promise<RegionView> {
    const a = requireActor(actor);
    const row = await this.regions.byPath(path);
    // Without the path: the answer for another county's path and for one that exists nowhere must read alike.
    if (!row || !regionVisibleTo(a, row.path)) throw new AppError('NOT_FOUND', 'no region at that path');
    return regionView(row);
  }

  async getMany(actor: Actor | null, { ids }: GetManyInput): Promise<RegionView[]> {
    const a = requireActor(actor);
    return (await this.regions.byIds(ids)).filter((r) => regionVisibleTo(a, r.path)).map(regionView);
  }

  async children(actor: Actor | null, input: z.output<typeof RegionChildrenInput>): Promise<Page<RegionView>> {
    const parent = await this.visible(requireActor(actor), input.id);
    const after = input.after ? decodePathCursor(input.after) : null;
    const rows = await this.regions.children(parent.id, input.includeArchived, after, input.first + 1);
    const page = rows.slice(0, input.first);
    return { items: page.map(regionView), endCursor: page.length ? encodePathCursor(page.at(-1)!.path) : null, hasNextPage: rows.length > input.first };
  }

  async update(actor: Actor | null, input: z.output<typeof UpdateRegionInput>): Promise<RegionView> {
    const a = requireActor(actor);
    const node = await this.manageable(a, input.id);
    if (isPointLevel(node.level) && input.shape) throw RegionErrors.wrongGeometry(node.level, 'shape');
    if (!isPointLevel(node.level) && input.location) throw RegionErrors.wrongGeometry(node.level, 'location');
    const updated = await this.tx.run(async (em) => {
      const locked = await this.regions.lock(em, node.id);
      if (!locked || locked.archivedAt) throw RegionErrors.archived('region');
      const shape = input.shape ? JSON.stringify(input.shape) : undefined;
      if (shape) await this.checkShape(em, shape, locked.parentId);
      if (input.location && locked.parentId && !(await this.regions.checkPoint(em, input.location.lat, input.location.lng, locked.parentId))) throw RegionErrors.outsideParent('location');
      const row = await this.regions.update(em, node.id, { name: input.name, shape, location: input.location });
      await this.outbox.add(em, { ...GridsEvents.regionUpdated, region: row.path, subjectId: row.id, data: eventData(row) });
      return row;
    });
    return regionView(updated);
  }

  /** Re-parents a subtree: every path below follows, one event for the move. Stays within the caller's regions. */
  async move(actor: Actor | null, input: z.output<typeof MoveRegionInput>): Promise<RegionView> {
    const a = requireActor(actor);
    const node = await this.manageable(a, input.id);
    const target = await this.manageable(a, input.newParentId);
    if (target.path === node.path || target.path.startsWith(node.path + '/')) throw RegionErrors.cycle();
    if (target.archivedAt) throw RegionErrors.archived('new parent');
    if (!node.parentId) throw RegionErrors.levelNotAllowed(null);
    if (!CHILD_LEVELS[target.level].includes(node.level)) throw RegionErrors.levelNotAllowed(target.level);
    const moved = await this.tx.run(async (em) => {
      const locked = await this.regions.lock(em, node.id);
      if (!locked || locked.parentId === target.id) return { row: locked ?? node, count: 0 };
      if (locked.shape && !(await this.regions.checkShape(em, locked.shape, target.id)).withinParent) throw RegionErrors.outsideParent('shape');
      if (locked.location) {
        const p = (JSON.parse(locked.location) as { coordinates: [number, number] }).coordinates;
        if (!(await this.regions.checkPoint(em, p[1], p[0], target.id))) throw RegionErrors.outsideParent('location');
      }
      const count = await this.insertGuard(() => this.regions.move(em, locked, target), locked.code);
      const row = (await this.regions.lock(em, node.id))!;
      await this.outbox.add(em, {
        ...GridsEvents.regionMoved,
        region: row.path,
        subjectId: row.id,
        data: { id: row.id, previousPath: locked.path, path: row.path, previousParentId: locked.parentId, parentId: row.parentId, nodesMoved: count },
      });
      return { row, count };
    });
    return regionView(moved.row);
  }

  /** Archived, never deleted: what points at the node keeps its meaning. Children go first. */
  async archive(actor: Actor | null, { id }: z.output<typeof ArchiveRegionInput>): Promise<RegionView> {
    const a = requireActor(actor);
    const node = await this.manageable(a, id);
    const archived = await this.tx.run(async (em) => {
      const locked = await this.regions.lock(em, node.id);
      if (!locked || locked.archivedAt) return locked ?? node;
      const active = await this.regions.activeChildCount(em, node.id);
      if (active > 0) throw RegionErrors.hasActiveChildren(active);
      const row = await this.regions.archive(em, node.id);
      await this.outbox.add(em, { ...GridsEvents.regionArchived, region: row.path, subjectId: row.id, data: { id: row.id, path: row.path } });
      return row;
    });
    return regionView(archived);
  }

  async subtreeCount(actor: Actor | null, { id }: z.output<typeof SubtreeCountInput>): Promise<SubtreeCountView> {
    const node = await this.visible(requireActor(actor), id);
    return { id: node.id, ...(await this.regions.subtreeCount(node.path)) };
  }

  /** The node, when the caller works in, above or below it; otherwise NOT_FOUND as for an unknown id. */
  async visible(a: Actor, id: string): Promise<RegionRecord> {
    const row = await this.regions.byId(id);
    if (!row || !regionVisibleTo(a, row.path)) throw notFound('region', id);
    return row;
  }

  /** The node, when the caller is an admin on it or above; NOT_FOUND when they cannot even see it. */
  private async manageable(a: Actor, id: string): Promise<RegionRecord> {
    const row = await this.visible(a, id);
    if (!actorCan(a, REGION_CREATOR_ROLES, row.path)) throw forbidden('you hold no admin role on this region');
    return row;
  }

  private async checkShape(em: EntityManager, shape: string, parentId: string | null): Promise<void> {
    const check = await this.regions.checkShape(em, shape, parentId);
    if (check.invalid) throw RegionErrors.invalidShape(check.invalid);
    if (!check.withinParent) throw RegionErrors.outsideParent('shape');
  }

  private insertOnce(em: EntityManager, r: Parameters<RegionRepository['insert']>[1]): Promise<RegionRecord> {
    return this.insertGuard(() => this.regions.insert(em, r), r.code);
  }

  /** A code (or a path) already taken under the parent is a CONFLICT that names the code. */
  private async insertGuard<T>(write: () => Promise<T>, code: string): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) throw RegionErrors.duplicateCode(code);
      throw err;
    }
  }
}

/** What other services keep of a node: no geometry (they ask locate for that). */
function eventData(r: RegionRecord): Record<string, unknown> {
  return { id: r.id, parentId: r.parentId, path: r.path, code: r.code, level: r.level, kind: r.kind, name: r.name, archived: r.archivedAt !== null };
}

function encodePathCursor(path: string): string {
  return Buffer.from(`p:${path}`).toString('base64url');
}

function decodePathCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith('p:')) throw new AppError('VALIDATION', 'after: not a cursor this list gave out');
  return raw.slice(2);
}
