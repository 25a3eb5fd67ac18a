import { Module } from '@nestjs/common';
import { AccessResolver } from './access.resolver.js';
import { AuditResolver } from './audit.resolver.js';
import { PersonResolver } from './person.resolver.js';
import { RoleResolver } from './role.resolver.js';
import { StewardResolver } from './steward.resolver.js';
import { UnitResolver } from './unit.resolver.js';

/**
 * Identity's part of the gateway schema. Resolvers only translate GraphQL to identity's
 * subjects: every rule lives in the service. Needs the gateway's GraphQLModule and its
 * per-request GqlContext (@gov/platform-graphql).
 */
@Module({ providers: [AccessResolver, UnitResolver, PersonResolver, StewardResolver, RoleResolver, AuditResolver] })
export class IdentityGraphqlModule {}
