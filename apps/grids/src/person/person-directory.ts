import { actorCan, eventType, notFound, type Actor, type DomainEvent, type RoleName } from '@gov/kernel';
import { PersonRefRepository, type PersonRef } from '@gov/grids-data-access';
import { Inbox } from '@gov/platform-outbox';
import { Injectable } from '@nestjs/common';

/** identity's `person.registered` (gov.identity.person.registered.v1): grids keeps who exists and where. */
export const PERSON_REGISTERED = eventType('identity', 'person', 'registered');
export interface PersonRegisteredData {
  id: string;
  region: string;
}

/** Roles that may put a person on duty, in a household or at the head of ten: any role on the person's region except residents' and integrators'. */
const PERSON_PICKER_ROLES: readonly RoleName[] = ['steward', 'grid_worker', 'community_admin', 'street_admin', 'county_admin', 'city_admin', 'department_handler', 'mediator'];

/**
 * The persons grids may refer to. A person id from a caller counts only when identity has told
 * grids about that person and the person lives in one of the caller's regions: nobody puts a
 * person of another county on duty, and an unknown id and another county's answer alike.
 */
@Injectable()
export class PersonDirectory {
  constructor(
    private readonly persons: PersonRefRepository,
    private readonly inbox: Inbox,
  ) {}

  /** The person, or NOT_FOUND exactly as for an id that exists nowhere. */
  async pickable(a: Actor, personId: string): Promise<PersonRef> {
    const person = await this.persons.byId(personId);
    if (!person || !actorCan(a, PERSON_PICKER_ROLES, person.region)) throw notFound('person', personId);
    return person;
  }

  /** Applies identity's event once per consumer (the inbox drops redeliveries). */
  async recordRegistered(consumer: string, event: DomainEvent<PersonRegisteredData>): Promise<void> {
    await this.inbox.once(consumer, event.id, (em) => this.persons.record(em, { id: event.data.id, region: event.data.region }, new Date(event.time)));
  }
}
