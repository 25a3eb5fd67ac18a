import { GetManyInput, type Actor } from '@gov/kernel';
import {
  ArchiveRegionInput,
  CreateRegionInput,
  GetRegionInput,
  GridsRpc,
  MoveRegionInput,
  RegionByPathInput,
  RegionChildrenInput,
  SubtreeCountInput,
  UpdateRegionInput,
} from '@gov/grids-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { RegionService } from './region.service.js';

@Controller()
export class RegionController {
  constructor(private readonly regions: RegionService) {}

  @MessagePattern(GridsRpc.regionCreate)
  create(@CurrentActor() actor: Actor | null, @Input(CreateRegionInput) input: z.output<typeof CreateRegionInput>) {
    return this.regions.create(actor, input);
  }

  @MessagePattern(GridsRpc.regionGet)
  get(@CurrentActor() actor: Actor | null, @Input(GetRegionInput) input: z.output<typeof GetRegionInput>) {
    return this.regions.get(actor, input);
  }

  @MessagePattern(GridsRpc.regionByPath)
  byPath(@CurrentActor() actor: Actor | null, @Input(RegionByPathInput) input: z.output<typeof RegionByPathInput>) {
    return this.regions.byPath(actor, input);
  }

  @MessagePattern(GridsRpc.regionGetMany)
  getMany(@CurrentActor() actor: Actor | null, @Input(GetManyInput) input: GetManyInput) {
    return this.regions.getMany(actor, input);
  }

  @MessagePattern(GridsRpc.regionChildren)
  children(@CurrentActor() actor: Actor | null, @Input(RegionChildrenInput) input: z.output<typeof RegionChildrenInput>) {
    return this.regions.children(actor, input);
  }

  @MessagePattern(GridsRpc.regionUpdate)
  update(@CurrentActor() actor: Actor | null, @Input(UpdateRegionInput) input: z.output<typeof UpdateRegionInput>) {
    return this.regions.update(actor, input);
  }

  @MessagePattern(GridsRpc.regionMove)
  move(@CurrentActor() actor: Actor | null, @Input(MoveRegionInput) input: z.output<typeof MoveRegionInput>) {
    return this.regions.move(actor, input);
  }

  @MessagePattern(GridsRpc.regionArchive)
  archive(@CurrentActor() actor: Actor | null, @Input(ArchiveRegionInput) input: z.output<typeof ArchiveRegionInput>) {
    return this.regions.archive(actor, input);
  }

  @MessagePattern(GridsRpc.regionSubtreeCount)
  subtreeCount(@CurrentActor() actor: Actor | null, @Input(SubtreeCountInput) input: z.output<typeof SubtreeCountInput>) {
    return this.regions.subtreeCount(actor, input);
  }
}
