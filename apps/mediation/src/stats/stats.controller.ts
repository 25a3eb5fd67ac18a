import type { Actor } from '@gov/kernel';
import { MediationRpc, MediationStatsInput } from '@gov/mediation-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { StatsService } from './stats.service.js';

@Controller()
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @MessagePattern(MediationRpc.statsGet)
  get(@CurrentActor() actor: Actor | null, @Input(MediationStatsInput) input: z.output<typeof MediationStatsInput>) {
    return this.stats.get(actor, input);
  }
}
