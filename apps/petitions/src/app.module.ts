import { petitionsEntities, petitionsMigrations } from '@gov/petitions-data-access';
import { PlatformModule } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import { PetitionModule } from './petition/petition.module.js';
import { petitionsConfigSchema } from './config.js';

/** The petitions service. */
@Module({
  imports: [
    PlatformModule.forService({ name: 'petitions', config: petitionsConfigSchema, entities: petitionsEntities, migrations: petitionsMigrations }),
    PetitionModule,
  ],
})
export class PetitionsAppModule {}
