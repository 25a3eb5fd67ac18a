import { WebhookRepository, type WebhookRoute } from '@gov/integrations-data-access';
import { eventTypeMatches } from '@gov/integrations-domain';
import type { DomainEvent } from '@gov/kernel';
import { SCHEMA_READY } from '@gov/platform-service';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

interface Table {
  version: string;
  byCounty: Map<string, WebhookRoute[]>;
}

/** Which of the webhooks want an event. */
export type RouteLookup = (event: DomainEvent) => WebhookRoute[];

/** Routes as of one version of the active webhooks. */
export interface Routes {
  version: string;
  find: RouteLookup;
}

/**
 * Which active webhooks want an event, from a copy of the active webhooks kept in memory: the
 * fan-out asks for every batch of events, most events (of most counties and types) are wanted by
 * nobody, and then nothing is written at all.
 *
 * The copy is exact, not merely recent: every change of the active webhooks (created, switched on
 * or off, deleted) bumps a version row in its transaction (WebhookRepository). The fan-out routes
 * with the copy and writes its deliveries only while that version is still current (one statement:
 * DeliveryRepository.fanOut), and a batch that nobody wants is checked against it (one row read,
 * `fresh()`); the copy is read again when the version moved. So an event that arrives after a
 * webhook was registered, on whichever replica, is routed to it, as when the fan-out read the
 * webhooks in a transaction of its own per event.
 */
@Injectable()
export class WebhookRoutes {
  private table?: Table;

  constructor(
    private readonly orm: MikroORM,
    private readonly webhooks: WebhookRepository,
    @Inject(SCHEMA_READY) _schemaReady: unknown,
  ) {}

  /** The copy as it is, perhaps stale (its version says of when): read first if there is none. */
  async cached(): Promise<Routes> {
    return routesOf(this.table ?? (await this.reload()));
  }

  /** Routes as of now: the copy if its version is still current, else the webhooks read again. */
  async fresh(): Promise<Routes> {
    const t = this.table;
    if (t && (await this.webhooks.routesVersion(this.em())) === t.version) return routesOf(t);
    return routesOf(await this.reload());
  }

  /** Reads the webhooks again (the version moved since `version`). */
  async reload(): Promise<Table> {
    const { version, routes } = await this.webhooks.activeRoutes(this.em());
    const byCounty = new Map<string, WebhookRoute[]>();
    for (const r of routes) byCounty.set(r.county, [...(byCounty.get(r.county) ?? []), r]);
    this.table = { version, byCounty };
    return this.table;
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }
}

/**
 * The active webhooks of the event's county and the city-wide ones whose types match and that
 * were registered by the time of the event.
 */
function routesOf(table: Table): Routes {
  return {
    version: table.version,
    find: (event) => {
      const at = Date.parse(event.time);
      const candidates = [...(table.byCounty.get(event.county) ?? []), ...(event.county === 'city' ? [] : (table.byCounty.get('city') ?? []))];
      return candidates.filter((w) => eventTypeMatches(w.eventTypes, event.type) && !(Number.isFinite(at) && at < w.createdAt.getTime()));
    },
  };
}
