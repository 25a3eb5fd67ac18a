import type { Actor } from '@gov/kernel';
import { OverdueListInput, PetitionStatsInput, PetitionsRpc } from '@gov/petitions-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { StatsService } from './stats.service.js';

@Controller()
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @MessagePattern(PetitionsRpc.statsGet)
  get(@CurrentActor() actor: Actor | null, @Input(PetitionStatsInput) input: PetitionStatsInput) {
    return this.stats.get(actor, input);
  }

  @MessagePattern(PetitionsRpc.overdueList)
  overdue(@CurrentActor() actor: Actor | null, @Input(OverdueListInput) input: OverdueListInput) {
    return this.stats.overdue(actor, input);
  }
}
