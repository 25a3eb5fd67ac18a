/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema-types.js';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** claimed → checked_in → submitted → verified | rejected; withdrawn, expired. */
export type ClaimStatus =
  | 'checked_in'
  | 'claimed'
  | 'expired'
  | 'rejected'
  | 'submitted'
  | 'verified'
  | 'withdrawn';

/** epidemic 疫情, flood 防汛, fire 火灾, earthquake 地震. */
export type EmergencyType =
  | 'earthquake'
  | 'epidemic'
  | 'fire'
  | 'flood';

/** annual_duty 年度任务, dispatched 派单任务 (5–20 points), emergency 应急任务 (5–40 points), micro_wish 微心愿. */
export type TaskKind =
  | 'annual_duty'
  | 'dispatched'
  | 'emergency'
  | 'micro_wish';

/** published (open for claims), closed (every place verified), cancelled, expired. */
export type TaskStatus =
  | 'cancelled'
  | 'closed'
  | 'expired'
  | 'published';

export type TaskDetailFieldsFragment = { id: string, title: string, description: string, kind: Types.TaskKind, emergencyType: Types.EmergencyType | null, status: Types.TaskStatus, region: string, checkinRadiusM: number, placeId: string | null, points: number, capacity: number, claimed: number, deadline: string, createdAt: string, publishedBy: string, requiredClasses: Array<number>, sourcePetitionId: string | null, location: { lat: number, lng: number } };

export type TaskClaimFieldsFragment = { id: string, taskId: string, stewardId: string, status: Types.ClaimStatus, claimedAt: string, checkedInAt: string | null, checkinDistanceM: number | null, submittedAt: string | null, decidedAt: string | null, note: string | null, photos: Array<string>, pointsAwarded: number | null, rating: number | null, rejectionReason: string | null };

export type TaskDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type TaskDetailQuery = { task: { id: string, title: string, description: string, kind: Types.TaskKind, emergencyType: Types.EmergencyType | null, status: Types.TaskStatus, region: string, checkinRadiusM: number, placeId: string | null, points: number, capacity: number, claimed: number, deadline: string, createdAt: string, publishedBy: string, requiredClasses: Array<number>, sourcePetitionId: string | null, location: { lat: number, lng: number } }, taskClaims: Array<{ id: string, taskId: string, stewardId: string, status: Types.ClaimStatus, claimedAt: string, checkedInAt: string | null, checkinDistanceM: number | null, submittedAt: string | null, decidedAt: string | null, note: string | null, photos: Array<string>, pointsAwarded: number | null, rating: number | null, rejectionReason: string | null }> };

export type TaskClaimsQueryVariables = Exact<{
  id: string | number;
}>;


export type TaskClaimsQuery = { taskClaims: Array<{ id: string, taskId: string, stewardId: string, status: Types.ClaimStatus, claimedAt: string, checkedInAt: string | null, checkinDistanceM: number | null, submittedAt: string | null, decidedAt: string | null, note: string | null, photos: Array<string>, pointsAwarded: number | null, rating: number | null, rejectionReason: string | null }> };

export type TaskVerifyMutationVariables = Exact<{
  claimId: string | number;
  approve: boolean;
  reason?: string | null | undefined;
}>;


export type TaskVerifyMutation = { verifyTask: { id: string, taskId: string, stewardId: string, status: Types.ClaimStatus, claimedAt: string, checkedInAt: string | null, checkinDistanceM: number | null, submittedAt: string | null, decidedAt: string | null, note: string | null, photos: Array<string>, pointsAwarded: number | null, rating: number | null, rejectionReason: string | null } };

export type TaskRateMutationVariables = Exact<{
  claimId: string | number;
  stars: number;
}>;


export type TaskRateMutation = { rateTask: { id: string, taskId: string, stewardId: string, status: Types.ClaimStatus, claimedAt: string, checkedInAt: string | null, checkinDistanceM: number | null, submittedAt: string | null, decidedAt: string | null, note: string | null, photos: Array<string>, pointsAwarded: number | null, rating: number | null, rejectionReason: string | null } };

export type TaskCancelMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type TaskCancelMutation = { cancelTask: { id: string, title: string, description: string, kind: Types.TaskKind, emergencyType: Types.EmergencyType | null, status: Types.TaskStatus, region: string, checkinRadiusM: number, placeId: string | null, points: number, capacity: number, claimed: number, deadline: string, createdAt: string, publishedBy: string, requiredClasses: Array<number>, sourcePetitionId: string | null, location: { lat: number, lng: number } } };

