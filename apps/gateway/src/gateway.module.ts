import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { GridsGraphqlModule } from '@gov/grids-graphql';
import { IdentityGraphqlModule } from '@gov/identity-graphql';
import { TasksGraphqlModule } from '@gov/tasks-graphql';
import { PetitionsGraphqlModule } from '@gov/petitions-graphql';
import { MediationGraphqlModule } from '@gov/mediation-graphql';
import type { JwtVerifier } from '@gov/platform-auth';
import type { RpcClient } from '@gov/platform-messaging';
import { ObservabilityModule, type Metrics, type ReadinessCheck } from '@gov/platform-observability';
import type { Request } from 'express';
import type { GatewayConfig } from './config.js';
import { buildContext } from './context.js';
import { formatError } from './errors.js';
import { depthLimit, operationLimits } from './limits.js';
import { TilesModule } from './tiles.controller.js';

export interface GatewayDeps {
  config: GatewayConfig;
  rpc: RpcClient;
  verifier: JwtVerifier;
  metrics: Metrics;
  readiness: Record<string, ReadinessCheck>;
}

@Module({})
export class GatewayModule {
  static forRoot(deps: GatewayDeps): DynamicModule {
    const production = deps.config.NODE_ENV === 'production';
    return {
      module: GatewayModule,
      imports: [
        ObservabilityModule.forRoot(deps.metrics, deps.readiness),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          graphiql: !production,
          introspection: !production,
          includeStacktraceInErrorResponses: false,
          allowBatchedHttpRequests: true,
          validationRules: [depthLimit(deps.config.GRAPHQL_MAX_DEPTH)],
          // Cost and mutation count need the variables' values, which validation rules never see.
          plugins: [operationLimits({ maxCost: deps.config.GRAPHQL_MAX_COST, maxMutations: deps.config.GRAPHQL_MAX_MUTATIONS })],
          formatError,
          context: ({ req }: { req: Request }) => buildContext(req, deps.rpc, deps.verifier),
        }),
        // One line per service: each brings its own types, resolvers and loader keys.
        IdentityGraphqlModule,
        GridsGraphqlModule,
        TasksGraphqlModule,
        PetitionsGraphqlModule,
        MediationGraphqlModule,
        TilesModule.forRoot(deps),
      ],
    };
  }
}
