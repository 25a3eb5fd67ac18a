import { AppError, notFound, pathNotFound, regionContains, unauthenticated, type Actor, type EventContract, type GetManyInput } from '@gov/kernel';
import {
  HANDLING_STATES,
  MIN_SATISFIED_RATING,
  PetitionsEvents,
  type AssignPetitionInput,
  type ContactView,
  type DuplicateCandidateView,
  type Level,
  type ListPetitionsInput,
  type NoticeView,
  type PetitionActionInput,
  type PetitionState,
  type PetitionView,
  type PublicPetitionView,
  type RatePetitionInput,
  type ReopenPetitionInput,
  type ResolvePetitionInput,
  type ScreenPetitionInput,
  type SpawnFromPetitionInput,
  type TimelineEntryView,
} from '@gov/petitions-contracts';
import { DirectoryRepository, PetitionRepository, type PetitionPatch, type PetitionRecord } from '@gov/petitions-data-access';
import {
  DUPLICATE_RADIUS_M,
  DUPLICATE_WINDOW_DAYS,
  MAX_DUPLICATE_CANDIDATES,
  daysBefore,
  departmentCounties,
  hashSubmitterKey,
  levelDeadline,
  levelRegion,
  mayHandle,
  mayScreen,
  maySupervise,
  petitionVisibleTo,
  staffRegions,
} from '@gov/petitions-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { PiiCipher } from '@gov/platform-persistence';
import { TransactionRunner } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { AttachmentCheck, attachmentUnavailable } from './attachments.js';
import { GridsClient } from './grids.client.js';
import { contactPlace } from './petition-intake.service.js';
import { PetitionErrors } from './petition.errors.js';
import { petitionView, publicView, timelineView } from './petition-view.js';

/** Who did a transition, as the timeline records it. */
export interface Doer {
  accountId: string | null;
  label: string;
}
export const SYSTEM: Doer = { accountId: null, label: 'system' };
const doer = (a: Actor): Doer => ({ accountId: a.accountId, label: a.username });

const SCREENABLE: readonly PetitionState[] = ['submitted'];
const ASSIGNABLE: readonly PetitionState[] = ['screened', 'assigned', 'accepted', 'in_progress'];
const SCREEN_STATE = { valid: 'screened', duplicate: 'merged', invalid: 'invalid', not_responsible: 'not_responsible', referred: 'referred' } as const;
const TERMINAL_SCREEN: readonly PetitionState[] = ['merged', 'invalid', 'not_responsible', 'referred'];

/**
 * The loop after intake: screen (甄别) → assign (交办) → accept → in progress → resolve (办结) →
 * the resident's rating (评价) → closed; an unsatisfied rating or a supervisor reopens. Every
 * transition locks the petition, checks the caller, appends to the timeline (the audit trail) and
 * publishes its event in the same transaction.
 */
