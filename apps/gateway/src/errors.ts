import { AppError, ERROR_CODES, logLevelOf, type ErrorCode } from '@gov/kernel';
import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter, type HttpAdapterHost } from '@nestjs/core';
import { GqlArgumentsHost, type GqlContextType } from '@nestjs/graphql';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/**
 * The one place where service errors become GraphQL errors. Clients branch on
 * `extensions.code` (and `reason`); messages are for people; stack traces never leave.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof AppError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: original.code, ...(original.reason ? { reason: original.reason } : {}), ...(original.fields ? { fields: original.fields } : {}), ...retryAfter(original.fields) },
    };
  }
  const code = formatted.extensions?.code as string | undefined;
  const reason = typeof formatted.extensions?.reason === 'string' ? { reason: formatted.extensions.reason } : {};
  // Our own GraphQLErrors (the gateway's limits) carry a code of ours and a reason.
  if (code && (ERROR_CODES as readonly string[]).includes(code)) return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { code, ...reason } };
  // Apollo's own codes for malformed queries and arguments.
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_USER_INPUT' || code === 'BAD_REQUEST') {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'VALIDATION' satisfies ErrorCode, ...reason } };
  }
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL' satisfies ErrorCode } };
}

/** `fields: [{ path: 'retryAfterSeconds', message: '540' }]` (a throttled sign-in) also as `extensions.retryAfterSeconds: 540`. */
function retryAfter(fields: AppError['fields']): { retryAfterSeconds?: number } {
  const seconds = Number(fields?.find((f) => f.path === 'retryAfterSeconds')?.message);
  return Number.isInteger(seconds) && seconds > 0 ? { retryAfterSeconds: seconds } : {};
}

/** A refusal of the gateway's own (limits); `httpStatus` when it stops the whole operation before execution. */
export function validationError(message: string, reason: string, httpStatus?: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'VALIDATION', reason, ...(httpStatus ? { http: { status: httpStatus } } : {}) } });
}

/**
 * Replaces Nest's default for resolvers, which logs every thrown error — a wrong password, a
 * refused region — as an unhandled exception at error level. AppErrors are logged at
 * info/warn with their code and reason; anything else is a fault, logged at error in full. The
 * error is handed back unchanged: GraphQL reports it and formatError shapes it. Other contexts
 * (the health and metrics routes) keep Nest's own handling.
 */
@Catch()
export class ResolverErrorFilter extends BaseExceptionFilter {
  constructor(
    private readonly logger: Logger,
    adapterHost: HttpAdapterHost,
  ) {
    super(adapterHost.httpAdapter);
  }

  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() !== 'graphql') return super.catch(exception, host);
    const info = GqlArgumentsHost.create(host).getInfo<{ parentType?: { name: string }; fieldName?: string } | undefined>();
    const field = info?.fieldName ? `${info.parentType?.name ?? '?'}.${info.fieldName}` : undefined;
    if (exception instanceof AppError) {
      this.logger[logLevelOf(exception.code)]({ code: exception.code, reason: exception.reason, field }, exception.message);
    } else {
      this.logger.error({ err: exception, field }, 'resolver failed');
    }
    return exception instanceof Error ? exception : new Error(String(exception));
  }
}
