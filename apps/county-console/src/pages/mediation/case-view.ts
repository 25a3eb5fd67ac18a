/**
 * Shaping a case's detail for reading: who of the parties has signed the current agreement, the
 * follow-ups' status words, and the sessions' attendees by name. Pure, so the rules are tested
 * without a browser.
 */
import type { MediationCaseDetailQuery } from './case.generated.js';

type Detail = MediationCaseDetailQuery;
type Party = Detail['mediationCase']['parties'][number];
type FollowUp = Detail['mediationFollowUps'][number];

export interface PartySignature {
  party: Party;
  /** Signed the agreement's current version (an older version's signature does not count). */
  signed: boolean;
}

/** Each party with whether they accepted the current agreement version; none signed when there is no agreement. */
export function signatures(detail: Detail): PartySignature[] {
  const version = detail.mediationAgreement?.version ?? null;
  const accepted = new Set(detail.mediationAgreement?.acceptances.map((a) => a.partyId) ?? []);
  return detail.mediationCase.parties.map((party) => ({
    party,
    signed: version !== null && (accepted.has(party.id) || party.acceptedAgreementVersion === version),
  }));
}

/** 已生效 / 待签字（已签 n/m） / 尚未起草. */
export function agreementStatus(detail: Detail): string {
  const a = detail.mediationAgreement;
  if (!a) return '尚未起草协议';
  if (a.effective) return `第 ${a.version} 版已生效（各方均已签字确认）`;
  const s = signatures(detail);
  return `第 ${a.version} 版待签字（已签 ${s.filter((x) => x.signed).length}/${s.length}）`;
}

/** What a follow-up's row says about it. */
export function followUpStatus(f: FollowUp): { text: string; overdue: boolean } {
  if (f.done === null) return f.overdue ? { text: '已逾期未记录', overdue: true } : { text: '待办', overdue: false };
  if (f.kind === 'payment') return f.done ? { text: '已足额履行', overdue: false } : { text: '未足额履行', overdue: true };
  return f.done ? { text: '已回访', overdue: false } : { text: '回访未完成', overdue: true };
}

/** Names of the parties present at a session, in the case's party order; ids the case does not know are skipped. */
export function attendeeNames(detail: Detail, attendedPartyIds: readonly string[]): string[] {
  const present = new Set(attendedPartyIds);
  return detail.mediationCase.parties.filter((p) => present.has(p.id)).map((p) => p.name);
}
