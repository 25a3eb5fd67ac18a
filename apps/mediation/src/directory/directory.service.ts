import { countyOf, type DomainEvent } from '@gov/kernel';
import { DirectoryRepository, HouseholdRepository, StewardRepository, type HouseholdEventStamp } from '@gov/mediation-data-access';
import { Inbox } from '@gov/platform-outbox';
import { Injectable } from '@nestjs/common';
import { HouseholdData, HouseholdMemberAddedData, PetitionSubmittedData, ProposalCreatedData, StewardData } from './directory-events.js';

/**
 * Keeps mediation's read models of identity's stewards (who may mediate) and grids' households
 * (who lives with or next to whom, for the conflict-of-interest check), and petitions' petitions
 * and proposals (what an agenda item or a case may come from). Each event applies at most
 * once per consumer (the inbox), and an event older than what a row holds changes nothing.
 */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly stewards: StewardRepository,
    private readonly households: HouseholdRepository,
    private readonly sources: DirectoryRepository,
    private readonly inbox: Inbox,
  ) {}

  /** identity's `steward.enrolled` and `steward.updated`. */
  async recordSteward(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const s = StewardData.parse(event.data);
    await this.inbox.once(consumer, event.id, (em) => this.stewards.upsert(em, s, stampOf(event).at));
  }

  /** grids' `household.registered` and `household.moved`: the whole household, members included. */
  async recordHousehold(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const h = HouseholdData.parse(event.data);
    const stamp = stampOf(event);
    await this.inbox.once(consumer, event.id, async (em) => {
      await this.households.place(em, { id: h.id, buildingId: h.buildingId, region: h.region }, stamp);
      await this.households.addMembers(em, h.members.map((m) => ({ personId: m.personId, householdId: h.id, relation: m.relation })), stamp.at);
    });
  }

  /** grids' `household.member-added`: one person joins a household. */
  async recordMember(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const m = HouseholdMemberAddedData.parse(event.data);
    await this.inbox.once(consumer, event.id, (em) => this.households.addMembers(em, [{ personId: m.personId, householdId: m.householdId, relation: m.relation }], stampOf(event).at));
  }

  /** petitions' `petition.submitted`: a petition an agenda item or a case may name. */
  async recordPetition(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const p = PetitionSubmittedData.parse(event.data);
    const label = `${p.trackingCode} ${p.category}`;
    await this.inbox.once(consumer, event.id, (em) => this.sources.upsertSource(em, { id: p.id, kind: 'petition', region: p.region, county: countyOf(p.region), label }, stampOf(event).at));
  }

  /** petitions' `proposal.created`: a proposal an agenda item may name. */
  async recordProposal(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const p = ProposalCreatedData.parse(event.data);
    await this.inbox.once(consumer, event.id, (em) => this.sources.upsertSource(em, { id: p.id, kind: 'proposal', region: p.region, county: countyOf(p.region), label: p.title }, stampOf(event).at));
  }
}

/** The event's aggregate version (when it carries a usable one) and time; an event without a readable time counts as now. */
function stampOf(event: DomainEvent<unknown>): HouseholdEventStamp {
  const t = new Date(event.time);
  const v = event.aggregateVersion;
  return { version: v !== undefined && Number.isInteger(v) && v >= 1 ? v : undefined, at: Number.isNaN(t.getTime()) ? new Date() : t };
}
