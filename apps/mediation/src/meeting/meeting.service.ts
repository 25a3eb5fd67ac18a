import { actorCan, countyOf, notFound, pathNotFound, regionContains, type Actor } from '@gov/kernel';
import {
  MediationEvents,
  type AddAgendaItemInput,
  type AgendaItemView,
  type DecisionView,
  type GetMeetingInput,
  type ListMeetingsInput,
  type MeetingView,
  type RecordDecisionInput,
  type RecordMinutesInput,
  type ScheduleMeetingInput,
} from '@gov/mediation-contracts';
import { CommitteeRepository, DirectoryRepository, MeetingRepository, type AgendaItemRecord, type DecisionRecord, type MeetingRecord } from '@gov/mediation-data-access';
import { MEETING_ROLES, nodeAt } from '@gov/mediation-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { requireKnownPersons } from '../directory/known-persons.js';
import { CommitteeService, seesPlace } from './committee.service.js';
import { MeetingErrors } from './meeting.errors.js';

/** A list item filed by a decision is titled after its agenda item, or the decision's first words. */
const LIST_ITEM_TITLE_MAX = 120;

/**
 * Deliberation meetings (议事会): scheduled by the place's staff, given an agenda from petitions,
 * proposals, list items or raised on the spot, held once their minutes are recorded, and then
 * decided on; each decision's event lets tasks, petitions or mediation take it up.
 */
@Injectable()
export class MeetingService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly meetings: MeetingRepository,
    private readonly listItems: CommitteeRepository,
    private readonly committee: CommitteeService,
    private readonly directory: DirectoryRepository,
  ) {}

  async schedule(actor: Actor | null, input: z.output<typeof ScheduleMeetingInput>): Promise<MeetingView> {
    const a = requireActor(actor);
    if (!nodeAt(input.region, 'community')) throw MeetingErrors.notAPlace();
    if (!actorCan(a, MEETING_ROLES, input.region)) throw MeetingErrors.notMeetingStaff();
    return this.tx.run(async (em) => {
      const id = randomUUID();
      const { kind, region, title, place } = input;
      await this.meetings.insert(em, { id, kind, region, county: countyOf(region), title, place, startsAt: new Date(input.startsAt), createdBy: a.accountId });
      const m = await this.meetings.reload(em, id);
      await this.outbox.add(em, { ...MediationEvents.meetingScheduled, region, subjectId: id, data: meetingEventData(m) });
      return meetingView(m, [], []);
    });
  }

  async get(actor: Actor | null, input: z.output<typeof GetMeetingInput>): Promise<MeetingView> {
    const a = requireActor(actor);
    const m = await this.meetings.byId(input.id);
    if (!m || !seesPlace(a, m.region)) throw notFound('meeting', input.id);
    return meetingView(m, await this.meetings.agenda([m.id]), await this.meetings.decisions([m.id]));
  }

  async list(actor: Actor | null, input: z.output<typeof ListMeetingsInput>): Promise<MeetingView[]> {
    const a = requireActor(actor);
    const grants = [...new Set(a.grants.map((g) => g.region))];
    if (input.region && !seesPlace(a, input.region)) throw pathNotFound();
    // A meeting of a place above the caller's (their grid's community) is theirs to read too.
    const visible = [...new Set(grants.flatMap((r) => r.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))))];
    const rows = await this.meetings.list({ visible, below: grants, region: input.region, limit: input.first });
    const ids = rows.map((m) => m.id);
    const [agenda, decisions] = await Promise.all([this.meetings.agenda(ids), this.meetings.decisions(ids)]);
    return rows.map((m) => meetingView(m, agenda, decisions));
  }

  async addAgendaItem(actor: Actor | null, input: z.output<typeof AddAgendaItemInput>): Promise<AgendaItemView> {
    return this.change(actor, input.meetingId, async (em, m) => {
      if (input.source === 'raised' && input.sourceId) throw MeetingErrors.noSourceForRaised();
      if (input.source !== 'raised' && !input.sourceId) throw MeetingErrors.sourceNeeded();
      if (input.source === 'list_item') {
        const item = await this.listItems.byId(em, input.sourceId!);
        if (!item || item.community !== nodeAt(m.region, 'community')) throw MeetingErrors.unknownListItem();
      }
      if (input.source === 'petition' || input.source === 'proposal') {
        // Petitions and proposals of the meeting's community, as petitions' events told mediation.
        const source = await this.directory.findSource(em, input.sourceId!, input.source);
        if (!source || !regionContains(nodeAt(m.region, 'community')!, source.region)) throw MeetingErrors.unknownSource(input.source);
      }
      // What the item names is resolved first (NOT_FOUND), then the meeting's state is judged.
      if (m.state !== 'scheduled') throw MeetingErrors.agendaClosed(m.state);
      const item = await this.meetings.addAgendaItem(em, { id: randomUUID(), meetingId: m.id, source: input.source, sourceId: input.sourceId, title: input.title, description: input.description });
      await this.outbox.add(em, { ...MediationEvents.agendaItemAdded, region: m.region, subjectId: m.id, data: { ...meetingEventData(m), agendaItem: agendaItemView(item) } });
      return agendaItemView(item);
    });
  }

  async recordMinutes(actor: Actor | null, input: z.output<typeof RecordMinutesInput>): Promise<MeetingView> {
    return this.change(actor, input.meetingId, async (em, m) => {
      await requireKnownPersons(em, this.directory, countyOf(m.region), input.attendees.map((x) => x.personId));
      if (m.state === 'held') throw MeetingErrors.alreadyRecorded();
      const held = await this.meetings.recordMinutes(em, m.id, input.attendees, input.minutes);
      // Attendees' names stay out of the event: integrators learn how many came.
      await this.outbox.add(em, { ...MediationEvents.minutesRecorded, region: m.region, subjectId: m.id, data: { ...meetingEventData(held), attendeeCount: held.attendees.length } });
      return meetingView(held, await this.meetings.agendaIn(em, m.id), await this.meetings.decisionsIn(em, m.id));
    });
  }

  async recordDecision(actor: Actor | null, input: z.output<typeof RecordDecisionInput>): Promise<DecisionView> {
    return this.change(actor, input.meetingId, async (em, m, a) => {
      let item: AgendaItemRecord | null = null;
      if (input.agendaItemId) {
        item = (await this.meetings.agendaIn(em, m.id)).find((i) => i.id === input.agendaItemId) ?? null;
        if (!item) throw MeetingErrors.unknownAgendaItem();
      }
      if (m.state !== 'held') throw MeetingErrors.notHeld();
      if (input.action === 'list_item' && !input.list) throw MeetingErrors.missing([{ path: 'list', message: 'required to file a list item' }]);
      const filed =
        input.action === 'list_item'
          ? await this.committee.file(em, {
              community: nodeAt(m.region, 'community')!,
              list: input.list!,
              title: item?.title ?? input.text.slice(0, LIST_ITEM_TITLE_MAX),
              detail: input.text,
              state: 'open',
              ownerUnit: null,
              sourceMeetingId: m.id,
            })
          : null;
      const d = await this.meetings.insertDecision(em, { id: randomUUID(), meetingId: m.id, agendaItemId: item?.id ?? null, text: input.text, action: input.action, listItemId: filed?.id ?? null, decidedBy: a.accountId });
      await this.outbox.add(em, { ...MediationEvents.decisionRecorded, region: m.region, subjectId: m.id, data: decisionEventData(m, d, item, input.list) });
      return decisionView(d);
    });
  }

  /** One write to a meeting: locked, visible to the caller (else NOT_FOUND), run by its place's staff. */
  private async change<T>(actor: Actor | null, meetingId: string, work: (em: EntityManager, m: MeetingRecord, a: Actor) => Promise<T>): Promise<T> {
    const a = requireActor(actor);
    return this.tx.run(async (em) => {
      const m = await this.meetings.lock(em, meetingId);
      if (!m || !seesPlace(a, m.region)) throw notFound('meeting', meetingId);
      if (!actorCan(a, MEETING_ROLES, m.region)) throw MeetingErrors.notMeetingStaff();
      return work(em, m, a);
    });
  }
}

