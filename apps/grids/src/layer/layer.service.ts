import { AppError, actorCan, forbidden, notFound, type Actor } from '@gov/kernel';
import {
  GridsEvents,
  type AssignStaffInput,
  type CreateLayerGridInput,
  type CreateLayerInput,
  type EndStaffInput,
  type GridLayerView,
  type LayerGridView,
  type LocateInput,
  type LocateView,
  type StaffView,
} from '@gov/grids-contracts';
import { GridLayer, GridStaff, LayerGridRepository, RegionRepository, regionView, type RegionRecord } from '@gov/grids-data-access';
import { CITY_CREATOR_ROLES, REGION_CREATOR_ROLES, regionVisibleTo } from '@gov/grids-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { PersonDirectory } from '../person/person-directory.js';
import { RegionErrors } from '../region/region.errors.js';

/** The layer whose grids are the region tree's own grid nodes. */
export const COMPREHENSIVE_LAYER = 'comprehensive';

/**
 * Grid layers (多格合一): the tree's comprehensive grids plus police, market supervision, law
 * enforcement and any layer a city admin adds; each grid has the people on duty for it, and
 * `locate` names all of them for a point on the map.
 */
@Injectable()
export class LayerService {
  constructor(
    private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly regions: RegionRepository,
    private readonly grids: LayerGridRepository,
    private readonly people: PersonDirectory,
  ) {}

  async list(actor: Actor | null): Promise<GridLayerView[]> {
    requireActor(actor);
    return (await this.layers()).map(layerView);
  }

  async createLayer(actor: Actor | null, input: z.output<typeof CreateLayerInput>): Promise<GridLayerView> {
    const a = requireActor(actor);
    if (!a.grants.some((g) => CITY_CREATOR_ROLES.includes(g.role))) throw forbidden('only a city admin adds a grid layer');
    const created = await this.tx.run(async (em) => {
      if (await em.findOne(GridLayer, { key: input.key })) throw new AppError('CONFLICT', `layer ${input.key} exists`, 'DUPLICATE_CODE', [{ path: 'key', message: 'taken' }]);
      const sort = (await em.count(GridLayer)) + 1;
      const layer = em.create(GridLayer, { key: input.key, name: input.name, nameZh: input.nameZh, staffRole: input.staffRole, staffTitleZh: input.staffTitleZh, sort });
      await em.flush();
      await this.outbox.add(em, { ...GridsEvents.layerCreated, region: firstCity(a), subjectId: input.key, data: { ...layerView(layer) } });
      return layer;
    });
    return layerView(created);
  }

