import { ADMIN_ROLES, AppError, actorCan, countyOf, forbidden, notFound, regionContains, type Actor } from '@gov/kernel';
import { GridsEvents, type CreatePlaceInput, type ListPlacesInput, type PlaceView } from '@gov/grids-contracts';
import { PlaceRepository, RegionRepository, type PlaceRecord, type PlaceScope } from '@gov/grids-data-access';
import { regionVisibleTo } from '@gov/grids-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

/**
 * Places on the map (哨点, 红管家工作室/驿站, 市场, 背街小巷, 党群服务中心, 社区/村办公室). Admins of the
 * node create them; anyone working on, above or below a place's node sees it.
 */
@Injectable()
export class PlaceService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly places: PlaceRepository,
    private readonly regions: RegionRepository,
  ) {}

  async create(actor: Actor | null, input: z.output<typeof CreatePlaceInput>): Promise<PlaceView> {
    const a = requireActor(actor);
    const region = await this.regions.byId(input.regionId);
    if (!region || !regionVisibleTo(a, region.path)) throw notFound('region', input.regionId);
    if (!actorCan(a, ADMIN_ROLES, region.path)) throw forbidden('no admin role that may create places here');
    if (region.archivedAt) throw invalid('regionId', 'the node is archived');
    const covered = new Map((await this.regions.byIds(input.covers)).map((r) => [r.id, r]));
    input.covers.forEach((id, i) => {
      const r = covered.get(id);
      if (!r || !regionVisibleTo(a, r.path)) throw notFound('region', id);
      if (r.archivedAt) throw invalid(`covers.${i}`, 'the node is archived');
      if (countyOf(r.path) !== countyOf(region.path)) throw invalid(`covers.${i}`, "is not in the place's county");
    });
    return this.tx.run(async (em) => {
      const row = await this.places.insert(em, {
        id: randomUUID(),
        kind: input.kind,
        name: input.name,
        regionId: region.id,
        lat: input.location.lat,
        lng: input.location.lng,
        contactPhone: input.contactPhone,
        openingHours: input.openingHours,
        covers: input.covers,
      });
      // The node is checked above; archived since, or (the usual case) the point lies outside its shape.
      if (!row) throw invalid('location', 'lies outside the shape of the node (or the node was archived)');
      const v = placeView(row);
      await this.outbox.add(em, { ...GridsEvents.placeCreated, region: v.region, subjectId: v.id, data: { ...v } });
      return v;
    });
  }

  /** Places below a node (and on it) that the caller may see: by name, or nearest first within a radius. */
  async list(actor: Actor | null, input: z.output<typeof ListPlacesInput>): Promise<PlaceView[]> {
    const a = requireActor(actor);
    const region = await this.regions.byId(input.regionId);
    if (!region || !regionVisibleTo(a, region.path)) throw notFound('region', input.regionId);
    const rows = await this.places.list(placeScope(a, region.path), input.kinds, input.near, input.first);
    return rows.map(placeView);
  }
}

/**
 * The places of `path`'s subtree that `actor` may see (a place is visible to anyone working on,
 * above or below its node): all of them when a grant lies on `path` or above; else those below
 * the grants inside the subtree and those on the nodes between `path` and each grant.
 */
export function placeScope(actor: Actor, path: string): PlaceScope {
  if (actor.grants.some((g) => regionContains(g.region, path))) return { exact: [path], below: [path] };
  const inside = [...new Set(actor.grants.map((g) => g.region).filter((r) => regionContains(path, r)))];
  const exact = new Set<string>();
  for (const r of inside) {
    const segments = r.split('/');
    for (let n = path.split('/').length; n <= segments.length; n++) exact.add(segments.slice(0, n).join('/'));
  }
  return { exact: [...exact], below: inside };
}

export function placeView(p: PlaceRecord): PlaceView {
  const [lng, lat] = (JSON.parse(p.location) as { coordinates: [number, number] }).coordinates;
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    regionId: p.regionId,
    region: p.regionPath,
    location: { lat, lng },
    contactPhone: p.contactPhone,
    openingHours: p.openingHours,
    covers: p.covers,
    distanceM: p.distanceM === null ? null : Math.round(Number(p.distanceM) * 10) / 10,
    createdAt: new Date(p.createdAt).toISOString(),
  };
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION', `${path}: ${message}`, undefined, [{ path, message }]);
}
