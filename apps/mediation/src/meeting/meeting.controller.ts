import type { Actor } from '@gov/kernel';
import {
  AddAgendaItemInput,
  CommitteeListsInput,
  GetMeetingInput,
  ListMeetingsInput,
  MediationRpc,
  RecordDecisionInput,
  RecordMinutesInput,
  ScheduleMeetingInput,
  UpsertListItemInput,
} from '@gov/mediation-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { CommitteeService } from './committee.service.js';
import { MeetingService } from './meeting.service.js';

@Controller()
export class MeetingController {
  constructor(
    private readonly meetings: MeetingService,
    private readonly committee: CommitteeService,
  ) {}

  @MessagePattern(MediationRpc.meetingSchedule)
  schedule(@CurrentActor() actor: Actor | null, @Input(ScheduleMeetingInput) input: z.output<typeof ScheduleMeetingInput>) {
    return this.meetings.schedule(actor, input);
  }

  @MessagePattern(MediationRpc.meetingGet)
  get(@CurrentActor() actor: Actor | null, @Input(GetMeetingInput) input: z.output<typeof GetMeetingInput>) {
    return this.meetings.get(actor, input);
  }

  @MessagePattern(MediationRpc.meetingList)
  list(@CurrentActor() actor: Actor | null, @Input(ListMeetingsInput) input: z.output<typeof ListMeetingsInput>) {
    return this.meetings.list(actor, input);
  }

  @MessagePattern(MediationRpc.agendaItemAdd)
  addAgendaItem(@CurrentActor() actor: Actor | null, @Input(AddAgendaItemInput) input: z.output<typeof AddAgendaItemInput>) {
    return this.meetings.addAgendaItem(actor, input);
  }

  @MessagePattern(MediationRpc.minutesRecord)
  recordMinutes(@CurrentActor() actor: Actor | null, @Input(RecordMinutesInput) input: z.output<typeof RecordMinutesInput>) {
    return this.meetings.recordMinutes(actor, input);
  }

  @MessagePattern(MediationRpc.decisionRecord)
  recordDecision(@CurrentActor() actor: Actor | null, @Input(RecordDecisionInput) input: z.output<typeof RecordDecisionInput>) {
    return this.meetings.recordDecision(actor, input);
  }

  @MessagePattern(MediationRpc.committeeLists)
  lists(@CurrentActor() actor: Actor | null, @Input(CommitteeListsInput) input: z.output<typeof CommitteeListsInput>) {
    return this.committee.lists(actor, input);
  }

  @MessagePattern(MediationRpc.committeeItemUpsert)
  upsertItem(@CurrentActor() actor: Actor | null, @Input(UpsertListItemInput) input: z.output<typeof UpsertListItemInput>) {
    return this.committee.upsert(actor, input);
  }
}
