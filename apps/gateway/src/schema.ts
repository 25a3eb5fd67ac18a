import 'reflect-metadata';
import { parseConfig } from '@gov/platform-config';
import { Metrics } from '@gov/platform-observability';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { gatewayConfigSchema } from './config.js';
import { GatewayModule, type GatewayDeps } from './gateway.module.js';

/**
 * The SDL county frontends generate their clients from. Built from the resolvers alone:
 * no NATS and no identity service are needed to print it, so nothing is called.
 */
export async function printGatewaySchema(): Promise<string> {
  const deps: GatewayDeps = {
    config: parseConfig(gatewayConfigSchema, { NODE_ENV: 'test' }),
    rpc: undefined as never,
    verifier: undefined as never,
    metrics: new Metrics('gateway-schema', false),
    readiness: {},
  };
  const app = await NestFactory.create(GatewayModule.forRoot(deps), { logger: false });
  await app.init();
  const sdl = printSchema(app.get(GraphQLSchemaHost).schema);
  await app.close();
  return `# Generated from apps/gateway/src by \`npm run schema:generate\`; do not edit.\n\n${sdl}\n`;
}
