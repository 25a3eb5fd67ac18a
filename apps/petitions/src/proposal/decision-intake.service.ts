import { countyOf, type DomainEvent } from '@gov/kernel';
import { DEFAULT_QUORUM, PetitionsEvents } from '@gov/petitions-contracts';
import { ProposalRepository } from '@gov/petitions-data-access';
import { Inbox, Outbox } from '@gov/platform-outbox';
import { LOGGER } from '@gov/platform-service';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { DecisionRecordedData, PROPOSAL_ACTION } from './decision-events.js';
import { proposalView } from './proposal.service.js';

/**
 * The creator of meetings' proposals: no person opens them, the deliberation desk does. A fixed
 * account id nobody signs in with (like tasks' petition desk publisher).
 */
export const DELIBERATION_DESK_ACCOUNT_ID = '00000000-0000-4000-8000-00000000d001';
/** The households discuss a meeting's proposal for a week before voting opens… */
export const DECISION_DISCUSSION_DAYS = 7;
/** …and vote on it for a week after. */
export const DECISION_VOTING_DAYS = 7;
/** A decision without an agenda item is titled by this many first characters of its text. */
export const DECISION_TITLE_CHARS = 30;
/** city/county/street/community: the proposal is the whole community's, even for a meeting held at one of its grids. */
const COMMUNITY_DEPTH = 4;
/** CreateProposalInput's bounds (and the proposal table's checks). */
const TITLE_MAX = 100;
const BODY_MAX = 5000;
const DAY_MS = 24 * 3600_000;
/** China Standard Time (no daylight saving): the meeting's date as its community reads it. */
const CHINA_OFFSET_MS = 8 * 3600_000;
/** mediation's meeting kinds, as residents know them; a kind petitions does not know is left unnamed. */
const MEETING_KIND_NAMES: Readonly<Record<string, string>> = {
  five_member: '五员议事',
  red_bench: '红板凳议事会',
  evening_talk: '村湾夜话',
  joint_committee: '大党委联席会',
};

type Decision = z.output<typeof DecisionRecordedData>;

/**
 * Puts a deliberation meeting's decision (议事会决定) to the vote of its community's households
 * when the decision asks for it (mediation's `meeting.decision-recorded`, action `proposal`): a
 * proposal with one yes/no question, a discussion window, then a voting window, remembering the
 * decision (`sourceDecisionId`, carried in `proposal.created`). Decisions asking for anything else
 * are consumed untouched.
 *
 * At most one proposal per decision: the inbox drops a redelivered event, another event for a
 * decision that has its proposal already is ignored, and a unique index refuses a second row
 * whatever happens (a concurrent copy rolls back and, redelivered, is ignored).
 */
@Injectable()
export class DecisionIntake {
  constructor(
    private readonly inbox: Inbox,
    private readonly proposals: ProposalRepository,
    private readonly outbox: Outbox,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async createFromDecision(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const d = DecisionRecordedData.parse(event.data);
    if (d.action !== PROPOSAL_ACTION) return;
    const segments = d.region.split('/');
    const community = segments.slice(0, COMMUNITY_DEPTH).join('/');
    if (segments.length < COMMUNITY_DEPTH || countyOf(community) !== event.county) {
      this.logger.warn({ eventId: event.id, decisionId: d.decisionId, region: d.region, county: event.county }, 'decision of no community of its county: no proposal');
      return;
    }
    await this.inbox.once(consumer, event.id, async (em) => {
      const existing = await this.proposals.bySourceDecision(em, d.decisionId);
      if (existing) {
        this.logger.info({ eventId: event.id, decisionId: d.decisionId, proposalId: existing.id }, 'decision has its proposal already: event ignored');
        return;
      }
      // The windows run from when the proposal appears, so a late delivery shortens neither.
      const now = new Date();
      const discussionEndsAt = new Date(now.getTime() + DECISION_DISCUSSION_DAYS * DAY_MS);
      const title = titleOf(d);
      const p = await this.proposals.insert(em, {
        id: randomUUID(),
        title,
        body: clip(`${d.text}\n\n${meetingLine(d)}`, BODY_MAX),
        region: community,
        county: countyOf(community),
        quorum: DEFAULT_QUORUM,
        discussionEndsAt,
        votingEndsAt: new Date(discussionEndsAt.getTime() + DECISION_VOTING_DAYS * DAY_MS),
        createdBy: DELIBERATION_DESK_ACCOUNT_ID,
        createdByPerson: null,
        questions: [{ text: `是否同意「${title}」？`, options: ['同意', '不同意'], threshold: 'simple_majority' }],
        sourceDecisionId: d.decisionId,
      });
      await this.outbox.add(em, { ...PetitionsEvents.proposalCreated, region: p.region, subjectId: p.id, data: { ...proposalView(p, now) } });
      this.logger.info({ eventId: event.id, decisionId: d.decisionId, meetingId: d.meetingId, proposalId: p.id }, 'proposal created for a meeting decision');
    });
  }
}

/** The agenda item's title, else the decision text's first characters (on one line). */
export function titleOf(d: Pick<Decision, 'agendaItemTitle' | 'text'>): string {
  if (d.agendaItemTitle) return clip(d.agendaItemTitle, TITLE_MAX);
  return clip(d.text.replace(/\s+/g, ' '), DECISION_TITLE_CHARS);
}

/** Where the decision was taken, e.g. 来源：红板凳议事会「三月议事会」，2025-03-12 议定. */
export function meetingLine(d: Pick<Decision, 'kind' | 'meetingTitle' | 'decidedAt'>): string {
  const day = new Date(Date.parse(d.decidedAt) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  return `来源：${MEETING_KIND_NAMES[d.kind] ?? ''}「${d.meetingTitle}」，${day} 议定`;
}

/** At most `max` characters (code points, as the table's checks count them), an ellipsis marking a cut. */
function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}
