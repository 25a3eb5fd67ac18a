import { identityEntities, identityMigrations } from '@gov/identity-data-access';
import { PlatformModule } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import { AccessModule } from './access/access.module.js';
import { AuditModule } from './audit/audit.module.js';
import { identityConfigSchema } from './config.js';
import { PersonModule } from './person/person.module.js';
import { RegionModule } from './region/region.module.js';
import { RoleModule } from './role/role.module.js';
import { SeedModule } from './seed/seed.module.js';
import { StewardModule } from './steward/steward.module.js';
import { UnitModule } from './unit/unit.module.js';

/** The identity service: persons, units, stewards, roles, login and the audit log (and grids' region tree, read from its events). */
@Module({
  imports: [
    PlatformModule.forService({ name: 'identity', config: identityConfigSchema, entities: identityEntities, migrations: identityMigrations }),
    AccessModule,
    RegionModule,
    PersonModule,
    UnitModule,
    StewardModule,
    RoleModule,
    AuditModule,
    SeedModule,
  ],
})
export class IdentityAppModule {}
