import { GridsEvents } from '@gov/grids-contracts';
import { IdentityEvents } from '@gov/identity-contracts';
import { IntegrationsEvents } from '@gov/integrations-contracts';
import { eventType, personalFieldsOf, type PersonalField } from '@gov/kernel';
import { MediationEvents } from '@gov/mediation-contracts';
import { PetitionsEvents } from '@gov/petitions-contracts';
import { TasksEvents } from '@gov/tasks-contracts';
import type { z } from 'zod';

/**
 * An entry of a service's events object as found: every service's entries are `EventContract`s,
 * read defensively (an entry without a schema or version is skipped, never guessed at).
 */
export interface EventEntry {
  aggregate: string;
  event: string;
  version?: number;
  summary?: string;
  schema?: z.ZodType;
}

/** Every service's events, by the service that publishes them (`gov.<service>.…`). */
export const EVENTS_BY_SERVICE: Record<string, Record<string, EventEntry>> = {
  identity: IdentityEvents,
  grids: GridsEvents,
  tasks: TasksEvents,
  petitions: PetitionsEvents,
  mediation: MediationEvents,
  integrations: IntegrationsEvents,
};

/** Event type → its personal-data fields, for every catalogued type. */
export type PersonalFieldsByType = ReadonlyMap<string, readonly PersonalField[]>;

/**
 * The personal-data fields of every event type with a schema. An entry without one has said
 * nothing about its personal data: it is left out, so nothing of it is ever sent out (ADR 0012).
 */
export function personalFieldsByType(events: Record<string, Record<string, EventEntry>> = EVENTS_BY_SERVICE): PersonalFieldsByType {
  const out = new Map<string, readonly PersonalField[]>();
  for (const [service, entries] of Object.entries(events)) {
    for (const e of Object.values(entries)) {
      if (!e || typeof e !== 'object' || !e.schema || e.version === undefined || !e.aggregate || !e.event) continue;
      out.set(eventType(service, e.aggregate, e.event, e.version), personalFieldsOf(e.schema));
    }
  }
  return out;
}

/** The event catalogue: every type in the services' contracts with a schema, with its personal fields. */
export const EVENT_CATALOGUE: PersonalFieldsByType = personalFieldsByType();

/** Services that publish at least one catalogued type: what a wildcard `gov.<service>.*` may name. */
export const CATALOGUE_SERVICES: ReadonlySet<string> = new Set([...EVENT_CATALOGUE.keys()].map((t) => t.split('.')[1]!));

/** True when `pattern` is a catalogued type or the wildcard of a service with catalogued types. */
export function isKnownEventTypePattern(pattern: string): boolean {
  const wildcard = /^gov\.([a-z0-9-]+)\.\*$/.exec(pattern);
  return wildcard ? CATALOGUE_SERVICES.has(wildcard[1]!) : EVENT_CATALOGUE.has(pattern);
}

/** True when `type` is one of `patterns` or falls under one of its service wildcards. */
export function eventTypeMatches(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}
