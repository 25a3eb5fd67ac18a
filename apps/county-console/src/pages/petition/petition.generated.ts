/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema-types.js';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AcknowledgeWhistleInput = {
  id: string | number;
  /** At most 500 characters; kept in the petition’s timeline. */
  note?: string | null | undefined;
};

export type AssignPetitionInput = {
  /** department level (required there only): a department of the county (see departments). */
  departmentId?: string | number | null | undefined;
  id: string | number;
  level: Level;
  /** At most 500 characters. */
  note?: string | null | undefined;
  /** grid, community or street level: the node at that level above the petition's place (the default). */
  region?: string | null | undefined;
};

export type BlowWhistleInput = {
  /** A department of its county (see departments). */
  departmentId: string | number;
  /** A petition at grid or community level, assigned, accepted or in progress. */
  petitionId: string | number;
  /** 1–500 characters; the department and the timeline see it. */
  reason: string;
  /** Default normal. */
  urgency?: WhistleUrgency | null | undefined;
};

/** Intake channel: qr (building QR code 扫码) and photo (随手拍) need no account; hotline (12345), door_knock (敲门行动) and mailbox (红色信箱) are typed in by staff; sentinel (哨兵上报) and steward_app by enrolled stewards. */
export type Channel =
  | 'door_knock'
  | 'hotline'
  | 'mailbox'
  | 'photo'
  | 'qr'
  | 'sentinel'
  | 'steward_app';

/** Handling level, lowest first: grid, community, street, department (小事不出网格、大事不出社区). */
export type Level =
  | 'community'
  | 'department'
  | 'grid'
  | 'street';

export type PetitionActionInput = {
  id: string | number;
  /** At most 500 characters; kept in the timeline. */
  note?: string | null | undefined;
};

/** submitted → screened → assigned → accepted → in_progress → resolved → closed (发现—甄别—交办—办理—督办—评价). Screening may end it instead: merged (a duplicate), invalid, not_responsible, referred. */
export type PetitionState =
  | 'accepted'
  | 'assigned'
  | 'closed'
  | 'in_progress'
  | 'invalid'
  | 'merged'
  | 'not_responsible'
  | 'referred'
  | 'resolved'
  | 'screened'
  | 'submitted';

export type ReopenPetitionInput = {
  id: string | number;
  /** 1–500 characters; kept in the timeline. */
  reason: string;
};

export type ResolvePetitionInput = {
  /** Up to 9 photos of the result (POST /uploads). */
  evidenceAttachmentIds?: Array<string | number> | null | undefined;
  id: string | number;
  /** What was done, for the submitter and the public notice: 1–2000 characters. */
  result: string;
};

/** valid (→ screened), duplicate (→ merged into duplicateOf), invalid, not_responsible, referred. */
export type ScreenOutcome =
  | 'duplicate'
  | 'invalid'
  | 'not_responsible'
  | 'referred'
  | 'valid';

export type ScreenPetitionInput = {
  /** For duplicate: the open petition of the same county it repeats (its cluster is joined). */
  duplicateOf?: string | number | null | undefined;
  id: string | number;
  /** At most 500 characters. */
  note?: string | null | undefined;
  outcome: ScreenOutcome;
  /** 1 (low) – 3 (urgent), by nature, reach and urgency; default 2. */
  priority?: number | null | undefined;
};

export type SpawnFromPetitionInput = {
  id: string | number;
  kind: SpawnKind;
  /** At most 500 characters. */
  note?: string | null | undefined;
};

/** task (a volunteer task in the tasks service) or mediation (a dispute case). */
export type SpawnKind =
  | 'mediation'
  | 'task';

/** How soon the department must report: normal within 24 h, urgent within 2 h. */
export type WhistleUrgency =
  | 'normal'
  | 'urgent';

