import type { DomainEvent } from '@gov/kernel';
import { HouseholdRepository, type HouseholdEventStamp } from '@gov/petitions-data-access';
import { Inbox } from '@gov/platform-outbox';
import { Injectable } from '@nestjs/common';
import { HouseholdData, HouseholdMemberAddedData } from './household-events.js';

/**
 * Keeps petitions' copy of grids' household registry: where each household lies (its building's
 * region decides which proposals it votes on) and who its members are (a member votes for it).
 * Each event applies at most once per consumer (the inbox), and an event older than what a row
 * holds changes nothing (grids' aggregate version, else the event's time).
 */
@Injectable()
export class HouseholdRegistry {
  constructor(
    private readonly households: HouseholdRepository,
    private readonly inbox: Inbox,
  ) {}

  /** grids' `household.registered` and `household.moved`: the whole household, members included. */
  async recordHousehold(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const h = HouseholdData.parse(event.data);
    const stamp = stampOf(event);
    await this.inbox.once(consumer, event.id, async (em) => {
      await this.households.place(em, { id: h.id, buildingId: h.buildingId, number: h.number, region: h.region }, stamp);
      await this.households.addMembers(em, h.members.map((m) => ({ personId: m.personId, householdId: h.id, relation: m.relation })), stamp);
    });
  }

  /** grids' `household.member-added`: one person joins a household. */
  async recordMember(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const m = HouseholdMemberAddedData.parse(event.data);
    await this.inbox.once(consumer, event.id, (em) => this.households.addMembers(em, [{ personId: m.personId, householdId: m.householdId, relation: m.relation }], stampOf(event)));
  }
}

/** The event's aggregate version (when it carries a usable one) and time; an event without a readable time counts as now. */
function stampOf(event: DomainEvent<unknown>): HouseholdEventStamp {
  const t = new Date(event.time);
  const v = event.aggregateVersion;
  return { version: v !== undefined && Number.isInteger(v) && v >= 1 ? v : undefined, at: Number.isNaN(t.getTime()) ? new Date() : t };
}
