import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IdentityAppModule } from './app.module.js';

/**
 * Identity's modules for a one-off command (seed, create-admin, the bench's first admin): no NATS
 * responder joins the queue group, no HTTP port opens, and the outbox relay does not run — the
 * command calls `OutboxRelay.drain()` for what it wrote. Configuration comes from process.env.
 */
export function openCommandContext(): Promise<INestApplicationContext> {
  process.env.OUTBOX_RELAY = 'off';
  return NestFactory.createApplicationContext(IdentityAppModule, { logger: false, abortOnError: false });
}
