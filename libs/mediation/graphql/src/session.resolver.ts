import { MediationRpc, type SessionView } from '@gov/mediation-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { MediationSession, RecordSessionInput, ScheduleSessionInput } from './session.types.js';

/** Mediation sessions (调解会); a case's sessions are read through its `sessions` field. */
@Resolver(() => MediationSession)
export class SessionResolver {
  @Mutation(() => MediationSession, {
    description:
      "Schedule a session of an assigned or mediating case (it becomes mediating): the case's mediator or an admin of its place (FORBIDDEN otherwise). " +
      "Refused: CONFLICT WRONG_STATE (not assigned or mediating); VALIDATION SESSION_IN_PAST, ONLINE_NEEDS_LINK, or in person without a place; NOT_FOUND for a case that is missing or another county's.",
  })
  scheduleSession(@Args('input') input: ScheduleSessionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<SessionView>(MediationRpc.sessionSchedule, input);
  }

  @Mutation(() => MediationSession, {
    description:
      "Record a scheduled session once: held with who attended and notes, or not held. The case's mediator or an admin of its place (FORBIDDEN otherwise). " +
      'Refused: CONFLICT ALREADY_RECORDED; VALIDATION UNKNOWN_PARTY (an attendee who is not a party of the case); NOT_FOUND UNKNOWN_SESSION (missing or another county’s).',
  })
  recordSession(@Args('input') input: RecordSessionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    // Fields with a default in the contract must be left out, not sent as null.
    return ctx.call<SessionView>(MediationRpc.sessionRecord, { ...input, held: input.held ?? undefined, attendedPartyIds: input.attendedPartyIds ?? undefined });
  }
}
