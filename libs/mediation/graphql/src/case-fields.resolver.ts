import { MediationRpc, type AgreementView, type CaseTimelineEntryView, type FollowUpView, type MediationCaseView, type SessionView } from '@gov/mediation-contracts';
import type { GqlContext } from '@gov/platform-graphql';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { MediationAgreement, MediationFollowUp } from './agreement.types.js';
import { MediationCase, MediationCaseTimelineEntry } from './case.types.js';
import { MediationSession } from './session.types.js';

/**
 * What a case has besides its own row, each read through its own subject only when selected: a
 * case list without these fields costs one request to the service.
 */
@Resolver(() => MediationCase)
export class CaseFieldsResolver {
  @ResolveField(() => [MediationSession], { description: 'Its sessions, in order.' })
  sessions(@Parent() c: MediationCaseView, @Context() ctx: GqlContext) {
    return ctx.call<SessionView[]>(MediationRpc.sessionList, { caseId: c.id });
  }

  /** No draft, no request: the case says whether there is one. */
  @ResolveField(() => MediationAgreement, { nullable: true, description: 'The current agreement; null before one is drafted.' })
  agreement(@Parent() c: MediationCaseView, @Context() ctx: GqlContext) {
    return c.agreementVersion === null ? null : ctx.call<AgreementView>(MediationRpc.agreementGet, { caseId: c.id });
  }

  @ResolveField(() => [MediationFollowUp], { description: 'Its follow-ups: visits (回访) and instalments to check (履行跟踪).' })
  followUps(@Parent() c: MediationCaseView, @Context() ctx: GqlContext) {
    return ctx.call<FollowUpView[]>(MediationRpc.followUpList, { caseId: c.id });
  }

  @ResolveField(() => [MediationCaseTimelineEntry], { description: 'Every transition with who made it, oldest first (as mediationCaseTimeline).' })
  timeline(@Parent() c: MediationCaseView, @Context() ctx: GqlContext) {
    return ctx.call<CaseTimelineEntryView[]>(MediationRpc.caseTimeline, { id: c.id });
  }
}
