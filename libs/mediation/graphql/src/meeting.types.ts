import {
  AGENDA_SOURCES,
  COMMITTEE_LISTS,
  DECISION_ACTIONS,
  LIST_ITEM_STATES,
  MEETING_KINDS,
  MEETING_STATES,
  type AgendaItemView,
  type AgendaSource,
  type CommitteeList,
  type CommitteeListsView,
  type DecisionAction,
  type DecisionView,
  type ListItemState,
  type ListItemView,
  type MeetingKind,
  type MeetingState,
  type MeetingView,
} from '@gov/mediation-contracts';
import { enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Attendees minutes list at most (the contract's bound). */
const MAX_ATTENDEES = 200;

export const MediationMeetingKindEnum = enumFromValues(MEETING_KINDS);
registerEnumType(MediationMeetingKindEnum, {
  name: 'MediationMeetingKind',
  description:
    "Deliberation meeting (议事会): five_member (五员议事), red_bench (红板凳议事会), evening_talk (村湾夜话), joint_committee (the community big party committee's quarterly joint meeting, 大党委联席会).",
});
export const MediationMeetingStateEnum = enumFromValues(MEETING_STATES);
registerEnumType(MediationMeetingStateEnum, { name: 'MediationMeetingState', description: 'scheduled (已安排, the agenda is open) → held (已召开, minutes recorded; decisions may follow).' });
export const AgendaItemSourceEnum = enumFromValues(AGENDA_SOURCES);
registerEnumType(AgendaItemSourceEnum, {
  name: 'AgendaItemSource',
  description: "Where an agenda item came from: petition (诉求), proposal (居民提案), list_item (an item of the community's four lists, 四张清单), raised (raised at the meeting, 现场提出).",
});
export const MeetingDecisionActionEnum = enumFromValues(DECISION_ACTIONS);
registerEnumType(MeetingDecisionActionEnum, {
  name: 'MeetingDecisionAction',
  description: 'What a decision asks for: none (仅记录), task (a volunteer task), proposal (a residents’ proposal vote), mediation_case (a dispute case), list_item (an item on one of the four lists).',
});
export const CommitteeListNameEnum = enumFromValues(COMMITTEE_LISTS);
registerEnumType(CommitteeListNameEnum, { name: 'CommitteeListName', description: "The committee's four lists (四张清单): problems (问题清单), needs (需求清单), resources (资源清单), projects (项目清单)." });
export const CommitteeItemStateEnum = enumFromValues(LIST_ITEM_STATES);
registerEnumType(CommitteeItemStateEnum, { name: 'CommitteeItemState', description: 'open (待办), in_progress (推进中), done (已完成), dropped (已撤销).' });

@ObjectType({ description: 'Someone who attended a meeting, with their role (e.g. 信息员).' })
export class MeetingAttendee {
  @Field() name!: string;
  @Field() role!: string;
  @Field(() => ID, { nullable: true, description: 'The identity person, when known.' }) personId!: string | null;
}

@ObjectType({ description: "An item on a meeting's agenda (议题)." })
export class MeetingAgendaItem implements AgendaItemView {
  @Field(() => ID) id!: string;
  @Field(() => ID) meetingId!: string;
  @Field(() => Int, { description: 'Its place on the agenda, from 1.' }) position!: number;
  @Field(() => AgendaItemSourceEnum) source!: AgendaSource;
  @Field(() => ID, { nullable: true, description: 'The petition, proposal or list item it came from.' }) sourceId!: string | null;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType({ description: 'A decision (决议) of a held meeting; tasks, petitions or mediation act on what it asks for.' })
export class MeetingDecision implements DecisionView {
  @Field(() => ID) id!: string;
  @Field(() => ID) meetingId!: string;
  @Field(() => ID, { nullable: true }) agendaItemId!: string | null;
  @Field() text!: string;
  @Field(() => MeetingDecisionActionEnum) action!: DecisionAction;
  @Field(() => ID, { nullable: true, description: 'The list item the decision filed (action list_item).' }) listItemId!: string | null;
  @Field() decidedAt!: string;
}

@ObjectType({ description: 'A deliberation meeting (议事会) of a community or grid, with its agenda, minutes and decisions.' })
export class MediationMeeting implements MeetingView {
  @Field(() => ID) id!: string;
  @Field(() => MediationMeetingKindEnum) kind!: MeetingKind;
  @Field({ description: 'The community or grid that holds it.' }) region!: string;
  @Field() title!: string;
  @Field() startsAt!: string;
  @Field() place!: string;
  @Field(() => MediationMeetingStateEnum) state!: MeetingState;
  @Field(() => [MeetingAttendee], { description: 'Empty until the minutes are recorded.' }) attendees!: MeetingAttendee[];
  @Field(() => String, { nullable: true }) minutes!: string | null;
  @Field(() => [MeetingAgendaItem]) agenda!: MeetingAgendaItem[];
  @Field(() => [MeetingDecision]) decisions!: MeetingDecision[];
  @Field(() => ID, { description: 'The account that scheduled it.' }) createdBy!: string;
  @Field() createdAt!: string;
}

@ObjectType({ description: 'A meeting as a list shows it: its agenda, decisions and attendees counted (mediationMeeting gives them in full).' })
export class MediationMeetingSummary {
  @Field(() => ID) id!: string;
  @Field(() => MediationMeetingKindEnum) kind!: MeetingKind;
  @Field({ description: 'The community or grid that holds it.' }) region!: string;
  @Field() title!: string;
  @Field() startsAt!: string;
  @Field() place!: string;
  @Field(() => MediationMeetingStateEnum) state!: MeetingState;
  @Field(() => Int) agendaItems!: number;
  @Field(() => Int) decisions!: number;
  @Field(() => Int, { description: '0 until the minutes are recorded.' }) attendees!: number;
  @Field() createdAt!: string;
}

/** A list entry of a meeting. */
export function meetingSummary(m: MeetingView): MediationMeetingSummary {
  return { id: m.id, kind: m.kind, region: m.region, title: m.title, startsAt: m.startsAt, place: m.place, state: m.state, agendaItems: m.agenda.length, decisions: m.decisions.length, attendees: m.attendees.length, createdAt: m.createdAt };
}

@ObjectType({ description: "An item on one of a community's four lists (四张清单)." })
export class CommitteeItem implements ListItemView {
  @Field(() => ID) id!: string;
  @Field() community!: string;
  @Field(() => CommitteeListNameEnum) list!: CommitteeList;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) detail!: string | null;
  @Field(() => CommitteeItemStateEnum) state!: ListItemState;
  @Field(() => String, { nullable: true, description: 'The member unit (驻区单位) that offers the resource or carries the project.' }) ownerUnit!: string | null;
  @Field(() => ID, { nullable: true, description: 'The meeting whose decision filed it.' }) sourceMeetingId!: string | null;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
}

@ObjectType({ description: "A community's four lists (四张清单) of its big party committee." })
export class CommitteeLists implements CommitteeListsView {
  @Field() community!: string;
  @Field(() => [CommitteeItem], { description: '问题清单.' }) problems!: CommitteeItem[];
  @Field(() => [CommitteeItem], { description: '需求清单.' }) needs!: CommitteeItem[];
  @Field(() => [CommitteeItem], { description: '资源清单.' }) resources!: CommitteeItem[];
  @Field(() => [CommitteeItem], { description: '项目清单.' }) projects!: CommitteeItem[];
}

@InputType()
export class ScheduleMeetingInput {
  @Field(() => MediationMeetingKindEnum) kind!: MeetingKind;
  @Field({ description: 'The community (or one of its grids) that holds it.' }) region!: string;
  @Field({ description: '1–80 characters.' }) title!: string;
  @Field({ description: 'An ISO 8601 instant with its offset, e.g. 2026-12-03T19:30:00+08:00.' }) startsAt!: string;
  @Field({ description: '1–120 characters.' }) place!: string;
}

@InputType()
export class AddAgendaItemInput {
  @Field(() => ID) meetingId!: string;
  @Field(() => AgendaItemSourceEnum) source!: AgendaSource;
  @Field(() => ID, { nullable: true, description: 'The petition, proposal or list item id; none for raised.' }) sourceId?: string | null;
  @Field({ description: '1–120 characters.' }) title!: string;
  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' }) description?: string | null;
}

@InputType()
export class MeetingAttendeeInput {
  @Field({ description: '1–40 characters.' }) name!: string;
  @Field({ description: 'e.g. 信息员 (1–40 characters).' }) role!: string;
  @Field(() => ID, { nullable: true }) personId?: string | null;
}

@InputType()
export class RecordMinutesInput {
  @Field(() => ID) meetingId!: string;
  @Field(() => [MeetingAttendeeInput], { description: `1–${MAX_ATTENDEES} attendees.` }) attendees!: MeetingAttendeeInput[];
  @Field({ description: '1–10000 characters.' }) minutes!: string;
}

@InputType()
export class RecordDecisionInput {
  @Field(() => ID) meetingId!: string;
  @Field(() => ID, { nullable: true, description: 'The agenda item it decides, if any.' }) agendaItemId?: string | null;
  @Field({ description: '1–2000 characters.' }) text!: string;
  @Field(() => MeetingDecisionActionEnum, { nullable: true, description: 'Default none.' }) action?: DecisionAction | null;
  @Field(() => CommitteeListNameEnum, { nullable: true, description: 'Required for action list_item: the list it files the item on.' }) list?: CommitteeList | null;
}

@InputType({ description: 'Without id: a new item (community, list and title required). With id: fields left out keep their value; community and list never change.' })
export class UpsertCommitteeItemInput {
  @Field(() => ID, { nullable: true }) id?: string | null;
  @Field(() => String, { nullable: true, description: 'A community path.' }) community?: string | null;
  @Field(() => CommitteeListNameEnum, { nullable: true }) list?: CommitteeList | null;
  @Field(() => String, { nullable: true, description: '1–120 characters.' }) title?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' }) detail?: string | null;
  @Field(() => CommitteeItemStateEnum, { nullable: true, description: 'Default open for a new item.' }) state?: ListItemState | null;
  @Field(() => String, { nullable: true, description: 'The member unit (驻区单位), at most 80 characters.' }) ownerUnit?: string | null;
}
