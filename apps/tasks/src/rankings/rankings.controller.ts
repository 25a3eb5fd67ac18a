import type { Actor } from '@gov/kernel';
import {
  ConfigureHonoursInput,
  ExcellentStewardsInput,
  MyRankInput,
  RankingsInput,
  StewardStarsInput,
  TasksRpc,
  UnitRankingsInput,
  UnitTiersInput,
} from '@gov/tasks-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { HonoursService } from './honours.service.js';
import { RankingsService } from './rankings.service.js';

@Controller()
export class RankingsController {
  constructor(
    private readonly rankings: RankingsService,
    private readonly honours: HonoursService,
  ) {}

  @MessagePattern(TasksRpc.rankings)
  list(@CurrentActor() actor: Actor | null, @Input(RankingsInput) input: z.output<typeof RankingsInput>) {
    return this.rankings.list(actor, input);
  }

  @MessagePattern(TasksRpc.myRank)
  mine(@CurrentActor() actor: Actor | null, @Input(MyRankInput) input: z.output<typeof MyRankInput>) {
    return this.rankings.mine(actor, input);
  }

  @MessagePattern(TasksRpc.unitRankings)
  units(@CurrentActor() actor: Actor | null, @Input(UnitRankingsInput) input: z.output<typeof UnitRankingsInput>) {
    return this.rankings.units(actor, input);
  }

  @MessagePattern(TasksRpc.stewardStars)
  stars(@CurrentActor() actor: Actor | null, @Input(StewardStarsInput) input: z.output<typeof StewardStarsInput>) {
    return this.honours.stars(actor, input);
  }

  @MessagePattern(TasksRpc.excellentStewards)
  excellent(@CurrentActor() actor: Actor | null, @Input(ExcellentStewardsInput) input: z.output<typeof ExcellentStewardsInput>) {
    return this.honours.excellent(actor, input);
  }

  @MessagePattern(TasksRpc.unitTiers)
  unitTiers(@CurrentActor() actor: Actor | null, @Input(UnitTiersInput) input: z.output<typeof UnitTiersInput>) {
    return this.honours.unitTiers(actor, input);
  }

  @MessagePattern(TasksRpc.honourConfigSet)
  configure(@CurrentActor() actor: Actor | null, @Input(ConfigureHonoursInput) input: z.output<typeof ConfigureHonoursInput>) {
    return this.honours.configure(actor, input);
  }
}
