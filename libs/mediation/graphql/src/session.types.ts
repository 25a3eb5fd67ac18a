import { SESSION_MODES, SESSION_STATES, type SessionMode, type SessionState, type SessionView } from '@gov/mediation-contracts';
import { enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const MediationSessionModeEnum = enumFromValues(SESSION_MODES);
registerEnumType(MediationSessionModeEnum, { name: 'MediationSessionMode', description: 'in_person (现场调解, in a mediation room) or online (线上调解, a video meeting).' });
export const MediationSessionStateEnum = enumFromValues(SESSION_STATES);
registerEnumType(MediationSessionStateEnum, { name: 'MediationSessionState', description: 'scheduled (已安排) → held (已召开) or cancelled (未召开).' });

@ObjectType({ description: 'A mediation session (调解会) of a case: scheduled, then recorded with who attended and notes.' })
export class MediationSession implements SessionView {
  @Field(() => ID) id!: string;
  @Field(() => ID) caseId!: string;
  @Field(() => Int, { description: "Its number among the case's sessions, from 1." }) seq!: number;
  @Field(() => MediationSessionModeEnum) mode!: SessionMode;
  @Field() startsAt!: string;
  @Field(() => String, { nullable: true, description: 'In person: the room, e.g. 龙泉街道调解室.' }) place!: string | null;
  @Field(() => String, { nullable: true, description: 'Online: the video meeting link.' }) meetingLink!: string | null;
  @Field(() => MediationSessionStateEnum) state!: SessionState;
  @Field(() => [ID], { description: 'Parties present (ids of the case’s parties).' }) attendedPartyIds!: string[];
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => String, { nullable: true }) recordedAt!: string | null;
  @Field(() => ID, { nullable: true, description: 'The account that recorded it.' }) recordedBy!: string | null;
}

@InputType()
export class ScheduleSessionInput {
  @Field(() => ID) caseId!: string;
  @Field(() => MediationSessionModeEnum) mode!: SessionMode;
  @Field({ description: 'An ISO 8601 instant with its offset, e.g. 2026-12-03T09:30:00+08:00; not in the past.' }) startsAt!: string;
  @Field(() => String, { nullable: true, description: 'In person: the room (at most 120 characters).' }) place?: string | null;
  @Field(() => String, { nullable: true, description: 'Online (required there): an https video meeting link.' }) meetingLink?: string | null;
}

@InputType()
export class RecordSessionInput {
  @Field(() => ID) sessionId!: string;
  @Field(() => Boolean, { nullable: true, description: 'Default true; false: the session did not take place (cancelled).' }) held?: boolean | null;
  @Field(() => [ID], { nullable: true, description: 'Ids of the parties present (at most 10).' }) attendedPartyIds?: string[] | null;
  @Field({ description: '1–4000 characters.' }) notes!: string;
}
