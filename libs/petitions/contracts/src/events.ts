import { defineEvents, personalData } from '@gov/kernel';
import { z } from 'zod';
import { CHANNELS, LEVELS, PETITION_STATES, SCREEN_OUTCOMES, SIX_PREVENTIONS, SPAWN_KINDS } from './petition.js';
import { PROPOSAL_STATES, THRESHOLDS, VOTE_CHANNELS } from './proposal.js';
import { WHISTLE_URGENCIES } from './whistle.js';

/**
 * What every petition event but `submitted` and `sentinel-alerted` carries (PetitionService's
 * `eventData`): enough for a subscriber to follow the petition, no personal data. Times are ISO strings.
 */
const PetitionEventData = z.object({
  id: z.string(),
  trackingCode: z.string(),
  state: z.enum(PETITION_STATES),
  /** The minor category key, e.g. `municipal.streetlight`. */
  category: z.string(),
  /** The grid (or community) the petition belongs to. */
  region: z.string(),
  /** The handling level; null until it is first assigned (a merged petition never is). */
  level: z.enum(LEVELS).nullable(),
  assigneeRegion: z.string().nullable(),
  departmentId: z.string().nullable(),
  /** When the category's time limit runs out. */
  deadline: z.string(),
  /** When the current level's clock runs out. */
  levelDeadline: z.string().nullable(),
});

/** The spawn request (task or mediation): the petition's text, place and the handler's note. */
const SpawnRequestData = PetitionEventData.extend({
  title: z.string(),
  description: z.string(),
  /** Where the problem is; null when the petition came without a point (e.g. a hotline call). */
  location: personalData(z.object({ lat: z.number(), lng: z.number() }).nullable(), 'drop'),
  note: z.string().nullable(),
});

/** The WhistleView. */
const WhistleData = z.object({
  id: z.string(),
  petitionId: z.string(),
  community: z.string(),
  departmentId: z.string(),
  /** Empty when the department is not (yet) in petitions' directory. */
  departmentName: z.string(),
  urgency: z.enum(WHISTLE_URGENCIES),
  reason: z.string(),
  blownAt: z.string(),
  /** The account that blew the whistle (community staff). */
  blownBy: z.string(),
  ackDeadline: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** Acknowledged after the deadline, or still not at all past it. */
  late: z.boolean(),
});

const ProposalQuestion = z.object({
  text: z.string(),
  options: z.array(z.string()),
  threshold: z.enum(THRESHOLDS),
});

/**
 * Events the petitions service publishes (ce-type gov.petitions.<aggregate>.<event>.v<version>);
 * integrators subscribe to these. Spread an entry into `Outbox.add`: `{ ...PetitionsEvents.petitionSubmitted, … }`.
 */
