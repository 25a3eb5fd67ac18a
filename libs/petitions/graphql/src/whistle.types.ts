import { WHISTLE_ACK_HOURS, WHISTLE_URGENCIES, type WhistleUrgency, type WhistleView } from '@gov/petitions-contracts';
import { enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export const WhistleUrgencyEnum = enumFromValues(WHISTLE_URGENCIES);
registerEnumType(WhistleUrgencyEnum, {
  name: 'WhistleUrgency',
  description: `How soon the department must report: normal within ${WHISTLE_ACK_HOURS.normal} h, urgent within ${WHISTLE_ACK_HOURS.urgent} h.`,
});

@ObjectType({ description: 'A community summoning a department to a petition (社区吹哨、部门报到); the department reports (acknowledges) within a limit.' })
export class Whistle implements WhistleView {
  @Field(() => ID) id!: string;
  @Field(() => ID) petitionId!: string;
  @Field({ description: 'The community that blew it.' }) community!: string;
  @Field(() => ID) departmentId!: string;
  @Field() departmentName!: string;
  @Field(() => WhistleUrgencyEnum) urgency!: WhistleUrgency;
  @Field() reason!: string;
  @Field() blownAt!: string;
  @Field(() => ID, { description: 'The account that blew it.' }) blownBy!: string;
  @Field({ description: 'When the department must have reported.' }) ackDeadline!: string;
  @Field(() => String, { nullable: true }) acknowledgedAt!: string | null;
  @Field(() => ID, { nullable: true }) acknowledgedBy!: string | null;
  @Field({ description: 'Reported after the deadline, or not yet and the deadline has passed.' }) late!: boolean;
}

@InputType()
export class BlowWhistleInput {
  @Field(() => ID, { description: 'A petition at grid or community level, assigned, accepted or in progress.' }) petitionId!: string;
  @Field(() => ID, { description: 'A department of its county (see departments).' }) departmentId!: string;
  @Field(() => WhistleUrgencyEnum, { nullable: true, description: 'Default normal.' }) urgency?: WhistleUrgency | null;
  @Field({ description: '1–500 characters; the department and the timeline see it.' }) reason!: string;
}

@InputType()
export class AcknowledgeWhistleInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'At most 500 characters; kept in the petition’s timeline.' }) note?: string | null;
}
