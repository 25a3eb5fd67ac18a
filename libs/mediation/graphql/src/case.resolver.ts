import type { Page } from '@gov/kernel';
import {
  MediationRpc,
  type CaseLevel,
  type CaseState,
  type CaseTimelineEntryView,
  type DisputeCategory,
  type MediationCaseView,
  type MediatorSuggestionView,
  type PartyContactView,
} from '@gov/mediation-contracts';
import { connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  AssignMediatorInput,
  CloseCaseInput,
  EscalateCaseInput,
  MediationCase,
  MediationCaseConnection,
  MediationCaseStateEnum,
  MediationCaseTimelineEntry,
  MediationPartyContact,
  MediatorSuggestion,
  OpenCaseInput,
  UpdateMediationPartyInput,
} from './case.types.js';
import { DisputeCategoryEnum, MediationLevelEnum } from './organisation.types.js';

/** Suggestions a case manager reads at once; the service ranks at most 20. */
const DEFAULT_SUGGESTIONS = 5;
const MAX_SUGGESTIONS = 20;

/** Dispute cases (调解案件): intake, assignment to a mediator, escalation and closing. */
@Resolver(() => MediationCase)
export class CaseResolver {
  // ---- Reads -------------------------------------------------------------------------------------

  @Query(() => MediationCase, {
    description: "One case, for staff (grid workers, mediators, admins) of its region or above, its mediator and its parties. NOT_FOUND when missing or another county's, alike.",
  })
  mediationCase(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MediationCaseView>(MediationRpc.caseGet, { id });
  }

  @Query(() => MediationCaseConnection, {
    description:
      'Cases of the regions you handle as staff (grid workers, mediators, admins), and those you are a party to, newest first, filtered. NOT_FOUND for a region outside yours; VALIDATION for a cursor this list did not give out.',
  })
  async mediationCases(
    @Context() ctx: GqlContext,
    @Args('region', { type: () => String, nullable: true, description: 'A region subtree; default: every region you handle.' }) region?: string | null,
    @Args('states', { type: () => [MediationCaseStateEnum], nullable: true }) states?: CaseState[] | null,
    @Args('category', { type: () => DisputeCategoryEnum, nullable: true }) category?: DisputeCategory | null,
    @Args('level', { type: () => MediationLevelEnum, nullable: true }) level?: CaseLevel | null,
    @Args('organisationId', { type: () => ID, nullable: true }) organisationId?: string | null,
    @Args('mediatorId', { type: () => ID, nullable: true }) mediatorId?: string | null,
    @Args('criminalRisk', { type: () => Boolean, nullable: true, description: 'true: only cases flagged 民转刑; false: only the others.' }) criminalRisk?: boolean | null,
    @Args('confirmationDue', { type: () => Boolean, nullable: true, description: 'true: only agreed cases whose judicial-confirmation window is still open.' })
    confirmationDue?: boolean | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    const input = { region, states, category, level, organisationId, mediatorId, criminalRisk, confirmationDue, first: first ?? undefined, after };
    return connection(await ctx.call<Page<MediationCaseView>>(MediationRpc.caseList, input));
  }

  @Query(() => [MediationCaseTimelineEntry], { description: "Every transition of a case with who made it, oldest first; for whoever may read the case. NOT_FOUND when missing or another county's." })
  mediationCaseTimeline(@Args('caseId', { type: () => ID }) caseId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<CaseTimelineEntryView[]>(MediationRpc.caseTimeline, { id: caseId });
  }

  @Query(() => MediationPartyContact, {
    description:
      "A party's phone and ID number in full; every read is audited. Only the case's mediator or an admin of its place (FORBIDDEN otherwise). Refused: NOT_FOUND UNKNOWN_PARTY (not a party of this case); NOT_FOUND for a case that is missing or another county's.",
  })
  mediationPartyContact(@Args('caseId', { type: () => ID }) caseId: string, @Args('partyId', { type: () => ID }) partyId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PartyContactView>(MediationRpc.partyContact, { caseId, partyId });
  }

