import { DemoRepository, type DemoCaseRow, type DemoPartyRow } from '@gov/mediation-data-access';
import { DB_SCHEMA, maskIdCard, maskPhone, PiiCipher } from '@gov/platform-persistence';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { INestApplicationContext } from '@nestjs/common';
import { partyPlace } from '../case/case.service.js';
import { DAY, planDemoHistory, type PlannedParty } from './demo-plan.js';

export { DEMO_HISTORY_DAYS, DEMO_SEED_ACCOUNT_ID } from './demo-plan.js';

export interface DemoMediationResult {
  organisations: number;
  mediators: number;
  cases: number;
  timelineEntries: number;
  sessions: number;
  agreements: number;
  followUps: number;
  policeAlerts: number;
  meetings: number;
  listItems: number;
  /** Figures of the history as the statistics define them (see `figures`). */
  resolved: number;
  failed: number;
  successRate: number | null;
  avgDaysToAgreement: number | null;
  confirmed: number;
}

/**
 * Five months of mediation in every community of the demo territory (the grids of identity's
 * stewards, which mediation keeps from identity's events): organisations staffed with those
 * stewards, cases in every state with their sessions, agreements, confirmations and follow-ups,
 * and the deliberation meetings with the four lists — planned in demo-plan.ts, written in one
 * transaction, set-based, with the parties' contacts encrypted as the service encrypts them. The
 * history is written as history: nothing is announced, so no subscriber acts on steps taken
 * "months ago". Null when mediation has cases already.
 */
export async function seedDemoMediation(app: INestApplicationContext, log: (line: string) => void, now = new Date()): Promise<DemoMediationResult | null> {
  const orm = app.get(MikroORM);
  const demo = new DemoRepository(app.get<string>(DB_SCHEMA));
  const cipher = app.get(PiiCipher);
  const em0 = orm.em.fork() as EntityManager;
  if (!(await demo.isEmpty(em0))) {
    log('demo seed: mediation already has cases, leaving it alone');
    return null;
  }
  const stewards = await demo.stewards(em0);
  if (!stewards.some((s) => s.deliberationRole === 'dispute_mediator'))
    throw new Error(`mediation knows ${stewards.length} stewards and no dispute mediator among them: seed identity's demo city first`);
  const plan = planDemoHistory({ stewards, now });
  const parties = plan.parties.map((p) => encrypt(cipher, p));
  log(`demo seed: ${plan.organisations.length} organisations, ${plan.mediators.length} mediators, ${plan.cases.length} cases, ${plan.meetings.length} meetings to write`);
  await em0.fork().transactional(async (tx) => demo.write(tx as EntityManager, { ...plan, parties }));
  const result: DemoMediationResult = {
    organisations: plan.organisations.length,
    mediators: plan.mediators.length,
    cases: plan.cases.length,
    timelineEntries: plan.timeline.length,
    sessions: plan.sessions.length,
    agreements: plan.agreements.length,
    followUps: plan.followUps.length,
    policeAlerts: plan.policeAlerts.length,
    meetings: plan.meetings.length,
    listItems: plan.listItems.length,
    ...figures(plan.cases),
  };
  log(
    `demo seed: ${result.cases} cases (${result.resolved} settled, ${result.failed} failed: ${percent(result.successRate)} success, ` +
      `${result.avgDaysToAgreement?.toFixed(1)} days to agreement, ${result.confirmed} judicially confirmed), ${result.meetings} meetings, ${result.listItems} list items`,
  );
  return result;
}

/** The party as the service stores it: phone and ID number encrypted for its row, masked for lists. */
function encrypt(cipher: PiiCipher, p: PlannedParty): DemoPartyRow {
  const { phone, idNumber, ...rest } = p;
  return {
    ...rest,
    phoneEnc: phone ? cipher.encrypt(phone, partyPlace(p.id, 'phone')) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
    idNumberEnc: idNumber ? cipher.encrypt(idNumber, partyPlace(p.id, 'id_number')) : null,
    idNumberMasked: idNumber ? maskIdCard(idNumber) : null,
  };
}

/**
 * The history's figures as the statistics define them (MediationFiguresView): settled when the
 * agreement took effect, failed when closed without one; the success rate of those concluded and
 * the days from opening to the agreement.
 */
export function figures(cases: readonly DemoCaseRow[]): Pick<DemoMediationResult, 'resolved' | 'failed' | 'successRate' | 'avgDaysToAgreement' | 'confirmed'> {
  const resolved = cases.filter((c) => c.agreedAt !== null);
  const failed = cases.filter((c) => c.state === 'closed' && c.agreedAt === null).length;
  const concluded = resolved.length + failed;
  return {
    resolved: resolved.length,
    failed,
    successRate: concluded ? resolved.length / concluded : null,
    avgDaysToAgreement: resolved.length ? resolved.reduce((n, c) => n + c.agreedAt!.getTime() - c.openedAt.getTime(), 0) / resolved.length / DAY : null,
    confirmed: cases.filter((c) => c.confirmationState === 'confirmed').length,
  };
}

function percent(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(1)}%`;
}
