import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { GridsGraphqlModule } from '@gov/grids-graphql';
import { IdentityGraphqlModule } from '@gov/identity-graphql';
import { TasksGraphqlModule } from '@gov/tasks-graphql';
import { PetitionsGraphqlModule } from '@gov/petitions-graphql';
import { MediationGraphqlModule } from '@gov/mediation-graphql';
import { IntegrationsGraphqlModule } from '@gov/integrations-graphql';
import type { JwtVerifier } from '@gov/platform-auth';
import type { RpcClient } from '@gov/platform-messaging';
import { ObservabilityModule, type Metrics, type ReadinessCheck } from '@gov/platform-observability';
import type { Request } from 'express';
import type { GatewayConfig } from './config.js';
import { buildContext } from './context.js';
import { formatError } from './errors.js';
import { GraphiqlModule } from './graphiql.js';
import { depthLimit, operationLimits } from './limits.js';
import type { LiveServer } from './subscriptions/live-server.js';
import { TilesModule } from './tiles.controller.js';

export interface GatewayDeps {
  config: GatewayConfig;
  rpc: RpcClient;
  verifier: JwtVerifier;
  metrics: Metrics;
  readiness: Record<string, ReadinessCheck>;
  /** GraphQL subscriptions over graphql-ws on the same path; without it (printing the schema) none are served. */
  live?: LiveServer;
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
          // Apollo's landing page and @nestjs/apollo's GraphiQL load React and GraphiQL from a CDN: off.
          // GraphiqlModule serves GraphiQL from the project's own packages at /graphiql instead (never in production).
          graphiql: false,
          introspection: !production,
          includeStacktraceInErrorResponses: false,
          allowBatchedHttpRequests: true,
          validationRules: [depthLimit(deps.config.GRAPHQL_MAX_DEPTH)],
          // Cost and mutation count need the variables' values, which validation rules never see.
          // Apollo installs its cache-control plugin unless told not to: a hook on every resolved field
          // computing HTTP cache hints that no answer here may carry (every answer is per caller).
          plugins: [operationLimits({ maxCost: deps.config.GRAPHQL_MAX_COST, maxMutations: deps.config.GRAPHQL_MAX_MUTATIONS }), ApolloServerPluginCacheControlDisabled()],
          formatError,
          context: ({ req }: { req: Request }) => buildContext(req, deps.rpc, deps.verifier),
          // Subscriptions: graphql-ws on /graphql, with its own context (the connection's actor) and the same limits.
          ...(deps.live ? { subscriptions: { 'graphql-ws': deps.live.wsOptions() } } : {}),
        }),
        // One line per service: each brings its own types, resolvers and loader keys.
        IdentityGraphqlModule,
        GridsGraphqlModule,
        TasksGraphqlModule,
        PetitionsGraphqlModule,
        MediationGraphqlModule,
        IntegrationsGraphqlModule,
        TilesModule.forRoot(deps),
        GraphiqlModule.forRoot(!production),
      ],
    };
  }
}
