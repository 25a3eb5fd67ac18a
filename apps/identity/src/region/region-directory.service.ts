import { eventType, idSchema as id, regionPath, type DomainEvent } from '@gov/kernel';
import { KnownRegionRepository } from '@gov/identity-data-access';
import { Inbox } from '@gov/platform-outbox';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { RegionErrors } from './region.errors.js';

/** grids' region events (gov.grids.region.<event>.v1, published through grids' outbox). */
export const REGION_CREATED = eventType('grids', 'region', 'created');
export const REGION_UPDATED = eventType('grids', 'region', 'updated');
export const REGION_MOVED = eventType('grids', 'region', 'moved');
export const REGION_ARCHIVED = eventType('grids', 'region', 'archived');
export const REGION_EVENT_TYPES = [REGION_CREATED, REGION_UPDATED, REGION_MOVED, REGION_ARCHIVED] as const;

/** created and updated: the node as grids holds it (no geometry). */
export const RegionNodeData = z.object({ id, parentId: id.nullable(), path: regionPath, level: z.string().max(32), archived: z.boolean().default(false) });
export const RegionMovedData = z.object({ id, parentId: id, path: regionPath, previousPath: regionPath, previousParentId: id.nullable().optional() });
export const RegionArchivedData = z.object({ id, path: regionPath });
export type RegionNodeData = z.input<typeof RegionNodeData>;
export type RegionMovedData = z.input<typeof RegionMovedData>;
export type RegionArchivedData = z.input<typeof RegionArchivedData>;

/**
 * The regions grants and units may name: the nodes of grids' tree, as identity knows them from
 * grids' events. No exception for the city or a county that grids has not published yet — the
 * first administrator gets the city through the bootstrap (create-admin), which writes its grant
 * directly; everything granted through the API names a node grids has.
 */
@Injectable()
export class RegionDirectory {
  constructor(
    private readonly regions: KnownRegionRepository,
    private readonly inbox: Inbox,
  ) {}

  /** Refuses (VALIDATION, UNKNOWN_REGION / REGION_ARCHIVED) a path that is not a live node of the tree. */
  async requireGrantable(path: string): Promise<void> {
    const status = await this.regions.status(path);
    if (status === 'unknown') throw RegionErrors.unknown();
    if (status === 'archived') throw RegionErrors.archived();
  }

  /** created and updated. Each applies once per consumer (the inbox drops redeliveries). */
  async recordNode(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const n = RegionNodeData.parse(event.data);
    await this.inbox.once(consumer, event.id, (em) => this.regions.place(em, { id: n.id, parentId: n.parentId, path: n.path, level: n.level, archived: n.archived }, event.aggregateVersion, eventTime(event)));
  }

  /** A move re-paths the node and its whole subtree. */
  async recordMoved(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const m = RegionMovedData.parse(event.data);
    await this.inbox.once(consumer, event.id, (em) => this.regions.place(em, { id: m.id, parentId: m.parentId, path: m.path, level: null, archived: false }, event.aggregateVersion, eventTime(event)));
  }

  async recordArchived(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const a = RegionArchivedData.parse(event.data);
    await this.inbox.once(consumer, event.id, (em) => this.regions.archive(em, { id: a.id, path: a.path }, eventTime(event)));
  }
}

function eventTime(event: DomainEvent<unknown>): Date {
  const t = new Date(event.time);
  return Number.isNaN(t.getTime()) ? new Date() : t;
}
