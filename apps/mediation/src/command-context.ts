import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MediationAppModule } from './app.module.js';

/** The longest sweep interval the configuration accepts: a one-off command leaves the clocks to the running service. */
const COMMAND_CLOCK_SWEEP_MS = '3600000';

/**
 * Mediation's modules for a one-off command (the demo seed): no NATS responder, no HTTP port, no
 * outbox relay — the command calls `OutboxRelay.drain()` for what it wrote — and no clock sweep
 * of its own while it runs.
 */
export function openCommandContext(): Promise<INestApplicationContext> {
  process.env.OUTBOX_RELAY = 'off';
  process.env.CLOCK_SWEEP_MS = COMMAND_CLOCK_SWEEP_MS;
  return NestFactory.createApplicationContext(MediationAppModule, { logger: false, abortOnError: false });
}