export type TaskUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type TaskUpdatedSubscription = { taskUpdated: { id: string, title: string, description: string, kind: Types.TaskKind, emergencyType: Types.EmergencyType | null, status: Types.TaskStatus, region: string, checkinRadiusM: number, placeId: string | null, points: number, capacity: number, claimed: number, deadline: string, createdAt: string, publishedBy: string, requiredClasses: Array<number>, sourcePetitionId: string | null, location: { lat: number, lng: number } } };

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
export const TaskDetailFieldsFragmentDoc = new TypedDocumentString(`
    fragment TaskDetailFields on Task {
  id
  title
  description
  kind
  emergencyType
  status
  region
  location {
    lat
    lng
  }
  checkinRadiusM
  placeId
  points
  capacity
  claimed
  deadline
  createdAt
  publishedBy
  requiredClasses
  sourcePetitionId
}
    `, {"fragmentName":"TaskDetailFields"}) as unknown as TypedDocumentString<TaskDetailFieldsFragment, unknown>;
export const TaskClaimFieldsFragmentDoc = new TypedDocumentString(`
    fragment TaskClaimFields on TaskClaim {
  id
  taskId
  stewardId
  status
  claimedAt
  checkedInAt
  checkinDistanceM
  submittedAt
  decidedAt
  note
  photos
  pointsAwarded
  rating
  rejectionReason
}
    `, {"fragmentName":"TaskClaimFields"}) as unknown as TypedDocumentString<TaskClaimFieldsFragment, unknown>;
export const TaskDetailDocument = new TypedDocumentString(`
    query TaskDetail($id: ID!) {
  task(id: $id) {
    ...TaskDetailFields
  }
  taskClaims(taskId: $id) {
    ...TaskClaimFields
  }
}
    fragment TaskDetailFields on Task {
  id
  title
  description
  kind
  emergencyType
  status
  region
  location {
    lat
    lng
  }
  checkinRadiusM
  placeId
  points
  capacity
  claimed
  deadline
  createdAt
  publishedBy
  requiredClasses
  sourcePetitionId
}
fragment TaskClaimFields on TaskClaim {
  id
  taskId
  stewardId
  status
  claimedAt
  checkedInAt
  checkinDistanceM
  submittedAt
  decidedAt
  note
  photos
  pointsAwarded
  rating
  rejectionReason
}`) as unknown as TypedDocumentString<TaskDetailQuery, TaskDetailQueryVariables>;
export const TaskClaimsDocument = new TypedDocumentString(`
    query TaskClaims($id: ID!) {
  taskClaims(taskId: $id) {
    ...TaskClaimFields
  }
}
    fragment TaskClaimFields on TaskClaim {
  id
  taskId
  stewardId
  status
  claimedAt
  checkedInAt
  checkinDistanceM
  submittedAt
  decidedAt
  note
  photos
  pointsAwarded
  rating
  rejectionReason
}`) as unknown as TypedDocumentString<TaskClaimsQuery, TaskClaimsQueryVariables>;
export const TaskVerifyDocument = new TypedDocumentString(`
    mutation TaskVerify($claimId: ID!, $approve: Boolean!, $reason: String) {
  verifyTask(claimId: $claimId, approve: $approve, reason: $reason) {
    ...TaskClaimFields
  }
}
    fragment TaskClaimFields on TaskClaim {
  id
  taskId
  stewardId
  status
  claimedAt
  checkedInAt
  checkinDistanceM
  submittedAt
  decidedAt
  note
  photos
  pointsAwarded
  rating
  rejectionReason
}`) as unknown as TypedDocumentString<TaskVerifyMutation, TaskVerifyMutationVariables>;
export const TaskRateDocument = new TypedDocumentString(`
    mutation TaskRate($claimId: ID!, $stars: Int!) {
  rateTask(claimId: $claimId, stars: $stars) {
    ...TaskClaimFields
  }
}
    fragment TaskClaimFields on TaskClaim {
  id
  taskId
  stewardId
  status
  claimedAt
  checkedInAt
  checkinDistanceM
  submittedAt
  decidedAt
  note
  photos
  pointsAwarded
  rating
  rejectionReason
}`) as unknown as TypedDocumentString<TaskRateMutation, TaskRateMutationVariables>;
export const TaskCancelDocument = new TypedDocumentString(`
    mutation TaskCancel($id: ID!, $reason: String!) {
  cancelTask(id: $id, reason: $reason) {
    ...TaskDetailFields
  }
}
    fragment TaskDetailFields on Task {
  id
  title
  description
  kind
  emergencyType
  status
  region
  location {
    lat
    lng
  }
  checkinRadiusM
  placeId
  points
  capacity
  claimed
  deadline
  createdAt
  publishedBy
  requiredClasses
  sourcePetitionId
}`) as unknown as TypedDocumentString<TaskCancelMutation, TaskCancelMutationVariables>;
export const TaskUpdatedDocument = new TypedDocumentString(`
    subscription TaskUpdated($id: ID!) {
  taskUpdated(id: $id) {
    ...TaskDetailFields
  }
}
    fragment TaskDetailFields on Task {
  id
  title
  description
  kind
  emergencyType
  status
  region
  location {
    lat
    lng
  }
  checkinRadiusM
  placeId
  points
  capacity
  claimed
  deadline
  createdAt
  publishedBy
  requiredClasses
  sourcePetitionId
}`) as unknown as TypedDocumentString<TaskUpdatedSubscription, TaskUpdatedSubscriptionVariables>;