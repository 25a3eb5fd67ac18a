import { mediationEntities, mediationMigrations } from '@gov/mediation-data-access';
import { PlatformModule } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import { AgreementModule } from './agreement/agreement.module.js';
import { AssignmentModule } from './assignment/assignment.module.js';
import { CaseModule } from './case/case.module.js';
import { ClockModule } from './clock/clock.module.js';
import { mediationConfigSchema } from './config.js';
import { DirectoryModule } from './directory/directory.module.js';
import { FollowUpModule } from './follow-up/follow-up.module.js';
import { MeetingModule } from './meeting/meeting.module.js';
import { OrganisationModule } from './organisation/organisation.module.js';
import { SessionModule } from './session/session.module.js';
import { StatsModule } from './stats/stats.module.js';

/** The mediation service. */
@Module({
  imports: [
    PlatformModule.forService({ name: 'mediation', config: mediationConfigSchema, entities: mediationEntities, migrations: mediationMigrations }),
    DirectoryModule,
    OrganisationModule,
    CaseModule,
    AssignmentModule,
    AgreementModule,
    MeetingModule,
    SessionModule,
    FollowUpModule,
    ClockModule,
    StatsModule,
  ],
})
export class MediationAppModule {}
