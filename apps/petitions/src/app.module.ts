import { petitionsEntities, petitionsMigrations } from '@gov/petitions-data-access';
import { PlatformModule } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import { CategoryModule } from './category/category.module.js';
import { DirectoryModule } from './directory/directory.module.js';
import { LinkModule } from './link/link.module.js';
import { PetitionModule } from './petition/petition.module.js';
import { Open311Module } from './open311/open311.module.js';
import { ProposalModule } from './proposal/proposal.module.js';
import { StatsModule } from './stats/stats.module.js';
import { petitionsConfigSchema } from './config.js';

/** The petitions service. */
@Module({
  imports: [
    PlatformModule.forService({ name: 'petitions', config: petitionsConfigSchema, entities: petitionsEntities, migrations: petitionsMigrations }),
    DirectoryModule,
    CategoryModule,
    PetitionModule,
    LinkModule,
    Open311Module,
    ProposalModule,
    StatsModule,
  ],
})
export class PetitionsAppModule {}
