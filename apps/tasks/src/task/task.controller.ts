import { GetManyInput, type Actor } from '@gov/kernel';
import {
  CancelTaskInput,
  CheckInInput,
  ClaimTaskInput,
  GetTaskInput,
  MyClaimsInput,
  PublishTaskInput,
  RateTaskInput,
  SearchTasksInput,
  SubmitTaskInput,
  TaskClaimsInput,
  TasksRpc,
  VerifyTaskInput,
} from '@gov/tasks-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { TaskService } from './task.service.js';

@Controller()
export class TaskController {
  constructor(private readonly tasks: TaskService) {}

  @MessagePattern(TasksRpc.taskPublish)
  publish(@CurrentActor() actor: Actor | null, @Input(PublishTaskInput) input: z.output<typeof PublishTaskInput>) {
    return this.tasks.publish(actor, input);
  }

  @MessagePattern(TasksRpc.taskGet)
  get(@CurrentActor() actor: Actor | null, @Input(GetTaskInput) input: z.output<typeof GetTaskInput>) {
    return this.tasks.get(actor, input);
  }

  @MessagePattern(TasksRpc.taskGetMany)
  getMany(@CurrentActor() actor: Actor | null, @Input(GetManyInput) input: GetManyInput) {
    return this.tasks.getMany(actor, input);
  }

  @MessagePattern(TasksRpc.taskSearch)
  search(@CurrentActor() actor: Actor | null, @Input(SearchTasksInput) input: z.output<typeof SearchTasksInput>) {
    return this.tasks.search(actor, input);
  }

  @MessagePattern(TasksRpc.taskCancel)
  cancel(@CurrentActor() actor: Actor | null, @Input(CancelTaskInput) input: z.output<typeof CancelTaskInput>) {
    return this.tasks.cancel(actor, input);
  }

  @MessagePattern(TasksRpc.taskClaim)
  claim(@CurrentActor() actor: Actor | null, @Input(ClaimTaskInput) input: z.output<typeof ClaimTaskInput>) {
    return this.tasks.claim(actor, input);
  }

  @MessagePattern(TasksRpc.taskWithdraw)
  withdraw(@CurrentActor() actor: Actor | null, @Input(ClaimTaskInput) input: z.output<typeof ClaimTaskInput>) {
    return this.tasks.withdraw(actor, input);
  }

  @MessagePattern(TasksRpc.taskCheckIn)
  checkIn(@CurrentActor() actor: Actor | null, @Input(CheckInInput) input: z.output<typeof CheckInInput>) {
    return this.tasks.checkIn(actor, input);
  }

  @MessagePattern(TasksRpc.taskSubmit)
  submit(@CurrentActor() actor: Actor | null, @Input(SubmitTaskInput) input: z.output<typeof SubmitTaskInput>) {
    return this.tasks.submit(actor, input);
  }

  @MessagePattern(TasksRpc.taskVerify)
  verify(@CurrentActor() actor: Actor | null, @Input(VerifyTaskInput) input: z.output<typeof VerifyTaskInput>) {
    return this.tasks.verify(actor, input);
  }

  @MessagePattern(TasksRpc.taskRate)
  rate(@CurrentActor() actor: Actor | null, @Input(RateTaskInput) input: z.output<typeof RateTaskInput>) {
    return this.tasks.rate(actor, input);
  }

  @MessagePattern(TasksRpc.taskClaims)
  claims(@CurrentActor() actor: Actor | null, @Input(TaskClaimsInput) input: z.output<typeof TaskClaimsInput>) {
    return this.tasks.claims(actor, input);
  }

  @MessagePattern(TasksRpc.myClaims)
  myClaims(@CurrentActor() actor: Actor | null, @Input(MyClaimsInput) input: z.output<typeof MyClaimsInput>) {
    return this.tasks.myClaims(actor, input);
  }
}
