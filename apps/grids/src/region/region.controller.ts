import { GetManyInput, type Actor } from '@gov/kernel';
import { CreateRegionInput, GetRegionInput, GridsRpc } from '@gov/grids-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { RegionService } from './region.service.js';

@Controller()
export class RegionController {
  constructor(private readonly regionService: RegionService) {}

  @MessagePattern(GridsRpc.regionCreate)
  create(@CurrentActor() actor: Actor | null, @Input(CreateRegionInput) input: z.output<typeof CreateRegionInput>) {
    return this.regionService.create(actor, input);
  }

  @MessagePattern(GridsRpc.regionGet)
  get(@CurrentActor() actor: Actor | null, @Input(GetRegionInput) input: z.output<typeof GetRegionInput>) {
    return this.regionService.get(actor, input);
  }

  @MessagePattern(GridsRpc.regionGetMany)
  getMany(@CurrentActor() actor: Actor | null, @Input(GetManyInput) input: GetManyInput) {
    return this.regionService.getMany(actor, input);
  }
}
