import { Module } from '@nestjs/common';
import { CategoryResolver } from './category.resolver.js';
import { PetitionResolver } from './petition.resolver.js';
import { WhistleResolver } from './whistle.resolver.js';

/**
 * Petitions's part of the gateway schema. Resolvers only translate GraphQL to petitions's
 * subjects: every rule lives in the service. Needs the gateway's GraphQLModule and its
 * per-request GqlContext (@gov/platform-graphql).
 */
@Module({ providers: [PetitionResolver, WhistleResolver, CategoryResolver] })
export class PetitionsGraphqlModule {}