export type PetitionPageFieldsFragment = { id: string, trackingCode: string, title: string, description: string, state: Types.PetitionState, category: string, categoryNameZh: string, channel: Types.Channel, region: string, buildingName: string | null, anonymous: boolean, contactMasked: string | null, createdAt: string, updatedAt: string, deadline: string, levelDeadline: string | null, overdue: boolean, supervised: boolean, priority: number, escalations: number, reopenCount: number, clusterSize: number, duplicateOf: string | null, result: string | null, resolvedAt: string | null, closedAt: string | null, rating: number | null, ratingComment: string | null, taskId: string | null, mediationCaseId: string | null, attachments: Array<{ id: string }>, evidence: Array<{ id: string }>, assignee: { level: Types.Level, region: string, departmentId: string | null, departmentName: string | null } | null };

export type PetitionPageWhistleFieldsFragment = { id: string, petitionId: string, departmentName: string, urgency: Types.WhistleUrgency, reason: string, blownAt: string, ackDeadline: string, acknowledgedAt: string | null, late: boolean };

export type PetitionPageQueryVariables = Exact<{
  id: string | number;
}>;


export type PetitionPageQuery = { petition: { id: string, trackingCode: string, title: string, description: string, state: Types.PetitionState, category: string, categoryNameZh: string, channel: Types.Channel, region: string, buildingName: string | null, anonymous: boolean, contactMasked: string | null, createdAt: string, updatedAt: string, deadline: string, levelDeadline: string | null, overdue: boolean, supervised: boolean, priority: number, escalations: number, reopenCount: number, clusterSize: number, duplicateOf: string | null, result: string | null, resolvedAt: string | null, closedAt: string | null, rating: number | null, ratingComment: string | null, taskId: string | null, mediationCaseId: string | null, attachments: Array<{ id: string }>, evidence: Array<{ id: string }>, assignee: { level: Types.Level, region: string, departmentId: string | null, departmentName: string | null } | null } };

export type PetitionPageTimelineQueryVariables = Exact<{
  id: string | number;
}>;


export type PetitionPageTimelineQuery = { petitionTimeline: Array<{ seq: string, at: string, action: string, actorLabel: string, fromState: Types.PetitionState | null, toState: Types.PetitionState, level: Types.Level | null, note: string | null }> };

export type PetitionPageWhistlesQueryVariables = Exact<{
  region?: string | null | undefined;
}>;


export type PetitionPageWhistlesQuery = { whistles: Array<{ id: string, petitionId: string, departmentName: string, urgency: Types.WhistleUrgency, reason: string, blownAt: string, ackDeadline: string, acknowledgedAt: string | null, late: boolean }> };

export type PetitionPageDepartmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type PetitionPageDepartmentsQuery = { departments: Array<{ id: string, name: string }> };

export type PetitionPageDuplicatesQueryVariables = Exact<{
  id: string | number;
}>;


export type PetitionPageDuplicatesQuery = { petitionDuplicates: Array<{ distanceM: number | null, sameBuilding: boolean, petition: { id: string, trackingCode: string, title: string, createdAt: string } }> };

export type PetitionPageContactQueryVariables = Exact<{
  id: string | number;
  reason?: string | null | undefined;
}>;


export type PetitionPageContactQuery = { petitionContact: { name: string, phone: string } };

export type PetitionPageScreenMutationVariables = Exact<{
  input: Types.ScreenPetitionInput;
}>;


export type PetitionPageScreenMutation = { screenPetition: { id: string, trackingCode: string, title: string, description: string, state: Types.PetitionState, category: string, categoryNameZh: string, channel: Types.Channel, region: string, buildingName: string | null, anonymous: boolean, contactMasked: string | null, createdAt: string, updatedAt: string, deadline: string, levelDeadline: string | null, overdue: boolean, supervised: boolean, priority: number, escalations: number, reopenCount: number, clusterSize: number, duplicateOf: string | null, result: string | null, resolvedAt: string | null, closedAt: string | null, rating: number | null, ratingComment: string | null, taskId: string | null, mediationCaseId: string | null, attachments: Array<{ id: string }>, evidence: Array<{ id: string }>, assignee: { level: Types.Level, region: string, departmentId: string | null, departmentName: string | null } | null } };

