import type { Actor } from '@gov/kernel';
import { ConfirmMicroWishInput, MicroWishStatsInput, MicroWishesInput, PostMicroWishInput, TasksRpc } from '@gov/tasks-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { MicroWishService } from './micro-wish.service.js';

@Controller()
export class MicroWishController {
  constructor(private readonly wishes: MicroWishService) {}

  @MessagePattern(TasksRpc.microWishPost)
  post(@CurrentActor() actor: Actor | null, @Input(PostMicroWishInput) input: z.output<typeof PostMicroWishInput>) {
    return this.wishes.post(actor, input);
  }

  @MessagePattern(TasksRpc.microWishes)
  board(@CurrentActor() actor: Actor | null, @Input(MicroWishesInput) input: z.output<typeof MicroWishesInput>) {
    return this.wishes.board(actor, input);
  }

  @MessagePattern(TasksRpc.microWishConfirm)
  confirm(@CurrentActor() actor: Actor | null, @Input(ConfirmMicroWishInput) input: z.output<typeof ConfirmMicroWishInput>) {
    return this.wishes.confirm(actor, input);
  }

  @MessagePattern(TasksRpc.microWishStats)
  stats(@CurrentActor() actor: Actor | null, @Input(MicroWishStatsInput) input: z.output<typeof MicroWishStatsInput>) {
    return this.wishes.stats(actor, input);
  }
}
