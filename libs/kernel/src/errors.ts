/**
 * One error vocabulary for every service and the gateway. A service throws AppError; the
 * messaging layer carries it across NATS as an ErrorEnvelope; the gateway maps the code to a
 * GraphQL error in one place (apps/gateway/src/errors.ts).
 */
export const ERROR_CODES = ['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'VALIDATION', 'CONFLICT', 'UNAVAILABLE', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  /** A finer reason a client may branch on, e.g. TOKEN_EXPIRED or REFRESH_TOKEN_REUSED. */
  reason?: string;
  /** Per-field problems for VALIDATION. */
  fields?: { path: string; message: string }[];
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: string,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toEnvelope(): ErrorEnvelope {
    const env: ErrorEnvelope = { code: this.code, message: this.message };
    if (this.reason) env.reason = this.reason;
    if (this.fields) env.fields = this.fields;
    return env;
  }

  static fromEnvelope(env: ErrorEnvelope): AppError {
    const code = (ERROR_CODES as readonly string[]).includes(env.code) ? env.code : 'INTERNAL';
    return new AppError(code, env.message, env.reason, env.fields);
  }
}

export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id} not found`);
/**
 * A region path nobody may see, or none exists at: the message never repeats the path, so
 * another county's street and community names stay out of answers and logs alike.
 */
export const pathNotFound = (what: 'region' | 'community' | 'county' = 'region') => new AppError('NOT_FOUND', `no ${what} at that path`);
export const forbidden = (message = 'not allowed for this region') => new AppError('FORBIDDEN', message);
export const conflict = (message: string, reason?: string) => new AppError('CONFLICT', message, reason);
export const unauthenticated = (message: string, reason?: string) => new AppError('UNAUTHENTICATED', message, reason);

export function requireFound<T>(value: T | null | undefined, what: string, id: string): T {
  if (value === null || value === undefined) throw notFound(what, id);
  return value;
}

/**
 * How loudly an error is logged: answers given on purpose (refusals, bad input, missing objects)
 * are part of normal operation; a refusal of a caller's region and trouble with a dependency are
 * worth a look (warn); only INTERNAL is a fault someone must look at.
 */
export function logLevelOf(code: ErrorCode): 'info' | 'warn' | 'error' {
  if (code === 'INTERNAL') return 'error';
  if (code === 'FORBIDDEN' || code === 'UNAVAILABLE') return 'warn';
  return 'info';
}
