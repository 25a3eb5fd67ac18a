import {
  CHANNELS,
  LEVELS,
  MAX_ATTACHMENTS,
  MIN_SATISFIED_RATING,
  PETITION_STATES,
  SCREEN_OUTCOMES,
  SIX_PREVENTIONS,
  SPAWN_KINDS,
  type AssigneeView,
  type AttachmentView,
  type Channel,
  type ContactView,
  type DuplicateCandidateView,
  type Level,
  type NoticeView,
  type PetitionState,
  type PetitionView,
  type PublicPetitionView,
  type PublicStepView,
  type ScreenOutcome,
  type SixPrevention,
  type SubmittedPetitionView,
  type TimelineEntryView,
} from '@gov/petitions-contracts';
import { ConnectionType, LatLng, LatLngInput, enumFromValues } from '@gov/platform-graphql';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Highest rating a resident gives (lowest is 1). */
const MAX_RATING = 5;
type SpawnKind = (typeof SPAWN_KINDS)[number];

export const ChannelEnum = enumFromValues(CHANNELS);
registerEnumType(ChannelEnum, {
  name: 'Channel',
  description:
    'Intake channel: qr (building QR code 扫码) and photo (随手拍) need no account; hotline (12345), door_knock (敲门行动) and mailbox (红色信箱) are typed in by staff; sentinel (哨兵上报) and steward_app by enrolled stewards.',
});
export const PetitionStateEnum = enumFromValues(PETITION_STATES);
registerEnumType(PetitionStateEnum, {
  name: 'PetitionState',
  description:
    'submitted → screened → assigned → accepted → in_progress → resolved → closed (发现—甄别—交办—办理—督办—评价). Screening may end it instead: merged (a duplicate), invalid, not_responsible, referred.',
});
export const ScreenOutcomeEnum = enumFromValues(SCREEN_OUTCOMES);
registerEnumType(ScreenOutcomeEnum, { name: 'ScreenOutcome', description: 'valid (→ screened), duplicate (→ merged into duplicateOf), invalid, not_responsible, referred.' });
export const LevelEnum = enumFromValues(LEVELS);
registerEnumType(LevelEnum, { name: 'Level', description: 'Handling level, lowest first: grid, community, street, department (小事不出网格、大事不出社区).' });
export const SixPreventionEnum = enumFromValues(SIX_PREVENTIONS);
registerEnumType(SixPreventionEnum, { name: 'SixPrevention', description: 'The six preventions (六防) a sentinel report is about: fire, disaster, disorder, epidemic, hardship, fraud.' });
export const SpawnKindEnum = enumFromValues(SPAWN_KINDS);
registerEnumType(SpawnKindEnum, { name: 'SpawnKind', description: 'task (a volunteer task in the tasks service) or mediation (a dispute case).' });

@ObjectType({ description: 'A photo attached to a petition (by the submitter) or to its result (evidence by the handler).' })
export class Attachment implements AttachmentView {
  @Field(() => ID) id!: string;
  @Field() contentType!: string;
  @Field(() => Int) bytes!: number;
  @Field({ description: "Path under the gateway that serves it (GET, with the same sign-in that may see the petition)." }) url!: string;
}

@ObjectType({ description: 'Who handles a petition now: a node of the region tree at its level, or a department.' })
export class Assignee implements AssigneeView {
  @Field(() => LevelEnum) level!: Level;
  @Field({ description: 'The grid, community or street; for a department, its county.' }) region!: string;
  @Field(() => ID, { nullable: true }) departmentId!: string | null;
  @Field(() => String, { nullable: true }) departmentName!: string | null;
}

