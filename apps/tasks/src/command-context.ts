import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TasksAppModule } from './app.module.js';

/**
 * Tasks's modules for a one-off command (the demo seed): no NATS responder, no HTTP port, no
 * outbox relay — the command calls `OutboxRelay.drain()` for what it wrote.
 */
export function openCommandContext(): Promise<INestApplicationContext> {
  process.env.OUTBOX_RELAY = 'off';
  return NestFactory.createApplicationContext(TasksAppModule, { logger: false, abortOnError: false });
}
