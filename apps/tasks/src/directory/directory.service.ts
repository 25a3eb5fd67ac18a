import { AppError, type Actor, type DomainEvent } from '@gov/kernel';
import { TaskRefusal } from '@gov/tasks-contracts';
import { DirectoryRepository, type PlaceRef, type StewardRef } from '@gov/tasks-data-access';
import { communityOf } from '@gov/tasks-domain';
import { Inbox } from '@gov/platform-outbox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { NumberReissuedData, PlaceData, StewardData, UnitData } from './directory-events.js';

/**
 * Who the caller is as a steward, and the places tasks are checked in at, from the local read
 * models; and the event handlers that keep those read models (identity's stewards and units,
 * grids' places). Each event applies at most once per consumer (the inbox drops redeliveries) and
 * an event older than what a row holds (by its CloudEvents time) changes nothing.
 */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly inbox: Inbox,
  ) {}

  /** The caller's steward record; CONFLICT NOT_A_STEWARD when identity has enrolled them in none. */
  async stewardOf(actor: Actor): Promise<StewardRef> {
    const steward = actor.personId ? await this.directory.stewardByPerson(actor.personId) : null;
    if (!steward) throw new AppError('CONFLICT', 'only an enrolled steward may do this', TaskRefusal.NOT_A_STEWARD);
    return steward;
  }

  /** The caller's steward record, or null for callers who are not stewards. */
  async stewardOrNull(actor: Actor): Promise<StewardRef | null> {
    return actor.personId ? this.directory.stewardByPerson(actor.personId) : null;
  }

  stewardById(id: string): Promise<StewardRef | null> {
    return this.directory.stewardById(id);
  }

  placeById(id: string): Promise<PlaceRef | null> {
    return this.directory.placeById(id);
  }

  /** identity's `steward.enrolled` and `steward.updated`: the whole steward; the community follows the grid. */
  async recordSteward(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const s = StewardData.parse(event.data);
    await this.once(consumer, event, (em, at) =>
      this.directory.recordSteward(
        em,
        { id: s.id, personId: s.personId, number: s.number, class: s.class, unitId: s.unitId, grid: s.grid, community: communityOf(s.grid), reportsToId: s.reportsToId },
        at,
      ),
    );
  }

  /** identity's `steward.number-reissued`: only the number changes here (its `steward.updated` carries the rest). */
  async recordNumberReissued(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const r = NumberReissuedData.parse(event.data);
    await this.once(consumer, event, (em, at) => this.directory.recordStewardNumber(em, r.id, r.number, at));
  }

  /** identity's `unit.created`. */
  async recordUnit(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const u = UnitData.parse(event.data);
    await this.once(consumer, event, (em, at) => this.directory.recordUnit(em, { id: u.id, name: u.name, region: u.region }, at));
  }

  /** grids' `place.created`: a check-in target at its location, with the default radius. */
  async recordPlace(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const p = PlaceData.parse(event.data);
    await this.once(consumer, event, (em, at) =>
      this.directory.recordPlace(em, { id: p.id, kind: p.kind, name: p.name, region: p.region, lat: p.location.lat, lng: p.location.lng, archived: p.archived }, at),
    );
  }

  private async once(consumer: string, event: DomainEvent<unknown>, effects: (em: EntityManager, at: Date) => Promise<void>): Promise<void> {
    await this.inbox.once(consumer, event.id, (em) => effects(em, eventTime(event)));
  }
}

/** When the change happened (the event's `time`); an event without a readable one counts as now. */
function eventTime(event: DomainEvent<unknown>): Date {
  const t = new Date(event.time);
  return Number.isNaN(t.getTime()) ? new Date() : t;
}
