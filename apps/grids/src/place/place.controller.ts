import type { Actor } from '@gov/kernel';
import { CreatePlaceInput, GridsRpc, ListPlacesInput } from '@gov/grids-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { PlaceService } from './place.service.js';

@Controller()
export class PlaceController {
  constructor(private readonly places: PlaceService) {}

  @MessagePattern(GridsRpc.placeCreate)
  create(@CurrentActor() actor: Actor | null, @Input(CreatePlaceInput) input: z.output<typeof CreatePlaceInput>) {
    return this.places.create(actor, input);
  }

  @MessagePattern(GridsRpc.placeList)
  list(@CurrentActor() actor: Actor | null, @Input(ListPlacesInput) input: z.output<typeof ListPlacesInput>) {
    return this.places.list(actor, input);
  }
}
