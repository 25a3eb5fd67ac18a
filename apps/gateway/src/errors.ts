import { AppError, ERROR_CODES, type ErrorCode } from '@gov/kernel';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

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
      extensions: { code: original.code, ...(original.reason ? { reason: original.reason } : {}), ...(original.fields ? { fields: original.fields } : {}) },
    };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && (ERROR_CODES as readonly string[]).includes(code)) return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { code } };
  // Apollo's own codes for malformed queries and arguments.
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_USER_INPUT' || code === 'BAD_REQUEST') {
    const reason = formatted.extensions?.reason;
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'VALIDATION' satisfies ErrorCode, ...(typeof reason === 'string' ? { reason } : {}) } };
  }
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL' satisfies ErrorCode } };
}

export function validationError(message: string, reason: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'VALIDATION', reason } });
}
