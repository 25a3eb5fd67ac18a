import {
  CONFIRMATION_WINDOW_DAYS,
  MediationRpc,
  type AgreementDocumentView,
  type AgreementTemplateView,
  type AgreementView,
  type FollowUpView,
  type MediationCaseView,
} from '@gov/mediation-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AcceptAgreementInput,
  AgreementTemplate,
  DraftAgreementInput,
  MediationAgreement,
  MediationFollowUp,
  RecordFollowUpInput,
  RecordJudicialConfirmationInput,
  RequestJudicialConfirmationInput,
  ScheduleFollowUpInput,
} from './agreement.types.js';
import { MediationCase } from './case.types.js';

/** Where the gateway serves an agreement's printable PDF (apps/gateway/src/agreements.ts). */
export const agreementPdfPath = (caseId: string) => `/agreements/${caseId}.pdf`;

/** Agreements (人民调解协议书), judicial confirmation (司法确认) and follow-ups (回访、履行跟踪). */
@Resolver(() => MediationAgreement)
export class AgreementResolver {
  @Query(() => [AgreementTemplate], { description: 'The agreement templates with their suggested terms, for any signed-in caller.' })
  agreementTemplates(@Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<AgreementTemplateView[]>(MediationRpc.agreementTemplates, {});
  }

  @ResolveField(() => String, { description: 'The agreement as a printable HTML document (one request to the service per agreement).' })
  async html(@Parent() a: AgreementView, @Context() ctx: GqlContext): Promise<string> {
    return (await ctx.call<AgreementDocumentView>(MediationRpc.agreementDocument, { caseId: a.caseId, format: 'html' })).content;
  }

  @ResolveField(() => String, { description: 'Path under the gateway that serves the agreement as a PDF (GET, with the same sign-in that may read the case).' })
  pdfUrl(@Parent() a: AgreementView): string {
    return agreementPdfPath(a.caseId);
  }

  @Mutation(() => MediationAgreement, {
    description:
      "Draft the agreement's next version: the case's mediator or an admin of its place (FORBIDDEN otherwise); parties must accept the new version. " +
      "Refused: CONFLICT WRONG_STATE (not assigned or mediating); VALIDATION UNKNOWN_TEMPLATE, or an instalment due after the performance deadline; NOT_FOUND for a case that is missing or another county's.",
  })
  draftAgreement(@Args('input') input: DraftAgreementInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    // Fields with a default in the contract must be left out, not sent as null.
    return ctx.call<AgreementView>(MediationRpc.agreementDraft, { ...input, instalments: input.instalments ?? undefined });
  }

  @Mutation(() => MediationAgreement, {
    description:
      "A party accepts (签字确认) the current version for themself, or the case's mediator or an admin of its place records a signature given in person; the last acceptance makes the case agreed and schedules its follow-ups. " +
      "Refused: FORBIDDEN NOT_YOUR_PARTY (a party accepting for another); CONFLICT WRONG_STATE (a stale version, or the case is not negotiating), ALREADY_ACCEPTED, NO_AGREEMENT; NOT_FOUND UNKNOWN_PARTY, or a case you may not read.",
  })
  acceptAgreement(@Args('input') input: AcceptAgreementInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<AgreementView>(MediationRpc.agreementAccept, input);
  }

  @Mutation(() => MediationCase, {
    description:
      `Record the parties' joint application for judicial confirmation, within ${CONFIRMATION_WINDOW_DAYS} days of the agreement taking effect: a party, the case's mediator or an admin of its place (FORBIDDEN otherwise). ` +
      'Refused: CONFLICT WRONG_STATE (no agreement in effect), ALREADY_REQUESTED, CONFIRMATION_DEADLINE_PASSED; NOT_FOUND for a case you may not read.',
  })
  requestJudicialConfirmation(@Args('input') input: RequestJudicialConfirmationInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MediationCaseView>(MediationRpc.confirmationRequest, input);
  }

  @Mutation(() => MediationCase, {
    description:
      "Record the court's ruling on the application: the case's mediator or an admin of its place (FORBIDDEN otherwise). A rejection is followed by closing the case as referred. " +
      'Refused: CONFLICT CONFIRMATION_NOT_REQUESTED, WRONG_STATE; VALIDATION for a ruling dated in the future; NOT_FOUND for a case you may not read.',
  })
  recordJudicialConfirmation(@Args('input') input: RecordJudicialConfirmationInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MediationCaseView>(MediationRpc.confirmationRecord, input);
  }

  @Mutation(() => MediationFollowUp, {
    description:
      "Schedule another follow-up (a visit or an instalment to check) of an agreed case: the case's mediator or an admin of its place (FORBIDDEN otherwise). Those of the agreement are scheduled when it takes effect. " +
      'Refused: CONFLICT WRONG_STATE (not agreed); VALIDATION for a payment without amountFen, or a day that does not exist; NOT_FOUND for a case you may not read.',
  })
  scheduleFollowUp(@Args('input') input: ScheduleFollowUpInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<FollowUpView>(MediationRpc.followUpSchedule, input);
  }

  @Mutation(() => MediationFollowUp, {
    description:
      "Record a follow-up once: the visit made, or what was paid of an instalment. The case's mediator or an admin of its place (FORBIDDEN otherwise). " +
      'Refused: CONFLICT ALREADY_RECORDED; NOT_FOUND UNKNOWN_FOLLOW_UP (missing or another county’s).',
  })
  recordFollowUp(@Args('input') input: RecordFollowUpInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<FollowUpView>(MediationRpc.followUpRecord, input);
  }
}