@Injectable()
export class PetitionService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly petitions: PetitionRepository,
    private readonly directory: DirectoryRepository,
    private readonly grids: GridsClient,
    private readonly attachments: AttachmentCheck,
    private readonly pii: PiiCipher,
    private readonly em: EntityManager,
  ) {}

  // ---- Reads ---------------------------------------------------------------------------------

  async get(actor: Actor | null, id: string): Promise<PetitionView> {
    const p = await this.visible(requireActor(actor), id);
    return petitionView(p, await this.petitions.attachmentsOf([p.id]));
  }

  async getMany(actor: Actor | null, { ids }: GetManyInput): Promise<PetitionView[]> {
    const a = requireActor(actor);
    const rows = (await this.petitions.byIds(ids)).filter((p) => petitionVisibleTo(a, p));
    const attachments = await this.petitions.attachmentsOf(rows.map((p) => p.id));
    return rows.map((p) => petitionView(p, attachments));
  }

  /** Anyone holding the tracking code: the public view, no contact, no staff notes. */
  async byTrackingCode(trackingCode: string): Promise<PublicPetitionView> {
    const p = await this.petitions.byTrackingCode(trackingCode);
    if (!p) throw notFound('petition', trackingCode);
    return publicView(p, await this.petitions.timeline(p.id));
  }

  async list(actor: Actor | null, input: ListPetitionsInput): Promise<{ items: PetitionView[]; endCursor: string | null; hasNextPage: boolean }> {
    const a = requireActor(actor);
    const below = staffRegions(a);
    const counties = departmentCounties(a);
    if (input.region && !below.some((r) => regionContains(r, input.region!) || regionContains(input.region!, r)) && !counties.some((c) => regionContains(c, input.region!)))
      throw pathNotFound();
    const rows = await this.petitions.list({
      scope: { below, departmentCounties: counties },
      region: input.region,
      states: input.states,
      channels: input.channels,
      category: input.category,
      level: input.level,
      departmentId: input.departmentId,
      overdue: input.overdue,
      afterSeq: input.after ? decodeSeq(input.after) : null,
      limit: input.first + 1,
    });
    const page = rows.slice(0, input.first);
    const attachments = await this.petitions.attachmentsOf(page.map((p) => p.id));
    return { items: page.map((p) => petitionView(p, attachments)), endCursor: page.length ? encodeSeq(page.at(-1)!.seq) : null, hasNextPage: rows.length > input.first };
  }

  async timeline(actor: Actor | null, id: string): Promise<TimelineEntryView[]> {
    const p = await this.visible(requireActor(actor), id);
    return (await this.petitions.timeline(p.id)).map(timelineView);
  }

  /** The submitter's contact, for supervisors and the current handler: audited before it leaves. */
  async contact(actor: Actor | null, id: string, reason: string | null): Promise<ContactView> {
    const a = requireActor(actor);
    const p = await this.visible(a, id);
    if (!maySupervise(a, p) && !mayHandle(a, p) && !mayScreen(a, p)) throw new AppError('FORBIDDEN', 'only the handler, the screener or a supervisor may read the contact');
    if (!p.contactEnc) throw new AppError('NOT_FOUND', 'this petition was submitted without a contact');
    await this.tx.run((em) => this.petitions.recordContactAccess(em, p.id, a.accountId, reason));
    const c = JSON.parse(this.pii.decrypt(p.contactEnc, contactPlace(p.id))) as { name: string; phone: string };
    return { petitionId: p.id, name: c.name, phone: c.phone };
  }

  /** Open petitions of the same category at the same building or within DUPLICATE_RADIUS_M, from the last days. */
  async duplicates(actor: Actor | null, id: string): Promise<DuplicateCandidateView[]> {
    const a = requireActor(actor);
    const p = await this.visible(a, id);
    const rows = await this.petitions.duplicateCandidates(p, DUPLICATE_RADIUS_M, daysBefore(p.createdAt, DUPLICATE_WINDOW_DAYS), MAX_DUPLICATE_CANDIDATES);
    return rows
      .filter((r) => petitionVisibleTo(a, r))
      .map((r) => ({ petition: petitionView(r), distanceM: r.distanceM, sameBuilding: r.buildingId !== null && r.buildingId === p.buildingId }));
  }

  /** Results published to the residents of a building and its compound (结果公示): the QR token is the credential. */
  async notices(qrToken: string, first: number): Promise<NoticeView[]> {
    const q = await this.grids.resolveQr(qrToken);
    const rows = await this.petitions.notices(q.building.id, q.compound?.path ?? null, first);
    return rows.map((p) => ({ trackingCode: p.trackingCode, categoryNameZh: p.categoryNameZh, title: p.title, result: p.result!, resolvedAt: p.resolvedAt!.toISOString(), rating: p.rating }));
  }

  /** For the gateway's GET /attachments/:id: the file's type if the caller may see its petition. */
  async attachmentAccess(actor: Actor | null, id: string): Promise<{ id: string; contentType: string; bytes: number }> {
    const a = requireActor(actor);
    const att = await this.petitions.attachmentById(id);
    const p = att ? await this.petitions.byId(att.petitionId) : null;
    if (!att || !p || !petitionVisibleTo(a, p)) throw notFound('attachment', id);
    return { id: att.id, contentType: att.contentType, bytes: att.bytes };
  }

  // ---- Transitions ---------------------------------------------------------------------------

  async screen(actor: Actor | null, input: ScreenPetitionInput): Promise<PetitionView> {
    const a = requireActor(actor);
    return this.transition(a, input.id, 'screened', async (em, p) => {
      // The petition it repeats must be one the caller sees, whatever the outcome: another county's answers as a missing one.
      const repeated = input.duplicateOf ? await this.petitions.lock(em, input.duplicateOf) : null;
      if (input.duplicateOf && (!repeated || !petitionVisibleTo(a, repeated))) throw notFound('petition', input.duplicateOf);
      if (!mayScreen(a, p)) throw new AppError('FORBIDDEN', 'only grid workers and admins of its region screen a petition');
      if (!SCREENABLE.includes(p.state)) throw PetitionErrors.wrongState(p.state, 'screened');
      const to = SCREEN_STATE[input.outcome];
      const patch: PetitionPatch = { state: to, priority: input.priority, screenedAt: new Date() };
      if (input.outcome === 'duplicate') {
        if (!input.duplicateOf) throw new AppError('VALIDATION', 'say which petition it repeats', undefined, [{ path: 'duplicateOf', message: 'required for a duplicate' }]);
        if (input.duplicateOf === p.id) throw PetitionErrors.duplicateOfItself();
        const target = repeated!;
        if (TERMINAL_SCREEN.includes(target.state) || target.state === 'closed' || target.county !== p.county) throw PetitionErrors.duplicateTargetClosed();
        const clusterId = target.clusterId ?? target.id;
        if (!target.clusterId) await this.petitions.patch(em, target.id, { clusterId });
        Object.assign(patch, { clusterId, duplicateOf: target.id });
      } else if (to !== 'screened') patch.closedAt = new Date();
      const action = input.outcome === 'valid' ? 'screened' : input.outcome === 'duplicate' ? 'merged' : input.outcome;
      return { patch, action, note: input.note, event: input.outcome === 'duplicate' ? PetitionsEvents.petitionMerged : PetitionsEvents.petitionScreened, extra: { outcome: input.outcome, duplicateOf: input.duplicateOf } };
    });
  }

  async assign(actor: Actor | null, input: AssignPetitionInput): Promise<PetitionView> {
    const a = requireActor(actor);
    return this.transition(a, input.id, 'assigned', async (em, p) => {
      // The screener assigns; whoever holds it now may pass it up (never down past the grid).
      if (!mayScreen(a, p) && !mayHandle(a, p)) throw new AppError('FORBIDDEN', 'only the screener or the current handler assigns a petition');
      if (!ASSIGNABLE.includes(p.state)) throw PetitionErrors.wrongState(p.state, 'assigned');
      const target = await this.target(em, p, input.level, input.region, input.departmentId);
      return {
        patch: { state: 'assigned', level: input.level, assigneeRegion: target.region, departmentId: target.departmentId, levelDeadline: levelDeadline(input.level, new Date()), acceptedAt: null },
        action: 'assigned',
        note: input.note,
        event: PetitionsEvents.petitionAssigned,
        extra: { level: input.level, assigneeRegion: target.region, departmentId: target.departmentId },
      };
    });
  }

  async accept(actor: Actor | null, input: z.output<typeof PetitionActionInput>): Promise<PetitionView> {
    const a = requireActor(actor);
    return this.transition(a, input.id, 'accepted', async (_em, p) => {
      if (p.state !== 'assigned') throw PetitionErrors.wrongState(p.state, 'accepted');
      if (!mayHandle(a, p)) throw new AppError('FORBIDDEN', 'only a handler at its level accepts a petition');
      return { patch: { state: 'accepted', acceptedAt: new Date() }, action: 'accepted', note: input.note, event: PetitionsEvents.petitionAccepted };
    });
  }

  async start(actor: Actor | null, input: z.output<typeof PetitionActionInput>): Promise<PetitionView> {
    const a = requireActor(actor);
    return this.transition(a, input.id, 'in_progress', async (_em, p) => {
      if (p.state !== 'accepted') throw PetitionErrors.wrongState(p.state, 'started');
      if (!mayHandle(a, p)) throw new AppError('FORBIDDEN', 'only a handler at its level works on a petition');
      return { patch: { state: 'in_progress' }, action: 'started', note: input.note, event: PetitionsEvents.petitionStarted };
    });
  }

  /** Resolves the petition and every petition merged into its cluster: each reporter hears of the result. */
  async resolve(actor: Actor | null, input: z.output<typeof ResolvePetitionInput>): Promise<PetitionView> {
    const a = requireActor(actor);
    const current = await this.visible(a, input.id);
    const evidence = await this.attachments.check(input.evidenceAttachmentIds, current.id, 'evidence');
    return this.transition(a, input.id, 'resolved', async (em, p) => {
      if (p.state !== 'accepted' && p.state !== 'in_progress') throw PetitionErrors.wrongState(p.state, 'resolved');
      if (!mayHandle(a, p)) throw new AppError('FORBIDDEN', 'only a handler at its level resolves a petition');
      const bound = await this.petitions.boundAttachments(em, input.evidenceAttachmentIds);
      if (bound.length) throw attachmentUnavailable(bound[0]!);
      await this.petitions.addAttachments(em, evidence);
      const now = new Date();
      if (p.clusterId) {
        for (const m of await this.petitions.lockClusterMembers(em, p.clusterId, p.id)) {
          if (m.state !== 'merged') continue;
          const r = await this.petitions.patch(em, m.id, { state: 'resolved', result: input.result, resolvedAt: now });
          await this.petitions.appendTimeline(em, { petitionId: m.id, action: 'resolved', fromState: 'merged', toState: 'resolved', actorAccountId: a.accountId, actorLabel: a.username, level: p.level, note: 'merged petition resolved with its cluster' });
          await this.outbox.add(em, { ...PetitionsEvents.petitionResolved, region: r.region, subjectId: r.id, data: eventData(r, { viaCluster: p.id }) });
        }
      }
      return { patch: { state: 'resolved', result: input.result, resolvedAt: now, levelDeadline: null }, action: 'resolved', note: null, event: PetitionsEvents.petitionResolved };
    });
  }

  /** The submitter's rating: 3–5 closes the petition, 1–2 reopens it at the level that resolved it. */
  async rate(actor: Actor | null, input: z.output<typeof RatePetitionInput>): Promise<PublicPetitionView> {
    const found = input.id ? await this.petitions.byId(input.id) : await this.petitions.byTrackingCode(input.trackingCode!);
    if (!found) throw notFound('petition', input.id ?? input.trackingCode!);
    if (input.id) {
      if (!actor) throw unauthenticated('sign in, or rate with the tracking code and the key you were given');
      if (found.submittedBy !== actor.accountId) {
        if (!petitionVisibleTo(actor, found)) throw notFound('petition', input.id);
        throw PetitionErrors.notTheSubmitter();
      }
    } else if (!keyMatches(input.submitterKey!, found.submitterKeyHash)) throw PetitionErrors.notTheSubmitter();
    const by: Doer = actor && found.submittedBy === actor.accountId ? doer(actor) : { accountId: null, label: 'resident' };
    const updated = await this.tx.run(async (em) => {
      const p = (await this.petitions.lock(em, found.id))!;
      if (p.rating !== null && p.state !== 'resolved') throw PetitionErrors.alreadyRated();
      if (p.state !== 'resolved') throw PetitionErrors.wrongState(p.state, 'rated');
      const satisfied = input.rating >= MIN_SATISFIED_RATING;
      const now = new Date();
      let r = await this.petitions.patch(em, p.id, { rating: input.rating, ratingComment: input.comment, ratedAt: now });
      await this.petitions.appendTimeline(em, { petitionId: p.id, action: 'rated', fromState: 'resolved', toState: 'resolved', actorAccountId: by.accountId, actorLabel: by.label, level: p.level, note: `${input.rating}★${input.comment ? ` ${input.comment}` : ''}` });
      await this.outbox.add(em, { ...PetitionsEvents.petitionRated, region: p.region, subjectId: p.id, data: eventData(r, { rating: input.rating }) });
      if (satisfied) {
        r = await this.petitions.patch(em, p.id, { state: 'closed', closedAt: now });
        await this.petitions.appendTimeline(em, { petitionId: p.id, action: 'closed', fromState: 'resolved', toState: 'closed', actorAccountId: by.accountId, actorLabel: by.label, level: p.level, note: null });
        await this.outbox.add(em, { ...PetitionsEvents.petitionClosed, region: p.region, subjectId: p.id, data: eventData(r) });
      } else {
        r = await this.reopenWithin(em, r, by, 'unsatisfied rating');
      }
      return r;
    });
    return publicView(updated, await this.petitions.timeline(updated.id));
  }

  /** A supervisor sends a resolved or closed petition back to its handlers (督办). */
  async reopen(actor: Actor | null, input: z.output<typeof ReopenPetitionInput>): Promise<PetitionView> {
    const a = requireActor(actor);
    await this.tx.run(async (em) => {
      const p = await this.petitions.lock(em, input.id);
      if (!p || !petitionVisibleTo(a, p)) throw notFound('petition', input.id);
      if (!maySupervise(a, p)) throw new AppError('FORBIDDEN', 'only community, street, county or city admins reopen a petition');
      if (p.state !== 'resolved' && p.state !== 'closed') throw PetitionErrors.wrongState(p.state, 'reopened');
      await this.reopenWithin(em, p, doer(a), input.reason);
    });
    return this.get(a, input.id);
  }

  /** Asks the tasks service (a volunteer task) or mediation (a dispute case) to take it up; they answer with an event carrying the petition's id. */
  async spawn(actor: Actor | null, input: z.output<typeof SpawnFromPetitionInput>): Promise<PetitionView> {
    const a = requireActor(actor);
    return this.transition(a, input.id, null, async (_em, p) => {
      if (!mayHandle(a, p) && !maySupervise(a, p)) throw new AppError('FORBIDDEN', 'only its handler or a supervisor hands a petition on');
      if (!HANDLING_STATES.includes(p.state)) throw PetitionErrors.wrongState(p.state, `handed on as a ${input.kind}`);
      if ((input.kind === 'task' && p.taskId) || (input.kind === 'mediation' && p.mediationCaseId)) throw PetitionErrors.alreadyLinked(input.kind);
      return {
        patch: {},
        action: input.kind === 'task' ? 'task_requested' : 'mediation_requested',
        note: input.note,
        event: input.kind === 'task' ? PetitionsEvents.taskRequested : PetitionsEvents.mediationRequested,
        extra: { title: p.title, description: p.description, category: p.categoryKey, location: p.lat !== null ? { lat: p.lat, lng: p.lng } : null, note: input.note },
      };
    });
  }

  /** Records the task or case another service created for a petition (its event carries `sourcePetitionId`). */
  async link(em: EntityManager, petitionId: string, kind: 'task' | 'mediation', targetId: string): Promise<void> {
    const p = await this.petitions.lock(em, petitionId);
    if (!p) return;
    if ((kind === 'task' ? p.taskId : p.mediationCaseId) === targetId) return;
    const r = await this.petitions.patch(em, p.id, kind === 'task' ? { taskId: targetId } : { mediationCaseId: targetId });
    await this.petitions.appendTimeline(em, { petitionId: p.id, action: 'linked', fromState: p.state, toState: p.state, actorAccountId: null, actorLabel: 'system', level: p.level, note: `${kind} ${targetId}` });
    await this.outbox.add(em, { ...PetitionsEvents.linked, region: r.region, subjectId: r.id, data: eventData(r, { kind, targetId }) });
  }

  // ---- Helpers -------------------------------------------------------------------------------

  private async reopenWithin(em: EntityManager, p: PetitionRecord, by: Doer, reason: string): Promise<PetitionRecord> {
    const level: Level = p.level ?? 'grid';
    const r = await this.petitions.patch(em, p.id, {
      state: 'assigned',
      reopenCount: p.reopenCount + 1,
      levelDeadline: levelDeadline(level, new Date()),
      closedAt: null,
      acceptedAt: null,
      supervised: true,
    });
    await this.petitions.appendTimeline(em, { petitionId: p.id, action: 'reopened', fromState: p.state, toState: 'assigned', actorAccountId: by.accountId, actorLabel: by.label, level, note: reason });
    await this.outbox.add(em, { ...PetitionsEvents.petitionReopened, region: p.region, subjectId: p.id, data: eventData(r, { reason }) });
    return r;
  }

  /** The node (or department) a petition is assigned to at `level`: the one above its own place. */
  private async target(em: EntityManager, p: PetitionRecord, level: Level, region: string | null, departmentId: string | null): Promise<{ region: string; departmentId: string | null }> {
    // A node outside the petition's county answers as a path nobody has.
    if (region && !regionContains(p.county, region)) throw pathNotFound();
    if (level === 'department') {
      if (!departmentId) throw PetitionErrors.wrongLevel('department level needs departmentId');
      if (region && region !== p.county) throw PetitionErrors.assigneeOutsideRegion();
      const d = await this.directory.department(em, departmentId);
      if (!d || !regionContains(d.region, p.county) && !regionContains(p.county, d.region)) throw PetitionErrors.unknownDepartment();
      return { region: p.county, departmentId: d.id };
    }
    if (departmentId) throw PetitionErrors.wrongLevel('only department level takes departmentId');
    const node = levelRegion(p.region, level);
    if (region && region !== node) throw PetitionErrors.assigneeOutsideRegion();
    return { region: node, departmentId: null };
  }

  private async visible(a: Actor, id: string): Promise<PetitionRecord> {
    const p = await this.petitions.byId(id);
    // Another county's petition answers exactly as a missing one.
    if (!p || !petitionVisibleTo(a, p)) throw notFound('petition', id);
    return p;
  }

  /** One locked transition: the rule check, the patch, its timeline entry and event, together. */
  private async transition(
    a: Actor,
    id: string,
    to: PetitionState | null,
    decide: (em: EntityManager, p: PetitionRecord) => Promise<{ patch: PetitionPatch; action: string; note: string | null; event: EventContract; extra?: Record<string, unknown> }>,
  ): Promise<PetitionView> {
    await this.tx.run(async (em) => {
      const p = await this.petitions.lock(em, id);
      if (!p || !petitionVisibleTo(a, p)) throw notFound('petition', id);
      const d = await decide(em, p);
      const r = await this.petitions.patch(em, p.id, d.patch);
      await this.petitions.appendTimeline(em, { petitionId: p.id, action: d.action, fromState: p.state, toState: to ? r.state : p.state, actorAccountId: a.accountId, actorLabel: a.username, level: r.level, note: d.note });
      await this.outbox.add(em, { ...d.event, region: r.region, subjectId: r.id, data: eventData(r, d.extra) });
    });
    return this.get(a, id);
  }
}

/** What every petition event carries: enough for a subscriber to follow it, no personal data. */
export function eventData(p: PetitionRecord, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: p.id,
    trackingCode: p.trackingCode,
    state: p.state,
    category: p.categoryKey,
    region: p.region,
    level: p.level,
    assigneeRegion: p.assigneeRegion,
    departmentId: p.departmentId,
    deadline: p.deadline.toISOString(),
    levelDeadline: p.levelDeadline?.toISOString() ?? null,
    ...extra,
  };
}

function keyMatches(key: string, hash: string): boolean {
  const a = Buffer.from(hashSubmitterKey(key), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

const encodeSeq = (seq: string) => Buffer.from(`p:${seq}`).toString('base64url');
function decodeSeq(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^p:\d{1,18}$/.test(raw)) throw new AppError('VALIDATION', 'after: not a cursor this list gave out');
  return raw.slice(2);
}