@ObjectType({ description: "A petition (诉求) as staff of its region see it: the submitter's contact masked (petitionContact unmasks it, audited)." })
export class Petition implements PetitionView {
  @Field(() => ID) id!: string;
  @Field({ description: 'What the submitter follows it by, e.g. ABCD-EFGH-JKLM.' }) trackingCode!: string;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => PetitionStateEnum) state!: PetitionState;
  @Field({ description: 'Minor category key, e.g. municipal.streetlight.' }) category!: string;
  @Field() categoryNameZh!: string;
  @Field({ description: 'Major category key.' }) majorCategory!: string;
  @Field(() => Int, { description: 'The category version it was filed under (its name, time limit and handler).' }) categoryVersion!: number;
  @Field() title!: string;
  @Field() description!: string;
  @Field({ description: 'The grid (or community) the petition belongs to.' }) region!: string;
  @Field(() => ID, { nullable: true }) buildingId!: string | null;
  @Field(() => String, { nullable: true }) buildingName!: string | null;
  @Field(() => LatLng, { nullable: true }) location!: LatLng | null;
  @Field(() => SixPreventionEnum, { nullable: true }) sixPrevention!: SixPrevention | null;
  @Field() anonymous!: boolean;
  @Field(() => String, { nullable: true, description: 'e.g. 张** 138****5678; null when anonymous.' }) contactMasked!: string | null;
  @Field(() => Int, { description: '1 (low) – 3 (urgent).' }) priority!: number;
  @Field(() => Assignee, { nullable: true }) assignee!: Assignee | null;
  @Field(() => String, { nullable: true, description: "When the current level's clock runs out." }) levelDeadline!: string | null;
  @Field({ description: "When the category's time limit runs out." }) deadline!: string;
  @Field() overdue!: boolean;
  @Field(() => Int, { description: 'Times it was passed up a level because a clock ran out.' }) escalations!: number;
  @Field({ description: 'Under supervision (督办): reopened, or a department was summoned.' }) supervised!: boolean;
  @Field(() => ID, { nullable: true }) clusterId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The petition it was merged into (see duplicateOfPetition).' }) duplicateOf!: string | null;
  @Field(() => Int, { description: 'Petitions in its cluster of duplicates.' }) clusterSize!: number;
  @Field(() => String, { nullable: true }) result!: string | null;
  @Field(() => String, { nullable: true }) resolvedAt!: string | null;
  @Field(() => Int, { nullable: true, description: `1–${MAX_RATING} from the submitter.` }) rating!: number | null;
  @Field(() => String, { nullable: true }) ratingComment!: string | null;
  @Field(() => Int) reopenCount!: number;
  @Field(() => ID, { nullable: true, description: 'The task the tasks service made of it (spawnFromPetition).' }) taskId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The mediation case made of it (spawnFromPetition).' }) mediationCaseId!: string | null;
  @Field(() => [Attachment]) attachments!: Attachment[];
  @Field(() => [Attachment], { description: 'Photos of the result, from the handler.' }) evidence!: Attachment[];
  @Field(() => ID, { nullable: true, description: 'The account that submitted it; null when filed without one (QR, photo, Open311).' }) submittedBy!: string | null;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
  @Field(() => String, { nullable: true }) closedAt!: string | null;
}

@ObjectType()
export class PetitionConnection extends ConnectionType(Petition) {}

@ObjectType({ description: 'A step of a petition as the public page shows it.' })
export class PublicStep implements PublicStepView {
  @Field() at!: string;
  @Field() action!: string;
  @Field({ description: 'The step in Chinese for residents.' }) labelZh!: string;
}

@ObjectType({ description: 'What anyone holding the tracking code sees: no contact, no staff notes, no names of staff.' })
export class PublicPetition implements PublicPetitionView {
  @Field() trackingCode!: string;
  @Field(() => PetitionStateEnum) state!: PetitionState;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field() category!: string;
  @Field() categoryNameZh!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) buildingName!: string | null;
  @Field(() => LevelEnum, { nullable: true, description: 'The level handling it now; null before it is assigned.' }) level!: Level | null;
  @Field(() => String, { nullable: true, description: 'e.g. 网格 / 社区 / 街道, or the department’s name.' }) handlerName!: string | null;
  @Field() deadline!: string;
  @Field(() => String, { nullable: true }) result!: string | null;
  @Field(() => String, { nullable: true }) resolvedAt!: string | null;
  @Field(() => Int, { nullable: true }) rating!: number | null;
  @Field() createdAt!: string;
  @Field(() => [PublicStep]) steps!: PublicStep[];
}

@ObjectType({ description: 'What a submitter gets back, once: the petition and the key to rate it with its tracking code.' })
export class SubmittedPetition implements SubmittedPetitionView {
  @Field(() => PublicPetition) petition!: PublicPetition;
  @Field({ description: 'Shown only now (only its hash is stored): keep it with the tracking code to rate the result without an account.' }) submitterKey!: string;
}

