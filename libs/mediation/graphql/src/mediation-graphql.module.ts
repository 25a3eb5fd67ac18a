import { Module } from '@nestjs/common';
import { AgreementResolver } from './agreement.resolver.js';
import { CaseDetailsResolver } from './case-details.resolver.js';
import { CaseResolver } from './case.resolver.js';
import { MeetingResolver } from './meeting.resolver.js';
import { OrganisationResolver } from './organisation.resolver.js';
import { SessionResolver } from './session.resolver.js';
import { MediationStatsResolver } from './stats.resolver.js';

/**
 * Mediation's part of the gateway schema. Resolvers only translate GraphQL to mediation's
 * subjects: every rule lives in the service. Needs the gateway's GraphQLModule and its
 * per-request GqlContext (@gov/platform-graphql).
 */
@Module({ providers: [OrganisationResolver, CaseResolver, CaseDetailsResolver, SessionResolver, AgreementResolver, MeetingResolver, MediationStatsResolver] })
export class MediationGraphqlModule {}
