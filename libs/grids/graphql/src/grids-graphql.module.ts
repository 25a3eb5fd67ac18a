import { Module } from '@nestjs/common';
import { HouseholdResolver } from './household.resolver.js';
import { LayerResolver } from './layer.resolver.js';
import { PartyResolver } from './party.resolver.js';
import { PlaceResolver } from './place.resolver.js';
import { QrResolver } from './qr.resolver.js';
import { RegionResolver } from './region.resolver.js';
import { TerritoryIoResolver } from './territory-io.resolver.js';

/**
 * Grids's part of the gateway schema. Resolvers only translate GraphQL to grids's
 * subjects: every rule lives in the service. Needs the gateway's GraphQLModule and its
 * per-request GqlContext (@gov/platform-graphql).
 */
@Module({ providers: [RegionResolver, LayerResolver, HouseholdResolver, PartyResolver, PlaceResolver, QrResolver, TerritoryIoResolver] })
export class GridsGraphqlModule {}