export const PetitionsEvents = defineEvents({
  petitionSubmitted: {
    aggregate: 'petition',
    event: 'submitted',
    version: 1,
    summary: 'A petition was filed through one of the intake channels and awaits screening.',
    // No text of the petition and no contact travel in it.
    schema: z.object({
      id: z.string(),
      trackingCode: z.string(),
      channel: z.enum(CHANNELS),
      category: z.string(),
      region: z.string(),
      /** The building of the QR code it came through, if any. */
      buildingId: z.string().nullable(),
      deadline: z.string(),
    }),
  },
  petitionScreened: {
    aggregate: 'petition',
    event: 'screened',
    version: 1,
    summary: 'A grid worker screened a petition as valid, invalid, not their responsibility or referred elsewhere.',
    schema: PetitionEventData.extend({
      outcome: z.enum(SCREEN_OUTCOMES).exclude(['duplicate']),
      /** The petition the screener named as repeated, if any (only a duplicate merges). */
      duplicateOf: z.string().nullable(),
    }),
  },
  petitionMerged: {
    aggregate: 'petition',
    event: 'merged',
    version: 1,
    summary: 'A petition was screened as a duplicate and joined the cluster of the petition it repeats.',
    schema: PetitionEventData.extend({
      outcome: z.literal('duplicate'),
      duplicateOf: z.string(),
    }),
  },
  petitionAssigned: {
    aggregate: 'petition',
    event: 'assigned',
    version: 1,
    summary: 'A petition was assigned (or passed up) to a grid, community, street or department.',
    schema: PetitionEventData.extend({
      level: z.enum(LEVELS),
      assigneeRegion: z.string(),
    }),
  },
  petitionAccepted: {
    aggregate: 'petition',
    event: 'accepted',
    version: 1,
    summary: 'The handler at the assigned level accepted a petition.',
    schema: PetitionEventData,
  },
  petitionStarted: {
    aggregate: 'petition',
    event: 'started',
    version: 1,
    summary: 'The handler started working on an accepted petition.',
    schema: PetitionEventData,
  },
  petitionResolved: {
    aggregate: 'petition',
    event: 'resolved',
    version: 1,
    summary: 'A petition was resolved, either by its handler or together with the petition whose cluster it was merged into.',
    schema: PetitionEventData.extend({
      /** Present when a merged petition was resolved with its cluster: the petition the handler resolved. */
      viaCluster: z.string().optional(),
    }),
  },
  petitionRated: {
    aggregate: 'petition',
    event: 'rated',
    version: 1,
    summary: 'The submitter rated the result of a resolved petition (1–2 reopens it, 3–5 closes it).',
    schema: PetitionEventData.extend({ rating: z.number().int() }),
  },
  petitionReopened: {
    aggregate: 'petition',
    event: 'reopened',
    version: 1,
    summary: 'A petition was sent back to its handlers after an unsatisfied rating or by a supervisor.',
    schema: PetitionEventData.extend({ reason: z.string() }),
  },
  petitionClosed: {
    aggregate: 'petition',
    event: 'closed',
    version: 1,
    summary: 'A resolved petition was closed, by a satisfied rating or by the clock once the rating window passed.',
    schema: PetitionEventData.extend({
      /** true when the clock closed it because nobody rated it in time; absent after a rating. */
      unrated: z.boolean().optional(),
    }),
  },
  petitionEscalated: {
    aggregate: 'petition',
    event: 'escalated',
    version: 1,
    summary: "A petition's level ran out of time: it moved up a level, or stays where it is under supervision.",
    schema: PetitionEventData.extend({
      from: z.enum(LEVELS).nullable(),
      /** The level it moved to; null when no level is left to take it (supervisionOnly). */
      to: z.enum(LEVELS).nullable(),
      supervisionOnly: z.boolean(),
    }),
  },
  sentinelAlerted: {
    aggregate: 'petition',
    event: 'sentinel-alerted',
    version: 1,
    summary: "A sentinel reported one of the six preventions; the stewards of the sentinel's chain are to be alerted.",
    schema: z.object({
      /** The petition's id. */
      id: z.string(),
      sixPrevention: z.enum(SIX_PREVENTIONS),
      /** The steward chain to alert, from the sentinel up (sentinel → group leader → squad leader). */
      notifyStewardIds: z.array(z.string()),
    }),
  },
  /** The owning service answers with its own event carrying `sourcePetitionId`. */
  taskRequested: {
    aggregate: 'petition',
    event: 'task-requested',
    version: 1,
    summary: "A petition's handler asked the tasks service for a volunteer task for the petition.",
    schema: SpawnRequestData,
  },
  mediationRequested: {
    aggregate: 'petition',
    event: 'mediation-requested',
    version: 1,
    summary: "A petition's handler asked the mediation service to take the petition up as a dispute case.",
    schema: SpawnRequestData,
  },
  linked: {
    aggregate: 'petition',
    event: 'linked',
    version: 1,
    summary: 'The task or mediation case another service opened for a petition was linked to it.',
    schema: PetitionEventData.extend({
      kind: z.enum(SPAWN_KINDS),
      /** The task's or the mediation case's id. */
      targetId: z.string(),
    }),
  },
  whistleBlown: {
    aggregate: 'whistle',
    event: 'blown',
    version: 1,
    summary: 'A community blew the whistle on a petition, summoning a department to report for duty within a limit.',
    schema: WhistleData,
  },
  whistleAcknowledged: {
    aggregate: 'whistle',
    event: 'acknowledged',
    version: 1,
    summary: 'The summoned department acknowledged a whistle (reported for duty).',
    schema: WhistleData,
  },
  whistleOverdue: {
    aggregate: 'whistle',
    event: 'overdue',
    version: 1,
    summary: 'A summoned department did not acknowledge a whistle within its limit.',
    schema: WhistleData,
  },
  categoryUpdated: {
    aggregate: 'category',
    event: 'updated',
    version: 1,
    summary: 'A city admin published a new version of a petition category.',
    schema: z.object({
      key: z.string(),
      majorKey: z.string(),
      nameZh: z.string(),
      majorNameZh: z.string(),
      version: z.number().int(),
      defaultLevel: z.enum(LEVELS),
      defaultDepartment: z.string().nullable(),
      timeLimitDays: z.number().int(),
      anonymousAllowed: z.boolean(),
      retired: z.boolean(),
      updatedAt: z.string(),
    }),
  },
  proposalCreated: {
    aggregate: 'proposal',
    event: 'created',
    version: 1,
    summary: "A residents' proposal was opened for discussion and a household vote, by a person or from a meeting's decision.",
    schema: z.object({
      id: z.string(),
      title: z.string(),
      body: z.string(),
      /** The affected area: a community, grid, compound or building. */
      region: z.string(),
      state: z.enum(PROPOSAL_STATES),
      quorum: z.number(),
      discussionEndsAt: z.string(),
      votingEndsAt: z.string(),
      /** The account that created it (staff, a resident of the area, or the deliberation desk). */
      createdBy: z.string(),
      createdAt: z.string(),
      questions: z.array(ProposalQuestion),
      /** The meeting decision that put it to the vote; null when a person opened it. */
      sourceDecisionId: z.string().nullable(),
    }),
  },
  voteCast: {
    aggregate: 'proposal',
    event: 'vote-cast',
    version: 1,
    summary: 'A household cast its ballot on a proposal (which household and how, never what it answered).',
    schema: z.object({
      proposalId: z.string(),
      householdId: z.string(),
      channel: z.enum(VOTE_CHANNELS),
      castAt: z.string(),
    }),
  },
  proposalDecided: {
    aggregate: 'proposal',
    event: 'decided',
    version: 1,
    summary: "A proposal's voting ended and its result was counted and frozen.",
    schema: z.object({
      proposalId: z.string(),
      state: z.literal('decided'),
      eligibleHouseholds: z.number().int(),
      votedHouseholds: z.number().int(),
      paperBallots: z.number().int(),
      turnout: z.number(),
      quorumMet: z.boolean(),
      questions: z.array(
        ProposalQuestion.extend({
          /** Votes per option, in order. */
          counts: z.array(z.number().int()),
          agreeShare: z.number().nullable(),
          requiredAgree: z.number().int(),
          passed: z.boolean(),
        }),
      ),
      adopted: z.boolean(),
      decidedAt: z.string(),
      title: z.string(),
      region: z.string(),
    }),
  },
});
