import {
  CLAIM_STATUSES,
  EMERGENCY_TYPES,
  TASK_KINDS,
  TASK_STATUSES,
  type ClaimStatus,
  type ClaimView,
  type EmergencyType,
  type TaskKind,
  type TaskStatus,
  type TaskView,
} from '@gov/tasks-contracts';
import { ConnectionType, LatLng, LatLngInput, enumFromValues } from '@gov/platform-graphql';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const TaskKindEnum = enumFromValues(TASK_KINDS);
registerEnumType(TaskKindEnum, { name: 'TaskKind', description: 'annual_duty 年度任务, dispatched 派单任务 (5–20 points), emergency 应急任务 (5–40 points), micro_wish 微心愿.' });
export const EmergencyTypeEnum = enumFromValues(EMERGENCY_TYPES);
registerEnumType(EmergencyTypeEnum, { name: 'EmergencyType', description: 'epidemic 疫情, flood 防汛, fire 火灾, earthquake 地震.' });
export const TaskStatusEnum = enumFromValues(TASK_STATUSES);
registerEnumType(TaskStatusEnum, { name: 'TaskStatus', description: 'published (open for claims), closed (every place verified), cancelled, expired.' });
export const ClaimStatusEnum = enumFromValues(CLAIM_STATUSES);
registerEnumType(ClaimStatusEnum, { name: 'ClaimStatus', description: 'claimed → checked_in → submitted → verified | rejected; withdrawn, expired.' });

@ObjectType({ description: 'A task on the map (任务): claimed by stewards up to its capacity, checked in on the spot, verified by someone else.' })
export class Task implements TaskView {
  @Field(() => ID) id!: string;
  @Field(() => TaskKindEnum) kind!: TaskKind;
  @Field(() => EmergencyTypeEnum, { nullable: true }) emergencyType!: EmergencyType | null;
  @Field() title!: string;
  @Field() description!: string;
  @Field({ description: 'The node it sits at (building, market, street…).' }) region!: string;
  @Field(() => LatLng) location!: LatLng;
  @Field(() => ID, { nullable: true, description: 'The place whose check-in radius applies.' }) placeId!: string | null;
  @Field(() => Int, { description: 'Check-ins count within this many metres.' }) checkinRadiusM!: number;
  @Field(() => Int) points!: number;
  @Field(() => Int) capacity!: number;
  @Field(() => Int, { description: 'Places taken (claims not withdrawn, rejected or expired).' }) claimed!: number;
  @Field(() => [Int], { description: 'Steward classes that may claim; empty: any.' }) requiredClasses!: number[];
  @Field() deadline!: string;
  @Field(() => TaskStatusEnum) status!: TaskStatus;
  @Field(() => ID, { description: 'The person who published it.' }) publishedBy!: string;
  @Field(() => ID, { nullable: true, description: 'The petition (诉求) it was published for, if a handler asked for a task for one.' }) sourcePetitionId!: string | null;
  @Field(() => ID, { nullable: true, description: "The deliberation meeting's decision (议事会决定) it was published for, if the decision asked for a task." })
  sourceDecisionId!: string | null;
  @Field() createdAt!: string;
  @Field(() => Float, { nullable: true, description: 'Metres from the search point, in a search near a point.' }) distanceM!: number | null;
}

@ObjectType({ description: "One steward's part in a task." })
export class TaskClaim implements ClaimView {
  @Field(() => ID) id!: string;
  @Field(() => ID) taskId!: string;
  @Field(() => ID) stewardId!: string;
  @Field(() => ClaimStatusEnum) status!: ClaimStatus;
  @Field() claimedAt!: string;
  @Field(() => String, { nullable: true }) checkedInAt!: string | null;
  @Field(() => Float, { nullable: true }) checkinDistanceM!: number | null;
  @Field(() => String, { nullable: true }) submittedAt!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => [String], { description: 'Photo references (storage keys).' }) photos!: string[];
  @Field(() => String, { nullable: true }) decidedAt!: string | null;
  @Field(() => String, { nullable: true }) rejectionReason!: string | null;
  @Field(() => Int, { nullable: true, description: '1–5 stars from the publisher.' }) rating!: number | null;
  @Field(() => Int, { nullable: true, description: 'Points the verification posted (after the daily cap).' }) pointsAwarded!: number | null;
}

@ObjectType()
export class TaskClaimConnection extends ConnectionType(TaskClaim) {}

@InputType()
export class PublishTaskInput {
  @Field(() => TaskKindEnum, { description: 'Micro-wishes are posted with postMicroWish.' }) kind!: TaskKind;
  @Field(() => EmergencyTypeEnum, { nullable: true, description: 'Required for emergency tasks, absent otherwise.' }) emergencyType?: EmergencyType | null;
  @Field({ description: '1–100 characters.' }) title!: string;
  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' }) description?: string;
  @Field({ description: 'The node the task sits at.' }) region!: string;
  @Field(() => LatLngInput) location!: LatLngInput;
  @Field(() => ID, { nullable: true, description: "A place in the task's region whose check-in radius applies." }) placeId?: string | null;
  @Field(() => Int, { description: 'Within the kind’s range: dispatched 5–20, emergency 5–40.' }) points!: number;
  @Field(() => Int, { description: '1–1000 stewards.' }) capacity!: number;
  @Field(() => [Int], { nullable: true, description: 'Steward classes 1–6 that may claim; none: any.' }) requiredClasses?: number[];
  @Field({ description: 'ISO 8601 with offset, in the future.' }) deadline!: string;
}

@InputType()
export class TaskNearInput {
  @Field(() => Float) lat!: number;
  @Field(() => Float) lng!: number;
  @Field(() => Float, { description: 'At most 20,000 m.' }) radiusM!: number;
}

@InputType()
export class BoundingBoxInput {
  @Field(() => Float) west!: number;
  @Field(() => Float) south!: number;
  @Field(() => Float) east!: number;
  @Field(() => Float) north!: number;
}

@InputType()
export class TaskSearchInput {
  @Field(() => TaskNearInput, { nullable: true }) near?: TaskNearInput | null;
  @Field(() => BoundingBoxInput, { nullable: true }) bbox?: BoundingBoxInput | null;
  @Field(() => String, { nullable: true, description: 'A region subtree.' }) region?: string | null;
  @Field(() => [TaskKindEnum], { nullable: true }) kinds?: TaskKind[] | null;
  @Field(() => [TaskStatusEnum], { nullable: true, description: 'Default: published.' }) statuses?: TaskStatus[] | null;
  @Field(() => Int, { nullable: true, description: 'Only tasks this steward class may claim.' }) stewardClass?: number | null;
  @Field(() => Int, { nullable: true, description: '1–100, default 20.' }) first?: number | null;
}