export type PetitionPageAssignMutationVariables = Exact<{
  input: Types.AssignPetitionInput;
}>;


export type PetitionPageAssignMutation = { assignPetition: { id: string, trackingCode: string, title: string, description: string, state: Types.PetitionState, category: string, categoryNameZh: string, channel: Types.Channel, region: string, buildingName: string | null, anonymous: boolean, contactMasked: string | null, createdAt: string, updatedAt: string, deadline: string, levelDeadline: string | null, overdue: boolean, supervised: boolean, priority: number, escalations: number, reopenCount: number, clusterSize: number, duplicateOf: string | null, result: string | null, resolvedAt: string | null, closedAt: string | null, rating: number | null, ratingComment: string | null, taskId: string | null, mediationCaseId: string | null, attachments: Array<{ id: string }>, evidence: Array<{ id: string }>, assignee: { level: Types.Level, region: string, departmentId: string | null, departmentName: string | null } | null } };

export type PetitionPageAcceptMutationVariables = Exact<{
  input: Types.PetitionActionInput;
}>;


export type PetitionPageAcceptMutation = { acceptPetition: { id: string, trackingCode: string, title: string, description: string, state: Types.PetitionState, category: string, categoryNameZh: string, channel: Types.Channel, region: string, buildingName: string | null, anonymous: boolean, contactMasked: string | null, createdAt: string, updatedAt: string, deadline: string, levelDeadline: string | null, overdue: boolean, supervised: boolean, priority: number, escalations: number, reopenCount: number, clusterSize: number, duplicateOf: string | null, result: string | null, resolvedAt: string | null, closedAt: string | null, rating: number | null, ratingComment: string | null, taskId: string | null, mediationCaseId: string | null, attachments: Array<{ id: string }>, evidence: Array<{ id: string }>, assignee: { level: Types.Level, region: string, departmentId: string | null, departmentName: string | null } | null } };

export type PetitionPageStartMutationVariables = Exact<{
  input: Types.PetitionActionInput;
}>;


export type PetitionPageStartMutation = { startPetition: { id: string, trackingCode: string, title: string, description: string, state: Types.PetitionState, category: string, categoryNameZh: string, channel: Types.Channel, region: string, buildingName: string | null, anonymous: boolean, contactMasked: string | null, createdAt: string, updatedAt: string, deadline: string, levelDeadline: string | null, overdue: boolean, supervised: boolean, priority: number, escalations: number, reopenCount: number, clusterSize: number, duplicateOf: string | null, result: string | null, resolvedAt: string | null, closedAt: string | null, rating: number | null, ratingComment: string | null, taskId: string | null, mediationCaseId: string | null, attachments: Array<{ id: string }>, evidence: Array<{ id: string }>, assignee: { level: Types.Level, region: string, departmentId: string | null, departmentName: string | null } | null } };

export type PetitionPageResolveMutationVariables = Exact<{
  input: Types.ResolvePetitionInput;
}>;


export type PetitionPageResolveMutation = { resolvePetition: { id: string, trackingCode: string, title: string, description: string, state: Types.PetitionState, category: string, categoryNameZh: string, channel: Types.Channel, region: string, buildingName: string | null, anonymous: boolean, contactMasked: string | null, createdAt: string, updatedAt: string, deadline: string, levelDeadline: string | null, overdue: boolean, supervised: boolean, priority: number, escalations: number, reopenCount: number, clusterSize: number, duplicateOf: string | null, result: string | null, resolvedAt: string | null, closedAt: string | null, rating: number | null, ratingComment: string | null, taskId: string | null, mediationCaseId: string | null, attachments: Array<{ id: string }>, evidence: Array<{ id: string }>, assignee: { level: Types.Level, region: string, departmentId: string | null, departmentName: string | null } | null } };

export type PetitionPageReopenMutationVariables = Exact<{
  input: Types.ReopenPetitionInput;
}>;


