import { withoutPersonalData, type DomainEvent } from '@gov/kernel';
import type { PersonalFieldsByType } from './event-catalogue.js';

/**
 * An internal event as integrators receive it (docs/adr/0012): the same CloudEvents attributes,
 * its data with every personal-data field of its type dropped or masked. `undefined` for a type
 * the catalogue does not list: such an event is never published, since nobody has said what in it
 * is personal. The internal event is not changed.
 */
export function toPublicEvent<T>(event: DomainEvent<T>, catalogue: PersonalFieldsByType): DomainEvent<T> | undefined {
  const fields = catalogue.get(event.type);
  if (!fields) return undefined;
  return { ...event, data: withoutPersonalData(event.data, fields) };
}

const TYPE = /^gov\.([a-z0-9_-]+)\.([a-z0-9_-]+)\.([a-z0-9_-]+)\.v(\d+)$/;
const COUNTY = /^[a-z0-9_-]+$/;

/**
 * The subject of an event on the integrators' stream GOV_PUBLIC:
 * `pub.<county>.<service>.<aggregate>.<event>.v<N>` (the internal `evt.…` one with `pub`), so an
 * integrator allowed `pub.<its county>.>` reads only its county. `undefined` when the type or the
 * county would not make one subject token each.
 */
export function publicSubject(event: Pick<DomainEvent, 'type' | 'county'>): string | undefined {
  const m = TYPE.exec(event.type);
  if (!m || !COUNTY.test(event.county)) return undefined;
  return `pub.${event.county}.${m[1]}.${m[2]}.${m[3]}.v${m[4]}`;
}