/** Event payloads carry the meeting without its attendees' names. */
function meetingEventData(m: MeetingRecord): Record<string, unknown> {
  return { id: m.id, kind: m.kind, region: m.region, title: m.title, startsAt: m.startsAt.toISOString(), place: m.place, state: m.state };
}

/** What tasks, petitions and mediation need to act on a decision (`creates` names who should). */
function decisionEventData(m: MeetingRecord, d: DecisionRecord, item: AgendaItemRecord | null, list: string | null): Record<string, unknown> {
  return {
    meetingId: m.id,
    region: m.region,
    kind: m.kind,
    meetingTitle: m.title,
    decisionId: d.id,
    agendaItemId: d.agendaItemId,
    text: d.text,
    action: d.action,
    creates: d.action,
    listItemId: d.listItemId,
    decidedAt: d.decidedAt.toISOString(),
    list: d.action === 'list_item' ? list : null,
    agendaItemTitle: item?.title ?? null,
    source: item?.source ?? null,
    sourceId: item?.sourceId ?? null,
  };
}

export function meetingView(m: MeetingRecord, agenda: readonly AgendaItemRecord[], decisions: readonly DecisionRecord[]): MeetingView {
  return {
    id: m.id,
    kind: m.kind,
    region: m.region,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    place: m.place,
    state: m.state,
    attendees: m.attendees.map((x) => ({ name: x.name, role: x.role, personId: x.personId ?? null })),
    minutes: m.minutes,
    agenda: agenda.filter((i) => i.meetingId === m.id).map(agendaItemView),
    decisions: decisions.filter((d) => d.meetingId === m.id).map(decisionView),
    createdBy: m.createdBy,
    createdAt: m.createdAt.toISOString(),
  };
}

export function agendaItemView(i: AgendaItemRecord): AgendaItemView {
  return { id: i.id, meetingId: i.meetingId, position: i.position, source: i.source, sourceId: i.sourceId, title: i.title, description: i.description };
}

export function decisionView(d: DecisionRecord): DecisionView {
  return { id: d.id, meetingId: d.meetingId, agendaItemId: d.agendaItemId, text: d.text, action: d.action, listItemId: d.listItemId, decidedAt: d.decidedAt.toISOString() };
}