export type PetitionPageReopenMutation = { reopenPetition: { id: string, trackingCode: string, title: string, description: string, state: Types.PetitionState, category: string, categoryNameZh: string, channel: Types.Channel, region: string, buildingName: string | null, anonymous: boolean, contactMasked: string | null, createdAt: string, updatedAt: string, deadline: string, levelDeadline: string | null, overdue: boolean, supervised: boolean, priority: number, escalations: number, reopenCount: number, clusterSize: number, duplicateOf: string | null, result: string | null, resolvedAt: string | null, closedAt: string | null, rating: number | null, ratingComment: string | null, taskId: string | null, mediationCaseId: string | null, attachments: Array<{ id: string }>, evidence: Array<{ id: string }>, assignee: { level: Types.Level, region: string, departmentId: string | null, departmentName: string | null } | null } };

export type PetitionPageSpawnMutationVariables = Exact<{
  input: Types.SpawnFromPetitionInput;
}>;


export type PetitionPageSpawnMutation = { spawnFromPetition: { id: string, trackingCode: string, title: string, description: string, state: Types.PetitionState, category: string, categoryNameZh: string, channel: Types.Channel, region: string, buildingName: string | null, anonymous: boolean, contactMasked: string | null, createdAt: string, updatedAt: string, deadline: string, levelDeadline: string | null, overdue: boolean, supervised: boolean, priority: number, escalations: number, reopenCount: number, clusterSize: number, duplicateOf: string | null, result: string | null, resolvedAt: string | null, closedAt: string | null, rating: number | null, ratingComment: string | null, taskId: string | null, mediationCaseId: string | null, attachments: Array<{ id: string }>, evidence: Array<{ id: string }>, assignee: { level: Types.Level, region: string, departmentId: string | null, departmentName: string | null } | null } };

export type PetitionPageWhistleMutationVariables = Exact<{
  input: Types.BlowWhistleInput;
}>;


export type PetitionPageWhistleMutation = { blowWhistle: { id: string, petitionId: string, departmentName: string, urgency: Types.WhistleUrgency, reason: string, blownAt: string, ackDeadline: string, acknowledgedAt: string | null, late: boolean } };

export type PetitionPageAcknowledgeMutationVariables = Exact<{
  input: Types.AcknowledgeWhistleInput;
}>;


export type PetitionPageAcknowledgeMutation = { acknowledgeWhistle: { id: string, petitionId: string, departmentName: string, urgency: Types.WhistleUrgency, reason: string, blownAt: string, ackDeadline: string, acknowledgedAt: string | null, late: boolean } };