  async createLayerGrid(actor: Actor | null, input: z.output<typeof CreateLayerGridInput>): Promise<LayerGridView> {
    const a = requireActor(actor);
    if (!actorCan(a, REGION_CREATOR_ROLES, input.region)) throw forbidden('you hold no admin role on that region');
    if (input.layerKey === COMPREHENSIVE_LAYER) throw new AppError('VALIDATION', 'comprehensive grids are the tree’s grid nodes: create a region of level grid', 'WRONG_LAYER', [{ path: 'layerKey', message: 'use createRegion' }]);
    const layer = await this.em.findOne(GridLayer, { key: input.layerKey });
    if (!layer) throw notFound('grid layer', input.layerKey);
    const shape = JSON.stringify(input.shape);
    const grid = await this.tx.run(async (em) => {
      const check = await this.grids.checkShape(em, input.layerKey, shape);
      if (check.invalid) throw RegionErrors.invalidShape(check.invalid);
      if (check.overlaps.length) {
        throw new AppError('VALIDATION', `the grid overlaps ${check.overlaps.join(', ')} of the same layer`, 'OVERLAP', [{ path: 'shape', message: `overlaps ${check.overlaps.join(', ')}` }]);
      }
      const row = { id: randomUUID(), layerKey: input.layerKey, code: input.code, name: input.name, region: input.region };
      try {
        await this.grids.insert(em, { ...row, shape });
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException) throw RegionErrors.duplicateCode(input.code);
        throw err;
      }
      await this.outbox.add(em, { ...GridsEvents.layerGridCreated, region: row.region, subjectId: row.id, data: { ...row } });
      return row;
    });
    return grid;
  }

  async assignStaff(actor: Actor | null, input: z.output<typeof AssignStaffInput>): Promise<StaffView> {
    const a = requireActor(actor);
    const layer = await this.em.findOne(GridLayer, { key: input.layerKey });
    if (!layer) throw notFound('grid layer', input.layerKey);
    const target = await this.gridOf(a, layer.key, input.gridId);
    if (!actorCan(a, REGION_CREATOR_ROLES, target.region)) throw forbidden('you hold no admin role on that grid');
    await this.people.pickable(a, input.personId);
    const staff = await this.tx.run(async (em) => {
      const s = em.create(GridStaff, {
        id: randomUUID(),
        layerKey: layer.key,
        regionId: layer.key === COMPREHENSIVE_LAYER ? target.id : null,
        layerGridId: layer.key === COMPREHENSIVE_LAYER ? null : target.id,
        personId: input.personId,
        name: input.name,
        role: layer.staffRole,
        assignedBy: a.accountId,
      });
      try {
        await em.flush();
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException) throw new AppError('CONFLICT', 'this person is already on duty for that grid', 'ALREADY_ASSIGNED');
        throw err;
      }
      const v = staffView(s, layer);
      await this.outbox.add(em, { ...GridsEvents.staffAssigned, region: target.region, subjectId: s.id, data: { ...v } });
      return v;
    });
    return staff;
  }

  async endStaff(actor: Actor | null, { id }: z.output<typeof EndStaffInput>): Promise<StaffView> {
    const a = requireActor(actor);
    const found = await this.em.findOne(GridStaff, { id });
    if (!found) throw notFound('staff assignment', id);
    const target = await this.gridOf(a, found.layerKey, (found.regionId ?? found.layerGridId)!).catch(() => {
      throw notFound('staff assignment', id);
    });
    if (!actorCan(a, REGION_CREATOR_ROLES, target.region)) throw forbidden('you hold no admin role on that grid');
    const layer = (await this.em.findOneOrFail(GridLayer, { key: found.layerKey }));
    return this.tx.run(async (em) => {
      const s = await em.findOneOrFail(GridStaff, { id });
      if (!s.endedAt) {
        s.endedAt = new Date();
        await em.flush();
        await this.outbox.add(em, { ...GridsEvents.staffEnded, region: target.region, subjectId: s.id, data: { id: s.id, personId: s.personId, gridId: target.id } });
      }
      return staffView(s, layer);
    });
  }

  /**
   * Who is responsible at a point: the node at every level whose area covers it, and for every
   * layer its grid there and the people on duty. Visible parts only: a caller sees the nodes in,
   * above or below their regions, and the team of a grid they may see.
   */
  async locate(actor: Actor | null, input: z.output<typeof LocateInput>): Promise<LocateView> {
    const a = requireActor(actor);
    const answer = await this.teamAt(input.lat, input.lng);
    const regions = answer.regions.filter((r) => regionVisibleTo(a, r.path));
    const layers = answer.layers.map((l) => (l.grid && regionVisibleTo(a, l.grid.region) ? l : { ...l, grid: null, staff: [] }));
    return { ...answer, regions, layers };
  }

  /** The same answer without a caller's view: for QR codes, whose token is the credential. */
  async teamAt(lat: number, lng: number): Promise<LocateView> {
    const [nodes, layerGrids, layers] = await Promise.all([this.regions.covering(lat, lng), this.grids.covering(lat, lng), this.layers()]);
    const covering = chainFromRoot(nodes);
    const treeGrid = covering.find((r) => r.level === 'grid') ?? null;
    const gridByLayer = new Map<string, LayerGridView>(layerGrids.map((g) => [g.layerKey, g]));
    if (treeGrid) gridByLayer.set(COMPREHENSIVE_LAYER, { id: treeGrid.id, layerKey: COMPREHENSIVE_LAYER, code: treeGrid.code, name: treeGrid.name, region: treeGrid.path });
    const staff = await this.grids.staffOf([...gridByLayer.values()].map((g) => g.id));
    return {
      lat,
      lng,
      regions: covering.map(regionView),
      layers: layers.map((layer) => {
        const grid = gridByLayer.get(layer.key) ?? null;
        return {
          layer: layerView(layer),
          grid,
          staff: grid ? staff.filter((s) => s.gridId === grid.id).map((s) => ({ ...s, titleZh: layer.staffTitleZh, assignedAt: new Date(s.assignedAt).toISOString() })) : [],
        };
      }),
    };
  }

  private layers(): Promise<GridLayer[]> {
    return this.em.find(GridLayer, {}, { orderBy: { sort: 'asc' } });
  }

  /** A grid of the layer the caller can see: a tree grid node for the comprehensive layer, a layer grid otherwise. */
  private async gridOf(a: Actor, layerKey: string, id: string): Promise<LayerGridView> {
    if (layerKey === COMPREHENSIVE_LAYER) {
      const node: RegionRecord | null = await this.regions.byId(id);
      if (!node || node.level !== 'grid' || !regionVisibleTo(a, node.path)) throw notFound('grid', id);
      return { id: node.id, layerKey, code: node.code, name: node.name, region: node.path };
    }
    const grid = await this.grids.byId(id);
    if (!grid || grid.layerKey !== layerKey || !regionVisibleTo(a, grid.region)) throw notFound('grid', id);
    return grid;
  }
}

/**
 * One node per level: the chain from the root down, each the child of the one before. Where
 * siblings' drawn areas overlap (a boundary being redrawn), the oldest wins, as the query orders.
 */
function chainFromRoot(nodes: RegionRecord[]): RegionRecord[] {
  const chain: RegionRecord[] = [];
  for (const n of nodes) if (chain.length === 0 ? n.parentId === null : n.parentId === chain.at(-1)!.id) chain.push(n);
  return chain;
}

function layerView(l: GridLayer): GridLayerView {
  return { key: l.key, name: l.name, nameZh: l.nameZh, staffRole: l.staffRole, staffTitleZh: l.staffTitleZh };
}

function staffView(s: GridStaff, layer: GridLayer): StaffView {
  return { id: s.id, layerKey: s.layerKey, gridId: (s.regionId ?? s.layerGridId)!, personId: s.personId, name: s.name, role: s.role, titleZh: layer.staffTitleZh, assignedAt: s.assignedAt.toISOString() };
}

/** Layers belong to the whole city: their events carry the caller's city. */
function firstCity(a: Actor): string {
  return a.grants.find((g) => CITY_CREATOR_ROLES.includes(g.role))!.region.split('/')[0]!;
}
