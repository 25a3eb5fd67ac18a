import { countyOf, eventSubject, type Actor, type RoleName } from '@gov/kernel';
import {
  MediationRpc,
  type AgreementView,
  type DraftAgreementInput,
  type MediationCaseView,
  type MediatorView,
  type OpenCaseInput,
  type OrganisationView,
  type PartyInput,
} from '@gov/mediation-contracts';
import { toCloudEventHeaders, type RpcClient } from '@gov/platform-messaging';
import { eventually, readEvents, type TestContext } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import type { MediationTestApp } from './testing.js';

/** A caller as the gateway would sign it: one role on one region. */
export function actorOf(role: RoleName, region: string, personId: string | null = randomUUID()): Actor {
  return { accountId: randomUUID(), personId, username: `${role}-${region.split('/').at(-1)}-${randomUUID().slice(0, 4)}`, grants: [{ role, region }] };
}

/**
 * Publishes another service's event as its outbox relay does (CloudEvents headers). Passing the
 * `id` of an event published before sends it again as a redelivery after JetStream's duplicate
 * window: without a message id, so JetStream keeps the copy and the inbox must drop it.
 */
export async function publishEvent(
  t: TestContext,
  source: { service: string; aggregate: string; event: string },
  region: string,
  subjectId: string,
  data: object,
  id?: string,
  o: { time?: Date; aggregateVersion?: number } = {},
): Promise<string> {
  const eventId = id ?? randomUUID();
  const county = countyOf(region);
  const h = toCloudEventHeaders({
    id: eventId,
    type: `gov.${source.service}.${source.aggregate}.${source.event}.v1`,
    source: `/gov/${source.service}/${source.aggregate}/${subjectId}`,
    subject: subjectId,
    time: (o.time ?? new Date()).toISOString(),
    county,
    aggregateVersion: o.aggregateVersion,
  });
  if (id) h.delete('Nats-Msg-Id');
  await jetstream(await t.nats()).publish(t.ns.subject(eventSubject(county, source.service, source.aggregate, source.event)), JSON.stringify(data), { headers: h });
  return eventId;
}

/**
 * Persons identity enrolled as stewards in `grid` (as its `steward.enrolled` events tell), once
 * mediation has them: cases, mediators and meetings name only persons it knows in their county.
 */
export async function knownPersons(t: TestContext, app: MediationTestApp, grid: string, count = 1, deliberationRole: string | null = null): Promise<string[]> {
  return makeKnown(t, app, grid, Array.from({ length: count }, () => randomUUID()), deliberationRole);
}

/** The given persons enrolled as stewards in `grid`, once mediation has them (see knownPersons). */
export async function makeKnown(t: TestContext, app: MediationTestApp, grid: string, personIds: readonly string[], deliberationRole: string | null = null): Promise<string[]> {
  const persons = [...personIds];
  for (const personId of persons) {
    const id = randomUUID();
    await publishEvent(t, { service: 'identity', aggregate: 'steward', event: 'enrolled' }, grid, id, { id, personId, number: `S-${id.slice(0, 8)}`, class: 5, grid, deliberationRole });
  }
  await eventually(async () => {
    const rows = await app.em().execute<{ n: number }[]>(`select count(*)::int as n from "${app.config.DB_SCHEMA}".steward_ref where person_id in (?)`, [persons]);
    return rows[0]!.n === persons.length ? true : undefined;
  }, 10_000);
  return persons;
}

/** The case's `gov.mediation.case.<type>.v1` events on JetStream, once there are at least `n` of them. */
export function caseEvents(t: TestContext, caseId: string, type: string, n = 1) {
  return eventually(async () => {
    const e = await readEvents(await t.nats(), t.ns, (x) => x.type === `gov.mediation.case.${type}.v1` && x.subject === caseId);
    return e.length >= n ? e : undefined;
  });
}

/** Xiangshan community (象山社区), Longquan street, Dongbao district: where the specs' cases are. */
export const XIANGSHAN = 'jingmen/dongbao/longquan/xiangshan';
/** The grid of Xiangshan community (象山社区) where the shared walk-in dispute is. */
export const XIANGSHAN_GRID = `${XIANGSHAN}/g03`;

const DAY_MS = 86_400_000;
/** China keeps UTC+8 all year: follow-ups and performance deadlines fall on its calendar days. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** The day `n` days from today in China, YYYY-MM-DD. */
export const chinaDay = (n: number) => new Date(Date.now() + CHINA_OFFSET_MS + n * DAY_MS).toISOString().slice(0, 10);

/** What to change in the shared walk-in: `applicant` and `respondent` add to that party (e.g. its personId); the rest replaces. */
export type WalkInOverrides = Partial<OpenCaseInput> & { applicant?: Partial<PartyInput>; respondent?: Partial<PartyInput> };

/**
 * The walk-in dispute the specs share (楼上漏水, a leak from the flat above): 王秀兰 (applicant,
 * 13871234567) against 李建国 (respondent, 13987654321), at XIANGSHAN_GRID.
 */
