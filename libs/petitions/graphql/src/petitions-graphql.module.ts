import { Module } from '@nestjs/common';
import { CategoryResolver } from './category.resolver.js';
import { Open311Resolver } from './open311.resolver.js';
import { PetitionResolver } from './petition.resolver.js';
import { PetitionSubscriptions } from './petition.subscriptions.js';
import { ProposalResolver } from './proposal.resolver.js';
import { StatsResolver } from './stats.resolver.js';
import { WhistleResolver } from './whistle.resolver.js';

/**
 * Petitions's part of the gateway schema. Resolvers only translate GraphQL to petitions's
 * subjects: every rule lives in the service. Needs the gateway's GraphQLModule and its
 * per-request GqlContext (@gov/platform-graphql).
 */
@Module({ providers: [PetitionResolver, WhistleResolver, CategoryResolver, Open311Resolver, ProposalResolver, StatsResolver, PetitionSubscriptions] })
export class PetitionsGraphqlModule {}
