import type { Actor } from '@gov/kernel';
import { AssignStaffInput, CreateLayerGridInput, CreateLayerInput, EndStaffInput, GridsRpc, LocateInput } from '@gov/grids-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { LayerService } from './layer.service.js';

@Controller()
export class LayerController {
  constructor(private readonly layers: LayerService) {}

  @MessagePattern(GridsRpc.layerList)
  list(@CurrentActor() actor: Actor | null) {
    return this.layers.list(actor);
  }

  @MessagePattern(GridsRpc.layerCreate)
  createLayer(@CurrentActor() actor: Actor | null, @Input(CreateLayerInput) input: z.output<typeof CreateLayerInput>) {
    return this.layers.createLayer(actor, input);
  }

  @MessagePattern(GridsRpc.layerGridCreate)
  createLayerGrid(@CurrentActor() actor: Actor | null, @Input(CreateLayerGridInput) input: z.output<typeof CreateLayerGridInput>) {
    return this.layers.createLayerGrid(actor, input);
  }

  @MessagePattern(GridsRpc.staffAssign)
  assignStaff(@CurrentActor() actor: Actor | null, @Input(AssignStaffInput) input: z.output<typeof AssignStaffInput>) {
    return this.layers.assignStaff(actor, input);
  }

  @MessagePattern(GridsRpc.staffEnd)
  endStaff(@CurrentActor() actor: Actor | null, @Input(EndStaffInput) input: z.output<typeof EndStaffInput>) {
    return this.layers.endStaff(actor, input);
  }

  @MessagePattern(GridsRpc.locate)
  locate(@CurrentActor() actor: Actor | null, @Input(LocateInput) input: z.output<typeof LocateInput>) {
    return this.layers.locate(actor, input);
  }
}