export function walkInCase(over: WalkInOverrides = {}): OpenCaseInput {
  const { applicant, respondent, ...rest } = over;
  return {
    source: 'walk_in',
    category: 'neighbours',
    title: '楼上漏水致楼下天花板受损',
    facts: '象山新村3栋501室卫生间漏水，致401室天花板霉变，双方就维修费用协商未果。',
    region: XIANGSHAN_GRID,
    parties: [
      { role: 'applicant', name: '王秀兰', phone: '13871234567', ...applicant },
      { role: 'respondent', name: '李建国', phone: '13987654321', ...respondent },
    ],
    ...rest,
  };
}

/** Who carries the cases the helpers below make: an admin of their place and the mediator the admin assigns. */
export interface CaseDesk {
  rpc: RpcClient;
  /** Opens, assigns and schedules, and records each party's acceptance as signed in person. */
  admin: Actor;
  mediator: Pick<MediatorView, 'id'>;
}

export interface Committee extends CaseDesk {
  organisation: OrganisationView;
  mediator: MediatorView;
}

/** The most open cases a mediator may take (AddMediatorInput's bound): every case of a spec goes to the one mediator. */
const MOST_CASES = 50;

/**
 * A mediation committee at `region` with one mediator, the known person `mediatorPersonId`, made
 * through the API by `admin`. A case goes to the organisation at its own level: for a case opened
 * at a grid, `region` is that grid.
 */
export async function committeeWithMediator(
  rpc: RpcClient,
  admin: Actor,
  region: string,
  mediatorPersonId: string,
  o: { name?: string; mediatorName?: string } = {},
): Promise<Committee> {
  const organisation = await rpc.request<OrganisationView>(MediationRpc.organisationCreate, { kind: 'committee', name: o.name ?? '象山社区第三网格调解小组', region }, { actor: admin });
  const mediator = await rpc.request<MediatorView>(
    MediationRpc.mediatorAdd,
    { organisationId: organisation.id, personId: mediatorPersonId, name: o.mediatorName ?? '陈国华', specialities: ['neighbours'], capacity: MOST_CASES },
    { actor: admin },
  );
  return { rpc, admin, organisation, mediator };
}

const asAdmin = <T>(desk: CaseDesk, subject: string, input: unknown) => desk.rpc.request<T>(subject, input, { actor: desk.admin });

/** The timeline of each case below (of two parties), as the helper leaves it. */
export const ASSIGNED_TIMELINE = ['opened', 'assigned'] as const;
export const MEDIATING_TIMELINE = [...ASSIGNED_TIMELINE, 'session_scheduled'] as const;
export const AGREED_TIMELINE = [...MEDIATING_TIMELINE, 'agreement_drafted', 'agreement_accepted', 'agreement_accepted', 'agreed'] as const;

/** A case opened and given to the desk's mediator (`assigned`). */
export async function assignedCase(desk: CaseDesk, input: OpenCaseInput = walkInCase()): Promise<MediationCaseView> {
  const c = await asAdmin<MediationCaseView>(desk, MediationRpc.caseOpen, input);
  return asAdmin<MediationCaseView>(desk, MediationRpc.mediatorAssign, { caseId: c.id, mediatorId: desk.mediator.id });
}

/** An assigned case with its first session scheduled for tomorrow, which starts the mediation (`mediating`). */
export async function mediatingCase(desk: CaseDesk, input: OpenCaseInput = walkInCase()): Promise<MediationCaseView> {
  const c = await assignedCase(desk, input);
  await asAdmin(desk, MediationRpc.sessionSchedule, { caseId: c.id, mode: 'in_person', startsAt: new Date(Date.now() + DAY_MS).toISOString(), place: '龙泉街道调解室' });
  return asAdmin<MediationCaseView>(desk, MediationRpc.caseGet, { id: c.id });
}

/** Days from today to the shared agreement's performance deadline: later than any follow-up a spec schedules. */
export const PERFORMANCE_DEADLINE_DAYS = 365;

/** An agreement for `caseId` to draft: a repair by the performance deadline, no instalments. */
function agreementDraftOf(caseId: string, over: Partial<DraftAgreementInput> = {}): DraftAgreementInput {
  return {
    caseId,
    template: 'neighbours',
    facts: '被申请人家卫生间漏水致申请人家天花板霉变，双方确认由被申请人负责修复。',
    terms: ['被申请人负责修复401室天花板并承担全部维修费用。'],
    performanceMethod: '被申请人自行修复',
    performanceDeadline: chinaDay(PERFORMANCE_DEADLINE_DAYS),
    ...over,
  };
}

/**
 * A mediating case whose agreement (`draft` over agreementDraftOf) every party accepted, signed in
 * person before the admin: `agreed`, with its 30-day confirmation window open and the agreement's
 * follow-ups scheduled (one visit on its performance deadline, and a payment for each instalment).
 */
export async function agreedCase(desk: CaseDesk, input: OpenCaseInput = walkInCase(), draft: Partial<DraftAgreementInput> = {}): Promise<MediationCaseView> {
  const c = await mediatingCase(desk, input);
  const { version } = await asAdmin<AgreementView>(desk, MediationRpc.agreementDraft, agreementDraftOf(c.id, draft));
  for (const party of c.parties) await asAdmin(desk, MediationRpc.agreementAccept, { caseId: c.id, partyId: party.id, version });
  return asAdmin<MediationCaseView>(desk, MediationRpc.caseGet, { id: c.id });
}
