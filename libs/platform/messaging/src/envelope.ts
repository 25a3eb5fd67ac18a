import { AppError, type ErrorEnvelope } from '@gov/kernel';

/** What travels back on every reply: data, or one coded error. */
export type RpcReply = { ok: true; data: unknown } | { ok: false; error: ErrorEnvelope };

/** Largest request body a service accepts; larger ones are refused before parsing. */
export const MAX_RPC_PAYLOAD_BYTES = 256 * 1024;

const INTERNAL_ERROR: ErrorEnvelope = { code: 'INTERNAL', message: 'internal error' };

/**
 * The envelope for an error that reached the transport. Handler errors arrive here already as
 * AppErrors (the services' exception filter); anything else is internal and its text stays here.
 */
export function toErrorEnvelope(err: unknown): ErrorEnvelope {
  if (err instanceof AppError) return err.toEnvelope();
  if (err instanceof SyntaxError) return { code: 'VALIDATION', message: 'request body is not JSON' };
  return INTERNAL_ERROR;
}
