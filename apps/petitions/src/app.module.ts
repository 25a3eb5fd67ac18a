import { petitionsEntities, petitionsMigrations } from '@gov/petitions-data-access';
import { PlatformModule } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import { CategoryModule } from './category/category.module.js';
import { DirectoryModule } from './directory/directory.module.js';
import { PetitionModule } from './petition/petition.module.js';
import { petitionsConfigSchema } from './config.js';

/** The petitions service. */
@Module({
  imports: [
    PlatformModule.forService({ name: 'petitions', config: petitionsConfigSchema, entities: petitionsEntities, migrations: petitionsMigrations }),
    DirectoryModule,
    CategoryModule,
    PetitionModule,
  ],
})
export class PetitionsAppModule {}