  @Query(() => [MediatorSuggestion], {
    description:
      "Mediators who may take a case, best first: a matching speciality, an organisation near the place at the case's level, spare capacity; conflicts of interest are listed, not hidden. " +
      "For staff (grid workers, mediators, admins) of the case's place or above (FORBIDDEN otherwise); NOT_FOUND for a case you may not read.",
  })
  suggestMediators(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, nullable: true, description: `At most ${MAX_SUGGESTIONS} (default ${DEFAULT_SUGGESTIONS}).` }) first?: number | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<MediatorSuggestionView[]>(MediationRpc.mediatorSuggest, { caseId, first: first ?? undefined });
  }

  // ---- Changes -----------------------------------------------------------------------------------

  @Mutation(() => MediationCase, {
    description:
      'Open a case (受理): grid workers, mediators and admins of the region or above (FORBIDDEN otherwise); a criminal risk alerts the police grid at once. ' +
      'Refused: VALIDATION SOURCE_NEEDED (the petition, meeting or court reference its source needs), MEDIATOR_WRONG_LEVEL (a level below the place), parties without an applicant and a respondent, a malformed phone or ID number; ' +
      "CONFLICT PETITION_ALREADY_OPENED (a case is open for that petition); NOT_FOUND for a source meeting that is missing or another county's.",
  })
  openCase(@Args('input') input: OpenCaseInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    // Fields with a default in the contract must be left out, not sent as null.
    return ctx.call<MediationCaseView>(MediationRpc.caseOpen, {
      ...input,
      risk: input.risk ?? undefined,
      criminalRisk: input.criminalRisk ?? undefined,
      parties: input.parties.map((p) => ({ ...p, relatedPersonIds: p.relatedPersonIds ?? undefined })),
    });
  }

  @Mutation(() => MediationCase, {
    description:
      "Complete or correct a party until an agreement is drafted: the case's mediator or an admin of its place (FORBIDDEN otherwise). Fields left out keep their value. " +
      "Refused: CONFLICT WRONG_STATE (closed, agreed, or an agreement drafted); NOT_FOUND UNKNOWN_PARTY; NOT_FOUND for a case that is missing or another county's.",
  })
  updateMediationParty(@Args('input') input: UpdateMediationPartyInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MediationCaseView>(MediationRpc.partyUpdate, input);
  }

  @Mutation(() => MediationCase, {
    description:
      "Assign a mediator (指派): admins of the case's place or above (FORBIDDEN otherwise); a mediator with a conflict of interest needs overrideReason, which is audited and published. " +
      'Refused: CONFLICT WRONG_STATE, CONFLICT_OF_INTEREST, MEDIATOR_UNAVAILABLE (not taking cases, or at capacity); VALIDATION MEDIATOR_WRONG_LEVEL; NOT_FOUND UNKNOWN_MEDIATOR, or a case you may not read.',
  })
  assignMediator(@Args('input') input: AssignMediatorInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MediationCaseView>(MediationRpc.mediatorAssign, input);
  }

  @Mutation(() => MediationCase, {
    description:
      "Pass an open case up one level (grid → community → street → county centre), where it waits for a new mediator: the case's mediator or an admin of its place (FORBIDDEN otherwise). " +
      'Refused: CONFLICT WRONG_STATE (agreed or closed), TOP_LEVEL (at the county centre: refer or close it); NOT_FOUND for a case you may not read.',
  })
  escalateCase(@Args('input') input: EscalateCaseInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MediationCaseView>(MediationRpc.caseEscalate, input);
  }

  @Mutation(() => MediationCase, {
    description:
      "Close a case with its outcome (结案): the case's mediator or an admin of its place (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE (closed already), OUTCOME_NEEDS_AGREEMENT (performed needs an agreed case); NOT_FOUND for a case you may not read.",
  })
  closeCase(@Args('input') input: CloseCaseInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MediationCaseView>(MediationRpc.caseClose, input);
  }
}
