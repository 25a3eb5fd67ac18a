import { MediationRpc, type AgendaItemView, type CommitteeListsView, type DecisionView, type ListItemState, type ListItemView, type MeetingView } from '@gov/mediation-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  AddAgendaItemInput,
  CommitteeItem,
  CommitteeItemStateEnum,
  CommitteeLists,
  MediationMeeting,
  MediationMeetingSummary,
  meetingSummary,
  MeetingAgendaItem,
  MeetingDecision,
  RecordDecisionInput,
  RecordMinutesInput,
  ScheduleMeetingInput,
  UpsertCommitteeItemInput,
} from './meeting.types.js';

/** Who runs meetings and keeps the lists, and how a stranger is answered, for every description here. */
const STAFF = 'grid workers, mediators and admins of its place or above (FORBIDDEN otherwise)';

/** Deliberation meetings (议事会) and the community committee's four lists (四张清单). */
@Resolver(() => MediationMeeting)
export class MeetingResolver {
  @Query(() => MediationMeeting, { description: "One meeting, for anyone who sees its place (its community's grids included). NOT_FOUND when missing or another county's, alike." })
  mediationMeeting(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MeetingView>(MediationRpc.meetingGet, { id });
  }

  @Query(() => [MediationMeetingSummary], { description: 'Meetings of the places you see (and of the communities above them), newest first. NOT_FOUND for a region outside yours.' })
  async mediationMeetings(
    @Context() ctx: GqlContext,
    @Args('region', { type: () => String, nullable: true, description: 'A region subtree; default: every place you see.' }) region?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
  ) {
    requireSignedIn(ctx);
    const meetings = await ctx.call<MeetingView[]>(MediationRpc.meetingList, { region, first: first ?? undefined });
    return meetings.map(meetingSummary);
  }

  @Query(() => CommitteeLists, { description: "A community's four lists. VALIDATION for a path that is not a community; NOT_FOUND for a community you do not see." })
  committeeLists(
    @Args('community') community: string,
    @Context() ctx: GqlContext,
    @Args('states', { type: () => [CommitteeItemStateEnum], nullable: true, description: 'Default: every state.' }) states?: ListItemState[] | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<CommitteeListsView>(MediationRpc.committeeLists, { community, states });
  }

  @Mutation(() => MediationMeeting, { description: `Schedule a meeting of a community or grid: ${STAFF}. Refused: VALIDATION for a region above community level.` })
  scheduleMeeting(@Args('input') input: ScheduleMeetingInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MeetingView>(MediationRpc.meetingSchedule, input);
  }

  @Mutation(() => MeetingAgendaItem, {
    description:
      `Add an item to a scheduled meeting's agenda: ${STAFF}. ` +
      "Refused: CONFLICT WRONG_STATE (the minutes are recorded); VALIDATION UNKNOWN_SOURCE (no sourceId for a petition, proposal or list item, one for raised, or a list item not of the meeting's community); NOT_FOUND for a meeting that is missing or another county's.",
  })
  addAgendaItem(@Args('input') input: AddAgendaItemInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<AgendaItemView>(MediationRpc.agendaItemAdd, input);
  }

  @Mutation(() => MediationMeeting, { description: `Record who attended and the minutes, once (the meeting is then held): ${STAFF}. Refused: CONFLICT ALREADY_RECORDED; NOT_FOUND.` })
  recordMinutes(@Args('input') input: RecordMinutesInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MeetingView>(MediationRpc.minutesRecord, input);
  }

  @Mutation(() => MeetingDecision, {
    description:
      `Record a decision of a held meeting; what it asks for is published for tasks, petitions or mediation to act on, and list_item files an item at once: ${STAFF}. ` +
      'Refused: CONFLICT MEETING_NOT_HELD; VALIDATION UNKNOWN_AGENDA_ITEM, or list_item without a list; NOT_FOUND.',
  })
  recordDecision(@Args('input') input: RecordDecisionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    // Fields with a default in the contract must be left out, not sent as null.
    return ctx.call<DecisionView>(MediationRpc.decisionRecord, { ...input, action: input.action ?? undefined });
  }

  @Mutation(() => CommitteeItem, {
    description:
      `Add an item to a community's list, or change one: ${STAFF}. ` +
      "Refused: VALIDATION for a new item without community, list or title, a path that is not a community, or a changed community or list; NOT_FOUND for an item that is missing or another county's.",
  })
  upsertCommitteeItem(@Args('input') input: UpsertCommitteeItemInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ListItemView>(MediationRpc.committeeItemUpsert, input);
  }
}
