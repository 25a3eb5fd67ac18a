/** Deliberation meetings (议事会) and the committee's four lists (四张清单). */
import { idSchema as id, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';
import { instant, nullish, text } from './common.js';

/**
 * Five-member deliberation (五员议事), red-bench meeting (红板凳议事会), village evening talk
 * (村湾夜话) and the community big party committee's quarterly joint meeting (大党委联席会).
 */
export const MEETING_KINDS = ['five_member', 'red_bench', 'evening_talk', 'joint_committee'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_STATES = ['scheduled', 'held'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** Where an agenda item came from: a petition, a petitions proposal, a committee list item, or raised at the meeting. */
export const AGENDA_SOURCES = ['petition', 'proposal', 'list_item', 'raised'] as const;
export type AgendaSource = (typeof AGENDA_SOURCES)[number];

/** What a decision asks for; tasks, petitions or mediation act on the `decision-recorded` event. */
export const DECISION_ACTIONS = ['none', 'task', 'proposal', 'mediation_case', 'list_item'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** The four lists (问题、需求、资源、项目) and their items' states. */
export const COMMITTEE_LISTS = ['problems', 'needs', 'resources', 'projects'] as const;
export type CommitteeList = (typeof COMMITTEE_LISTS)[number];
export const LIST_ITEM_STATES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ListItemState = (typeof LIST_ITEM_STATES)[number];

export const ScheduleMeetingInput = z.object({
  kind: z.enum(MEETING_KINDS),
  /** The community (or grid) that holds it. */
  region: regionPath,
  title: text(80),
  startsAt: instant,
  place: text(120),
});
export const GetMeetingInput = z.object({ id });
export const ListMeetingsInput = z.object({ region: nullish(regionPath), first });
export const AddAgendaItemInput = z.object({
  meetingId: id,
  source: z.enum(AGENDA_SOURCES),
  /** The petition, proposal or list item id (not for `raised`). */
  sourceId: nullish(id),
  title: text(120),
  description: nullish(text(2000)),
});
export const RecordMinutesInput = z.object({
  meetingId: id,
  /** Who attended: names with their role (e.g. 信息员 王芳). */
  attendees: z.array(z.object({ name: text(40), role: text(40), personId: nullish(id) })).min(1).max(200),
  minutes: text(10000),
});
export const RecordDecisionInput = z.object({
  meetingId: id,
  agendaItemId: nullish(id),
  text: text(2000),
  action: z.enum(DECISION_ACTIONS).default('none'),
  /** For `list_item`: which list the decision files it on. */
  list: nullish(z.enum(COMMITTEE_LISTS)),
});
export const CommitteeListsInput = z.object({ community: regionPath, states: nullish(z.array(z.enum(LIST_ITEM_STATES)).max(LIST_ITEM_STATES.length)) });
export const UpsertListItemInput = z.object({
  /** Absent: a new item on `list` of `community`. */
  id: nullish(id),
  community: nullish(regionPath),
  list: nullish(z.enum(COMMITTEE_LISTS)),
  title: nullish(text(120)),
  detail: nullish(text(2000)),
  state: nullish(z.enum(LIST_ITEM_STATES)),
  /** The member unit (驻区单位) that offers a resource or carries a project. */
  ownerUnit: nullish(text(80)),
});

export interface AgendaItemView {
  id: string;
  meetingId: string;
  position: number;
  source: AgendaSource;
  sourceId: string | null;
  title: string;
  description: string | null;
}

export interface DecisionView {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  text: string;
  action: DecisionAction;
  /** The list item the decision created (`list_item`). */
  listItemId: string | null;
  decidedAt: string;
}

export interface MeetingView {
  id: string;
  kind: MeetingKind;
  region: string;
  title: string;
  startsAt: string;
  place: string;
  state: MeetingState;
  attendees: { name: string; role: string; personId: string | null }[];
  minutes: string | null;
  agenda: AgendaItemView[];
  decisions: DecisionView[];
  createdBy: string;
  createdAt: string;
}

export interface ListItemView {
  id: string;
  community: string;
  list: CommitteeList;
  title: string;
  detail: string | null;
  state: ListItemState;
  ownerUnit: string | null;
  sourceMeetingId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CommitteeListsView {
  community: string;
  problems: ListItemView[];
  needs: ListItemView[];
  resources: ListItemView[];
  projects: ListItemView[];
}
