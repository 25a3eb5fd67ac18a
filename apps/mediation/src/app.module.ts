import { mediationEntities, mediationMigrations } from '@gov/mediation-data-access';
import { PlatformModule } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import { MediationCaseModule } from './mediation-case/mediation-case.module.js';
import { mediationConfigSchema } from './config.js';

/** The mediation service. */
@Module({
  imports: [
    PlatformModule.forService({ name: 'mediation', config: mediationConfigSchema, entities: mediationEntities, migrations: mediationMigrations }),
    MediationCaseModule,
  ],
})
export class MediationAppModule {}
