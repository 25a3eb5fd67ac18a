/**
 * grids' region tree for identity's tests. Identity refuses grants and units on regions grids has
 * not published, and identity's tests run without grids: `GridsRegions` publishes grids' region
 * events on the run's subjects exactly as grids' outbox relay does (CloudEvents headers, message
 * id, aggregate version), and `regionsKnown` waits until identity's consumers have applied them.
 */
import { EVENTS_STREAM, countyOf, eventSubject, type DomainEvent } from '@gov/kernel';
import { NatsTransport, toCloudEventHeaders, type Namespace } from '@gov/platform-messaging';
import { eventually, type TestContext } from '@gov/platform-testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { REGION_ARCHIVED, REGION_CREATED, REGION_EVENT_TYPES, REGION_MOVED, REGION_UPDATED } from './region/region-directory.service.js';
import type { IdentityTestApp } from './testing.js';

/** grids' levels by depth (libs/grids/contracts REGION_LEVELS). */
const LEVELS = ['city', 'county', 'street', 'community', 'grid', 'compound', 'building'];
const TYPES = { created: REGION_CREATED, updated: REGION_UPDATED, moved: REGION_MOVED, archived: REGION_ARCHIVED };
export type RegionEventName = keyof typeof TYPES;

interface Node {
  id: string;
  parentId: string | null;
  /** The node's aggregate version: the last event published for it. */
  version: number;
}

export interface PublishOptions {
  /** Reuse an event id (a redelivery). */
  eventId?: string;
  /** The aggregate version; by default the node's next one. */
  version?: number;
  /**
   * Publish without `Nats-Msg-Id`: JetStream keeps a second copy of an event id, as after its
   * duplicate window, and only the inbox can drop it.
   */
  withoutMessageId?: boolean;
}

/** The region tree one test file publishes, by path (ids and versions kept as grids would). */
export class GridsRegions {
  private readonly nodes = new Map<string, Node>();
  private last?: { event: RegionEventName; node: { id: string; path: string }; data: Record<string, unknown>; id: string; version: number };

  constructor(
    private readonly nc: NatsConnection,
    private readonly ns: Namespace,
  ) {}

  static async of(t: TestContext): Promise<GridsRegions> {
    return new GridsRegions(await t.nats(), t.ns);
  }

  /** The id grids gave the node at `path`. */
  id(path: string): string {
    const n = this.nodes.get(path);
    if (!n) throw new Error(`fixture: no region ${path} published`);
    return n.id;
  }

  /** Publishes `created` for every path and each of its ancestors not published yet, parents first. */
  async create(...paths: string[]): Promise<void> {
    for (const path of paths) {
      const segments = path.split('/');
      for (let depth = 1; depth <= segments.length; depth++) {
        const p = segments.slice(0, depth).join('/');
        if (this.nodes.has(p)) continue;
        const parentId = depth > 1 ? this.id(segments.slice(0, depth - 1).join('/')) : null;
        const node: Node = { id: randomUUID(), parentId, version: 0 };
        this.nodes.set(p, node);
        await this.publish('created', p, this.nodeData(p, node));
      }
    }
  }

  /** grids' `region.moved`: the node at `path` and its subtree go under `newParent`. Returns the new path. */
  async move(path: string, newParent: string, opts: PublishOptions = {}): Promise<string> {
    const node = this.nodes.get(path);
    if (!node) throw new Error(`fixture: no region ${path} published`);
    const parentId = this.id(newParent);
    const to = `${newParent}/${path.slice(path.lastIndexOf('/') + 1)}`;
    const moved = [...this.nodes].filter(([p]) => p === path || p.startsWith(path + '/'));
    for (const [p] of moved) this.nodes.delete(p);
    for (const [p, n] of moved) this.nodes.set(to + p.slice(path.length), n);
    const previousParentId = node.parentId;
    node.parentId = parentId;
    await this.publish('moved', to, { id: node.id, previousPath: path, path: to, previousParentId, parentId, nodesMoved: moved.length }, opts);
    return to;
  }

  /** grids' `region.archived` (grids archives only a node with nothing active below it). */
  async archive(path: string, opts: PublishOptions = {}): Promise<void> {
    await this.publish('archived', path, { id: this.id(path), path }, opts);
  }

