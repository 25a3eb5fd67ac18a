import type { JwksView } from '@gov/kernel';
import 'reflect-metadata';
import { IdentityRpc } from '@gov/identity-contracts';
import { JwtVerifier, parseSigningKey } from '@gov/platform-auth';
import { actorKeys, parseConfig } from '@gov/platform-config';
import { Namespace, RpcClient, connectNats, natsReady } from '@gov/platform-messaging';
import { attachmentStoreFromConfig } from '@gov/platform-storage';
import { compactHeapBeforeServing, CORRELATION_HEADER, createLogger, flushTracing, Metrics, newCorrelationId, PinoNestLogger, runWithContext, startTracing, traceHttp } from '@gov/platform-observability';
import type { INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { agreementRoutes } from './agreements.js';
import { gatewayConfigSchema, type GatewayConfig } from './config.js';
import { ResolverErrorFilter } from './errors.js';
import { GatewayModule } from './gateway.module.js';
import { MAX_REQUEST_BODY } from './limits.js';
import { open311Routes } from './open311.js';
import { NatsLiveFeed } from './subscriptions/feed.js';
import { LiveServer } from './subscriptions/live-server.js';
import { uploadRoutes } from './uploads.js';

export interface GatewayApp {
  config: GatewayConfig;
  url: string;
  http: INestApplication;
  logger: Logger;
  close(): Promise<void>;
}

export async function startGateway(env: Record<string, string | undefined> = process.env): Promise<GatewayApp> {
  const config = parseConfig(gatewayConfigSchema, env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  // Traces start here (W3C traceparent, on to the services in NATS headers) when OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const tracing = await startTracing({ service: 'gateway' }, env);
  const attachments = attachmentStoreFromConfig(config);
  const metrics = new Metrics('gateway', config.NODE_ENV !== 'test');
  const nc = await connectNats(config.NATS_URL, 'gateway', { user: config.NATS_USER, password: config.NATS_PASSWORD });
  const actorKeyPair = actorKeys(config, 'sign');
  if (actorKeyPair.development) logger.warn('ACTOR_SIGNING_KEY is not set: signing actors with the public development key');
  // Every call made for a signed-in user carries an actor assertion the service verifies.
  const rpc = new RpcClient(nc, new Namespace(config.SUBJECT_PREFIX), { timeoutMs: config.RPC_TIMEOUT_MS, signer: parseSigningKey(actorKeyPair.signingKey) });
  const verifier = new JwtVerifier({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    fetchJwks: () => rpc.request<JwksView>(IdentityRpc.jwks, {}),
  });

  const ns = new Namespace(config.SUBJECT_PREFIX);
  // GraphQL subscriptions: one NATS subscription per aggregate followed, fanned out to the WebSocket clients.
  const live = new LiveServer({
    rpc,
    verifier,
    feed: new NatsLiveFeed(nc, ns, logger),
    logger,
    maxQueue: config.LIVE_MAX_QUEUE,
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    limits: { maxCost: config.GRAPHQL_MAX_COST, maxMutations: config.GRAPHQL_MAX_MUTATIONS },
  });
  await live.start();

  const http = await NestFactory.create(GatewayModule.forRoot({ config, rpc, verifier, metrics, readiness: { nats: () => natsReady(nc) }, live }), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  // The client's address (login throttling) is `req.ip`: X-Forwarded-For counts only when the
  // hop that sent it is a proxy on a private network (the cluster's ingress), never a client's own.
  (http.getHttpAdapter().getInstance() as express.Express).set('trust proxy', TRUSTED_PROXIES);
  // Refusals and bad input are logged at info/warn with their code, not as unhandled exceptions.
  http.useGlobalFilters(new ResolverErrorFilter(logger, http.get(HttpAdapterHost)));
  http.use(correlation);
  http.use(express.json({ limit: MAX_REQUEST_BODY }));
  http.use(batchLimit(config.GRAPHQL_MAX_BATCH));
  http.use(httpMetrics(metrics));
  http.use(uploadRoutes({ store: attachments, rpc, verifier, rateLimit: config.UPLOAD_RATE_LIMIT, logger }));
  http.use(RESIDENT_WEB_PATH, residentWeb(config.RESIDENT_WEB_DIR, logger));
  http.use(open311Routes({ rpc, logger }));
  http.use(agreementRoutes({ rpc, verifier, logger }));
  // Initialised here rather than in listen() (the GraphQL schema is built then), so that the pages
  // start-up used are given back before readiness can answer (see the function); not in test
  // suites, which start many apps in one heap.
  await http.init();
  live.useSchema(http.get(GraphQLSchemaHost).schema);
  if (config.NODE_ENV !== 'test') compactHeapBeforeServing();
  await http.listen(config.HTTP_PORT, '0.0.0.0');
  const url = (await http.getUrl()).replace('[::1]', '127.0.0.1');
  logger.info({ url: `${url}/graphql` }, 'gateway ready');
  return {
    config,
    url,
    http,
    logger,
    async close() {
      // Open WebSockets are closed with 1001 (going away): graphql-ws clients reconnect and resubscribe.
      await http.close();
      live.close();
      await nc.drain();
      if (tracing) await flushTracing();
    },
  };
}

/** Proxies whose X-Forwarded-For the gateway believes (Express `trust proxy`): loopback and private networks. */
const TRUSTED_PROXIES = 'loopback, linklocal, uniquelocal';

/** Where the resident page is served: building QR codes open `<gateway>/r/?t=<token>` (grids' QR_BASE_URL). */
const RESIDENT_WEB_PATH = '/r';
/** Its assets have content hashes in their names (app.<hash>.js): a name never changes content. */
const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
/** The page itself is revalidated on every visit: a new build reaches phones at once, an unchanged one costs a 304. */
const PAGE_CACHE = 'no-cache';
/** The page loads its own script and style only and talks to this gateway only; photo previews are blob: URLs. */
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The built resident page (apps/resident-web) as static files. */
function residentWeb(dir: string, logger: Logger) {
  if (!existsSync(path.join(dir, 'index.html'))) logger.warn({ dir }, `resident page not built (npx nx build @gov/resident-web): ${RESIDENT_WEB_PATH}/ answers 404`);
  return express.static(dir, {
    cacheControl: false, // set per file below
    setHeaders(res, file) {
      res.setHeader('x-content-type-options', 'nosniff');
      if (file.endsWith('.html')) {
        res.setHeader('cache-control', PAGE_CACHE);
        res.setHeader('content-security-policy', PAGE_CSP);
      } else res.setHeader('cache-control', HASHED_ASSET_CACHE);
    },
  });
}

/** One correlation id per HTTP request, from the caller's header or new; it follows every NATS call. */
function correlation(req: Request, res: Response, next: NextFunction) {
  const given = req.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : newCorrelationId();
  res.setHeader(CORRELATION_HEADER, id);
  runWithContext({ correlationId: id }, () => traceHttp(req, res, { 'gov.correlation_id': id }, next));
}

/** Batched requests beyond the limit are refused whole, before any operation runs. */
function batchLimit(max: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (Array.isArray(req.body) && req.body.length > max) {
      res.status(400).json({ errors: [{ message: `at most ${max} operations per request`, extensions: { code: 'VALIDATION', reason: 'TOO_MANY_OPERATIONS' } }] });
      return;
    }
    next();
  };
}

function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => end({ route: req.path === '/graphql' ? '/graphql' : 'other', status: String(res.statusCode) }));
    next();
  };
}
