import { Module } from '@nestjs/common';
import { MediationCaseResolver } from './mediation-case.resolver.js';

/**
 * Mediation's part of the gateway schema. Resolvers only translate GraphQL to mediation's
 * subjects: every rule lives in the service. Needs the gateway's GraphQLModule and its
 * per-request GqlContext (@gov/platform-graphql).
 */
@Module({ providers: [MediationCaseResolver] })
export class MediationGraphqlModule {}
