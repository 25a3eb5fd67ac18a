import { Open311Repository } from '@gov/petitions-data-access';
import { Module } from '@nestjs/common';
import { PetitionModule } from '../petition/petition.module.js';
import { Open311Controller } from './open311.controller.js';
import { Open311Service } from './open311.service.js';

/** The Open311 GeoReport v2 facade: integrators' API keys, and requests as petitions of the key's county. */
@Module({
  imports: [PetitionModule],
  controllers: [Open311Controller],
  providers: [Open311Service, Open311Repository],
})
export class Open311Module {}
