import { MediationRpc, type AgreementView, type FollowUpView, type SessionView } from '@gov/mediation-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { MediationAgreement, MediationFollowUp } from './agreement.types.js';
import { MediationSession } from './session.types.js';

/**
 * What a case has besides its own row, each its own query: a page of cases stays one request to
 * the service, and a frontend asks for a case's sessions, agreement or follow-ups when it opens it.
 */
@Resolver()
export class CaseDetailsResolver {
  @Query(() => [MediationSession], { description: "A case's sessions, in order; anyone who sees the case. NOT_FOUND for a case that is missing or another county's." })
  mediationSessions(@Args('caseId', { type: () => ID }) caseId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<SessionView[]>(MediationRpc.sessionList, { caseId });
  }

  @Query(() => MediationAgreement, {
    nullable: true,
    description: "A case's current agreement (人民调解协议书) with each party's acceptance; null before one is drafted. NOT_FOUND for a case that is missing or another county's.",
  })
  async mediationAgreement(@Args('caseId', { type: () => ID }) caseId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<AgreementView | null>(MediationRpc.agreementGet, { caseId });
  }

  @Query(() => [MediationFollowUp], { description: "A case's follow-ups: visits (回访) and instalments to check (履行跟踪), by due date. NOT_FOUND for a case that is missing or another county's." })
  mediationFollowUps(@Args('caseId', { type: () => ID }) caseId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<FollowUpView[]>(MediationRpc.followUpList, { caseId });
  }
}