  /** grids' `region.updated` (a new name or shape: nothing identity keeps changes). */
  async update(path: string, opts: PublishOptions = {}): Promise<void> {
    await this.publish('updated', path, this.nodeData(path, this.nodes.get(path)!), opts);
  }

  /** Publishes one event about the node at `path` as grids' relay would; returns the event id. */
  async publish(event: RegionEventName, path: string, data: Record<string, unknown>, opts: PublishOptions = {}): Promise<string> {
    const node = this.nodes.get(path);
    if (!node) throw new Error(`fixture: no region ${path} published`);
    const version = opts.version ?? ++node.version;
    node.version = Math.max(node.version, version);
    return this.publishAbout(event, { id: node.id, path }, data, { ...opts, version });
  }

  /**
   * Publishes one event about any node (one this fixture does not track, or in an order grids
   * never would). `node.path` decides the subject's county, as grids' outbox does.
   */
  async publishAbout(event: RegionEventName, node: { id: string; path: string }, data: Record<string, unknown>, opts: PublishOptions & { version: number }): Promise<string> {
    const id = opts.eventId ?? randomUUID();
    const county = countyOf(node.path);
    const meta: Omit<DomainEvent, 'data'> = { id, type: TYPES[event], source: `/gov/grids/region/${node.id}`, subject: node.id, time: new Date().toISOString(), county, aggregateVersion: opts.version };
    const h = toCloudEventHeaders(meta);
    if (opts.withoutMessageId) h.delete('Nats-Msg-Id');
    await jetstream(this.nc).publish(this.ns.subject(eventSubject(county, 'grids', 'region', event)), JSON.stringify(data), { headers: h });
    this.last = { event, node, data, id, version: opts.version };
    return id;
  }

  /** The id of the last event published. */
  get lastEventId(): string {
    if (!this.last) throw new Error('fixture: nothing published yet');
    return this.last.id;
  }

  /** The last event again, same id, without `Nats-Msg-Id`: JetStream delivers it a second time. */
  async redeliverLast(): Promise<string> {
    if (!this.last) throw new Error('fixture: nothing published yet');
    const { event, node, data, id, version } = this.last;
    return this.publishAbout(event, node, data, { eventId: id, version, withoutMessageId: true });
  }

  private nodeData(path: string, node: Node): Record<string, unknown> {
    const segments = path.split('/');
    return { id: node.id, parentId: node.parentId, path, code: segments.at(-1), level: LEVELS[segments.length - 1] ?? 'building', kind: null, name: path, archived: false };
  }
}

/** Waits until identity's consumers of grids' region events have nothing pending or unacknowledged. */
export async function regionConsumersIdle(t: TestContext, timeoutMs = 15_000): Promise<void> {
  const jsm = await jetstreamManager(await t.nats());
  await eventually(async () => {
    for (const type of REGION_EVENT_TYPES) {
      const info = await jsm.consumers.info(t.ns.stream(EVENTS_STREAM), NatsTransport.durableName('identity', type));
      if (info.num_pending > 0 || info.num_ack_pending > 0) return undefined;
    }
    return true;
  }, timeoutMs);
}

/** What identity's read model says of each path: 'active', 'archived' or absent. */
export async function knownRegionStates(app: IdentityTestApp, paths: string[]): Promise<Record<string, 'active' | 'archived'>> {
  const rows = await app.em().execute<{ path: string; active: boolean }[]>(
    `select path, bool_or(not archived) as active from "${app.config.DB_SCHEMA}".known_region where path in (?) group by path`,
    [paths],
  );
  return Object.fromEntries(rows.map((r) => [r.path, r.active ? 'active' : 'archived']));
}

/** Waits (with a deadline) until identity's read model has every path as a live node. */
export async function regionsKnown(app: IdentityTestApp, paths: string[], timeoutMs = 15_000): Promise<void> {
  await eventually(async () => {
    const states = await knownRegionStates(app, paths);
    return paths.every((p) => states[p] === 'active') ? true : undefined;
  }, timeoutMs);
}

/** Publishes the regions (and their ancestors) as grids would and waits until identity can grant on them. */
export async function publishRegions(app: IdentityTestApp, regions: GridsRegions, ...paths: string[]): Promise<void> {
  await regions.create(...paths);
  await regionsKnown(app, paths);
}
