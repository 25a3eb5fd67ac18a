import { AppError, idSchema, type ErrorCode } from '@gov/kernel';
import { MediationRpc, type AgreementDocumentView } from '@gov/mediation-contracts';
import type { JwtVerifier } from '@gov/platform-auth';
import type { RpcClient } from '@gov/platform-messaging';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { buildContext } from './context.js';

/**
 * A mediation agreement (人民调解协议书) to print or hand to the parties: GET
 * /agreements/<caseId>.pdf or .html serves the case's current version to whoever may read the
 * case (the `pdfUrl` of a MediationAgreement in GraphQL). The mediation service renders it; the
 * gateway only authenticates the caller, forwards them as the actor, exactly as for a petition's
 * attachment, and turns the answer into bytes.
 *
 * Refusals are JSON `{ error: { code, reason, message } }` with the HTTP status of the code, as
 * on the attachment route: 404 for a case that is missing, another county's or without an
 * agreement (NO_AGREEMENT); 503 FONT_MISSING when the PDF cannot be printed (the HTML can).
 */

export interface AgreementDeps {
  rpc: RpcClient;
  verifier: JwtVerifier;
  logger: Logger;
}

/** The types served, whatever label the service gives: the route never serves anything else. */
const CONTENT_TYPES = { pdf: 'application/pdf', html: 'text/html; charset=utf-8' } as const;
type Format = keyof typeof CONTENT_TYPES;
/** Parties' names and terms: never kept by a browser or a shared cache (a new draft replaces it, too). */
export const AGREEMENT_CACHE_CONTROL = 'private, no-store';
/**
 * The HTML is the service's own (every text in it escaped) with an inline style sheet, served from
 * the gateway's origin: it may style itself and nothing else — no script, no request, no frame of it.
 */
export const AGREEMENT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
const STATUS: Record<ErrorCode, number> = { VALIDATION: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UNAVAILABLE: 503, INTERNAL: 500 };
const HTTP_OK = 200;

export function agreementRoutes(deps: AgreementDeps): Router {
  const router = Router();
  router.get('/agreements/:file', (req, res) => download(deps, req, res));
  return router;
}

async function download(deps: AgreementDeps, req: Request, res: Response): Promise<void> {
  res.setHeader('cache-control', AGREEMENT_CACHE_CONTROL);
  res.setHeader('vary', 'authorization');
  try {
    const [, caseId = '', format] = /^(.*)\.(pdf|html)$/.exec(String(req.params.file)) ?? [];
    if (!format) throw new AppError('NOT_FOUND', 'an agreement is served as <caseId>.pdf or <caseId>.html');
    // The GraphQL context's own authentication and NATS call: the mediation service sees the
    // same signed actor it sees for a GraphQL query.
    const ctx = await buildContext(req, deps.rpc, deps.verifier);
    if (ctx.authError) throw ctx.authError;
    if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'agreements need an Authorization: Bearer <token> header', 'NO_TOKEN');
    if (!idSchema.safeParse(caseId).success) throw new AppError('VALIDATION', 'a case id must be a UUID', undefined, [{ path: 'caseId', message: 'must be an id' }]);
    const doc = await ctx.call<AgreementDocumentView>(MediationRpc.agreementDocument, { caseId, format });
    const body = format === 'pdf' ? Buffer.from(doc.content, 'base64') : Buffer.from(doc.content, 'utf8');
    res.status(HTTP_OK).set({
      'content-type': CONTENT_TYPES[format as Format],
      'content-length': String(body.length),
      'content-disposition': `inline; filename="agreement-${caseId}-v${doc.version}.${format}"`,
      'x-content-type-options': 'nosniff',
      ...(format === 'html' ? { 'content-security-policy': AGREEMENT_HTML_CSP } : {}),
    });
    res.end(body);
  } catch (err) {
    failed(deps, res, err);
  }
}

/** An AppError answers with its status; anything else is logged and answers 500 without detail. */
function failed(deps: AgreementDeps, res: Response, err: unknown): void {
  if (!(err instanceof AppError)) deps.logger.error({ err }, 'serving an agreement failed');
  else if (err.code === 'UNAVAILABLE' || err.code === 'INTERNAL') deps.logger.warn({ code: err.code, reason: err.reason }, `serving an agreement failed: ${err.message}`);
  const e = err instanceof AppError ? err : new AppError('INTERNAL', 'internal error');
  res.setHeader('cache-control', 'no-store');
  res.status(STATUS[e.code]).json({ error: { code: e.code, ...(e.reason ? { reason: e.reason } : {}), message: e.message } });
}
