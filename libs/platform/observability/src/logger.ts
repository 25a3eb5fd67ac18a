import { pino, type Logger } from 'pino';
import type { LoggerService } from '@nestjs/common';
import { currentCorrelationId } from './context.js';
import { currentTraceIds } from './tracing.js';

/** JSON logs on stdout; every line carries the correlation id of the action it belongs to (and, while tracing, its trace and span ids). */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const correlationId = currentCorrelationId();
      const ids = currentTraceIds();
      if (ids) return correlationId ? { correlationId, traceId: ids.traceId, spanId: ids.spanId } : { traceId: ids.traceId, spanId: ids.spanId };
      return correlationId ? { correlationId } : {};
    },
    redact: { paths: ['*.password', '*.phone', '*.idCardNumber', '*.refreshToken', '*.accessToken'], censor: '[redacted]' },
    serializers: { err: serializeError },
  });
}

/**
 * Errors as log fields. A database driver error's message and detail quote the statement and the
 * offending values (`Key (id_card_idx)=(…) already exists`): they may hold personal data, so only
 * the SQL state, constraint, table and column are kept.
 */
export function serializeError(err: unknown): unknown {
  if (err && typeof err === 'object' && 'sqlState' in err) {
    const e = err as { constructor: { name: string }; code?: string; constraint?: string; table?: string; column?: string; sqlMessage?: string };
    return { type: e.constructor.name, code: e.code, constraint: e.constraint, table: e.table, column: e.column, message: 'database error (statement and values withheld)' };
  }
  return pino.stdSerializers.err(err as Error);
}

/** Lets Nest's own messages go through pino too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
