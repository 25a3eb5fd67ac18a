import type { Actor } from '@gov/kernel';
import { MediationEvents, type CaseState, type ListSessionsInput, type RecordSessionInput, type ScheduleSessionInput, type SessionView } from '@gov/mediation-contracts';
import { SessionRepository, type SessionRecord } from '@gov/mediation-data-access';
import { mayConduct } from '@gov/mediation-domain';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { accessOf } from '../case/case-view.js';
import { CaseWorkflow } from '../case/case-workflow.js';
import { CaseErrors } from '../case/case.errors.js';
import { SessionErrors, missingAs } from './session.errors.js';

/** A session is scheduled while the case is being mediated (the first one starts the mediation). */
const SCHEDULABLE: readonly CaseState[] = ['assigned', 'mediating'];

export function sessionView(s: SessionRecord): SessionView {
  return {
    id: s.id,
    caseId: s.caseId,
    seq: s.seq,
    mode: s.mode,
    startsAt: s.startsAt.toISOString(),
    place: s.place,
    meetingLink: s.meetingLink,
    state: s.state,
    attendedPartyIds: s.attendedPartyIds,
    notes: s.notes,
    recordedAt: s.recordedAt?.toISOString() ?? null,
    recordedBy: s.recordedBy,
  };
}

/**
 * Mediation sessions (调解会): scheduled and recorded by the case's mediator or an admin of its
 * place, each change a case transition (timeline row and event). Events carry the session's id,
 * number and mode, never its place, link, attendance or notes.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly workflow: CaseWorkflow,
    private readonly sessions: SessionRepository,
  ) {}

  async schedule(actor: Actor | null, input: z.output<typeof ScheduleSessionInput>): Promise<SessionView> {
    let session: SessionRecord | undefined;
    await this.workflow.transition(actor, input.caseId, async (em, c, parties, a) => {
      if (!mayConduct(a, accessOf(c, parties))) throw SessionErrors.notConductor();
      if (!SCHEDULABLE.includes(c.state)) throw CaseErrors.wrongState(c.state, 'given a session');
      const startsAt = new Date(input.startsAt);
      if (startsAt.getTime() < Date.now()) throw SessionErrors.inPast();
      if (input.mode === 'online' && !input.meetingLink) throw SessionErrors.onlineNeedsLink();
      if (input.mode === 'in_person' && !input.place) throw SessionErrors.placeNeeded();
      const s = await this.sessions.insertNext(em, { id: randomUUID(), caseId: c.id, mode: input.mode, startsAt, place: input.place, meetingLink: input.meetingLink });
      session = s;
      return {
        patch: c.state === 'assigned' ? { state: 'mediating' } : undefined,
        action: 'session_scheduled',
        note: `session ${s.seq} (${s.mode}) at ${s.startsAt.toISOString()}`,
        event: MediationEvents.sessionScheduled,
        extra: { sessionId: s.id, seq: s.seq, mode: s.mode, startsAt: s.startsAt.toISOString() },
      };
    });
    return sessionView(session!);
  }

  async record(actor: Actor | null, input: z.output<typeof RecordSessionInput>): Promise<SessionView> {
    const known = await this.sessions.byId(input.sessionId);
    if (!known) throw SessionErrors.unknownSession();
    let session: SessionRecord | undefined;
    await this.workflow
      .transition(actor, known.caseId, async (em, c, parties, a) => {
        if (!mayConduct(a, accessOf(c, parties))) throw SessionErrors.notConductor();
        // What the input names is resolved before the session's state is judged: another case's party is NOT_FOUND, always.
        const partyIds = new Set(parties.map((p) => p.id));
        if (!input.attendedPartyIds.every((id) => partyIds.has(id))) throw SessionErrors.unknownParty();
        const s = (await this.sessions.lock(em, known.id))!;
        if (s.state !== 'scheduled') throw SessionErrors.alreadyRecorded();
        const state = input.held ? 'held' : 'cancelled';
        session = await this.sessions.record(em, s.id, { state, attendedPartyIds: [...new Set(input.attendedPartyIds)], notes: input.notes, recordedBy: a.accountId });
        return {
          action: input.held ? 'session_held' : 'session_cancelled',
          note: `session ${s.seq}`,
          event: MediationEvents.sessionRecorded,
          extra: { sessionId: s.id, seq: s.seq, mode: s.mode, held: input.held },
        };
      })
      .catch(missingAs(SessionErrors.unknownSession));
    return sessionView(session!);
  }

  async list(actor: Actor | null, input: z.output<typeof ListSessionsInput>): Promise<SessionView[]> {
    await this.workflow.visible(actor, input.caseId);
    return (await this.sessions.ofCase(input.caseId)).map(sessionView);
  }
}