@ObjectType({ description: 'One transition of a petition, with who made it: the audit trail.' })
export class TimelineEntry implements TimelineEntryView {
  @Field({ description: 'Order of the entries (a growing number, as a string).' }) seq!: string;
  @Field() at!: string;
  @Field() action!: string;
  @Field(() => PetitionStateEnum, { nullable: true }) fromState!: PetitionState | null;
  @Field(() => PetitionStateEnum) toState!: PetitionState;
  @Field(() => ID, { nullable: true }) actorAccountId!: string | null;
  @Field({ description: 'resident, system (a deadline sweep), or the username of the staff member.' }) actorLabel!: string;
  @Field(() => LevelEnum, { nullable: true }) level!: Level | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({ description: "A submitter's contact in full. Every read is audited with its reason." })
export class Contact implements ContactView {
  @Field(() => ID) petitionId!: string;
  @Field() name!: string;
  @Field() phone!: string;
}

@ObjectType({ description: 'An open petition that may repeat another: same category, same building or close by, filed since a week before it.' })
export class DuplicateCandidate implements DuplicateCandidateView {
  @Field(() => Petition) petition!: PetitionView;
  @Field(() => Float, { nullable: true, description: 'Metres between the two, when both have a location.' }) distanceM!: number | null;
  @Field() sameBuilding!: boolean;
}

@ObjectType({ description: 'A resolved petition published to the residents of its building and compound (结果公示).' })
export class Notice implements NoticeView {
  @Field() trackingCode!: string;
  @Field() categoryNameZh!: string;
  @Field() title!: string;
  @Field() result!: string;
  @Field() resolvedAt!: string;
  @Field(() => Int, { nullable: true }) rating!: number | null;
}

@InputType({ description: "The submitter's name and a mobile or landline number (stored encrypted; staff see it masked)." })
export class ContactInput {
  @Field({ description: '1–50 characters.' }) name!: string;
  @Field({ description: 'A mobile (13800138000) or landline (0724-1234567) number.' }) phone!: string;
}

@InputType()
export class SubmitPetitionInput {
  @Field(() => ChannelEnum) channel!: Channel;
  @Field({ description: 'A minor category key, e.g. municipal.streetlight (see categories).' }) category!: string;
  @Field(() => String, { nullable: true, description: 'At most 60 characters; default: the start of the description.' }) title?: string | null;
  @Field({ description: '1–2000 characters.' }) description!: string;
  @Field(() => String, { nullable: true, description: "The token in a building's QR code: required for qr; binds the petition to the building, its grid and team." })
  qrToken?: string | null;
  @Field(() => LatLngInput, { nullable: true, description: 'Where the problem is: a photo report without a QR token needs it.' }) location?: LatLngInput | null;
  @Field(() => String, { nullable: true, description: 'hotline, door_knock, mailbox (required) and stewards: the grid or community the petition belongs to.' })
  region?: string | null;
  @Field(() => SixPreventionEnum, { nullable: true, description: 'Required for the sentinel channel.' }) sixPrevention?: SixPrevention | null;
  @Field(() => Boolean, { nullable: true, description: 'Default false; only categories that allow it.' }) anonymous?: boolean | null;
  @Field(() => ContactInput, { nullable: true, description: 'Required unless anonymous, or signed in on a qr, photo, sentinel or steward_app report.' }) contact?: ContactInput | null;
  @Field(() => [ID], { nullable: true, description: `Up to ${MAX_ATTACHMENTS} photos, by the ids the gateway's upload endpoint (POST /uploads) answered.` })
  attachmentIds?: string[] | null;
}

@InputType()
export class ScreenPetitionInput {
  @Field(() => ID) id!: string;
  @Field(() => ScreenOutcomeEnum) outcome!: ScreenOutcome;
  @Field(() => ID, { nullable: true, description: 'For duplicate: the open petition of the same county it repeats (its cluster is joined).' }) duplicateOf?: string | null;
  @Field(() => Int, { nullable: true, description: '1 (low) – 3 (urgent), by nature, reach and urgency; default 2.' }) priority?: number | null;
  @Field(() => String, { nullable: true, description: 'At most 500 characters.' }) note?: string | null;
}

@InputType()
export class AssignPetitionInput {
  @Field(() => ID) id!: string;
  @Field(() => LevelEnum) level!: Level;
  @Field(() => String, { nullable: true, description: "grid, community or street level: the node at that level above the petition's place (the default)." }) region?: string | null;
  @Field(() => ID, { nullable: true, description: 'department level (required there only): a department of the county (see departments).' }) departmentId?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 500 characters.' }) note?: string | null;
}

@InputType()
export class PetitionActionInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'At most 500 characters; kept in the timeline.' }) note?: string | null;
}

@InputType()
export class ResolvePetitionInput {
  @Field(() => ID) id!: string;
  @Field({ description: 'What was done, for the submitter and the public notice: 1–2000 characters.' }) result!: string;
  @Field(() => [ID], { nullable: true, description: `Up to ${MAX_ATTACHMENTS} photos of the result (POST /uploads).` }) evidenceAttachmentIds?: string[] | null;
}

@InputType({ description: 'Give id when signed in as the submitter; anyone else gives the tracking code with the key from submitPetition.' })
export class RatePetitionInput {
  @Field(() => ID, { nullable: true }) id?: string | null;
  @Field(() => String, { nullable: true }) trackingCode?: string | null;
  @Field(() => String, { nullable: true }) submitterKey?: string | null;
  @Field(() => Int, { description: `1–${MAX_RATING}: ${MIN_SATISFIED_RATING} or more closes the petition, less reopens it.` }) rating!: number;
  @Field(() => String, { nullable: true, description: 'At most 500 characters.' }) comment?: string | null;
}

@InputType()
export class ReopenPetitionInput {
  @Field(() => ID) id!: string;
  @Field({ description: '1–500 characters; kept in the timeline.' }) reason!: string;
}

@InputType()
export class SpawnFromPetitionInput {
  @Field(() => ID) id!: string;
  @Field(() => SpawnKindEnum) kind!: SpawnKind;
  @Field(() => String, { nullable: true, description: 'At most 500 characters.' }) note?: string | null;
}
