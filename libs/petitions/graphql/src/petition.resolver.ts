import type { Page } from '@gov/kernel';
import {
  MIN_SATISFIED_RATING,
  PetitionsRpc,
  type Channel,
  type ContactView,
  type DuplicateCandidateView,
  type Level,
  type NoticeView,
  type PetitionState,
  type PetitionView,
  type PublicPetitionView,
  type SubmittedPetitionView,
  type TimelineEntryView,
} from '@gov/petitions-contracts';
import { connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  AssignPetitionInput,
  ChannelEnum,
  Contact,
  DuplicateCandidate,
  LevelEnum,
  Notice,
  Petition,
  PetitionActionInput,
  PetitionConnection,
  PetitionStateEnum,
  PublicPetition,
  RatePetitionInput,
  ReopenPetitionInput,
  ResolvePetitionInput,
  ScreenPetitionInput,
  SpawnFromPetitionInput,
  SubmitPetitionInput,
  SubmittedPetition,
  TimelineEntry,
} from './petition.types.js';

/**
 * For operations anyone may call: without a token the caller is anonymous, but a token that was
 * sent and failed is refused with its own error (TOKEN_EXPIRED lets the app refresh and retry),
 * never silently dropped — a resident would otherwise submit or rate as a stranger.
 */
function refuseBadToken(ctx: GqlContext): void {
  if (ctx.authError) throw ctx.authError;
}

/** Petitions (诉求) from intake through screening, assignment and handling to the resident's rating. */
/** Suggestions a screener reads at once; the service finds at most 20. */
const DEFAULT_DUPLICATE_SUGGESTIONS = 5;
const MAX_DUPLICATE_SUGGESTIONS = 20;

@Resolver(() => Petition)
export class PetitionResolver {
  // ---- Reads -------------------------------------------------------------------------------------

  @Query(() => Petition, { description: "One petition, for staff of its region (and the submitter). NOT_FOUND when missing or another county's, alike." })
  petition(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PetitionView>(PetitionsRpc.petitionGet, { id });
  }

  /** No sign-in: the tracking code is the credential the submitter was given. */
  @Query(() => PublicPetition, {
    description: 'Follow a petition by its tracking code; no sign-in needed, no contact or staff names shown. VALIDATION for a malformed code, NOT_FOUND for an unknown one.',
  })
  petitionByTrackingCode(@Args('trackingCode') trackingCode: string, @Context() ctx: GqlContext) {
    return ctx.call<PublicPetitionView>(PetitionsRpc.petitionByTrackingCode, { trackingCode });
  }

  @Query(() => PetitionConnection, {
    description:
      'Petitions of the regions you handle (or your department’s), newest first, filtered. NOT_FOUND for a region outside yours; VALIDATION for a cursor this list did not give out.',
  })
  async petitions(
    @Context() ctx: GqlContext,
    @Args('region', { type: () => String, nullable: true, description: 'A region subtree; default: every region you handle.' }) region?: string | null,
    @Args('states', { type: () => [PetitionStateEnum], nullable: true }) states?: PetitionState[] | null,
    @Args('channels', { type: () => [ChannelEnum], nullable: true }) channels?: Channel[] | null,
    @Args('category', { type: () => String, nullable: true, description: 'A major or minor category key.' }) category?: string | null,
    @Args('level', { type: () => LevelEnum, nullable: true }) level?: Level | null,
    @Args('departmentId', { type: () => ID, nullable: true }) departmentId?: string | null,
    @Args('overdue', { type: () => Boolean, nullable: true, description: 'true: open petitions past their deadline; false: every other one.' }) overdue?: boolean | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(
      await ctx.call<Page<PetitionView>>(PetitionsRpc.petitionList, { region, states, channels, category, level, departmentId, overdue, first: first ?? undefined, after }),
    );
  }

  @Query(() => [TimelineEntry], { description: "Every transition of a petition with who made it, oldest first. NOT_FOUND when missing or another county's." })
  petitionTimeline(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<TimelineEntryView[]>(PetitionsRpc.petitionTimeline, { id });
  }

  @Query(() => [DuplicateCandidate], {
    description: "Open petitions that may repeat this one (same category, same building or close by, filed since a week before it), for screening. NOT_FOUND when missing or another county's.",
  })
  async petitionDuplicates(
    @Args('id', { type: () => ID }) id: string,
    @Args('first', { type: () => Int, nullable: true, description: `At most ${MAX_DUPLICATE_SUGGESTIONS} (default ${DEFAULT_DUPLICATE_SUGGESTIONS}), closest in time first.` }) first: number | null,
    @Context() ctx: GqlContext,
  ) {
    requireSignedIn(ctx);
    const size = Math.min(Math.max(first ?? DEFAULT_DUPLICATE_SUGGESTIONS, 1), MAX_DUPLICATE_SUGGESTIONS);
    return (await ctx.call<DuplicateCandidateView[]>(PetitionsRpc.petitionDuplicates, { id })).slice(0, size);
  }

  @Query(() => Contact, {
    description:
      "The submitter's name and phone in full, audited with your reason. Only the current handler, the screener or a supervisor (FORBIDDEN otherwise); NOT_FOUND when the petition is missing, another county's, or was submitted without a contact.",
  })
  petitionContact(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GqlContext,
    @Args('reason', { type: () => String, nullable: true, description: 'Why you need it (at most 200 characters), kept in the audit record.' }) reason?: string | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<ContactView>(PetitionsRpc.petitionContact, { id, reason });
  }