export type PetitionPageLiveSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type PetitionPageLiveSubscription = { petitionUpdated: { id: string, trackingCode: string, title: string, description: string, state: Types.PetitionState, category: string, categoryNameZh: string, channel: Types.Channel, region: string, buildingName: string | null, anonymous: boolean, contactMasked: string | null, createdAt: string, updatedAt: string, deadline: string, levelDeadline: string | null, overdue: boolean, supervised: boolean, priority: number, escalations: number, reopenCount: number, clusterSize: number, duplicateOf: string | null, result: string | null, resolvedAt: string | null, closedAt: string | null, rating: number | null, ratingComment: string | null, taskId: string | null, mediationCaseId: string | null, attachments: Array<{ id: string }>, evidence: Array<{ id: string }>, assignee: { level: Types.Level, region: string, departmentId: string | null, departmentName: string | null } | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const PetitionPageFieldsFragmentDoc = new TypedDocumentString(`
    fragment PetitionPageFields on Petition {
  id
  trackingCode
  title
  description
  state
  category
  categoryNameZh
  channel
  region
  buildingName
  anonymous
  contactMasked
  createdAt
  updatedAt
  deadline
  levelDeadline
  overdue
  supervised
  priority
  escalations
  reopenCount
  clusterSize
  duplicateOf
  result
  resolvedAt
  closedAt
  rating
  ratingComment
  taskId
  mediationCaseId
  attachments {
    id
  }
  evidence {
    id
  }
  assignee {
    level
    region
    departmentId
    departmentName
  }
}
    `, {"fragmentName":"PetitionPageFields"}) as unknown as TypedDocumentString<PetitionPageFieldsFragment, unknown>;
export const PetitionPageWhistleFieldsFragmentDoc = new TypedDocumentString(`
    fragment PetitionPageWhistleFields on Whistle {
  id
  petitionId
  departmentName
  urgency
  reason
  blownAt
  ackDeadline
  acknowledgedAt
  late
}
    `, {"fragmentName":"PetitionPageWhistleFields"}) as unknown as TypedDocumentString<PetitionPageWhistleFieldsFragment, unknown>;
export const PetitionPageDocument = new TypedDocumentString(`
    query PetitionPage($id: ID!) {
  petition(id: $id) {
    ...PetitionPageFields
  }
}
    fragment PetitionPageFields on Petition {
  id
  trackingCode
  title
  description
  state
  category
  categoryNameZh
  channel
  region
  buildingName
  anonymous
  contactMasked
  createdAt
  updatedAt
  deadline
  levelDeadline
  overdue
  supervised
  priority
  escalations
  reopenCount
  clusterSize
  duplicateOf
  result
  resolvedAt
  closedAt
  rating
  ratingComment
  taskId
  mediationCaseId
  attachments {
    id
  }
  evidence {
    id
  }
  assignee {
    level
    region
    departmentId
    departmentName
  }
}`) as unknown as TypedDocumentString<PetitionPageQuery, PetitionPageQueryVariables>;
export const PetitionPageTimelineDocument = new TypedDocumentString(`
    query PetitionPageTimeline($id: ID!) {
  petitionTimeline(id: $id) {
    seq
    at
    action
    actorLabel
    fromState
    toState
    level
    note
  }
}
    `) as unknown as TypedDocumentString<PetitionPageTimelineQuery, PetitionPageTimelineQueryVariables>;
export const PetitionPageWhistlesDocument = new TypedDocumentString(`
    query PetitionPageWhistles($region: String) {
  whistles(region: $region, first: 100) {
    ...PetitionPageWhistleFields
  }
}
    fragment PetitionPageWhistleFields on Whistle {
  id
  petitionId
  departmentName
  urgency
  reason
  blownAt
  ackDeadline
  acknowledgedAt
  late
}`) as unknown as TypedDocumentString<PetitionPageWhistlesQuery, PetitionPageWhistlesQueryVariables>;
export const PetitionPageDepartmentsDocument = new TypedDocumentString(`
    query PetitionPageDepartments {
  departments {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<PetitionPageDepartmentsQuery, PetitionPageDepartmentsQueryVariables>;
export const PetitionPageDuplicatesDocument = new TypedDocumentString(`
    query PetitionPageDuplicates($id: ID!) {
  petitionDuplicates(id: $id, first: 10) {
    distanceM
    sameBuilding
    petition {
      id
      trackingCode
      title
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<PetitionPageDuplicatesQuery, PetitionPageDuplicatesQueryVariables>;
export const PetitionPageContactDocument = new TypedDocumentString(`
    query PetitionPageContact($id: ID!, $reason: String) {
  petitionContact(id: $id, reason: $reason) {
    name
    phone
  }
}
    `) as unknown as TypedDocumentString<PetitionPageContactQuery, PetitionPageContactQueryVariables>;
export const PetitionPageScreenDocument = new TypedDocumentString(`
    mutation PetitionPageScreen($input: ScreenPetitionInput!) {
  screenPetition(input: $input) {
    ...PetitionPageFields
  }
}
    fragment PetitionPageFields on Petition {
  id
  trackingCode
  title
  description
  state
  category
  categoryNameZh
  channel
  region
  buildingName
  anonymous
  contactMasked
  createdAt
  updatedAt
  deadline
  levelDeadline
  overdue
  supervised
  priority
  escalations
  reopenCount
  clusterSize
  duplicateOf
  result
  resolvedAt
  closedAt
  rating
  ratingComment
  taskId
  mediationCaseId
  attachments {
    id
  }
  evidence {
    id
  }
  assignee {
    level
    region
    departmentId
    departmentName
  }
}`) as unknown as TypedDocumentString<PetitionPageScreenMutation, PetitionPageScreenMutationVariables>;
export const PetitionPageAssignDocument = new TypedDocumentString(`
    mutation PetitionPageAssign($input: AssignPetitionInput!) {
  assignPetition(input: $input) {
    ...PetitionPageFields
  }
}
    fragment PetitionPageFields on Petition {
  id
  trackingCode
  title
  description
  state
  category
  categoryNameZh
  channel
  region
  buildingName
  anonymous
  contactMasked
  createdAt
  updatedAt
  deadline
  levelDeadline
  overdue
  supervised
  priority
  escalations
  reopenCount
  clusterSize
  duplicateOf
  result
  resolvedAt
  closedAt
  rating
  ratingComment
  taskId
  mediationCaseId
  attachments {
    id
  }
  evidence {
    id
  }
  assignee {
    level
    region
    departmentId
    departmentName
  }
}`) as unknown as TypedDocumentString<PetitionPageAssignMutation, PetitionPageAssignMutationVariables>;
export const PetitionPageAcceptDocument = new TypedDocumentString(`
    mutation PetitionPageAccept($input: PetitionActionInput!) {
  acceptPetition(input: $input) {
    ...PetitionPageFields
  }
}
    fragment PetitionPageFields on Petition {
  id
  trackingCode
  title
  description
  state
  category
  categoryNameZh
  channel
  region
  buildingName
  anonymous
  contactMasked
  createdAt
  updatedAt
  deadline
  levelDeadline
  overdue
  supervised
  priority
  escalations
  reopenCount
  clusterSize
  duplicateOf
  result
  resolvedAt
  closedAt
  rating
  ratingComment
  taskId
  mediationCaseId
  attachments {
    id
  }
  evidence {
    id
  }
  assignee {
    level
    region
    departmentId
    departmentName
  }
}`) as unknown as TypedDocumentString<PetitionPageAcceptMutation, PetitionPageAcceptMutationVariables>;
export const PetitionPageStartDocument = new TypedDocumentString(`
    mutation PetitionPageStart($input: PetitionActionInput!) {
  startPetition(input: $input) {
    ...PetitionPageFields
  }
}
    fragment PetitionPageFields on Petition {
  id
  trackingCode
  title
  description
  state
  category
  categoryNameZh
  channel
  region
  buildingName
  anonymous
  contactMasked
  createdAt
  updatedAt
  deadline
  levelDeadline
  overdue
  supervised
  priority
  escalations
  reopenCount
  clusterSize
  duplicateOf
  result
  resolvedAt
  closedAt
  rating
  ratingComment
  taskId
  mediationCaseId
  attachments {
    id
  }
  evidence {
    id
  }
  assignee {
    level
    region
    departmentId
    departmentName
  }
}`) as unknown as TypedDocumentString<PetitionPageStartMutation, PetitionPageStartMutationVariables>;
export const PetitionPageResolveDocument = new TypedDocumentString(`
    mutation PetitionPageResolve($input: ResolvePetitionInput!) {
  resolvePetition(input: $input) {
    ...PetitionPageFields
  }
}
    fragment PetitionPageFields on Petition {
  id
  trackingCode
  title
  description
  state
  category
  categoryNameZh
  channel
  region
  buildingName
  anonymous
  contactMasked
  createdAt
  updatedAt
  deadline
  levelDeadline
  overdue
  supervised
  priority
  escalations
  reopenCount
  clusterSize
  duplicateOf
  result
  resolvedAt
  closedAt
  rating
  ratingComment
  taskId
  mediationCaseId
  attachments {
    id
  }
  evidence {
    id
  }
  assignee {
    level
    region
    departmentId
    departmentName
  }
}`) as unknown as TypedDocumentString<PetitionPageResolveMutation, PetitionPageResolveMutationVariables>;
export const PetitionPageReopenDocument = new TypedDocumentString(`
    mutation PetitionPageReopen($input: ReopenPetitionInput!) {
  reopenPetition(input: $input) {
    ...PetitionPageFields
  }
}
    fragment PetitionPageFields on Petition {
  id
  trackingCode
  title
  description
  state
  category
  categoryNameZh
  channel
  region
  buildingName
  anonymous
  contactMasked
  createdAt
  updatedAt
  deadline
  levelDeadline
  overdue
  supervised
  priority
  escalations
  reopenCount
  clusterSize
  duplicateOf
  result
  resolvedAt
  closedAt
  rating
  ratingComment
  taskId
  mediationCaseId
  attachments {
    id
  }
  evidence {
    id
  }
  assignee {
    level
    region
    departmentId
    departmentName
  }
}`) as unknown as TypedDocumentString<PetitionPageReopenMutation, PetitionPageReopenMutationVariables>;
export const PetitionPageSpawnDocument = new TypedDocumentString(`
    mutation PetitionPageSpawn($input: SpawnFromPetitionInput!) {
  spawnFromPetition(input: $input) {
    ...PetitionPageFields
  }
}
    fragment PetitionPageFields on Petition {
  id
  trackingCode
  title
  description
  state
  category
  categoryNameZh
  channel
  region
  buildingName
  anonymous
  contactMasked
  createdAt
  updatedAt
  deadline
  levelDeadline
  overdue
  supervised
  priority
  escalations
  reopenCount
  clusterSize
  duplicateOf
  result
  resolvedAt
  closedAt
  rating
  ratingComment
  taskId
  mediationCaseId
  attachments {
    id
  }
  evidence {
    id
  }
  assignee {
    level
    region
    departmentId
    departmentName
  }
}`) as unknown as TypedDocumentString<PetitionPageSpawnMutation, PetitionPageSpawnMutationVariables>;
export const PetitionPageWhistleDocument = new TypedDocumentString(`
    mutation PetitionPageWhistle($input: BlowWhistleInput!) {
  blowWhistle(input: $input) {
    ...PetitionPageWhistleFields
  }
}
    fragment PetitionPageWhistleFields on Whistle {
  id
  petitionId
  departmentName
  urgency
  reason
  blownAt
  ackDeadline
  acknowledgedAt
  late
}`) as unknown as TypedDocumentString<PetitionPageWhistleMutation, PetitionPageWhistleMutationVariables>;
export const PetitionPageAcknowledgeDocument = new TypedDocumentString(`
    mutation PetitionPageAcknowledge($input: AcknowledgeWhistleInput!) {
  acknowledgeWhistle(input: $input) {
    ...PetitionPageWhistleFields
  }
}
    fragment PetitionPageWhistleFields on Whistle {
  id
  petitionId
  departmentName
  urgency
  reason
  blownAt
  ackDeadline
  acknowledgedAt
  late
}`) as unknown as TypedDocumentString<PetitionPageAcknowledgeMutation, PetitionPageAcknowledgeMutationVariables>;
export const PetitionPageLiveDocument = new TypedDocumentString(`
    subscription PetitionPageLive($id: ID!) {
  petitionUpdated(id: $id) {
    ...PetitionPageFields
  }
}
    fragment PetitionPageFields on Petition {
  id
  trackingCode
  title
  description
  state
  category
  categoryNameZh
  channel
  region
  buildingName
  anonymous
  contactMasked
  createdAt
  updatedAt
  deadline
  levelDeadline
  overdue
  supervised
  priority
  escalations
  reopenCount
  clusterSize
  duplicateOf
  result
  resolvedAt
  closedAt
  rating
  ratingComment
  taskId
  mediationCaseId
  attachments {
    id
  }
  evidence {
    id
  }
  assignee {
    level
    region
    departmentId
    departmentName
  }
}`) as unknown as TypedDocumentString<PetitionPageLiveSubscription, PetitionPageLiveSubscriptionVariables>;