  /** No sign-in: the building's QR token is the credential, as for resolveQr. */
  @Query(() => [Notice], {
    description: "Resolved petitions of a building and its compound (结果公示), newest first; no sign-in needed. The QR code's refusals: VALIDATION (QR_MALFORMED), NOT_FOUND (QR_FORGED, QR_REVOKED).",
  })
  buildingNotices(@Args('qrToken') qrToken: string, @Context() ctx: GqlContext, @Args('first', { type: () => Int, nullable: true }) first?: number | null) {
    return ctx.call<NoticeView[]>(PetitionsRpc.buildingNotices, { qrToken, first: first ?? undefined });
  }

  // ---- Intake and the resident's rating (no sign-in needed for the public channels) ---------------

  /** The service decides who may use which channel: qr and photo need no account. */
  @Mutation(() => SubmittedPetition, {
    description:
      'File a petition. qr and photo need no sign-in; hotline, door_knock and mailbox are typed in by staff of the region (FORBIDDEN CHANNEL_NEEDS_STAFF), sentinel and steward_app by enrolled stewards in their community (FORBIDDEN NOT_A_SENTINEL). ' +
      'Refused: UNAUTHENTICATED CHANNEL_NEEDS_SIGN_IN (or the token’s own error); VALIDATION UNKNOWN_CATEGORY, CATEGORY_RETIRED, ANONYMOUS_NOT_ALLOWED, CONTACT_NEEDED, NOT_SIX_PREVENTIONS, NO_PLACE, OUTSIDE_TERRITORY, ATTACHMENT_MISSING, ATTACHMENT_NOT_IMAGE, ATTACHMENT_TOO_LARGE; the QR code’s refusals (QR_MALFORMED, QR_FORGED, QR_REVOKED); NOT_FOUND for a region outside yours.',
  })
  submitPetition(@Args('input') input: SubmitPetitionInput, @Context() ctx: GqlContext) {
    refuseBadToken(ctx);
    // Fields with a default in the contract must be left out, not sent as null.
    return ctx.call<SubmittedPetitionView>(PetitionsRpc.petitionSubmit, { ...input, anonymous: input.anonymous ?? undefined, attachmentIds: input.attachmentIds ?? undefined });
  }

  @Mutation(() => PublicPetition, {
    description:
      `The submitter rates the result (1–5): ${MIN_SATISFIED_RATING} or more closes the petition, less reopens it under supervision. No sign-in needed with the tracking code and submitter key (a token that is sent must be valid); with id, sign in as the submitter. ` +
      'Refused: FORBIDDEN NOT_THE_SUBMITTER (a wrong key, or not your petition); CONFLICT ALREADY_RATED, WRONG_STATE (not resolved); NOT_FOUND; VALIDATION without id or tracking code and key.',
  })
  ratePetition(@Args('input') input: RatePetitionInput, @Context() ctx: GqlContext) {
    refuseBadToken(ctx);
    return ctx.call<PublicPetitionView>(PetitionsRpc.petitionRate, input);
  }

  // ---- Staff transitions -------------------------------------------------------------------------

  @Mutation(() => Petition, {
    description:
      'Screen (甄别) a submitted petition: grid workers and admins of its region (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE, DUPLICATE_TARGET_CLOSED; VALIDATION DUPLICATE_OF_ITSELF, or a duplicate without duplicateOf; NOT_FOUND for a petition (or duplicateOf) that is missing or another county’s.',
  })
  screenPetition(@Args('input') input: ScreenPetitionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PetitionView>(PetitionsRpc.petitionScreen, { ...input, priority: input.priority ?? undefined });
  }

  @Mutation(() => Petition, {
    description:
      'Assign (交办) to a level: the screener, or the current handler passing it up (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE; VALIDATION WRONG_LEVEL (departmentId at department level only, required there), UNKNOWN_DEPARTMENT, ASSIGNEE_OUTSIDE_REGION; NOT_FOUND.',
  })
  assignPetition(@Args('input') input: AssignPetitionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PetitionView>(PetitionsRpc.petitionAssign, input);
  }

  @Mutation(() => Petition, { description: 'A handler at its level accepts an assigned petition (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE; NOT_FOUND.' })
  acceptPetition(@Args('input') input: PetitionActionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PetitionView>(PetitionsRpc.petitionAccept, input);
  }

  @Mutation(() => Petition, { description: 'A handler at its level starts work on an accepted petition (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE; NOT_FOUND.' })
  startPetition(@Args('input') input: PetitionActionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PetitionView>(PetitionsRpc.petitionStart, input);
  }

  @Mutation(() => Petition, {
    description:
      'A handler at its level resolves (办结) an accepted or in-progress petition, and with it every petition merged into its cluster (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE; VALIDATION ATTACHMENT_MISSING, ATTACHMENT_NOT_IMAGE, ATTACHMENT_TOO_LARGE; NOT_FOUND.',
  })
  resolvePetition(@Args('input') input: ResolvePetitionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PetitionView>(PetitionsRpc.petitionResolve, { ...input, evidenceAttachmentIds: input.evidenceAttachmentIds ?? undefined });
  }

  @Mutation(() => Petition, {
    description: 'A community, street, county or city admin sends a resolved or closed petition back to its handlers (督办) (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE; NOT_FOUND.',
  })
  reopenPetition(@Args('input') input: ReopenPetitionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PetitionView>(PetitionsRpc.petitionReopen, input);
  }

  @Mutation(() => Petition, {
    description:
      'Its handler or a supervisor hands a petition being handled on as a volunteer task or a mediation case (FORBIDDEN otherwise); taskId or mediationCaseId is set once the other service has made it. Refused: CONFLICT WRONG_STATE, ALREADY_LINKED; NOT_FOUND.',
  })
  spawnFromPetition(@Args('input') input: SpawnFromPetitionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PetitionView>(PetitionsRpc.petitionSpawn, input);
  }
}
